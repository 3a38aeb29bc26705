import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import type { RecordedCall } from './api-route.ts';
import { Faults, faultSchema } from './faults.ts';
import { trackingId } from './ids.ts';
import { mountMessagingRoutes } from './messaging-routes.ts';
import { partnerHubRoutes, type PartnerHubTemplate } from './partner-hub-routes.ts';
import { presentMessage } from './present.ts';
import { SandboxState } from './sandbox-state.ts';
import { adminSpec, SpecValidator, wholesaleSpec } from './spec-validator.ts';
import { mountWholesaleRoutes } from './wholesale-routes.ts';
import { mountSubscriberRoutes } from './subscriber-routes.ts';
import { mountLocationRoutes } from './location-routes.ts';
import { mountTelephonyRoutes } from './telephony-routes.ts';
import { mountContentRoute } from './content-route.ts';
import { mountOAuthRoutes } from './oauth-routes.ts';
import { CustomerPeople, mountPeopleRoutes } from './people-routes.ts';
import type { TokenLifetimes } from './oauth-state.ts';
import { RateLimiter, SubscriberState } from './subscriber-state.ts';
import { WholesaleState, type Outcome } from './wholesale-state.ts';
import { WebhookDelivery, type DeliveryOptions } from './webhook-delivery.ts';
import { Mercury } from './mercury.ts';
import { deviceRoutes, websocketControl } from './device-routes.ts';
import { membershipControl } from './membership-control.ts';
import { pstnControl } from './pstn-control.ts';

export interface SandboxOptions {
  readonly port?: number;
  readonly host?: string;
  readonly delivery?: DeliveryOptions;
  readonly maxCardBytes?: number;
  /** How long a Wholesale customer stays `provisioning`. */
  readonly provisioningMs?: number;
  /** How long a new Wholesale subscriber stays in provisioning; 0 (at once) by default. */
  readonly subscriberProvisioningMs?: number;
  /** Subscriber API calls allowed per second and token; unlimited when absent. */
  readonly subscriberRateLimit?: number;
  /** How long Webex's malware scan of a newly attached file runs (downloads answer 423 until then); 0 by default. */
  readonly fileScanMs?: number;
  /** Every API call (under /v1) is answered after this many milliseconds; `POST /_sandbox/delay` changes it. */
  readonly answerDelayMs?: number;
  /** How long issued tokens last (seconds); Webex's lifetimes by default, the seeded tokens a year. */
  readonly tokens?: TokenLifetimes;
}

export interface RunningSandbox {
  /** e.g. http://127.0.0.1:3100 */
  readonly url: string;
  /** The Webex API base the bot is pointed at, e.g. http://127.0.0.1:3100/v1 */
  readonly apiUrl: string;
  /** The emulated device service (WDM) a bot on the websocket registers at, e.g. http://127.0.0.1:3100/wdm/api/v1 */
  readonly devicesUrl: string;
  /** The emulated websocket: devices, frames sent, acknowledgements, faults. */
  readonly mercury: Mercury;
  readonly state: SandboxState;
  readonly faults: Faults;
  readonly delivery: WebhookDelivery;
  readonly calls: RecordedCall[];
  readonly spec: SpecValidator;
  readonly wholesaleSpec: SpecValidator;
  /** Token expiry and the Service App token (webex-admin.json). */
  readonly adminSpec: SpecValidator;
  readonly wholesale: WholesaleState;
  readonly subscribers: SubscriberState;
  /** The people of customer orgs (provisioned subscribers), and every PUT made to them. */
  readonly customerPeople: CustomerPeople;
  /** Change `limitPerSecond` to throttle the subscriber API. */
  readonly subscriberLimiter: RateLimiter;
  /** Templates created through the sandbox's Partner Hub. */
  readonly partnerHubTemplates: PartnerHubTemplate[];
  close(): Promise<void>;
}

const controlFaults = z.union([faultSchema, z.array(faultSchema)]);
const deliveryPause = z.object({ ms: z.number().int().min(1).max(86_400_000) });
/** Every API answer after this delay (a control setting): call counts show up as time. */
const answerDelay = z.object({ ms: z.number().int().min(0).max(60_000) });
const outsideCustomers = z.object({
  count: z.number().int().min(1).max(20_000),
  /** Users each customer has besides its administrator (up to 1,000,000 in all). */
  subscribers: z.number().int().min(0).max(1000).default(0),
  prefix: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .optional(),
  packages: z.array(z.string()).optional(),
});
const heldCustomer = z.object({ externalId: z.string().min(1) });
const freeAccounts = z.object({ emails: z.array(z.email()).min(1).max(5000) });
const consentBy = z.object({ email: z.email() });

const subscriberOutcome = z.union([
  z.object({ email: z.string().min(1), status: z.literal('provisioned') }),
  z.object({
    email: z.string().min(1),
    status: z.literal('error'),
    errorCode: z.number().int(),
    description: z.string().min(1),
  }),
]);
const fileUpload = z.object({
  name: z.string().min(1),
  type: z.string().default('text/csv'),
  content: z.string(),
  /** This file's scan time, instead of the sandbox's `fileScanMs`. */
  scanMs: z.number().int().nonnegative().max(600_000).optional(),
  /** Webex cannot scan this file: downloads answer 428. */
  unscannable: z.boolean().default(false),
});

/**
 * Starts the local Webex emulator: the messaging API under /v1 (per the official spec), the
 * partner APIs and the OAuth token endpoint beside it, and a
 * small control API under /_sandbox for people and tests (who is who, fault injection, the
 * webhook delivery log, redelivery).
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const state = new SandboxState(undefined, options.tokens);
  const faults = new Faults();
  const spec = new SpecValidator();
  const calls: RecordedCall[] = [];
  const delivery = new WebhookDelivery(state, options.delivery);
  const app = express();
  app.disable('x-powered-by');
  let baseUrl = '';
  // A file attached to a message, by its URL (`{apiUrl}/contents/{id}`), for the websocket's share and its update.
  const mercury = new Mercury(
    state,
    () => baseUrl,
    (url) => {
      const file = subscribers.files.get(url.slice(url.lastIndexOf('/') + 1));
      return file && url.startsWith(`${baseUrl}/`)
        ? {
            name: file.name,
            type: file.type,
            size: file.content.length,
            scannedAt: file.scannedAt,
            unscannable: file.unscannable,
          }
        : undefined;
    },
    () => delivery.paused(),
  );
  delivery.onPublish((...event) => mercury.publish(...event));
  app.use(deviceRoutes(state, mercury, () => baseUrl));

  const wholesale = new WholesaleState(options.provisioningMs ?? 3000);
  const wholesaleValidator = new SpecValidator(wholesaleSpec);
  const partnerHubTemplates: PartnerHubTemplate[] = [];
  let apiUrl = '';

  const v1 = express.Router();
  let delayMs = options.answerDelayMs ?? 0;
  v1.use((_req, _res, next) => {
    if (delayMs > 0) setTimeout(next, delayMs);
    else next();
  });
  v1.use(express.json({ limit: '1mb' }));
  const subscribers = new SubscriberState(options.subscriberProvisioningMs ?? 0);
  const customerPeople = new CustomerPeople(
    subscribers,
    (customerId) => wholesale.byId(customerId)?.orgId,
    (customerId) => wholesale.byId(customerId)?.customerInfo?.primaryEmail,
    (orgId) => wholesale.byOrgId(orgId)?.id,
  );
  /** A customer's org once it exists; its display name is the name its creation gave. */
  const organization = (orgId: string) => {
    const customer = wholesale.byOrgId(orgId);
    if (!customer || !wholesale.hasOrg(customer, Date.now())) return undefined;
    return {
      id: customer.orgId,
      displayName: customer.customerInfo?.name ?? customer.externalId,
      created: new Date(customer.startedAt).toISOString(),
    };
  };
  mountMessagingRoutes(v1, { state, faults, spec, calls }, delivery, {
    maxCardBytes: options.maxCardBytes ?? 28_000,
    customerPerson: (personId, callingData) => customerPeople.present(personId, callingData),
  });
  mountWholesaleRoutes(
    v1,
    { state, faults, spec: wholesaleValidator, calls },
    wholesale,
    partnerHubTemplates,
    () => apiUrl,
    subscribers,
  );
  const subscriberLimiter = new RateLimiter(options.subscriberRateLimit);
  mountSubscriberRoutes(
    v1,
    { state, faults, spec: wholesaleValidator, calls },
    wholesale,
    subscribers,
    subscriberLimiter,
    () => apiUrl,
  );
  mountLocationRoutes(v1, { state, faults, spec: wholesaleValidator, calls }, wholesale, subscribers);
  mountTelephonyRoutes(v1, { state, faults, spec: wholesaleValidator, calls }, wholesale, subscribers);
  mountContentRoute(v1, { state, faults, spec, calls }, subscribers, () => apiUrl);
  const adminValidator = new SpecValidator(adminSpec);
  mountOAuthRoutes(v1, { state, faults, spec: adminValidator, calls });
  mountPeopleRoutes(v1, { state, faults, spec: adminValidator, calls }, customerPeople, organization);
  // Anything else under /v1 (an unknown path, or a method a path does not have) answers as Webex
  // does, in its error shape with a TrackingID, not with Express's HTML page.
  v1.use((_req, res) => {
    const tracking = trackingId();
    const message = 'The requested resource could not be found.';
    res
      .set('TrackingID', tracking)
      .status(404)
      .json({ message, errors: [{ description: message }], trackingId: tracking });
  });
  app.use('/v1', v1);

  const control = express.Router();
  control.use(express.json({ limit: '5mb' }));
  control.get('/people', (_req, res) => {
    res.json({
      items: state.people.map((p) => ({
        key: p.key,
        id: p.id,
        displayName: p.displayName,
        email: p.emails[0],
        type: p.type,
        role: p.role,
        token: p.token,
      })),
    });
  });
  control.get('/rooms', (_req, res) => {
    res.json({
      items: state.rooms.map((r) => ({
        key: r.key,
        id: r.id,
        title: r.title,
        type: r.type,
        members: state.membersOf(r.id).map((m) => state.personById(m.personId)?.key),
      })),
    });
  });
  /** The whole timeline of a space, as a person in it would see it (no bot filtering). */
  control.get('/rooms/:key/messages', (req, res) => {
    const room = state.rooms.find((r) => r.key === req.params.key || r.id === req.params.key);
    if (!room) return void res.status(404).json({ message: 'no such room' });
    res.json({ items: state.messages.filter((m) => m.roomId === room.id).map((m) => presentMessage(state, m)) });
  });
  control.post('/faults', (req, res) => {
    const parsed = controlFaults.safeParse(req.body);
    if (!parsed.success) return void res.status(400).json({ message: parsed.error.message });
    const added = (Array.isArray(parsed.data) ? parsed.data : [parsed.data]).map((f) => faults.add(f));
    res.status(201).json({ items: added });
  });
  control.delete('/faults', (_req, res) => {
    faults.clear();
    res.status(204).end();
  });
  control.get('/deliveries', (_req, res) => {
    res.json({ items: delivery.deliveries.map(({ body: _body, ...rest }) => rest) });
  });
  control.post('/deliveries/:id/redeliver', async (req, res) => {
    try {
      const again = await delivery.redeliver(req.params.id);
      res.json({ id: again.id, state: again.state, attempts: again.attempts });
    } catch (error) {
      res.status(404).json({ message: (error as Error).message });
    }
  });
  /** `{"ms": 60000}`: nothing reaches the bot for a minute (or until resumed), as if it were down. */
  control.post('/delivery/pause', (req, res) => {
    const parsed = deliveryPause.safeParse(req.body ?? {});
    if (!parsed.success)
      return void res.status(400).json({ message: `ms (1 to 86400000) is required: ${parsed.error.message}` });
    delivery.pause(parsed.data.ms);
    res.status(204).end();
  });
  control.post('/delivery/resume', (_req, res) => {
    delivery.resume();
    res.status(204).end();
  });
  control.get('/delivery', (_req, res) => {
    res.json({ paused: delivery.paused() });
  });
  control.post('/webhooks/:id/deactivate', (req, res) => {
    const webhook = state.webhooks.find((w) => w.id === req.params.id);
    if (!webhook) return void res.status(404).json({ message: 'no such webhook' });
    webhook.status = 'inactive';
    res.status(204).end();
  });
  control.post('/wholesale/outcomes', (req, res) => {
    const body = req.body as { externalId?: unknown } & Record<string, unknown>;
    if (typeof body.externalId !== 'string') return void res.status(400).json({ message: 'externalId is required' });
    const { externalId, ...outcome } = body;
    wholesale.setOutcome(externalId, outcome as unknown as Outcome);
    res.status(204).end();
  });
  /** `{"ms": 150}`: every API call is answered 150 ms late from now on (0: at once). */
  control.post('/delay', (req, res) => {
    const parsed = answerDelay.safeParse(req.body ?? {});
    if (!parsed.success)
      return void res.status(400).json({ message: `ms (0 to 60000) is required: ${parsed.error.message}` });
    delayMs = parsed.data.ms;
    res.status(204).end();
  });
  control.get('/delay', (_req, res) => {
    res.json({ ms: delayMs });
  });
  /**
   * Customers made outside the bot: `{"count": 120, "prefix": "outside", "packages": ["webex_meetings"],
   * "subscribers": 0}`. A second seeding continues the numbering; external IDs and emails stay unique.
   */
  control.post('/wholesale/customers', (req, res) => {
    const parsed = outsideCustomers.safeParse(req.body);
    if (!parsed.success)
      return void res.status(400).json({
        message: `count (1 to 20000) is required, subscribers (0 to 1000) each: ${parsed.error.message}`,
      });
    if (parsed.data.count * parsed.data.subscribers > 1_000_000)
      return void res.status(400).json({ message: 'At most 1,000,000 subscribers in one seeding.' });
    const made = wholesale.seedOutside(parsed.data.count, parsed.data);
    // Each has its full administrator, the person its creation named, as a user of its org, and its users.
    for (const customer of made) {
      const at = new Date(customer.startedAt).toISOString();
      const domain = customer.customerInfo!.primaryEmail.split('@')[1]!;
      subscribers.seedSubscribers(
        { id: customer.id, externalId: customer.externalId, package: customer.packages[0] ?? 'webex_meetings', domain },
        parsed.data.subscribers,
        at,
      );
      subscribers.addSubscriber(
        {
          email: customer.customerInfo!.primaryEmail,
          customerId: customer.id,
          externalCustomerId: customer.externalId,
          package: customer.packages[0] ?? 'webex_meetings',
          firstName: 'Admin',
          lastName: customer.customerInfo!.name,
        },
        at,
      );
    }
    res.status(201).json({ items: made.map((c) => ({ id: c.id, externalId: c.externalId })) });
  });
  /**
   * The Denied Party List compliance check: `{"externalId": "acme-001"}` holds that customer in
   * `pending_rpl_review` (at once if it is still provisioning, else from its creation on) until
   * `DELETE /_sandbox/wholesale/holds/acme-001` releases it; its provisioning runs from then.
   */
  control.post('/wholesale/holds', (req, res) => {
    const parsed = heldCustomer.safeParse(req.body);
    if (!parsed.success)
      return void res.status(400).json({ message: `externalId is required: ${parsed.error.message}` });
    wholesale.hold(parsed.data.externalId, Date.now());
    res.status(204).end();
  });
  control.delete('/wholesale/holds/:externalId', (req, res) => {
    if (!wholesale.release(req.params.externalId, Date.now()))
      return void res.status(404).json({ message: 'no customer of that external ID is held' });
    res.status(204).end();
  });
  control.post('/wholesale/subscriber-outcomes', (req, res) => {
    const parsed = subscriberOutcome.safeParse(req.body);
    if (!parsed.success)
      return void res.status(400).json({
        message: `email and status (provisioned, or error with errorCode and description) are required: ${parsed.error.message}`,
      });
    const { email, ...outcome } = parsed.data;
    subscribers.setOutcome(email, outcome);
    res.status(204).end();
  });
  /** `{"emails": ["a@b.com"]}`: these are active free Webex accounts; creating them needs their owner's consent. */
  control.post('/wholesale/free-accounts', (req, res) => {
    const parsed = freeAccounts.safeParse(req.body);
    if (!parsed.success) return void res.status(400).json({ message: `emails is required: ${parsed.error.message}` });
    for (const email of parsed.data.emails) subscribers.addFreeAccount(email);
    res.status(204).end();
  });
  /** The free accounts' subscribers: their status and how many consent emails Webex sent each. */
  control.get('/wholesale/free-accounts', (_req, res) => {
    res.json({
      items: subscribers.subscribers
        .filter((s) => s.consent !== undefined)
        .map((s) => ({
          email: s.email,
          subscriberId: s.id,
          status: subscribers.status(s, Date.now()),
          consentMails: s.consentMails,
        })),
    });
  });
  /** `{"email": "a@b.com"}`: the owner of the free account consents to the move; provisioning starts. */
  control.post('/wholesale/consent', (req, res) => {
    const parsed = consentBy.safeParse(req.body);
    if (!parsed.success) return void res.status(400).json({ message: `email is required: ${parsed.error.message}` });
    const subscriber = subscribers.consent(parsed.data.email, Date.now());
    if (!subscriber) return void res.status(404).json({ message: 'no subscriber waits for that email’s consent' });
    res.status(204).end();
  });
  control.get('/wholesale/customers', (_req, res) => {
    res.json({
      items: wholesale.customers.map((c) => ({
        id: c.id,
        externalId: c.externalId,
        name: c.customerInfo?.name,
        status: wholesale.status(c, Date.now()),
        packages: c.packages,
      })),
    });
  });
  /**
   * Uploads a file for a person to attach (`files: [url]` in POST /v1/messages). With the person's
   * bearer token the upload is theirs, and they may download it before posting it; otherwise only
   * those who can read a message carrying it may.
   */
  control.post('/files', (req, res) => {
    const parsed = fileUpload.safeParse(req.body);
    if (!parsed.success)
      return void res.status(400).json({
        message: `name and content (text) are required; scanMs a number, unscannable true or false: ${parsed.error.message}`,
      });
    const { name, type, content, scanMs, unscannable } = parsed.data;
    const token = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
    const uploader = token ? state.personByToken(token) : undefined;
    if (token && !uploader) return void res.status(401).json({ message: 'That token is no seeded person’s.' });
    const id = randomUUID();
    subscribers.files.set(id, {
      name,
      type,
      content: Buffer.from(content),
      scannedAt: Date.now() + (scanMs ?? options.fileScanMs ?? 0),
      unscannable,
      ...(uploader ? { uploadedBy: uploader.id } : {}),
    });
    res.status(201).json({ url: `${apiUrl}/contents/${id}` });
  });
  control.use('/websocket', websocketControl(mercury));
  control.use(membershipControl(state, delivery));
  control.use(pstnControl(subscribers));
  control.use('/partner-hub', partnerHubRoutes(partnerHubTemplates));
  app.use('/_sandbox', control);

  // The chat page a person uses to talk to the bot and click its cards (sandbox/web).
  const web = fileURLToPath(new URL('./web/', import.meta.url));
  const cardsScript = createRequire(import.meta.url).resolve('adaptivecards/dist/adaptivecards.min.js');
  app.get('/', (_req, res) => res.sendFile(join(web, 'index.html')));
  app.get('/web/adaptivecards.min.js', (_req, res) => res.sendFile(cardsScript));
  app.use('/web', express.static(web, { index: false }));

  // Malformed JSON and other parser failures, in Webex's error shape.
  app.use((error: Error & { status?: number }, _req: Request, res: Response, _next: NextFunction) => {
    const tracking = trackingId();
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    res
      .set('TrackingID', tracking)
      .status(status)
      .json({ message: error.message, errors: [{ description: error.message }], trackingId: tracking });
  });

  const host = options.host ?? '127.0.0.1';
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(options.port ?? 0, host, () => resolve(s));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host}:${port}`;
  apiUrl = `${url}/v1`;
  baseUrl = url;
  mercury.attach(server);
  return {
    url,
    apiUrl: `${url}/v1`,
    devicesUrl: `${url}/wdm/api/v1`,
    mercury,
    state,
    faults,
    delivery,
    calls,
    spec,
    wholesaleSpec: wholesaleValidator,
    adminSpec: adminValidator,
    wholesale,
    subscribers,
    customerPeople,
    subscriberLimiter,
    partnerHubTemplates,
    async close() {
      await delivery.idle();
      mercury.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
