import express, { type Router } from 'express';
import { z } from 'zod';
import pstnSpec from '../spec/webex-calling-pstn.json' with { type: 'json' };
import type { SandboxPstn, SubscriberState } from './subscriber-state.ts';

const offer = z.object({
  orgId: z.string().min(1),
  id: z.string().min(1),
  displayName: z.string().min(1),
  pstnConnectionType: z.enum(pstnSpec.enums.PSTNType as [SandboxPstn['pstnConnectionType']]),
  pstnServices: z.array(z.enum(pstnSpec.enums.PSTNServiceType as [string])).default(['GEOGRAPHIC_NUMBERS']),
  routeType: z.enum(pstnSpec.enums.RouteType as ['ROUTE_GROUP', 'TRUNK']).optional(),
  routeId: z.string().min(1).optional(),
  /** This location gets the option as its connection, as Partner Hub would set it. */
  locationId: z.string().min(1).optional(),
});

/**
 * `POST /_sandbox/pstn/options`: offers an org's locations one more PSTN connection option (a local
 * gateway, an integrated CCP provider: neither can be set up through Webex's API), and with
 * `locationId` makes it that location's connection.
 */
export function pstnControl(subscribers: SubscriberState): Router {
  const router = express.Router();
  router.use(express.json());
  router.post('/pstn/options', (req, res) => {
    const parsed = offer.safeParse(req.body);
    if (!parsed.success)
      return void res.status(400).json({
        message: `orgId, id, displayName and pstnConnectionType (${pstnSpec.enums.PSTNType.join(', ')}) are required: ${parsed.error.message}`,
      });
    const { orgId, locationId, ...option } = parsed.data;
    const location = locationId
      ? subscribers.locations.find((l) => l.id === locationId && l.orgId === orgId)
      : undefined;
    if (locationId && !location) return void res.status(404).json({ message: `no location ${locationId} in ${orgId}` });
    subscribers.offerPstn(orgId, option);
    if (location) location.pstn = option;
    res.status(204).end();
  });
  return router;
}
