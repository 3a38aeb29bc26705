/**
 * The floor of the event bench: the least any Webex bot does per event, with nothing of ours in it.
 * It checks the webhook's signature, answers 200, reads the message (or the card click) from the
 * API, and posts a fixed reply: a card with a Cancel button for `create template`, a line of
 * markdown for everything else. No store, no machine, no catalogue. The bench drives it with the
 * same load as the bot and prints the bot's p99 as a multiple of this one's.
 *
 * Run by bench/event-handling.ts as a child process: PORT, WEBHOOK_SECRET, WEBEX_API_URL, WEBEX_BOT_TOKEN.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';

const port = Number(process.env.PORT);
const secret = process.env.WEBHOOK_SECRET ?? '';
const api = process.env.WEBEX_API_URL ?? '';
const token = process.env.WEBEX_BOT_TOKEN ?? '';

const card = {
  contentType: 'application/vnd.microsoft.card.adaptive',
  content: {
    type: 'AdaptiveCard',
    version: '1.3',
    body: [{ type: 'TextBlock', text: 'Floor card', wrap: true }],
    actions: [{ type: 'Action.Submit', title: 'Cancel', data: { action: 'cancel' } }],
  },
};

async function call(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${api}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
  return (await response.json()) as Record<string, unknown>;
}

async function handle(event: { resource?: string; data?: { id?: string; roomId?: string } }): Promise<void> {
  const id = event.data?.id ?? '';
  if (event.resource === 'messages') {
    const message = await call('GET', `/messages/${encodeURIComponent(id)}`);
    const text = typeof message.text === 'string' ? message.text : '';
    const reply = text.includes('create template')
      ? { markdown: 'Floor card', attachments: [card] }
      : { markdown: `Floor reply to ${text.length} characters` };
    await call('POST', '/messages', { roomId: message.roomId, ...reply });
  } else if (event.resource === 'attachmentActions') {
    const action = await call('GET', `/attachment/actions/${encodeURIComponent(id)}`);
    await call('POST', '/messages', { roomId: action.roomId, markdown: 'Floor reply to a click' });
  }
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const expected = createHmac('sha1', secret).update(body).digest();
    const given = Buffer.from(String(req.headers['x-spark-signature'] ?? ''), 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      res.writeHead(401).end();
      return;
    }
    res.writeHead(200).end();
    void handle(JSON.parse(body.toString('utf8')) as Parameters<typeof handle>[0]).catch((error: unknown) =>
      console.error(String(error)),
    );
  });
});
server.listen(port, '127.0.0.1', () => console.log(JSON.stringify({ msg: 'bot ready' })));
