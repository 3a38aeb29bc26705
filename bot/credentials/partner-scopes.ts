import { z } from 'zod';
import { callingPackages } from '../../machines/kit/packages.ts';
import { HttpClient } from '../../webex/http-client.ts';
import { WebexApiError } from '../../webex/webex-api-error.ts';
import type { Logger } from '../engine/logger.ts';

/** One cheap read that needs one scope; `required`: the bot cannot work at all without it. */
export interface ScopeProbe {
  readonly scope: string;
  readonly path: string;
  readonly required: boolean;
  /**
   * Read in a customer org with calling (`orgId`), not the partner's own: an org without Webex
   * Calling may answer 403 to a telephony read though the token has the scope.
   */
  readonly inCallingCustomer?: boolean;
}

/** A read scope per partner API the bot calls (developer.webex.com, each operation's reference). */
export const SCOPE_PROBES: readonly ScopeProbe[] = [
  { scope: 'spark-admin:wholesale_customers_read', path: '/wholesale/customers', required: true },
  { scope: 'spark-admin:wholesale_subscribers_read', path: '/wholesale/subscribers', required: true },
  { scope: 'spark-admin:locations_read', path: '/locations', required: false },
  {
    scope: 'spark-admin:telephony_config_read',
    path: '/telephony/config/locations',
    required: false,
    inCallingCustomer: true,
  },
];

/** Customers as the probe needs them: an org, and packages that may include calling. */
const customersSchema = z.object({
  items: z.array(z.looseObject({ orgId: z.string().optional(), packages: z.array(z.string()).optional() })),
});

/**
 * The org of a provisioned customer with a calling package (from the first page), or undefined.
 * Its telephony configuration exists, so a 403 there is about the token, not about calling.
 */
async function callingCustomerOrg(http: HttpClient): Promise<string | undefined> {
  const { items } = await http.request('GET', '/wholesale/customers', {
    query: { status: 'provisioned', max: 100 },
    schema: customersSchema,
  });
  return items.find((c) => c.orgId !== undefined && (c.packages ?? []).some((p) => callingPackages.has(p)))?.orgId;
}

/** Start-up stops with this when the partner credentials lack a scope the bot cannot do without. */
class MissingScopeError extends Error {
  override readonly name = 'MissingScopeError';
}

/**
 * Reads once per probe with the partner credentials (a telephony probe in a customer org with
 * calling, where there is one; without one, that scope is not judged). A 403 means the scope is missing: a required
 * one stops start-up naming it; an optional one is returned, so the commands that need it are
 * turned off. Any other failure (Webex unreachable, the credentials gone) is logged and left to
 * `/readyz`: it says nothing about scopes.
 */
export async function missingScopes(
  http: HttpClient,
  log: Logger,
  probes: readonly ScopeProbe[] = SCOPE_PROBES,
): Promise<string[]> {
  const missing: string[] = [];
  let callingOrg: Promise<string | undefined> | undefined;
  for (const probe of probes) {
    try {
      let orgId: string | undefined;
      if (probe.inCallingCustomer) {
        orgId = await (callingOrg ??= callingCustomerOrg(http));
        if (orgId === undefined) {
          // No org to read where a 403 would mean the scope: left on; a call that needs it says Webex's reason.
          log.info('the partner has no provisioned customer with calling yet; a scope is not checked', {
            scope: probe.scope,
          });
          continue;
        }
      }
      await http.request('GET', probe.path, { query: { max: 1, ...(orgId !== undefined ? { orgId } : {}) } });
    } catch (error) {
      if (!(error instanceof WebexApiError && error.status === 403)) {
        log.warn('could not check a scope of the partner credentials', { scope: probe.scope, error });
        continue;
      }
      if (probe.required)
        throw new MissingScopeError(
          `the partner credentials lack the ${probe.scope} scope (Webex answered 403 to GET ${probe.path}): authorise the integration again with it (npm run authorize asks for it; see AUTHORIZE_SCOPES), or use a partner full administrator's token, whose organisation is enabled for Wholesale`,
        );
      log.warn('the partner credentials lack an optional scope; the commands that need it are off', {
        scope: probe.scope,
      });
      missing.push(probe.scope);
    }
  }
  return missing;
}
