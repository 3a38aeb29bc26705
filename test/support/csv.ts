import type { Store } from '../../store/store.ts';
import type { SandboxCustomer } from '../../sandbox/wholesale-state.ts';
import type { RunningSandbox } from '../../sandbox/start-sandbox.ts';
import { postAs } from './harness.ts';

/**
 * A users CSV with `count` valid rows (Webex Calling with a number at `location`), numbered from
 * `from`; with `next`, each row asks for the next free number at the location instead.
 */
export function usersCsv(count: number, location: string, from = 0, number: 'own' | 'next' = 'own'): string[] {
  const rows = ['firstName,lastName,email,package,location,phoneNumber,extension'];
  for (let i = from; i < from + count; i++)
    rows.push(
      `User,No${i},user${i}@acme.example,webex_calling,${location},${number === 'next' ? 'next' : `+4930${String(1000000 + i)}`},`,
    );
  return rows;
}

/** The numbers a seeded location holds: those `usersCsv` gives (up to 400 rows) and the ones tests type. */
const heldNumbers: readonly string[] = [
  ...Array.from({ length: 400 }, (_, i) => `+4930${String(1000000 + i)}`),
  '+4930123456789',
  '+4930123456701',
  '+4930123456702',
];

/**
 * Attaches a file to a message, as a person does in Webex: upload, then post with `files`.
 * `scan` sets how Webex's malware scan of the file goes (its duration, or that it cannot scan it).
 */
export async function postWithFile(
  sandbox: RunningSandbox,
  personKey: string,
  roomKey: string,
  markdown: string,
  name: string,
  content: string,
  scan: { readonly scanMs?: number; readonly unscannable?: boolean } = {},
): Promise<void> {
  const upload = await fetch(`${sandbox.url}/_sandbox/files`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, type: 'text/csv', content, ...scan }),
  });
  const { url } = (await upload.json()) as { url: string };
  const response = await postAs(sandbox, sandbox.state.personByKey(personKey), {
    roomId: sandbox.state.roomByKey(roomKey).id,
    markdown,
    files: [url],
  });
  if (!response.ok) throw new Error(`posting failed: ${response.status} ${await response.text()}`);
}

/**
 * Acme GmbH (external ID acme-001), provisioned with `packages` and a location named `location`
 * (none when null) in the sandbox, and known to the bot when a store is given: ready for
 * `add users acme` and the set-up commands.
 */
export async function seedProvisionedCustomer(
  h: { readonly sandbox: RunningSandbox; readonly store?: Pick<Store, 'saveCustomer'> },
  options: {
    readonly packages?: readonly string[];
    readonly location?: string | null;
    /** The location's numbers (Webex gives users only numbers their location holds); by default `heldNumbers`. */
    readonly numbers?: readonly string[];
  } = {},
): Promise<SandboxCustomer> {
  const packages = [...(options.packages ?? ['webex_calling', 'webex_meetings'])];
  const location = options.location === undefined ? 'Berlin HQ' : options.location;
  const customer = h.sandbox.wholesale.create(
    {
      externalId: 'acme-001',
      provisioningId: 'x',
      address: { addressLine1: 'a', city: 'Berlin', zipOrPostalCode: '10115', country: 'DE' },
      packages,
      customerInfo: { name: 'Acme GmbH', primaryEmail: 'admin@acme.example' },
    },
    Date.now() - 60_000,
  );
  if (location !== null) {
    const hq = h.sandbox.subscribers.addLocation({
      orgId: customer.orgId,
      name: location,
      timeZone: 'Europe/Berlin',
      preferredLanguage: 'de_de',
      announcementLanguage: 'de_de',
      callingEnabled: true,
      address: { address1: 'a', city: 'Berlin', state: 'BE', postalCode: '10115', country: 'DE' },
    });
    h.sandbox.subscribers.addNumbers(hq, options.numbers ?? heldNumbers);
  }
  const now = new Date().toISOString();
  await h.store?.saveCustomer({
    externalId: 'acme-001',
    id: customer.id,
    orgId: customer.orgId,
    name: 'Acme GmbH',
    adminEmail: 'admin@acme.example',
    country: 'DE',
    templateId: 't',
    templateName: 'SMB',
    packages,
    status: 'provisioned',
    packageStates: [],
    errors: [],
    conversationId: 'c',
    roomId: 'r',
    createdBy: { personId: 'p', email: 'alice@partner.example' },
    createdAt: now,
    updatedAt: now,
    history: [],
  });
  return customer;
}
