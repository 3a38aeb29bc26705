import { randomUUID } from 'node:crypto';
import { signWebhook } from './sign-webhook.ts';
import type { SandboxPerson, SandboxState, SandboxWebhook } from './sandbox-state.ts';

interface DeliveryAttempt {
  readonly at: string;
  readonly status?: number;
  readonly response?: string;
  readonly error?: string;
}

export interface Delivery {
  readonly id: string;
  readonly webhookId: string;
  readonly targetUrl: string;
  readonly resource: string;
  readonly event: string;
  readonly dataId: string;
  /** The exact bytes sent, so a redelivery is byte-for-byte the same event. */
  readonly body: string;
  readonly attempts: DeliveryAttempt[];
  state: 'pending' | 'delivered' | 'failed';
}

export interface DeliveryOptions {
  /** Waits before the second, third … attempt of a failed delivery. */
  readonly retryDelaysMs?: readonly number[];
  readonly timeoutMs?: number;
  /** Deliveries in a row that fail every attempt before the webhook is turned off, as Webex does. */
  readonly deactivateAfter?: number;
}

export type EventData = Record<string, unknown> & { readonly id: string };

function matchesFilter(webhook: SandboxWebhook, data: EventData, owner: SandboxPerson): boolean {
  if (!webhook.filter) return true;
  return webhook.filter.split('&').every((clause) => {
    const [key, raw] = clause.split('=');
    if (!key || raw === undefined) return true;
    const value = decodeURIComponent(raw);
    const actual = data[key];
    if (key === 'mentionedPeople') {
      const wanted = value === 'me' ? owner.id : value;
      return Array.isArray(actual) && actual.includes(wanted);
    }
    return actual === undefined ? true : actual === value;
  });
}

/**
 * Sends webhook events the way Webex does: a JSON envelope naming the resource, signed with the
 * webhook's secret in `X-Spark-Signature`, retried when the target fails, and the webhook turned
 * off after too many failed deliveries in a row.
 */
export class WebhookDelivery {
  readonly deliveries: Delivery[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly retryDelaysMs: readonly number[];
  private readonly timeoutMs: number;
  private readonly deactivateAfter: number;
  /** Until when (ms since the epoch) nothing reaches any endpoint, as if each were dead; 0: delivering. */
  private pausedUntil = 0;
  /** Told of every event as it is published (the websocket sends it to connected devices too). */
  private readonly listeners: ((
    resource: string,
    event: string,
    data: EventData,
    actorId: string,
    audience: (owner: SandboxPerson) => boolean,
    space?: 'new',
  ) => void)[] = [];

  constructor(
    private readonly state: SandboxState,
    options: DeliveryOptions = {},
  ) {
    this.retryDelaysMs = options.retryDelaysMs ?? [500, 2000];
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.deactivateAfter = options.deactivateAfter ?? 10;
  }

  /**
   * Fires `resource/event` to every active webhook of the people allowed to see it. `space: 'new'`:
   * a membership of a space made just now with its members (webhooks as for any membership; the
   * websocket sends one `create` activity instead of an `add` per member).
   */
  publish(
    resource: string,
    event: string,
    data: EventData,
    actorId: string,
    audience: (owner: SandboxPerson) => boolean,
    space?: 'new',
  ): void {
    const paused = this.paused();
    // Told while paused too: the websocket sends no frame then (as to a dead client), but what
    // follows later (a file's update once scanned) still comes.
    for (const listener of this.listeners) listener(resource, event, data, actorId, audience, space);
    for (const webhook of this.state.webhooks) {
      if (
        webhook.status !== 'active' ||
        webhook.resource !== resource ||
        (webhook.event !== event && webhook.event !== 'all')
      )
        continue;
      const owner = this.state.personById(webhook.ownerId);
      if (!owner || !audience(owner) || !matchesFilter(webhook, data, owner)) continue;
      const envelope = {
        id: webhook.id,
        name: webhook.name,
        targetUrl: webhook.targetUrl,
        resource,
        event,
        ...(webhook.filter ? { filter: webhook.filter } : {}),
        orgId: owner.orgId,
        createdBy: owner.id,
        appId: 'Y2lzY29zcGFyazovL3VzL0FQUExJQ0FUSU9OL3NhbmRib3g',
        ownedBy: 'creator',
        status: webhook.status,
        created: webhook.created,
        actorId,
        data,
      };
      const delivery: Delivery = {
        id: randomUUID(),
        webhookId: webhook.id,
        targetUrl: webhook.targetUrl,
        resource,
        event,
        dataId: data.id,
        body: JSON.stringify(envelope),
        attempts: [],
        state: 'pending',
      };
      this.deliveries.push(delivery);
      if (paused) {
        // Kept in the log as failed, so a test can still send it late (`redeliver`).
        delivery.attempts.push({ at: this.state.now(), error: 'delivery paused: the endpoint did not answer' });
        delivery.state = 'failed';
        continue;
      }
      this.track(this.run(delivery, webhook));
    }
  }

  /**
   * Stops delivering for `ms` (or until `resume`): webhooks fail and the websocket sends no frame,
   * while messages are still stored, as when the bot is down or its endpoint dead. A webhook
   * does not count these failures towards being turned off.
   */
  pause(ms: number): void {
    this.pausedUntil = Date.now() + ms;
  }

  resume(): void {
    this.pausedUntil = 0;
  }

  paused(): boolean {
    return Date.now() < this.pausedUntil;
  }

  /** Calls `listener` with every event published from now on. */
  onPublish(listener: (typeof this.listeners)[number]): void {
    this.listeners.push(listener);
  }

  /** Sends a past delivery again, the same bytes, as Webex does when it is unsure it got through. */
  redeliver(deliveryId: string): Promise<Delivery> {
    const original = this.deliveries.find((d) => d.id === deliveryId);
    const webhook = original && this.state.webhooks.find((w) => w.id === original.webhookId);
    if (!original || !webhook) return Promise.reject(new Error(`no delivery ${deliveryId}`));
    const again: Delivery = {
      ...original,
      id: randomUUID(),
      attempts: [],
      state: 'pending',
      targetUrl: webhook.targetUrl,
    };
    this.deliveries.push(again);
    const done = this.run(again, webhook);
    this.track(done);
    return done.then(() => again);
  }

  /** Resolves when no delivery is in flight (retries included). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private track(promise: Promise<void>): void {
    this.inFlight.add(promise);
    void promise.finally(() => this.inFlight.delete(promise));
  }

  private async run(delivery: Delivery, webhook: SandboxWebhook): Promise<void> {
    for (let attempt = 0; attempt <= this.retryDelaysMs.length; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, this.retryDelaysMs[attempt - 1]));
      if (await this.attempt(delivery, webhook)) {
        delivery.state = 'delivered';
        webhook.failuresInARow = 0;
        return;
      }
    }
    delivery.state = 'failed';
    webhook.failuresInARow += 1;
    if (webhook.failuresInARow >= this.deactivateAfter) webhook.status = 'inactive';
  }

  private async attempt(delivery: Delivery, webhook: SandboxWebhook): Promise<boolean> {
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'webex-sandbox',
    };
    if (webhook.secret) headers['x-spark-signature'] = signWebhook(delivery.body, webhook.secret);
    const at = this.state.now();
    try {
      const response = await fetch(delivery.targetUrl, {
        method: 'POST',
        headers,
        body: delivery.body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const text = await response.text();
      delivery.attempts.push({ at, status: response.status, response: text.slice(0, 500) });
      return response.ok;
    } catch (error) {
      delivery.attempts.push({ at, error: (error as Error).message });
      return false;
    }
  }
}
