/**
 * The scope each emulated admin operation needs (developer.webex.com, the API reference of each
 * operation: Wholesale customers and subscribers, Locations,
 * telephony, people and roles). A token an integration holds may do
 * only what it was granted; an operation not listed here needs no admin scope.
 */
const OPERATION_SCOPES: Readonly<Record<string, string>> = {
  'GET /wholesale/customers': 'spark-admin:wholesale_customers_read',
  'GET /wholesale/customers/{customerId}': 'spark-admin:wholesale_customers_read',
  'POST /wholesale/customers/validate': 'spark-admin:wholesale_customers_write',
  'POST /wholesale/customers': 'spark-admin:wholesale_customers_write',
  'PUT /wholesale/customers/{customerId}': 'spark-admin:wholesale_customers_write',
  'DELETE /wholesale/customers/{customerId}': 'spark-admin:wholesale_customers_write',
  'GET /wholesale/subscribers': 'spark-admin:wholesale_subscribers_read',
  'GET /wholesale/subscribers/{subscriberId}': 'spark-admin:wholesale_subscribers_read',
  'POST /wholesale/subscribers/validate': 'spark-admin:wholesale_subscribers_write',
  'POST /wholesale/subscribers': 'spark-admin:wholesale_subscribers_write',
  'POST /subscribers/{subscriberId}/emails/consentMove': 'spark-admin:wholesale_subscribers_write',
  'PUT /wholesale/subscribers/{subscriberId}': 'spark-admin:wholesale_subscribers_write',
  'DELETE /wholesale/subscribers/{subscriberId}': 'spark-admin:wholesale_subscribers_write',
  'GET /locations': 'spark-admin:locations_read',
  'GET /locations/{locationId}': 'spark-admin:locations_read',
  'POST /locations': 'spark-admin:locations_write',
  'PUT /locations/{locationId}': 'spark-admin:locations_write',
  'GET /telephony/config/locations': 'spark-admin:telephony_config_read',
  'GET /telephony/config/numbers': 'spark-admin:telephony_config_read',
  'POST /telephony/config/locations': 'spark-admin:telephony_config_write',
  'POST /telephony/config/locations/{locationId}/numbers': 'spark-admin:telephony_config_write',
  'GET /telephony/pstn/locations/{locationId}/connectionOptions': 'spark-admin:telephony_pstn_read',
  'GET /telephony/pstn/locations/{locationId}/connection': 'spark-admin:telephony_pstn_read',
  'PUT /telephony/pstn/locations/{locationId}/connection': 'spark-admin:telephony_pstn_write',
  'GET /roles': 'spark-admin:roles_read',
  'GET /people': 'spark-admin:people_read',
  'GET /people/{personId}': 'spark-admin:people_read',
  'GET /organizations/{orgId}': 'spark-admin:organizations_read',
  'PUT /people/{personId}': 'spark-admin:people_write',
};

/** The scope `operation` needs, if any. */
export function scopeOf(operation: string): string | undefined {
  return OPERATION_SCOPES[operation];
}

/** Webex's answer to a token without the scope (it does not say which one). */
export const MISSING_SCOPE =
  'The server understood the request, but refused to fulfill it because the access token is missing required scopes.';
