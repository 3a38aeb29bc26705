import type { PartnerHubTemplate } from './partner-hub-routes.ts';

/** The people and spaces a fresh sandbox starts with. Tokens are sandbox-only and not secrets. */
export interface SeedPerson {
  readonly key: string;
  readonly displayName: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly type: 'person' | 'bot';
  /** What the persona stands for, shown by `npm run say -- --who`. */
  readonly role: string;
}

export const seedPeople: readonly SeedPerson[] = [
  {
    key: 'bot',
    displayName: 'Onboarding Bot',
    firstName: 'Onboarding',
    lastName: 'Bot',
    email: 'onboarding-bot@webex.bot',
    type: 'bot',
    role: 'the bot',
  },
  {
    key: 'alice',
    displayName: 'Alice Adler',
    firstName: 'Alice',
    lastName: 'Adler',
    email: 'alice@partner.example',
    type: 'person',
    role: 'partner admin',
  },
  {
    key: 'paul',
    displayName: 'Paul Weber',
    firstName: 'Paul',
    lastName: 'Weber',
    email: 'paul@partner.example',
    type: 'person',
    role: 'partner admin',
  },
  {
    key: 'bea',
    displayName: 'Bea Berger',
    firstName: 'Bea',
    lastName: 'Berger',
    email: 'bea@partner.example',
    type: 'person',
    role: 'approver',
  },
  {
    key: 'chen',
    displayName: 'Chen Li',
    firstName: 'Chen',
    lastName: 'Li',
    email: 'chen@partner.example',
    type: 'person',
    role: 'approver',
  },
  {
    key: 'dana',
    displayName: 'Dana Dahl',
    firstName: 'Dana',
    lastName: 'Dahl',
    email: 'dana@partner.example',
    type: 'person',
    role: 'approver',
  },
  {
    key: 'oscar',
    displayName: 'Oscar Ortiz',
    firstName: 'Oscar',
    lastName: 'Ortiz',
    email: 'oscar@partner.example',
    type: 'person',
    role: 'on-call',
  },
];

export interface SeedRoom {
  readonly key: string;
  readonly title: string;
  readonly type: 'direct' | 'group';
  readonly members: readonly string[];
}

export const seedRooms: readonly SeedRoom[] = [
  ...seedPeople
    .filter((p) => p.type === 'person')
    .map((p) => ({ key: `direct-${p.key}`, title: p.displayName, type: 'direct' as const, members: [p.key, 'bot'] })),
  { key: 'provisioning', title: 'Provisioning', type: 'group', members: ['alice', 'paul', 'oscar', 'bot'] },
  { key: 'approvers', title: 'Approvers', type: 'group', members: ['bea', 'chen', 'dana', 'bot'] },
];

/** The roles the seeded people have, as the bot's access config takes them. */
export function seedRoles() {
  const emails = (role: string) => seedPeople.filter((p) => p.role === role).map((p) => p.email);
  return {
    partnerAdmins: emails('partner admin'),
    approvers: emails('approver'),
    viewers: emails('on-call'),
    allowedDomains: ['partner.example'],
    contact: emails('partner admin')[0]!,
  };
}

/**
 * Onboarding templates the sandbox's partner organisation had before anyone used Partner Hub in
 * it: the one whose Provisioning ID the Wholesale spec's example names. Creates must name a known
 * template, so this is how a test or a pasted ID can create a customer without Partner Hub.
 */
export const seedTemplates: readonly PartnerHubTemplate[] = [
  {
    id: 'seed-template-1',
    name: 'Seeded template',
    provisioningId: 'ZjViMzYxODctYzhkZC00NzI3LThiMmYtZjljNDQ3ZjI5MDQ2',
    subscriptionId: 'Sub100448',
    country: 'US',
    reference: 'seed-template-1',
  },
];
