import type { Template } from '../../store/records.ts';

export const PROVISIONING_ID = 'ZjViMzYxODctYzhkZC00NzI3LThiMmYtZjljNDQ3ZjI5MDQ2';

/** An onboarding template as the template wizard stores it. */
export function templateFixture(over: Partial<Template> = {}): Template {
  return {
    id: 't1',
    name: 'SMB Germany',
    provisioningId: PROVISIONING_ID,
    serviceProviderAdmin: 'sp@partner.example',
    country: 'DE',
    emailLanguage: 'de_DE',
    subscriptionId: 'Sub100448',
    authentication: { method: 'webex' },
    email: { welcomeAdmins: true, welcomeUsers: true },
    calling: { extensionLength: 4, internationalCalls: 'block' },
    createdBy: { personId: 'p1', email: 'alice@partner.example' },
    createdAt: '2026-11-25T00:00:00.000Z',
    conversationId: 'c1',
    ...over,
  };
}
