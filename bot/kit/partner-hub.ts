import { z } from 'zod';
import { HttpClient } from '../../webex/http-client.ts';
import { WebexApiError } from '../../webex/webex-api-error.ts';

type IssuedId =
  { readonly ok: true; readonly provisioningId: string } | { readonly ok: false; readonly field: 'subscriptionId' };

/**
 * Partner Hub creates onboarding templates and shows their Provisioning IDs; Webex offers no
 * public API for that, so in real mode the admin pastes the ID. The sandbox plays Partner Hub
 * through this port, so the whole wizard runs without an account.
 */
export interface PartnerHub {
  /** Idempotent per `reference`: asking again returns the ID issued the first time. */
  /** `draft` is the template feature's confirmed settings, sent as they are (the sandbox checks them). */
  createTemplate(draft: object, reference: string): Promise<IssuedId>;
}

const issued = z.object({ provisioningId: z.string(), id: z.string() });

/** The sandbox's Partner Hub, at `${sandboxUrl}/_sandbox/partner-hub`. */
export function sandboxPartnerHub(sandboxUrl: string): PartnerHub {
  const http = new HttpClient({ baseUrl: `${sandboxUrl}/_sandbox/partner-hub`, token: 'sandbox', backoffMs: 100 });
  return {
    async createTemplate(draft, reference) {
      try {
        const result = await http.request('POST', '/templates', { body: { ...draft, reference }, schema: issued });
        return { ok: true, provisioningId: result.provisioningId };
      } catch (error) {
        if (error instanceof WebexApiError && error.status === 422) return { ok: false, field: 'subscriptionId' };
        throw error;
      }
    },
  };
}
