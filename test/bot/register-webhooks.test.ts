import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../bot/engine/logger.ts';
import { registerWebhooks } from '../../bot/http/register-webhooks.ts';
import { MessagingClient } from '../../webex/messaging-client.ts';
import { startSandbox, type RunningSandbox } from '../../sandbox/start-sandbox.ts';

describe('webhook registration at start-up', () => {
  let sandbox: RunningSandbox;
  let webex: MessagingClient;
  const options: { targetUrl: string; secret: string; name: string; botId: string } = {
    targetUrl: 'http://127.0.0.1:4999/webhooks/webex',
    secret: 'first-secret-0123456789',
    name: 'Onboarding Bot',
    botId: '',
  };

  beforeEach(async () => {
    sandbox = await startSandbox();
    webex = new MessagingClient({ baseUrl: sandbox.apiUrl, token: sandbox.state.bot.token });
    options.botId = sandbox.state.bot.id;
  });
  afterEach(async () => {
    await sandbox.close();
  });

  const mine = () =>
    sandbox.state.webhooks.map((w) => `${w.resource}/${w.event}${w.filter ? ` (${w.filter})` : ''} ${w.status}`).sort();
  const all = () => [
    'attachmentActions/created active',
    `memberships/created (personId=${sandbox.state.bot.id}) active`,
    `memberships/deleted (personId=${sandbox.state.bot.id}) active`,
    'messages/created active',
  ];

  it('creates messages/created, attachmentActions/created and the bot’s own memberships/created and /deleted with the secret', async () => {
    const result = await registerWebhooks(webex, options, silentLogger);
    expect(result.created).toBe(4);
    expect(mine()).toEqual(all());
    expect(sandbox.state.webhooks.every((w) => w.secret === options.secret && w.targetUrl === options.targetUrl)).toBe(
      true,
    );
  });

  it('does not pile up registrations over restarts, and puts a new secret in place', async () => {
    await registerWebhooks(webex, options, silentLogger);
    await registerWebhooks(webex, options, silentLogger);
    const third = await registerWebhooks(webex, { ...options, secret: 'rotated-secret-0123456789' }, silentLogger);
    expect(third).toMatchObject({ created: 0, updated: 4, deleted: 0 });
    expect(sandbox.state.webhooks).toHaveLength(4);
    expect(sandbox.state.webhooks.every((w) => w.secret === 'rotated-secret-0123456789')).toBe(true);
  });

  it('reactivates a webhook Webex turned off', async () => {
    await registerWebhooks(webex, options, silentLogger);
    sandbox.state.webhooks[0]!.status = 'inactive';
    await registerWebhooks(webex, options, silentLogger);
    expect(mine()).toEqual(all());
  });

  it('removes duplicate registrations left by an earlier run', async () => {
    for (let i = 0; i < 3; i++)
      await webex.createWebhook({
        name: 'old',
        targetUrl: options.targetUrl,
        resource: 'messages',
        event: 'created',
        secret: 'old-secret-0123456789',
      });
    const result = await registerWebhooks(webex, options, silentLogger);
    expect(result).toMatchObject({ created: 3, updated: 1, deleted: 2 });
    expect(mine()).toEqual(all());
  });

  it('leaves webhooks for other targets alone', async () => {
    await webex.createWebhook({
      name: 'other app',
      targetUrl: 'http://127.0.0.1:5999/hook',
      resource: 'messages',
      event: 'created',
    });
    await registerWebhooks(webex, options, silentLogger);
    expect(sandbox.state.webhooks).toHaveLength(5);
  });
});
