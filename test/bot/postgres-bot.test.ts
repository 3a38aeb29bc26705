import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postAs, waitFor } from '../support/harness.ts';
import { freePort, useChildBots } from '../support/bot-process.ts';
import { pressButton } from '../support/press-button.ts';
import { startTestPostgres, type TestPostgres } from '../support/postgres.ts';
import { openPostgresStore } from '../../store/postgres-store.ts';

let postgres: TestPostgres | undefined;
/** A fresh database on the test server. */
const database = () => {
  if (!postgres) throw new Error('the test PostgreSQL did not start');
  return postgres.database();
};
beforeAll(async () => {
  postgres = await startTestPostgres();
}, 120_000);
afterAll(async () => {
  await postgres?.stop();
});

/** The bot as `npm start` runs it, with DATABASE_URL: its state lives in PostgreSQL. */
describe('a bot on PostgreSQL (DATABASE_URL)', () => {
  const env = useChildBots();

  it('keeps a conversation across a SIGKILL in the database, not in a file', async () => {
    const { sandbox } = env;
    const url = await database();
    const port = await freePort();
    const start = () => env.start(port, { DATABASE_URL: url });
    const alice = sandbox.state.personByKey('alice');
    const room = sandbox.state.roomByKey('direct-alice');
    const cards = () => sandbox.state.messages.filter((m) => m.personId === sandbox.state.bot.id && m.attachments);
    const cardShowing = (text: string) =>
      waitFor(`a card showing ${text}`, () => cards().find((m) => JSON.stringify(m.attachments).includes(text)));

    const first = await start();
    await postAs(sandbox, alice, { roomId: room.id, markdown: 'create template' });
    const basics = await cardShowing('step 1 of 3');
    expect(
      (
        await pressButton(
          sandbox,
          'alice',
          basics,
          { action: 'next' },
          {
            name: 'Kept In Postgres',
            adminEmail: 'sp@partner.example',
            country: 'AT',
            emailLanguage: 'de_DE',
            subscriptionId: 'Sub100448',
          },
        )
      ).status,
    ).toBe(202);
    const second = await cardShowing('step 2 of 3');
    await first.kill('SIGKILL');

    await start();
    await pressButton(
      sandbox,
      'alice',
      second,
      { action: 'next' },
      { pstnProvider: '', authMethod: 'webex', idpEntityId: '' },
    );
    await cardShowing('step 3 of 3');
    const store = await openPostgresStore(url);
    try {
      const [conversation] = await store.findConversations({ kind: 'template', status: 'active' });
      expect(conversation?.step).toBe('settings');
      expect(JSON.stringify(conversation?.snapshot)).toContain('Kept In Postgres');
    } finally {
      await store.close();
    }
    // No data file was written: the state is in the database.
    const { existsSync } = await import('node:fs');
    expect(existsSync(env.dataFile)).toBe(false);
  });

  it('refuses to start on a database newer than the code, and says what to do', async () => {
    const url = await database();
    const store = await openPostgresStore(url);
    await store.close();
    const pg = (await import('pg')).default;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('INSERT INTO schema_version (version) VALUES (999)');
    await client.end();
    await expect(openPostgresStore(url)).rejects.toThrow(/schema version 999, newer than this bot knows/);
  });

  it('lets one replica at a time work on a conversation, and others on other conversations meanwhile', async () => {
    const url = await database();
    const [one, two] = [await openPostgresStore(url), await openPostgresStore(url)];
    try {
      const log: string[] = [];
      const work = (who: string, ms: number) => async () => {
        log.push(`${who} in`);
        await new Promise((resolve) => setTimeout(resolve, ms));
        log.push(`${who} out`);
      };
      await Promise.all([
        one.exclusive('conversation:c1', work('one', 200)),
        (async () => {
          await new Promise((resolve) => setTimeout(resolve, 50));
          await Promise.all([
            two.exclusive('conversation:c1', work('two', 10)),
            two.exclusive('conversation:c2', work('other', 10)),
          ]);
        })(),
      ]);
      // The second replica waited for the first on c1; c2 went ahead at once.
      expect(log.indexOf('two in')).toBeGreaterThan(log.indexOf('one out'));
      expect(log.indexOf('other out')).toBeLessThan(log.indexOf('one out'));
    } finally {
      await one.close();
      await two.close();
    }
  });
});
