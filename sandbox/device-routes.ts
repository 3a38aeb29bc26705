import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { trackingId, webexId } from './ids.ts';
import { deviceDescriptionSchema, type Mercury, type SandboxDevice } from './mercury.ts';
import { presentAction, presentMessage } from './present.ts';
import type { SandboxPerson, SandboxState } from './sandbox-state.ts';

function fail(res: Response, status: number, message: string): void {
  const tracking = trackingId();
  res
    .set('TrackingID', tracking)
    .status(status)
    .json({ message, errors: [{ description: message }], trackingId: tracking });
}

function caller(state: SandboxState, req: Request, res: Response): SandboxPerson | undefined {
  const token = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
  const person = token ? state.personByToken(token) : undefined;
  if (!person) fail(res, 401, 'The request requires a valid access token set in the Authorization request header.');
  return person;
}

/**
 * The device service (WDM) under /wdm/api/v1 and the conversation service's lookups under
 * /conversation/api/v1, as far as a bot on the websocket uses them: list, register and delete
 * its devices; turn an activity into the REST message or attachment action it is.
 */
export function deviceRoutes(state: SandboxState, mercury: Mercury, baseUrl: () => string): Router {
  // Mounted at the root: the body parser goes on the one route that takes a body, not on every request.
  const router = express.Router();
  const wdm = () => `${baseUrl()}/wdm/api/v1`;
  const present = (d: SandboxDevice) => ({
    url: `${wdm()}/devices/${d.id}`,
    ...d.description,
    webSocketUrl: mercury.webSocketUrl(d),
    creationTime: d.created,
    modificationTime: d.created,
  });
  const own = (person: SandboxPerson, id: string | undefined) =>
    mercury.devices.find((d) => d.id === id && d.ownerId === person.id);

  router.get('/wdm/api/v1/devices', (req, res) => {
    const person = caller(state, req, res);
    if (!person) return;
    res.json({ devices: mercury.devices.filter((d) => d.ownerId === person.id).map(present) });
  });
  router.post('/wdm/api/v1/devices', express.json({ limit: '64kb' }), (req, res) => {
    const person = caller(state, req, res);
    if (!person) return;
    const description = deviceDescriptionSchema.safeParse(req.body);
    if (!description.success)
      return fail(
        res,
        400,
        `A device needs deviceName, deviceType DESKTOP, localizedModel, model, name, systemName and systemVersion: ${description.error.issues.map((i) => i.path.join('.')).join(', ')}`,
      );
    res.json(present(mercury.register(person, description.data)));
  });
  router.get('/wdm/api/v1/devices/:id', (req, res) => {
    const person = caller(state, req, res);
    if (!person) return;
    const device = own(person, req.params.id);
    if (!device) return fail(res, 404, 'The requested resource could not be found.');
    res.json(present(device));
  });
  router.delete('/wdm/api/v1/devices/:id', (req, res) => {
    const person = caller(state, req, res);
    if (!person) return;
    const device = own(person, req.params.id);
    if (!device) return fail(res, 404, 'The requested resource could not be found.');
    mercury.remove(device);
    res.status(204).end();
  });

  // An activity's id is the uuid inside the REST id; only someone who may read it gets it.
  router.get('/conversation/api/v1/messages/:uuid', (req, res) => {
    const person = caller(state, req, res);
    if (!person) return;
    const message = state.message(webexId('MESSAGE', req.params.uuid));
    if (!message || !state.canSee(person, message)) return fail(res, 404, 'The requested resource could not be found.');
    res.json(presentMessage(state, message));
  });
  router.get('/conversation/api/v1/attachment/actions/:uuid', (req, res) => {
    const person = caller(state, req, res);
    if (!person) return;
    const id = webexId('ATTACHMENT_ACTION', req.params.uuid);
    const action = state.actions.find((a) => a.id === id);
    const card = action && state.message(action.messageId);
    if (!action || !card || (card.personId !== person.id && action.personId !== person.id))
      return fail(res, 404, 'The requested resource could not be found.');
    res.json(presentAction(action));
  });
  return router;
}

const websocketFault = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('drop') }),
  z.object({ kind: z.literal('refuse'), ms: z.number().int().positive().max(600_000) }),
  z.object({ kind: z.literal('stall'), ms: z.number().int().positive().max(600_000) }),
]);

/** The control API for the websocket: its state and log (`GET`), and faults (`POST /faults`). */
export function websocketControl(mercury: Mercury): Router {
  const router = express.Router();
  router.use(express.json());
  router.get('/', (_req, res) => {
    res.json({
      connected: mercury.connected(),
      authorizations: mercury.authorizations,
      devices: mercury.devices.length,
      frames: mercury.frames,
      acks: mercury.acks,
    });
  });
  router.post('/faults', (req, res) => {
    const fault = websocketFault.safeParse(req.body);
    if (!fault.success)
      return void res.status(400).json({ message: 'kind drop, or refuse or stall with ms (milliseconds)' });
    if (fault.data.kind === 'drop') return void res.json({ dropped: mercury.drop() });
    if (fault.data.kind === 'refuse') mercury.refuse(fault.data.ms);
    else mercury.stall(fault.data.ms);
    res.status(204).end();
  });
  return router;
}
