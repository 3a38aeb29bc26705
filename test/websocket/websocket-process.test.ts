import { describe, expect, it } from 'vitest';
import { cardText, postAs, waitFor } from '../support/harness.ts';
import { freePort, spawnBot, useChildBots, waitForLog } from '../support/bot-process.ts';
import { postWithFile, seedProvisionedCustomer, usersCsv } from '../support/csv.ts';
import { openLowdbStore } from '../../store/lowdb-store.ts';
import { pressButton } from '../support/press-button.ts';

/** `npm start` in real mode, pointed at the sandbox's URLs, with no public URL: events come over the websocket. */
describe('the bot process on the websocket', () => {
  const env = useChildBots();

  const start = (port: number) => {
    const { sandbox, dataFile } = env;
    return env.track(
      spawnBot({
        WEBEX_BOT_TOKEN: sandbox.state.bot.token,
        WEBEX_API_URL: sandbox.apiUrl,
        WEBEX_TRANSPORT: 'websocket',
        WEBEX_DEVICES_URL: sandbox.devicesUrl,
        WHOLESALE_TOKEN: sandbox.state.personByKey('alice').token,
        PARTNER_ADMINS: 'alice@partner.example',
        PROVISIONING_POLL_SECONDS: '1',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_FILE: dataFile,
      }),
    );
  };

  it('works end to end without PUBLIC_URL or a webhook secret: answers help, adds users from a CSV after a click, and finds its device again after a restart', async () => {
    const { sandbox } = env;
    const port = await freePort();
    // A customer the bot made before (in its data file), provisioned at the sandbox with a location.
    const store = await openLowdbStore(env.dataFile);
    await seedProvisionedCustomer({ sandbox, store });
    await store.close();
    const bot = start(port);
    expect(await waitForLog(bot, 'bot ready')).toMatchObject({ transport: 'websocket' });
    expect(sandbox.state.webhooks).toHaveLength(0);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { checks: Record<string, string> }).checks.websocket).toBe('connected');

    const alice = sandbox.state.personByKey('alice');
    const room = sandbox.state.roomByKey('direct-alice');
    const replies = () =>
      sandbox.state.messages.filter((m) => m.roomId === room.id && m.personId === sandbox.state.bot.id);
    await postAs(sandbox, alice, { roomId: room.id, markdown: 'help' });
    await waitFor('the help card', () => replies().find((m) => m.attachments && cardText(m).includes('help')));

    await postWithFile(
      sandbox,
      'alice',
      'direct-alice',
      'add users acme',
      'users.csv',
      usersCsv(3, 'Berlin HQ').join('\n'),
    );
    const preview = await waitFor('the preview', () =>
      replies().find((m) => m.attachments && cardText(m).includes('Add 3 users to Acme GmbH?')),
    );
    expect((await pressButton(sandbox, 'alice', preview, { action: 'confirm' })).status).toBe(202);
    const report = await waitFor('the report', () =>
      replies().find((m) => m.markdown?.startsWith('**Users for Acme GmbH:')),
    );
    expect(report.markdown).toBe('**Users for Acme GmbH: 3 created, 0 already existed, 0 failed**');
    expect(sandbox.subscribers.subscribers).toHaveLength(3);

    await bot.kill('SIGKILL');
    const again = start(port);
    await waitForLog(again, 'websocket device reused');
    await waitForLog(again, 'bot ready');
    expect(sandbox.mercury.devices).toHaveLength(1);
    const before = replies().length;
    await postAs(sandbox, alice, { roomId: room.id, markdown: 'help' });
    await waitFor('the reply after the restart', () => replies().length > before);
  });
});
