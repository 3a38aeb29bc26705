import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../sandbox/start-sandbox.ts';
import { MessagingClient } from '../../webex/messaging-client.ts';
import { OPERATIONS } from '../../webex/operations.ts';
import { PeopleClient } from '../../webex/people-client.ts';
import { TelephonyClient } from '../../webex/telephony-client.ts';
import { IntegrationTokenProvider } from '../../webex/token-provider.ts';
import { WholesaleClient } from '../../webex/wholesale-client.ts';
import { AWAITING_MERGE, NO_CASE_POSSIBLE } from './awaiting.ts';
import { cases, type World } from './cases.ts';
import { renderAnswers } from './render.ts';
import { READS } from './reads.ts';
import { readPaths, root, rowKey, rows, undocumented } from './table.ts';

/**
 * The answers table's guard: every operation webex/ calls is declared, every status and enum value
 * spec/ documents for it has a sandbox case (or is listed, visibly, as waiting), every case names a
 * test that exists, docs/answers.md is current, and every case runs against one sandbox.
 */

/** The operations webex/*.ts calls, found in its source, by the class whose file makes the call. */
function scannedCalls(): { byClass: Map<string, Set<string>>; unrecognised: string[] } {
  const byClass = new Map<string, Set<string>>();
  const unrecognised: string[] = [];
  const norm = (path: string) => path.replace(/\$\{[^}]*\}/g, '{}');
  for (const file of readdirSync(`${root}webex`).filter((f) => f.endsWith('.ts') && f !== 'http-client.ts')) {
    const source = readFileSync(`${root}webex/${file}`, 'utf8');
    // The file's client class (a file may export an error class too, e.g. people-client.ts).
    const classes = [...source.matchAll(/export class (\w+)/g)].map((m) => m[1]!);
    const owner = classes.find((name) => name in OPERATIONS) ?? classes[0];
    const found = new Set<string>();
    const patterns: [RegExp, (m: RegExpExecArray) => string][] = [
      [
        /this\.http\.(?:request|requestPage)\(\s*'(GET|POST|PUT|DELETE)',\s*(['`])([^'`]+)\2/g,
        (m) => `${m[1]} ${norm(m[3]!)}`,
      ],
      [/this\.http\.(?:list|pages)\(\s*'([^']+)'/g, (m) => `GET ${m[1]}`],
      [/this\.pages\(\s*'([^']+)'/g, (m) => `GET ${m[1]}`],
      [/this\.validate\(\s*'([^']+)'/g, (m) => `POST ${m[1]}`],
      [/this\.http\.form\(\s*'([^']+)'/g, (m) => `POST ${m[1]}`],
      // A message's file URL: Webex serves files under /contents/{contentId}.
      [/this\.http\.text\(/g, () => 'GET /contents/{}'],
    ];
    for (const [pattern, key] of patterns) for (const m of source.matchAll(pattern)) found.add(key(m));
    // A call whose path is not a literal: only the known paging and precheck helpers may do that.
    for (const m of source.matchAll(/this\.http\.(\w+)\(\s*(?:'(?:GET|POST|PUT|DELETE)',\s*)?([^'`\s,][^,]*),/g)) {
      const site = `${file}: http.${m[1]}(${m[2]})`;
      const helper = [
        'telephony-client.ts: http.requestPage(path)',
        'telephony-client.ts: http.requestPage(page.next)',
        'wholesale-client.ts: http.request(path)',
        'messaging-client.ts: http.text(url)',
      ];
      if (!helper.includes(site)) unrecognised.push(site);
    }
    if (found.size > 0) byClass.set(owner ?? file, found);
  }
  return { byClass, unrecognised };
}

describe('the answers table', () => {
  it('declares every operation webex/ calls, and only those', () => {
    const { byClass, unrecognised } = scannedCalls();
    expect(unrecognised).toEqual([]);
    const declared = Object.fromEntries(
      Object.entries(OPERATIONS).map(([owner, ops]) => [owner, ops.map((op) => op.replace(/\{\w+\}/g, '{}')).sort()]),
    );
    const scanned = Object.fromEntries([...byClass].map(([owner, ops]) => [owner, [...ops].sort()]));
    expect(scanned).toEqual(declared);
  });

  it('has spec data for every used operation', () => {
    expect(undocumented()).toEqual([]);
  });

  it('has a sandbox case for every documented status and enum value of every used operation', () => {
    const covered = new Set(cases().flatMap((c) => c.rows.map(rowKey)));
    const waiting = [...AWAITING_MERGE, ...NO_CASE_POSSIBLE];
    const missing = rows().filter((row) => !covered.has(rowKey(row)) && !waiting.some((w) => w.matches(row)));
    const stale = rows().filter((row) => covered.has(rowKey(row)) && waiting.some((w) => w.matches(row)));
    for (const w of AWAITING_MERGE) console.info(`answers table, awaiting merge: ${w.why}`);
    for (const w of NO_CASE_POSSIBLE)
      console.info(`answers table, no case possible (${rows().filter(w.matches).length} rows): ${w.why}`);
    expect(missing.map(rowKey), 'documented answers without a sandbox case').toEqual([]);
    expect(stale.map(rowKey), 'rows listed as waiting that have a case now: take them off the list').toEqual([]);
  });

  it('reads every enum field of a list open: a value Webex adds never fails the whole list', () => {
    const closed: string[] = [];
    for (const [operation, schema] of Object.entries(READS))
      for (const [path, isClosed] of readPaths(schema))
        if (isClosed && /^\w+\[\]/.test(path)) closed.push(`${operation} ${path}`);
    expect(closed).toEqual([]);
  });

  it('names for every case a test file and title that exist', () => {
    const titles = new Set(cases().map((c) => c.shown.title));
    for (const c of cases()) {
      expect(existsSync(`${root}test/${c.shown.file}`), c.shown.file).toBe(true);
      const source = readFileSync(`${root}test/${c.shown.file}`, 'utf8');
      const generated = c.shown.file === 'answers/answers-table.test.ts' && titles.has(c.shown.title);
      expect(generated || source.includes(c.shown.title), `${c.shown.file}: «${c.shown.title}»`).toBe(true);
    }
  });

  it('is rendered in docs/answers.md as it stands (npm run answers)', () => {
    expect(readFileSync(`${root}docs/answers.md`, 'utf8')).toBe(renderAnswers());
  });
});

describe('every case against one sandbox', () => {
  let world: World & { close(): Promise<void> };

  beforeAll(async () => {
    const sandbox = await startSandbox();
    const bot = sandbox.state.personByKey('bot').token;
    const alice = sandbox.state.personByKey('alice');
    const waits: number[] = [];
    const state = { renewals: 0 };
    const tokens = (token: string) => ({
      token: () => Promise.resolve(token),
      renew: () => {
        state.renewals += 1;
        return Promise.resolve(token);
      },
    });
    const http = { sleep: (ms: number) => (waits.push(Math.round(ms)), Promise.resolve()), backoffMs: 1 };
    const partner = { baseUrl: sandbox.apiUrl, tokens: tokens(alice.token), ...http };
    world = {
      sandbox,
      messaging: new MessagingClient({ baseUrl: sandbox.apiUrl, tokens: tokens(bot), ...http }),
      wholesale: new WholesaleClient(partner),
      people: new PeopleClient(partner),
      telephony: new TelephonyClient(partner),
      integration: () =>
        new IntegrationTokenProvider({
          apiUrl: sandbox.apiUrl,
          ...sandbox.state.oauth.integration,
          refreshToken: sandbox.state.oauth.authorise(alice.id),
          save: () => Promise.resolve(),
          http,
        }),
      waits,
      get renewals() {
        return state.renewals;
      },
      set renewals(value: number) {
        state.renewals = value;
      },
      close: () => sandbox.close(),
    };
  });
  afterAll(async () => world.close());

  for (const c of cases()) it(c.shown.title, () => c.run(world));
});
