/**
 * `npm run say -- [--as alice] [--room direct-alice|provisioning|approvers] "text"`: posts a
 * message into the running sandbox as a seeded person and prints what the bot answers.
 * `npm run say -- --click next name="SMB Germany" country=DE`: clicks a button of the bot's
 * latest card in that space, with those inputs (the card's other inputs keep their values).
 * `npm run say -- --as bea --room approvers --click approve`: votes on the latest approval card.
 * `npm run say -- --file users.csv "add users acme-001"`: attaches a file to the message.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';

interface PersonRow {
  key: string;
  id: string;
  displayName: string;
  email: string;
  type: string;
  role: string;
  token: string;
}
interface RoomRow {
  key: string;
  id: string;
  title: string;
  type: string;
  members: string[];
}
interface MessageRow {
  id: string;
  personId: string;
  personEmail?: string;
  markdown?: string;
  text?: string;
  attachments?: { content: Record<string, unknown> }[];
}

const base = (process.env.SANDBOX_URL ?? `http://127.0.0.1:${process.env.SANDBOX_PORT ?? 3100}`).replace(/\/+$/, '');

async function get<T>(path: string): Promise<T> {
  const response = await fetch(`${base}${path}`).catch(() => {
    throw new Error(
      `The sandbox is not reachable at ${base}; start it with \`npm start\` in another terminal (or set SANDBOX_URL).`,
    );
  });
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** What `--click` names a button by: its action, or an approval card's vote. */
function buttonId(data: Record<string, unknown> | undefined): string | undefined {
  const id = data?.action ?? data?.vote;
  return typeof id === 'string' ? id : undefined;
}

/** A plain-text view of a card: its text blocks and facts, and the titles of its buttons. */
function renderCard(content: Record<string, unknown>, indent = '  '): string[] {
  const lines: string[] = [];
  const walk = (elements: unknown) => {
    if (!Array.isArray(elements)) return;
    for (const raw of elements) {
      const e = raw as Record<string, unknown>;
      if (e.type === 'TextBlock') lines.push(`${indent}${String(e.text)}`);
      if (e.type === 'FactSet')
        for (const f of (e.facts as { title: string; value: string }[] | undefined) ?? [])
          lines.push(`${indent}  ${f.title}  —  ${f.value}`);
      if (e.type === 'Input.Text' || e.type === 'Input.ChoiceSet' || e.type === 'Input.Toggle')
        lines.push(
          `${indent}[${String(e.id)}: ${(e.label ?? e.title ?? '') as string}]${e.value ? ` = ${e.value as string}` : ''}`,
        );
      walk(e.items);
      if (Array.isArray(e.columns)) for (const c of e.columns as Record<string, unknown>[]) walk(c.items);
    }
  };
  walk(content.body);
  const actions = (content.actions as { title?: string }[] | undefined) ?? [];
  if (actions.length > 0)
    lines.push(
      `${indent}${(actions as { title?: string; data?: Record<string, unknown> }[]).map((a) => `(${a.title}${buttonId(a.data) ? ` → --click ${buttonId(a.data)}` : ''})`).join(' ')}`,
    );
  return lines;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: {
      as: { type: 'string', default: 'alice' },
      room: { type: 'string' },
      who: { type: 'boolean', default: false },
      wait: { type: 'string', default: '10' },
      click: { type: 'string' },
      file: { type: 'string' },
    },
    allowPositionals: true,
  });
  const people = (await get<{ items: PersonRow[] }>('/_sandbox/people')).items;
  const rooms = (await get<{ items: RoomRow[] }>('/_sandbox/rooms')).items;
  if (values.who || (positionals.length === 0 && !values.click)) {
    console.log('People:');
    for (const p of people) console.log(`  ${p.key.padEnd(6)} ${p.displayName} <${p.email}> — ${p.role}`);
    console.log('Spaces:');
    for (const r of rooms)
      console.log(
        `  ${r.key.padEnd(14)} ${r.type.padEnd(6)} ${r.members.join(', ')}${r.type === 'group' ? `  (room id ${r.id})` : ''}`,
      );
    if (positionals.length === 0) console.log('\nUsage: npm run say -- [--as KEY] [--room KEY] "help"');
    return;
  }
  const me = people.find((p) => p.key === values.as);
  if (!me) throw new Error(`No seeded person "${values.as}"; see npm run say -- --who`);
  const bot = people.find((p) => p.type === 'bot')!;
  const room = rooms.find((r) => r.key === (values.room ?? `direct-${me.key}`));
  if (!room) throw new Error(`No space "${values.room}"; see npm run say -- --who`);
  if (!room.members.includes(me.key)) throw new Error(`${me.displayName} is not in ${room.key}.`);

  const timeline = (await get<{ items: MessageRow[] }>(`/_sandbox/rooms/${room.key}/messages`)).items;
  const before = timeline.length;
  if (values.click) {
    const card = [...timeline].reverse().find((m) => m.personId === bot.id && m.attachments?.length);
    if (!card) throw new Error(`The bot has posted no card in ${room.key} yet.`);
    const content = card.attachments![0]!.content;
    const button = ((content.actions as { title: string; data?: Record<string, string> }[] | undefined) ?? []).find(
      (a) => buttonId(a.data) === values.click || a.title.toLowerCase() === values.click!.toLowerCase(),
    );
    if (!button?.data)
      throw new Error(
        `The latest card has no button "${values.click}"; it has: ${((content.actions as { title: string; data?: Record<string, string> }[] | undefined) ?? []).map((a) => `${buttonId(a.data)} (${a.title})`).join(', ')}`,
      );
    const inputs: Record<string, string> = {};
    const collect = (elements: unknown) => {
      if (!Array.isArray(elements)) return;
      for (const raw of elements) {
        const e = raw as Record<string, unknown>;
        if (typeof e.id === 'string' && String(e.type).startsWith('Input.'))
          inputs[e.id] = typeof e.value === 'string' ? e.value : '';
        collect(e.items);
      }
    };
    collect(content.body);
    for (const pair of positionals) {
      const at = pair.indexOf('=');
      if (at > 0) inputs[pair.slice(0, at)] = pair.slice(at + 1);
    }
    const clicked = await fetch(`${base}/v1/attachment/actions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${me.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'submit', messageId: card.id, inputs: { ...inputs, ...button.data } }),
    });
    if (!clicked.ok) throw new Error(`Clicking failed: ${clicked.status} ${await clicked.text()}`);
    console.log(`${me.displayName} clicked "${button.title}" in ${room.title}`);
  } else {
    const text = positionals.join(' ');
    const markdown = room.type === 'group' ? `<@personId:${bot.id}|${bot.displayName}> ${text}` : text;
    let files: string[] | undefined;
    if (values.file) {
      // Attaching a file, as a Webex client does: upload it, then post the message with its URL.
      const content = await readFile(values.file, 'utf8');
      const upload = await fetch(`${base}/_sandbox/files`, {
        method: 'POST',
        headers: { authorization: `Bearer ${me.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: basename(values.file), type: 'text/csv', content }),
      });
      if (!upload.ok) throw new Error(`Uploading ${values.file} failed: ${upload.status} ${await upload.text()}`);
      files = [((await upload.json()) as { url: string }).url];
    }
    const sent = await fetch(`${base}/v1/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${me.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ roomId: room.id, markdown, ...(files ? { files } : {}) }),
    });
    if (!sent.ok) throw new Error(`Posting failed: ${sent.status} ${await sent.text()}`);
    console.log(`${me.displayName} in ${room.title}: ${text}`);
  }

  const deadline = Date.now() + Number(values.wait) * 1000;
  let printed = 0;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const replies = (await get<{ items: MessageRow[] }>(`/_sandbox/rooms/${room.key}/messages`)).items
      .slice(before)
      .filter((m) => m.personId === bot.id);
    for (const reply of replies.slice(printed)) {
      console.log(`\n${bot.displayName}:`);
      const card = reply.attachments?.[0]?.content;
      if (card) console.log(renderCard(card).join('\n'));
      else console.log(`  ${(reply.markdown ?? reply.text ?? '').split('\n').join('\n  ')}`);
    }
    printed = replies.length;
    if (printed > 0) return;
  }
  console.log(`\n(no answer from the bot within ${values.wait} s)`);
  process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
