import { randomUUID } from 'node:crypto';
import express, { type Router } from 'express';
import { z } from 'zod';

/** Wholesale subscriptions the sandbox's partner organisation holds. */
const sandboxSubscriptions = ['Sub100448', 'Sub100449'] as const;

export interface PartnerHubTemplate {
  readonly id: string;
  readonly name: string;
  readonly provisioningId: string;
  readonly subscriptionId: string;
  readonly country: string;
  readonly reference: string;
}

const request = z.object({
  name: z.string().min(1),
  subscriptionId: z.string(),
  country: z.string().length(2),
  reference: z.string().min(1),
});

/**
 * Plays Partner Hub's "Create template": issues a Provisioning ID (base64 of a UUID, as in the
 * Wholesale spec's example) and keeps the template, so the sandbox's Wholesale API can later
 * check that a customer names a real one.
 */
export function partnerHubRoutes(templates: PartnerHubTemplate[]): Router {
  const router = express.Router();
  router.use(express.json());
  router.post('/templates', (req, res) => {
    const parsed = request.safeParse(req.body);
    if (!parsed.success) return void res.status(400).json({ message: parsed.error.message });
    const body = parsed.data;
    const again = templates.find((t) => t.reference === body.reference);
    if (again) return void res.status(200).json({ id: again.id, provisioningId: again.provisioningId });
    if (!(sandboxSubscriptions as readonly string[]).includes(body.subscriptionId)) {
      return void res.status(422).json({
        message: `No wholesale subscription ${body.subscriptionId}; the sandbox has ${sandboxSubscriptions.join(', ')}.`,
      });
    }
    const template: PartnerHubTemplate = {
      id: randomUUID(),
      name: body.name,
      provisioningId: Buffer.from(randomUUID()).toString('base64').replace(/=+$/, ''),
      subscriptionId: body.subscriptionId,
      country: body.country,
      reference: body.reference,
    };
    templates.push(template);
    res.status(201).json({ id: template.id, provisioningId: template.provisioningId });
  });
  router.get('/templates', (_req, res) => {
    res.json({ items: templates });
  });
  return router;
}
