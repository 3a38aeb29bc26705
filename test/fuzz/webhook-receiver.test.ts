import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { signBody } from '../../bot/http/verify-signature.ts';
import { webhookEventSchema } from '../../bot/engine/webhook-event.ts';
import { createMemoryStore } from '../../store/memory-store.ts';
import type { Store } from '../../store/store.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { nastyString } from './arbitraries.ts';
import { checkProperty, fuzzRuns, fuzzTimeout } from './fuzz-runs.ts';

/**
 * The webhook route, over real HTTP on the real bot (sandbox behind it): whatever the body and
 * the signature, the answer is 200 (a signed Webex event), 400 (signed, but not JSON or not an
 * event), 401 (signature missing or wrong), or, before the signature can be read, 413 (over the
 * 256 KB limit) and 415 (any content encoding: Webex sends none, and the bytes are signed as
 * sent); never a 5xx, never a hang. Only a 200 records the event, nothing ever starts a conversation, and the bot answers people afterwards.
 */

const LIMIT = 256 * 1024;
let h: Harness;
const recorded: string[] = [];

/** The memory store, noting each event id recorded for the first time. */
function recordingStore(inner: Store): Store {
  return {
    ...inner,
    // The body passes through: an event recorded without it is no event the inbox has to handle.
    recordEvent: async (eventId, receivedAt, event) => {
      const first = await inner.recordEvent(eventId, receivedAt, event);
      if (first) recorded.push(eventId);
      return first;
    },
  };
}

beforeAll(async () => {
  h = await startHarness({ store: recordingStore(createMemoryStore()) });
});
afterAll(async () => {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- h stays unset when beforeAll fails
  await h?.close();
});

/** An event as Webex sends one, for a message the sandbox does not have. */
const eventOf = (dataId: string): Record<string, unknown> => ({
  id: 'Y2lzY29zcGFyazovL3VzL1dFQkhPT0svZmFrZQ',
  name: 'Onboarding Bot (onboarding bot)',
  targetUrl: 'http://127.0.0.1/webhooks/webex',
  resource: 'messages',
  event: 'created',
  orgId: 'Y2lzY29zcGFyazovL3VzL09SR0FOSVpBVElPTi9mYWtl',
  createdBy: 'Y2lzY29zcGFyazovL3VzL1BFT1BMRS9ib3Q',
  appId: 'Y2lzY29zcGFyazovL3VzL0FQUExJQ0FUSU9OL2Zha2U',
  ownedBy: 'creator',
  status: 'active',
  actorId: 'Y2lzY29zcGFyazovL3VzL1BFT1BMRS9hbGljZQ',
  created: '2026-01-01T00:00:00.000Z',
  data: {
    id: dataId,
    roomId: 'Y2lzY29zcGFyazovL3VzL1JPT00vZmFrZQ',
    roomType: 'direct',
    personId: 'Y2lzY29zcGFyazovL3VzL1BFT1BMRS9hbGljZQ',
    personEmail: 'alice@partner.example',
    created: '2026-01-01T00:00:00.000Z',
  },
});

const paths = [
  'id',
  'name',
  'resource',
  'event',
  'filter',
  'created',
  'data',
  'data.id',
  'data.roomId',
  'data.roomType',
  'data.personId',
  'data.personEmail',
  'data.mentionedPeople',
  'data.created',
  '__proto__',
  'data.__proto__',
  'extra',
] as const;
const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 2 }), nastyString, fc.constant(null), fc.integer(), fc.constant(''));
const mutation = fc.record({ path: fc.constantFrom(...paths), drop: fc.boolean(), value: anyValue });

/** Bodies from nonsense to almost-valid events, as bytes. */
const body = fc.oneof(
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 2048 }).map((b) => Buffer.from(b)) },
  { weight: 2, arbitrary: fc.json({ maxDepth: 3 }).map((j) => Buffer.from(j)) },
  {
    weight: 5,
    arbitrary: fc
      .tuple(fc.uuid(), fc.array(mutation, { maxLength: 3 }), fc.constantFrom(0, 0, 2, 4))
      .map(([id, mutations, indent]) => {
        const event = eventOf(id);
        for (const m of mutations) {
          const [head = '', tail] = m.path.split('.');
          const target = tail === undefined ? event : event[head];
          const key = tail ?? head;
          if (typeof target !== 'object' || target === null || Array.isArray(target)) continue;
          if (m.drop) Reflect.deleteProperty(target, key);
          else
            Object.defineProperty(target, key, {
              value: m.value,
              enumerable: true,
              writable: true,
              configurable: true,
            });
        }
        return Buffer.from(JSON.stringify(event, null, indent));
      }),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.uuid(), fc.nat()).map(([id, cut]) => {
      const text = JSON.stringify(eventOf(id));
      return Buffer.from(text.slice(0, cut % text.length));
    }),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.uuid(), fc.integer({ min: LIMIT - 2_000, max: LIMIT + 2_000 })).map(([id, size]) => {
      const event = eventOf(id);
      const text = JSON.stringify({ ...event, name: '' });
      return Buffer.from(JSON.stringify({ ...event, name: 'n'.repeat(Math.max(0, size - text.length)) }));
    }),
  },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 400_000 }).map((n) => Buffer.alloc(n, 'x')) },
);

type SignatureMode = 'none' | 'correct' | 'upper' | 'wrongSecret' | 'randomHex' | 'garbage' | 'prefixed' | 'flipped';
const signature = fc.record({
  mode: fc.constantFrom<SignatureMode>(
    'correct',
    'correct',
    'correct',
    'upper',
    'none',
    'wrongSecret',
    'randomHex',
    'garbage',
    'prefixed',
    'flipped',
  ),
  hex: fc.stringMatching(/^[0-9a-f]{40}$/),
  garbage: fc.stringMatching(/^[\x21-\x7e]{0,60}$/),
});
const headers = fc.record({
  contentType: fc.constantFrom(
    'application/json',
    'application/json',
    'application/json; charset=utf-8',
    'text/plain',
    'application/octet-stream',
    'multipart/form-data; boundary=x',
    '',
  ),
  encoding: fc.constantFrom(
    undefined,
    undefined,
    undefined,
    undefined,
    'identity',
    'gzip',
    'deflate',
    'br',
    'x-unknown',
  ),
  again: fc.boolean(),
});

function signatureFor(
  bytes: Buffer,
  s: { mode: SignatureMode; hex: string; garbage: string },
): { header?: string; valid: boolean; sent: Buffer } {
  const right = signBody(bytes, h.secret);
  switch (s.mode) {
    case 'none':
      return { valid: false, sent: bytes };
    case 'correct':
      return { header: right, valid: true, sent: bytes };
    case 'upper':
      return { header: right.toUpperCase(), valid: true, sent: bytes };
    case 'wrongSecret':
      return { header: signBody(bytes, `${h.secret}x`), valid: false, sent: bytes };
    case 'randomHex':
      return { header: s.hex, valid: s.hex === right, sent: bytes };
    case 'garbage':
      return { header: s.garbage, valid: false, sent: bytes };
    case 'prefixed':
      return { header: `sha1=${right}`, valid: false, sent: bytes };
    case 'flipped': {
      if (bytes.length === 0) return { header: right, valid: true, sent: bytes };
      const sent = Buffer.from(bytes);
      sent[sent.length >> 1] = sent[sent.length >> 1]! ^ 0x20;
      return { header: right, valid: false, sent };
    }
  }
}

const statusOf = (json: unknown) => z.object({ status: z.string() }).safeParse(json).data?.status;

/** What the route must answer for a body it can read: 401 before parsing, then 400 or 200. */
function expected(bytes: Buffer, signed: boolean): 200 | 400 | 401 {
  if (!signed) return 401;
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    return 400;
  }
  return webhookEventSchema.safeParse(json).success ? 200 : 400;
}

async function post(
  bytes: Buffer,
  signatureHeader: string | undefined,
  h2: { contentType: string; encoding: string | undefined },
): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${h.bot.url}/webhooks/webex`, {
    method: 'POST',
    headers: {
      ...(h2.contentType ? { 'content-type': h2.contentType } : {}),
      ...(h2.encoding ? { 'content-encoding': h2.encoding } : {}),
      ...(signatureHeader !== undefined ? { 'x-spark-signature': signatureHeader } : {}),
    },
    body: bytes,
    signal: AbortSignal.timeout(5_000),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: response.status, json };
}

describe('the webhook receiver under arbitrary deliveries', () => {
  const runs = fuzzRuns(150);
  it(
    'answers 200, 400, 401 (413, 415 for bodies it cannot read), records only what it accepts, and keeps answering',
    async () => {
      const conversationsBefore = (await h.store.findConversations({})).length;
      await checkProperty(
        'webhook receiver',
        fc.asyncProperty(body, signature, headers, async (bytes, s, hd) => {
          const { header, valid, sent } = signatureFor(bytes, s);
          const recordedBefore = recorded.length;
          const answer = await post(sent, header, hd);
          const encoded = hd.encoding !== undefined && hd.encoding !== 'identity';
          // Bodies are read as sent, never decompressed (the signature covers the bytes on the wire).
          const want = encoded ? [415] : sent.length > LIMIT ? [413] : [expected(sent, valid)];
          if (!want.includes(answer.status))
            throw new Error(
              `answered ${answer.status} (${JSON.stringify(answer.json).slice(0, 200)}), expected ${want.join(' or ')}`,
            );
          if (typeof answer.json !== 'object' || answer.json === null)
            throw new Error(`answered ${answer.status} without a JSON body: ${String(answer.json).slice(0, 200)}`);
          const fresh = recorded.length - recordedBefore;
          if (answer.status !== 200 && fresh !== 0) throw new Error(`a ${answer.status} recorded an event`);
          if (answer.status === 200) {
            const accepted = statusOf(answer.json);
            if (fresh !== (accepted === 'accepted' ? 1 : 0) || (accepted !== 'accepted' && accepted !== 'duplicate'))
              throw new Error(`a 200 (${String(accepted)}) recorded ${fresh} events`);
            if (hd.again) {
              const again = await post(sent, header, hd);
              if (
                again.status !== 200 ||
                statusOf(again.json) !== 'duplicate' ||
                recorded.length - recordedBefore !== fresh
              )
                throw new Error('a redelivery was not answered as a duplicate');
            }
          }
        }),
        runs,
      );
      await h.bot.idle();
      expect((await h.store.findConversations({})).length).toBe(conversationsBefore);
      // Still alive: health, and a person's message answered through the whole path.
      expect((await fetch(`${h.bot.url}/healthz`)).status).toBe(200);
      const before = h.botMessages('direct-alice').length;
      await h.say('alice', 'direct-alice', 'help');
      await h.waitForBotMessages('direct-alice', before + 1);
    },
    fuzzTimeout(runs, 30),
  );
});
