import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../bot/engine/logger.ts';
import { registerWebhooks } from '../../bot/http/register-webhooks.ts';
import { MessagingClient } from '../../webex/messaging-client.ts';
import { startSandbox, type RunningSandbox } from '../../sandbox/start-sandbox.ts';

describe('webhook registration at start-up', () => {
  let sandbox: RunningSandbox;
  let webex: MessagingClient;
  const options = {
    targetUrl: 'http://127.0.0.1:4999/webhooks/webex',
    secret: 'first-secret-0123456789',
    name: 'Onboarding Bot',
  };

  beforeEach(async () => {
    sandbox = await startSandbox();
    webex = new MessagingClient({ baseUrl: sandbox.apiUrl, token: sandbox.state.bot.token });
  });
  afterEach(async () => {
    await sandbox.close();
  });

  const mine = () => sandbox.state.webhooks.map((w) => `${w.resource}/${w.event} ${w.status}`).sort();

  it('creates messages/created and attachmentActions/created with the secret', async () => {
    const result = await registerWebhooks(webex, options, silentLogger);
    expect(result.created).toBe(2);
    expect(mine()).toEqual(['attachmentActions/created active', 'messages/created active']);
    expect(sandbox.state.webhooks.every((w) => w.secret === options.secret && w.targetUrl === options.targetUrl)).toBe(
      true,
    );
  });

  it('does not pile up registrations over restarts, and puts a new secret in place', async () => {
    await registerWebhooks(webex, options, silentLogger);
    await registerWebhooks(webex, options, silentLogger);
    const third = await registerWebhooks(webex, { ...options, secret: 'rotated-secret-0123456789' }, silentLogger);
    expect(third).toMatchObject({ created: 0, updated: 2, deleted: 0 });
    expect(sandbox.state.webhooks).toHaveLength(2);
    expect(sandbox.state.webhooks.every((w) => w.secret === 'rotated-secret-0123456789')).toBe(true);
  });

  it('reactivates a webhook Webex turned off', async () => {
    await registerWebhooks(webex, options, silentLogger);
    sandbox.state.webhooks[0]!.status = 'inactive';
    await registerWebhooks(webex, options, silentLogger);
    expect(mine()).toEqual(['attachmentActions/created active', 'messages/created active']);
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
    expect(result).toMatchObject({ created: 1, updated: 1, deleted: 2 });
    expect(mine()).toEqual(['attachmentActions/created active', 'messages/created active']);
  });

  it('leaves webhooks for other targets alone', async () => {
    await webex.createWebhook({
      name: 'other app',
      targetUrl: 'http://127.0.0.1:5999/hook',
      resource: 'messages',
      event: 'created',
    });
    await registerWebhooks(webex, options, silentLogger);
    expect(sandbox.state.webhooks).toHaveLength(3);
  });
});
