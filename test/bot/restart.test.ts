import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { postAs, waitFor } from '../support/harness.ts';
import { freePort, spawnBot, useChildBots, waitForLog } from '../support/bot-process.ts';
import { pressButton } from '../support/press-button.ts';

/**
 * The bot as a real process (what `npm start` runs), in real mode pointed at the sandbox the
 * test owns, so the test can kill and restart it while Webex keeps its state.
 */
describe('a bot process that is killed and started again', () => {
  const env = useChildBots();
  const start = (port: number) => env.start(port);
  const botReplies = () => env.sandbox.state.messages.filter((m) => m.personId === env.sandbox.state.bot.id);

  it('still answers an event once when Webex delivers it again after the restart', async () => {
    const { sandbox } = env;
    const port = await freePort();
    const first = await start(port);
    const alice = sandbox.state.personByKey('alice');
    const room = sandbox.state.roomByKey('direct-alice');
    const sent = (await (await postAs(sandbox, alice, { roomId: room.id, markdown: 'help' })).json()) as { id: string };
    await waitFor('the first reply', () => botReplies().length === 1);
    await first.kill('SIGKILL');

    const second = await start(port);
    const original = sandbox.delivery.deliveries.find((d) => d.dataId === sent.id)!;
    const again = await sandbox.delivery.redeliver(original.id);
    expect(again.state).toBe('delivered');
    expect(again.attempts[0]?.response).toContain('duplicate');

    // A new message is answered, so the restarted bot is working and saw the redelivery.
    await postAs(sandbox, alice, { roomId: room.id, markdown: 'help' });
    await waitFor('the reply to the new message', () => botReplies().length === 2);
    await sandbox.delivery.idle();
    expect(botReplies()).toHaveLength(2);
    // Restarting found the webhooks it had and did not register them again.
    expect(sandbox.state.webhooks).toHaveLength(4);
    expect(await waitForLog(second, 'bot ready')).toMatchObject({ webhooksCreated: 0, webhooksKept: 4 });
  });

  it('refuses to start in real mode without WEBEX_WEBHOOK_SECRET, naming it', async () => {
    const { sandbox, dir } = env;
    const bot = env.track(
      spawnBot({
        WEBEX_BOT_TOKEN: sandbox.state.bot.token,
        WEBEX_API_URL: sandbox.apiUrl,
        PUBLIC_URL: 'https://bot.example.com',
        WHOLESALE_TOKEN: 'w'.repeat(30),
        PARTNER_ADMINS: 'alice@partner.example',
        DATA_FILE: join(dir, 'bot.json'),
      }),
    );
    expect(await bot.exited).toBe(1);
    const said = bot.stderr.join('');
    expect(said).toContain('WEBEX_WEBHOOK_SECRET is missing');
    expect(said).not.toContain(sandbox.state.bot.token);
    expect(sandbox.state.webhooks).toHaveLength(0);
  });

  it('refuses to start on a corrupt data file and leaves the file as it was', async () => {
    const { sandbox, dir } = env;
    const { writeFile, readFile } = await import('node:fs/promises');
    const file = join(dir, 'bot.json');
    await writeFile(file, '{"version": 1, "seenEvents": {');
    const bot = env.track(
      spawnBot({
        WEBEX_BOT_TOKEN: sandbox.state.bot.token,
        WEBEX_API_URL: sandbox.apiUrl,
        PUBLIC_URL: 'http://127.0.0.1:9',
        WEBEX_WEBHOOK_SECRET: 'x'.repeat(20),
        WHOLESALE_TOKEN: 'w'.repeat(30),
        PARTNER_ADMINS: 'alice@partner.example',
        DATA_FILE: file,
      }),
    );
    expect(await bot.exited).toBe(1);
    expect(bot.stderr.join('')).toContain('is not valid JSON');
    expect(await readFile(file, 'utf8')).toBe('{"version": 1, "seenEvents": {');
  });
});

describe('a wizard across a SIGKILL of the bot process', () => {
  const env = useChildBots();

  it('continues from the same step with every earlier answer kept', async () => {
    const { sandbox } = env;
    const port = await freePort();
    const start = () => env.start(port);
    const alice = sandbox.state.personByKey('alice');
    const room = sandbox.state.roomByKey('direct-alice');
    const cards = () => sandbox.state.messages.filter((m) => m.personId === sandbox.state.bot.id && m.attachments);
    // A card the killed process had posted but not yet marked as posted is posted again on restart
    // (same nonce, so either copy works): wait for cards by what they show, not by count.
    const cardShowing = (text: string) =>
      waitFor(`a card showing ${text}`, () => cards().find((m) => JSON.stringify(m.attachments).includes(text)));
    const click = async (
      card: (typeof sandbox.state.messages)[number],
      action: string,
      inputs: Record<string, string>,
    ) => {
      expect((await pressButton(sandbox, 'alice', card, { action }, inputs)).status).toBe(202);
    };

    const first = await start();
    await postAs(sandbox, alice, { roomId: room.id, markdown: 'create template' });
    await click(await cardShowing('step 1 of 3'), 'next', {
      name: 'Survives Restarts',
      adminEmail: 'sp@partner.example',
      country: 'AT',
      emailLanguage: 'de_DE',
      subscriptionId: 'Sub100448',
    });
    const second = await cardShowing('step 2 of 3');
    await first.kill('SIGKILL');

    await start();
    await click(second, 'next', { pstnProvider: '', authMethod: 'webex', idpEntityId: '' });
    await click(await cardShowing('step 3 of 3'), 'next', {
      welcomeAdmins: 'true',
      welcomeUsers: 'true',
      extensionLength: '5',
      internationalCalls: 'allow',
    });
    const summary = JSON.stringify((await cardShowing('Check the onboarding template')).attachments![0]!.content);
    expect(summary).toContain('Survives Restarts');
    expect(summary).toContain('sp@partner.example');
    expect(summary).toContain('Austria (AT)');
    expect(summary).toContain('Sub100448');
  });
});

describe('a click the bot had acknowledged when it was killed', () => {
  const env = useChildBots();

  it('is handled after the restart without a second click, once', async () => {
    const { sandbox } = env;
    const port = await freePort();
    const alice = sandbox.state.personByKey('alice');
    const room = sandbox.state.roomByKey('direct-alice');
    const cards = () => sandbox.state.messages.filter((m) => m.personId === sandbox.state.bot.id && m.attachments);
    const first = await env.start(port);
    await postAs(sandbox, alice, { roomId: room.id, markdown: 'create template' });
    const basics = await waitFor('the first card', () => cards()[0]);
    // Webex has the bot's 200 for the click; the bot is still fetching what was clicked when it dies.
    sandbox.faults.add({ method: 'GET', path: '/attachment/actions/{id}', status: 200, delayMs: 10_000 });
    expect(
      (
        await pressButton(
          sandbox,
          'alice',
          basics,
          { action: 'next' },
          {
            name: 'Cut Off',
            adminEmail: 'sp@partner.example',
            country: 'AT',
            emailLanguage: 'de_DE',
            subscriptionId: 'Sub100448',
          },
        )
      ).status,
    ).toBe(202);
    await waitFor('the bot fetching the click', () => sandbox.faults.hits.length === 1);
    await first.kill('SIGKILL');
    sandbox.faults.clear();

    const second = await env.start(port);
    await waitFor('the second card', () => cards().find((m) => JSON.stringify(m.attachments).includes('step 2 of 3')));
    await waitForLog(second, 'events handled that a restart had cut off');
    expect(cards().filter((m) => JSON.stringify(m.attachments).includes('step 2 of 3'))).toHaveLength(1);
    expect(
      sandbox.state.messages.filter(
        (m) => m.personId === sandbox.state.bot.id && m.markdown?.includes('no longer active'),
      ),
    ).toEqual([]);
  });
});

describe('create customer across a SIGKILL while provisioning is in flight', () => {
  const env = useChildBots({ provisioningMs: 2500 });

  it('picks the status up after the restart, reports the end, and the sandbox holds exactly one customer', async () => {
    const { openLowdbStore } = await import('../../store/lowdb-store.ts');
    const { company, packages, hq } = await import('../support/customer-steps.ts');
    const { templateFixture } = await import('../support/fixtures.ts');
    const { sandbox, dataFile } = env;
    await (await openLowdbStore(dataFile)).insertTemplate(templateFixture());

    const port = await freePort();
    const start = () => env.start(port, { PROVISIONING_POLL_SECONDS: '1' });
    const alice = sandbox.state.personByKey('alice');
    const room = sandbox.state.roomByKey('direct-alice');
    const fromBot = () => sandbox.state.messages.filter((m) => m.personId === sandbox.state.bot.id);
    const cards = () => fromBot().filter((m) => m.attachments);
    const click = async (action: string, inputs: Record<string, string> = {}) => {
      const count = fromBot().length;
      expect((await pressButton(sandbox, 'alice', cards().at(-1)!, { action }, inputs)).status).toBe(202);
      await waitFor(`an answer to ${action}`, () => fromBot().length > count);
    };

    const first = await start();
    await postAs(sandbox, alice, { roomId: room.id, markdown: 'create customer' });
    await waitFor('the first card', () => cards().length === 1);
    await click('next', company());
    await click('next', { hqConfirmed: 'true' });
    await click('next', packages);
    await click('next', hq);
    await click('submit');
    await waitFor(
      'provisioning to start',
      () => fromBot().some((m) => m.markdown?.startsWith('Provisioning of **Acme GmbH** has started')),
      10_000,
    );
    await first.kill('SIGKILL');
    expect(sandbox.wholesale.status(sandbox.wholesale.customers[0]!, Date.now())).toBe('provisioning');

    await start();
    await waitFor(
      'the end of provisioning',
      () => fromBot().some((m) => m.markdown?.startsWith('**Acme GmbH is provisioned**')),
      15_000,
    );
    expect(sandbox.wholesale.customers).toHaveLength(1);
    expect(fromBot().filter((m) => m.markdown?.startsWith('**Acme GmbH is provisioned**'))).toHaveLength(1);
  });
});

describe('an approval across a SIGKILL between two votes', () => {
  const env = useChildBots({ provisioningMs: 200 });

  it('keeps the first vote, and the second completes the approval', async () => {
    const { writeFile } = await import('node:fs/promises');
    const { openLowdbStore } = await import('../../store/lowdb-store.ts');
    const { company, packages, hq } = await import('../support/customer-steps.ts');
    const { templateFixture } = await import('../support/fixtures.ts');
    const { sandbox, dataFile, dir } = env;
    await (await openLowdbStore(dataFile)).insertTemplate(templateFixture());
    const policyFile = join(dir, 'policy.json');
    const approversRoom = sandbox.state.roomByKey('approvers');
    await writeFile(
      policyFile,
      JSON.stringify({
        'create-customer': {
          approvers: ['bea@partner.example', 'chen@partner.example', 'dana@partner.example'],
          required: 2,
          space: approversRoom.id,
        },
      }),
    );

    const port = await freePort();
    const start = () => env.start(port, { APPROVAL_POLICY_FILE: policyFile, PROVISIONING_POLL_SECONDS: '1' });
    const alice = sandbox.state.personByKey('alice');
    const fromBot = (roomKey: string) =>
      sandbox.state.messages.filter(
        (m) => m.personId === sandbox.state.bot.id && m.roomId === sandbox.state.roomByKey(roomKey).id,
      );
    const next = async (action: string, inputs: Record<string, string> = {}) => {
      const count = fromBot('direct-alice').length;
      const card = fromBot('direct-alice')
        .filter((m) => m.attachments)
        .at(-1)!;
      expect((await pressButton(sandbox, 'alice', card, { action }, inputs)).status).toBe(202);
      await waitFor(`an answer to ${action}`, () => fromBot('direct-alice').length > count);
    };
    const vote = async (person: string) => {
      const card = fromBot('approvers').find((m) => m.attachments)!;
      const count = fromBot('approvers').length;
      expect((await pressButton(sandbox, person, card, { vote: 'approve' })).status).toBe(202);
      await waitFor(`${person}'s vote answered`, () => fromBot('approvers').length > count);
      return fromBot('approvers').at(-1)!.markdown;
    };

    const first = await start();
    await postAs(sandbox, alice, { roomId: sandbox.state.roomByKey('direct-alice').id, markdown: 'create customer' });
    await waitFor('the first card', () => fromBot('direct-alice').length === 1);
    await next('next', company());
    await next('next', { hqConfirmed: 'true' });
    await next('next', packages);
    await next('next', hq);
    await next('submit');
    await waitFor('the approval card', () => fromBot('approvers').some((m) => m.attachments));
    expect(await vote('bea')).toBe('bea@partner.example approved (1 of 2).');
    await first.kill('SIGKILL');

    await start();
    expect(await vote('chen')).toContain('✅ Approved: Acme GmbH (acme-001) (2 of 2).');
    await waitFor(
      'the end of provisioning',
      () => fromBot('direct-alice').some((m) => m.markdown?.startsWith('**Acme GmbH is provisioned**')),
      15_000,
    );
    expect(sandbox.wholesale.customers).toHaveLength(1);
  });
});

describe('add users from a CSV across a SIGKILL mid-way', () => {
  const env = useChildBots({ subscriberRateLimit: 60 });

  it('finishes after the restart, every user created exactly once', async () => {
    const { openLowdbStore } = await import('../../store/lowdb-store.ts');
    const { postWithFile, seedProvisionedCustomer, usersCsv } = await import('../support/csv.ts');
    const { sandbox, dataFile } = env;
    const store = await openLowdbStore(dataFile);
    await seedProvisionedCustomer({ sandbox, store }, { packages: ['webex_calling'], location: 'HQ' });
    await store.close();

    const port = await freePort();
    const fromBot = () => sandbox.state.messages.filter((m) => m.personId === sandbox.state.bot.id);
    // The bot's call budget as large as the API's limit, as a partner sets it.
    const budget = { BULK_CALLS_PER_SECOND: '60' };
    const first = await env.start(port, budget);
    await postWithFile(sandbox, 'alice', 'direct-alice', 'add users acme', 'users.csv', usersCsv(300, 'HQ').join('\n'));
    const preview = await waitFor('the preview', () => fromBot().find((m) => m.attachments));
    expect((await pressButton(sandbox, 'alice', preview, { action: 'confirm' })).status).toBe(202);
    await waitFor('a third of the users', () => sandbox.subscribers.subscribers.length >= 100, 15_000);
    await first.kill('SIGKILL');
    const before = sandbox.subscribers.subscribers.length;
    expect(before).toBeLessThan(300);

    await env.start(port, budget);
    const done = await waitFor(
      'the final report',
      () => fromBot().find((m) => m.markdown?.startsWith('**Users for Acme GmbH:')),
      30_000,
    );
    expect(sandbox.subscribers.subscribers).toHaveLength(300);
    expect(new Set(sandbox.subscribers.subscribers.map((s) => s.email)).size).toBe(300);
    expect(done.markdown).toMatch(/: \d+ created, \d+ already existed, 0 failed\*\*$/);
    const [created, existed] = /(\d+) created, (\d+) already existed/.exec(done.markdown!)!.slice(1).map(Number);
    expect(created! + existed!).toBe(300);
    // Two process starts and 300 rows at the API's limit: slower than most tests, under load more so.
  }, 45_000);
});

describe('add user and add location across a SIGKILL after Webex did the create', () => {
  const env = useChildBots();

  it('finishes both after the restart, each created once, neither called existing or taken', async () => {
    const { openLowdbStore } = await import('../../store/lowdb-store.ts');
    const { sandbox, dataFile } = env;
    const { seedProvisionedCustomer } = await import('../support/csv.ts');
    const store = await openLowdbStore(dataFile);
    await seedProvisionedCustomer({ sandbox, store }, { packages: ['webex_meetings'], location: null });
    await store.close();
    const port = await freePort();
    const fromBot = () => sandbox.state.messages.filter((m) => m.personId === sandbox.state.bot.id);
    const user = {
      firstName: 'Ann',
      lastName: 'Lee',
      email: 'ann@acme.example',
      package: 'webex_meetings',
      locationId: '',
      primaryPhoneNumber: '',
      extension: '',
    };
    const location = {
      name: 'Berlin HQ',
      addressLine1: 'Hauptstraße 1',
      addressLine2: '',
      city: 'Berlin',
      stateOrProvince: 'Berlin',
      postalCode: '10115',
      timeZone: 'Europe/Berlin',
      preferredLanguage: 'de_de',
      announcementLanguage: 'de_de',
    };

    for (const [command, path, inputs, created, done] of [
      [
        'add user acme',
        '/wholesale/subscribers',
        user,
        () => sandbox.subscribers.subscribers.length,
        '✅ Ann Lee (ann@acme.example) was added to Acme GmbH with Webex Meetings.',
      ],
      [
        'add location acme',
        '/locations',
        location,
        () => sandbox.subscribers.locations.length,
        '✅ Location Berlin HQ was added to Acme GmbH.',
      ],
    ] as const) {
      const bot = await env.start(port);
      const seen = fromBot().length;
      await postAs(sandbox, sandbox.state.personByKey('alice'), {
        roomId: sandbox.state.roomByKey('direct-alice').id,
        markdown: command,
      });
      const form = await waitFor('the form', () =>
        fromBot()
          .slice(seen)
          .find((m) => m.attachments),
      );
      // Webex does the create and its answer is slow; the bot dies before it comes.
      sandbox.faults.add({ method: 'POST', path, status: 200, delayMs: 10_000, passThrough: true });
      await pressButton(sandbox, 'alice', form, { action: 'submit' }, inputs);
      await waitFor('the create done by Webex', () => created() === 1);
      await bot.kill('SIGKILL');
      sandbox.faults.clear();

      // The click was acknowledged, so the restarted bot handles it again from its inbox: the
      // precheck must not refuse what this conversation itself created.
      const before = fromBot().length;
      const restarted = await env.start(port);
      const reply = await waitFor('the outcome after the restart', () =>
        fromBot()
          .slice(before)
          .find((m) => m.markdown?.startsWith('✅') || m.attachments),
      );
      expect(reply.markdown).toBe(done);
      expect(created()).toBe(1);
      await restarted.kill();
    }
  });
});

describe('a new user still provisioning across a SIGKILL', () => {
  const env = useChildBots({ subscriberProvisioningMs: 3000 });

  it('is followed again after the restart and reported once when Webex has provisioned it', async () => {
    const { openLowdbStore } = await import('../../store/lowdb-store.ts');
    const { seedProvisionedCustomer } = await import('../support/csv.ts');
    const { sandbox, dataFile } = env;
    const store = await openLowdbStore(dataFile);
    await seedProvisionedCustomer({ sandbox, store }, { packages: ['webex_meetings'], location: null });
    await store.close();
    const port = await freePort();
    const fromBot = () => sandbox.state.messages.filter((m) => m.personId === sandbox.state.bot.id);
    const start = () => env.start(port, { PROVISIONING_POLL_SECONDS: '1' });
    const first = await start();
    await postAs(sandbox, sandbox.state.personByKey('alice'), {
      roomId: sandbox.state.roomByKey('direct-alice').id,
      markdown: 'add user acme',
    });
    const form = await waitFor('the form', () => fromBot().find((m) => m.attachments));
    await pressButton(
      sandbox,
      'alice',
      form,
      { action: 'submit' },
      { firstName: 'Ann', lastName: 'Lee', email: 'ann@acme.example', package: 'webex_meetings' },
    );
    await waitFor('the user still provisioning', () => fromBot().find((m) => m.markdown?.startsWith('⏳')), 10_000);
    await first.kill('SIGKILL');
    expect(sandbox.subscribers.status(sandbox.subscribers.subscribers[0]!, Date.now())).toBe('provisioning');

    await start();
    const done = '✅ Ann Lee (ann@acme.example) was added to Acme GmbH with Webex Meetings.';
    await waitFor('the end after the restart', () => fromBot().find((m) => m.markdown === done), 15_000);
    expect(sandbox.subscribers.subscribers).toHaveLength(1);
    expect(fromBot().filter((m) => m.markdown === done)).toHaveLength(1);
  });
});

describe('add users with the next free numbers across a SIGKILL mid-way', () => {
  const env = useChildBots({ subscriberRateLimit: 60 });

  it('gives 200 users 200 distinct numbers of the location, none twice, after the restart too', async () => {
    const { openLowdbStore } = await import('../../store/lowdb-store.ts');
    const { postWithFile, seedProvisionedCustomer, usersCsv } = await import('../support/csv.ts');
    const { sandbox, dataFile } = env;
    const store = await openLowdbStore(dataFile);
    await seedProvisionedCustomer({ sandbox, store }, { packages: ['webex_calling'], location: 'HQ', numbers: [] });
    await store.close();
    const free = Array.from({ length: 200 }, (_, i) => `+4930${String(22000000 + i)}`);
    sandbox.subscribers.addNumbers(sandbox.subscribers.locations[0]!, free);

    const port = await freePort();
    const fromBot = () => sandbox.state.messages.filter((m) => m.personId === sandbox.state.bot.id);
    const budget = { BULK_CALLS_PER_SECOND: '60' };
    const first = await env.start(port, budget);
    const csv = usersCsv(200, 'HQ', 0, 'next').join('\n');
    await postWithFile(sandbox, 'alice', 'direct-alice', 'add users acme', 'users.csv', csv);
    const preview = await waitFor('the preview', () => fromBot().find((m) => m.attachments));
    expect((await pressButton(sandbox, 'alice', preview, { action: 'confirm' })).status).toBe(202);
    await waitFor('some of the users', () => sandbox.subscribers.subscribers.length >= 60, 15_000);
    await first.kill('SIGKILL');
    expect(sandbox.subscribers.subscribers.length).toBeLessThan(200);

    await env.start(port, budget);
    const done = await waitFor(
      'the final report',
      () => fromBot().find((m) => m.markdown?.startsWith('**Users for Acme GmbH:')),
      30_000,
    );
    expect(done.markdown).toMatch(/: \d+ created, \d+ already existed, 0 failed\*\*$/);
    const given = sandbox.subscribers.subscribers.map((s) => s.primaryPhoneNumber);
    expect(given).toHaveLength(200);
    expect(new Set(given).size).toBe(200);
    expect([...given].sort()).toEqual([...free].sort());
  }, 45_000);
});
