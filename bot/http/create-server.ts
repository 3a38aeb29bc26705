import express, { type ErrorRequestHandler, type Express } from 'express';
import type { Logger } from '../engine/logger.ts';
import type { Metrics } from '../engine/metrics.ts';
import { verifySignature } from './verify-signature.ts';
import { webhookEventSchema } from '../engine/webhook-event.ts';
import type { Inbox } from '../engine/inbox.ts';

export interface ServerDeps {
  readonly webhookSecret: string;
  /** Records an event before the 200 (false: received before), and hands it to the seam after, with when the request came in (performance.now()). */
  readonly inbox: Pick<Inbox, 'record' | 'dispatch'>;
  /** The bot's own person id: Webex sends a webhook for each of its own messages too, with nothing to do. */
  readonly botId?: string;
  readonly log: Logger;
  readonly metrics: Metrics;
  /** Whether the bot can work: store writable, Webex reachable, webhooks active. */
  readonly readiness: () => Promise<{
    ready: boolean;
    checks: Record<string, string>;
    notes?: Record<string, string>;
  }>;
}

export const WEBHOOK_PATH = '/webhooks/webex';

/**
 * The HTTP edge. The webhook route verifies, parses, records and acknowledges; it does no work
 * of its own. The signature is checked over the raw bytes before anything is parsed.
 */
export function createServer(deps: ServerDeps): Express {
  const app = express();
  app.disable('x-powered-by');

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    const { ready, checks, notes } = await deps.readiness();
    res.status(ready ? 200 : 503).json({ ready, checks, ...(notes ? { notes } : {}) });
  });

  app.get('/metrics', async (_req, res) => {
    res.set('content-type', deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });

  // inflate: false, so the signature is checked over the bytes as sent (Webex does not compress them).
  app.post(
    WEBHOOK_PATH,
    (_req, res, next) => {
      res.locals.receivedAt = performance.now();
      next();
    },
    express.raw({ type: () => true, limit: '256kb', inflate: false }),
    async (req, res) => {
      const raw: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (!verifySignature(raw, req.get('x-spark-signature'), deps.webhookSecret)) {
        deps.log.warn('webhook rejected: missing or wrong signature', { bytes: raw.length });
        deps.metrics.event('rejected_signature');
        res.status(401).json({ error: 'signature_invalid' });
        return;
      }
      let json: unknown;
      try {
        json = JSON.parse(raw.toString('utf8'));
      } catch {
        deps.metrics.event('rejected_body');
        res.status(400).json({ error: 'body_not_json' });
        return;
      }
      const parsed = webhookEventSchema.safeParse(json);
      if (!parsed.success) {
        deps.metrics.event('rejected_body');
        deps.log.warn('webhook rejected: not a Webex event', {
          issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
        });
        res.status(400).json({ error: 'event_invalid' });
        return;
      }
      const event = parsed.data;
      if (deps.botId !== undefined && event.resource === 'messages' && event.data.personId === deps.botId) {
        // Its own reply: acknowledged without a write, which halves the store's work per answer.
        deps.metrics.event('ignored');
        res.status(200).json({ status: 'ignored' });
        return;
      }
      let first: boolean;
      try {
        first = await deps.inbox.record(event);
      } catch (error) {
        // Not acknowledged, so Webex delivers it again once the store recovers.
        deps.log.error('webhook not recorded: store failed', { eventId: event.data.id, error });
        deps.metrics.event('store_unavailable');
        res.status(503).json({ error: 'store_unavailable' });
        return;
      }
      if (!first) {
        deps.log.info('webhook ignored: already received', { eventId: event.data.id, resource: event.resource });
        deps.metrics.event('duplicate');
        res.status(200).json({ status: 'duplicate' });
        return;
      }
      deps.metrics.event('accepted');
      res.status(200).json({ status: 'accepted' });
      deps.inbox.dispatch(event, res.locals.receivedAt as number);
    },
  );

  // A body the parser refuses (over the limit, an encoding it cannot read) ends here, not in
  // Express's default handler, which answers HTML with the stack trace and logs past our logger.
  const refused: ErrorRequestHandler = (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const status =
      typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number'
        ? error.status
        : 500;
    if (status >= 400 && status < 500) {
      if (req.path === WEBHOOK_PATH) deps.metrics.event('rejected_body');
      deps.log.warn('request refused: body unreadable', {
        path: req.path,
        status,
        type: typeof error === 'object' && error !== null && 'type' in error ? String(error.type) : undefined,
      });
      res.status(status).json({ error: status === 413 ? 'body_too_large' : 'body_unreadable' });
      return;
    }
    deps.log.error('request failed', { path: req.path, error });
    res.status(500).json({ error: 'internal_error' });
  };
  app.use(refused);

  return app;
}
