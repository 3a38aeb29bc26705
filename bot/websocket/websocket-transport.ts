import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { z } from 'zod';
import type { HttpClient } from '../../webex/http-client.ts';
import type { WebhookEvent } from '../engine/webhook-event.ts';
import type { Inbox } from '../engine/inbox.ts';
import type { Logger } from '../engine/logger.ts';
import type { Metrics } from '../engine/metrics.ts';
import { findOrRegisterDevice, type Device } from './device-registration.ts';
import { activityVerbs, readFrame, type Activity } from './mercury-frame.ts';
import { reconnectDelay } from './reconnect-delay.ts';
import { decodeRestId, restIdLike, restLookupUrl } from './rest-ids.ts';

export interface WebsocketTransportDeps {
  /** A client of the device service (WDM) with the bot token; also used for the activities' REST-id lookups (full URLs). */
  readonly devices: HttpClient;
  readonly token: string;
  /** The bot's own person id: its own activities are acknowledged and dropped. */
  readonly botId: string;
  /** The name the bot registers its device under, and finds it by after a restart. */
  readonly deviceName: string;
  readonly inbox: Pick<Inbox, 'record' | 'dispatch'>;
  readonly log: Logger;
  readonly metrics: Metrics;
  readonly clock: () => Date;
  /** How often a ping goes out; a connection that has not answered the previous one by then is dropped. */
  readonly keepAliveMs?: number;
  /** The first reconnect wait; it doubles per failed try, up to 30 s. */
  readonly reconnectBaseMs?: number;
  /** Failed tries in a row after which the bot registers a new device. */
  readonly newDeviceAfter?: number;
  readonly random?: () => number;
  /** Told after each reconnect, with when the connection went down: what came meanwhile was not sent and is read now. */
  readonly onReconnect?: (downSince: Date) => void;
}

export type TransportStatus =
  { readonly state: 'connected'; readonly since: Date } | { readonly state: 'reconnecting'; readonly since: Date };

const restIdSchema = z.object({ id: z.string().min(1) }).loose();

/**
 * Events over Webex's websocket, for a bot that takes no inbound traffic: register (or reuse) a
 * device, open its websocket, authorise with the bot token, and turn each message and card submit
 * into the envelope the webhook route hands on, through the same inbox (dedupe, durability). A
 * frame is acknowledged once its event is recorded, as a webhook is answered 200. The connection
 * is kept alive by pings and reopened with backoff when it drops; events sent while it was down
 * are not sent again by Webex: `onReconnect` has them read (messages; card clicks cannot be listed).
 */
export class WebsocketTransport {
  private socket: WebSocket | undefined;
  private device: Device | undefined;
  private current: TransportStatus;
  private failures = 0;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;
  private keepAlive: NodeJS.Timeout | undefined;
  /**
   * Frames being turned into events. They run side by side, as webhook requests do (so the store
   * can share one disk sync among them); the engine keeps the events of one conversation in order.
   */
  private readonly inFlight = new Set<Promise<void>>();
  private readonly botUuid: string;

  constructor(private readonly deps: WebsocketTransportDeps) {
    this.current = { state: 'reconnecting', since: deps.clock() };
    this.botUuid = decodeRestId(deps.botId).uuid;
  }

  status(): TransportStatus {
    return this.current;
  }

  /** Connects once; throws when the device service or the websocket refuses, naming what to check. */
  async start(): Promise<void> {
    await this.connect(false);
  }

  async close(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    if (this.keepAlive) clearInterval(this.keepAlive);
    const socket = this.socket;
    if (socket && socket.readyState !== WebSocket.CLOSED) {
      await new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.close(1000, 'bot stopping');
        setTimeout(() => {
          socket.terminate();
          resolve();
        }, 1000).unref();
      });
    }
    await Promise.allSettled([...this.inFlight]);
  }

  private async connect(fresh: boolean): Promise<void> {
    if (!this.device || fresh) {
      const { device, registered } = await findOrRegisterDevice(this.deps.devices, this.deps.deviceName, { fresh });
      this.device = device;
      this.deps.log.info(registered ? 'websocket device registered' : 'websocket device reused', {
        device: device.url,
      });
    }
    const socket = new WebSocket(this.device.webSocketUrl);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('unexpected-response', (_req, res) => {
        // The device is gone (deleted, expired): the next try registers a new one.
        if (res.statusCode === 404 || res.statusCode === 410) this.device = undefined;
        reject(new Error(`the websocket refused the connection: HTTP ${res.statusCode ?? '?'}`));
        socket.terminate();
      });
      socket.once('error', reject);
    });
    socket.on('error', (error) => this.deps.log.warn('websocket error', { error: error.message }));
    if (this.stopped) {
      socket.terminate();
      return;
    }
    socket.send(
      JSON.stringify({ id: randomUUID(), type: 'authorization', data: { token: `Bearer ${this.deps.token}` } }),
    );
    this.socket = socket;
    this.current = { state: 'connected', since: this.deps.clock() };
    this.deps.log.info('websocket connected');
    let alive = true;
    // The first answer proves the server took the authorization; only then does the backoff start
    // over, so a server that accepts and at once closes again still meets a growing wait.
    const answered = () => {
      alive = true;
      this.failures = 0;
    };
    socket.on('pong', answered);
    socket.ping();
    socket.on('message', (data: WebSocket.RawData) => {
      answered();
      const text = Array.isArray(data)
        ? Buffer.concat(data).toString('utf8')
        : Buffer.isBuffer(data)
          ? data.toString('utf8')
          : Buffer.from(new Uint8Array(data)).toString('utf8');
      const work = this.onFrame(socket, text)
        .catch((error: unknown) => this.deps.log.error('websocket frame not handled', { error }))
        .finally(() => this.inFlight.delete(work));
      this.inFlight.add(work);
    });
    if (this.keepAlive) clearInterval(this.keepAlive);
    const keepAlive = setInterval(() => {
      if (!alive) {
        this.deps.log.warn('websocket silent: no answer to the last ping; reconnecting');
        socket.terminate();
        return;
      }
      alive = false;
      socket.ping();
    }, this.deps.keepAliveMs ?? 30_000);
    keepAlive.unref();
    this.keepAlive = keepAlive;
    socket.once('close', (code, reason) => {
      clearInterval(keepAlive);
      if (this.stopped || this.socket !== socket) return;
      this.deps.log.warn('websocket closed; reconnecting', { code, reason: reason.toString('utf8').slice(0, 200) });
      this.current = { state: 'reconnecting', since: this.deps.clock() };
      this.scheduleReconnect();
    });
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    this.failures += 1;
    const wait = reconnectDelay(this.failures, this.deps.random, this.deps.reconnectBaseMs);
    this.retry = setTimeout(() => {
      if (this.stopped) return;
      const fresh = this.failures > (this.deps.newDeviceAfter ?? 5);
      const downSince = this.current.since;
      this.connect(fresh).then(
        () => {
          this.deps.metrics.websocketReconnected();
          this.deps.onReconnect?.(downSince);
        },
        (error: unknown) => {
          this.deps.log.warn('websocket reconnect failed', {
            attempt: this.failures,
            newDevice: fresh,
            error: (error as Error).message,
          });
          this.scheduleReconnect();
        },
      );
    }, wait);
    this.retry.unref();
  }

  private async onFrame(socket: WebSocket, text: string): Promise<void> {
    const reading = readFrame(text);
    if (reading.kind === 'unreadable') {
      this.deps.log.warn('websocket frame unreadable', { why: reading.why, bytes: text.length });
      this.deps.metrics.websocketFrame('rejected_body');
      return;
    }
    const ack = (frameId: string) => {
      if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: 'ack', messageId: frameId }));
    };
    if (reading.kind === 'ignore') {
      this.deps.log.debug('websocket frame ignored', { why: reading.why });
      ack(reading.frameId);
      return;
    }
    const { activity } = reading;
    // The bot's own messages, others joining or leaving, and spaces made without it: nothing for it to do.
    if (!this.concernsBot(activity)) {
      this.deps.metrics.websocketFrame('ignored');
      ack(activity.frameId);
      return;
    }
    const receivedAt = performance.now();
    let event: WebhookEvent;
    try {
      event = await this.eventOf(activity);
    } catch (error) {
      // Nothing to hand on (the message is gone, or the lookup refused): acknowledged, logged.
      this.deps.log.warn('websocket activity not resolved to a REST id', {
        verb: activity.verb,
        error: (error as Error).message,
      });
      this.deps.metrics.websocketFrame('rejected_body');
      ack(activity.frameId);
      return;
    }
    let first: boolean;
    try {
      first = await this.deps.inbox.record(event);
    } catch (error) {
      this.deps.log.error('websocket event not recorded: store failed', { eventId: event.data.id, error });
      this.deps.metrics.websocketFrame('store_unavailable');
      return;
    }
    ack(activity.frameId);
    if (!first) {
      this.deps.log.info('websocket event ignored: already received', { eventId: event.data.id });
      this.deps.metrics.websocketFrame('duplicate');
      return;
    }
    this.deps.metrics.websocketFrame('accepted');
    this.deps.inbox.dispatch(event, receivedAt);
  }

  /** Whether the activity is one the bot acts on: the bot itself joined or left, or someone else wrote or clicked. */
  private concernsBot(activity: Activity): boolean {
    if (activity.verb === 'add' || activity.verb === 'leave') return activity.objectId === this.botUuid;
    if (activity.verb === 'create') return activity.participantIds?.includes(this.botUuid) ?? false;
    return activity.actorId !== this.botUuid;
  }

  /** The envelope a webhook would have carried: the REST id of the message or action, its space, its author. */
  private async eventOf(activity: Activity): Promise<WebhookEvent> {
    if (activity.verb === 'add' || activity.verb === 'leave' || activity.verb === 'create') {
      // The bot itself joined (added, or in a space made with it) or left: its membership id is made
      // of its and the space's uuids, as Webex's are.
      const { resource, event } = activityVerbs[activity.verb];
      const id = restIdLike(this.deps.botId, 'MEMBERSHIP', `${this.botUuid}:${activity.targetId}`);
      const roomId = restIdLike(this.deps.botId, 'ROOM', activity.targetId);
      if (!id || !roomId) throw new Error('the bot’s id names no cluster');
      const actorId = restIdLike(this.deps.botId, 'PEOPLE', activity.actorId);
      return {
        id: 'websocket',
        resource,
        event,
        ...(actorId ? { actorId } : {}),
        data: {
          id,
          roomId,
          personId: this.deps.botId,
          ...(activity.direct !== undefined ? { roomType: activity.direct ? 'direct' : 'group' } : {}),
          ...(activity.published ? { created: activity.published } : {}),
        },
      };
    }
    const url = restLookupUrl(activity);
    if (!url) throw new Error('the activity’s target URL does not end in its conversation');
    const { id } = await this.deps.devices.request('GET', url, { schema: restIdSchema });
    const { resource, event } = activityVerbs[activity.verb];
    const roomId = restIdLike(id, 'ROOM', activity.targetId);
    const personId = restIdLike(id, 'PEOPLE', activity.actorId);
    return {
      id: 'websocket',
      resource,
      event,
      data: { id, ...(roomId ? { roomId } : {}), ...(personId ? { personId } : {}) },
    };
  }
}
