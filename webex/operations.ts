/**
 * Every Webex operation the bot calls, as `METHOD /path` in the spec's words, by the client that
 * calls it. The answers table (docs/answers.md, test/answers) lists each one's documented statuses
 * and enum values with the sandbox case that produces them; its guard checks this list against the
 * calls in webex/*.ts, so a new call that is not declared here fails it.
 */
export const OPERATIONS = {
  MessagingClient: [
    'GET /people/me',
    'GET /people/{personId}',
    'GET /rooms',
    'GET /rooms/{roomId}',
    'GET /memberships',
    'GET /messages',
    'POST /messages',
    'GET /messages/{messageId}',
    'DELETE /messages/{messageId}',
    'GET /attachment/actions/{id}',
    // downloadText: the URL of a message's file, which Webex serves under /contents.
    'GET /contents/{contentId}',
    'GET /webhooks',
    'POST /webhooks',
    'PUT /webhooks/{webhookId}',
    'DELETE /webhooks/{webhookId}',
  ],
  WholesaleClient: [
    'GET /wholesale/customers',
    'POST /wholesale/customers',
    'GET /wholesale/customers/{customerId}',
    'PUT /wholesale/customers/{customerId}',
    'DELETE /wholesale/customers/{customerId}',
    'POST /wholesale/customers/validate',
    'GET /wholesale/subscribers',
    'POST /wholesale/subscribers',
    'GET /wholesale/subscribers/{subscriberId}',
    'PUT /wholesale/subscribers/{subscriberId}',
    'DELETE /wholesale/subscribers/{subscriberId}',
    'POST /wholesale/subscribers/validate',
    // sendConsentEmail: the spec's path has no /wholesale.
    'POST /subscribers/{subscriberId}/emails/consentMove',
    'GET /locations',
    'POST /locations',
  ],
  PeopleClient: [
    'GET /roles',
    'GET /organizations/{orgId}',
    'GET /people',
    'GET /people/{personId}',
    'PUT /people/{personId}',
  ],
  TelephonyClient: [
    'GET /telephony/config/locations',
    'POST /telephony/config/locations',
    'POST /telephony/config/locations/{locationId}/numbers',
    'GET /telephony/config/numbers',
    'GET /telephony/pstn/locations/{locationId}/connectionOptions',
    'GET /telephony/pstn/locations/{locationId}/connection',
    'PUT /telephony/pstn/locations/{locationId}/connection',
  ],
  IntegrationTokenProvider: ['POST /access_token'],
} as const satisfies Record<string, readonly `${'GET' | 'POST' | 'PUT' | 'DELETE'} /${string}`[]>;

export type Operation = (typeof OPERATIONS)[keyof typeof OPERATIONS][number];
