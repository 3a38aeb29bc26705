/** Records shaped like the bot's own, in bulk, for the store and restart benchmarks. */
import type { AuditEntry, Conversation, CustomerRecord } from '../../store/records.ts';
import { emptyStoreData, type StoreData } from '../../store/store.ts';

const at = '2026-11-25T08:00:00.000Z';

export function conversation(i: number, revision = 0): Conversation {
  return {
    id: `conv-${i}`,
    kind: 'customer',
    machineVersion: 1,
    roomId: `room-${i % 500}`,
    startedBy: { personId: `person-${i % 50}`, email: `admin${i % 50}@partner.example` },
    status: i % 3 === 0 ? 'active' : 'done',
    step: 'hq',
    nonce: `nonce-${i}-${revision}`,
    cardPosted: true,
    cardMessageId: `message-${i}`,
    snapshot: {
      status: 'active',
      value: 'hq',
      historyValue: {},
      children: {},
      context: {
        templateId: 'template-1',
        answers: {
          companyName: `Company ${i} GmbH`,
          adminEmail: `admin@company${i}.example`,
          externalId: `ext-${i}`,
          country: 'DE',
          confirmed: 'yes',
          packages: 'webex_calling,webex_meetings',
          addressLine1: 'Hauptstraße 1',
          city: 'Berlin',
          stateOrProvince: 'BE',
          postalCode: '10115',
          timeZone: 'Europe/Berlin',
          locationLanguage: 'de_DE',
          emergencyLocationId: `elin-${i}`,
          mainNumber: '+49301234567',
        },
        errors: {},
        editing: null,
      },
    },
    revision,
    createdAt: at,
    updatedAt: at,
  };
}

function customer(i: number): CustomerRecord {
  return {
    externalId: `ext-${i}`,
    id: `customer-${i}`,
    orgId: `org-${i}`,
    name: `Company ${i} GmbH`,
    adminEmail: `admin@company${i}.example`,
    country: 'DE',
    templateId: 'template-1',
    templateName: 'SMB Germany',
    packages: ['webex_calling', 'webex_meetings'],
    status: 'provisioned',
    packageStates: [
      { name: 'webex_calling', status: 'provisioned', errors: [] },
      { name: 'webex_meetings', status: 'provisioned', errors: [] },
    ],
    errors: [],
    conversationId: `conv-${i}`,
    roomId: `room-${i % 500}`,
    createdBy: { personId: `person-${i % 50}`, email: `admin${i % 50}@partner.example` },
    createdAt: at,
    updatedAt: at,
    history: [],
  };
}

export const audit = (i: number): AuditEntry => ({
  at,
  action: 'customer.provisioned',
  actor: { personId: `person-${i % 50}`, email: `admin${i % 50}@partner.example` },
  conversationId: `conv-${i}`,
  externalId: `ext-${i}`,
  details: { packages: 'webex_calling,webex_meetings' },
});

/** 20 % conversations, 10 % customers, 50 % audit entries, 20 % dedupe ids. */
export function dataWith(records: number): StoreData {
  const data = emptyStoreData();
  for (let i = 0; i < records * 0.2; i++) data.conversations[`conv-${i}`] = conversation(i);
  for (let i = 0; i < records * 0.1; i++) data.customers[`ext-${i}`] = customer(i);
  for (let i = 0; i < records * 0.5; i++) data.audit.push(audit(i));
  for (let i = 0; i < records * 0.2; i++) data.seenEvents[`event-${i}`] = at;
  return data;
}
