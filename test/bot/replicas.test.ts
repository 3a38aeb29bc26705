import { describe, expect, it } from 'vitest';
import { roundRobin } from '../support/balancer.ts';
import { postAs, waitFor } from '../support/harness.ts';
import { freePort, useChildBots } from '../support/bot-process.ts';
import { pressButton } from '../support/press-button.ts';
import { useTestPostgres } from '../support/postgres.ts';
import { PROVISIONING_ID } from '../support/fixtures.ts';
import { openPostgresStore } from '../../store/postgres-store.ts';

const postgres = useTestPostgres();

/** Two bot processes on one PostgreSQL behind one URL, as a partner runs them behind a load balancer. */
describe('two replicas on one PostgreSQL', () => {
  const env = useChildBots();

  it('share one conversation click by click, and the survivor finishes it when the other is killed', async () => {
    const { sandbox } = env;
    const url = await postgres().database();
    const ports = [await freePort(), await freePort()];
    const balancer = await roundRobin(ports);
    try {
      const replicaEnv = { DATABASE_URL: url, PUBLIC_URL: balancer.url };
      const [first] = [await env.start(ports[0]!, replicaEnv), await env.start(ports[1]!, replicaEnv)];
      // Both registered the same four webhooks; neither removed the other's.
      expect(sandbox.state.webhooks).toHaveLength(4);

      const alice = sandbox.state.personByKey('alice');
      const room = sandbox.state.roomByKey('direct-alice');
      const cards = () => sandbox.state.messages.filter((m) => m.personId === sandbox.state.bot.id && m.attachments);
      const cardShowing = (text: string) =>
        waitFor(`a card showing ${text}`, () => cards().find((m) => JSON.stringify(m.attachments).includes(text)));
      await postAs(sandbox, alice, { roomId: room.id, markdown: 'create template' });
      const basics = await cardShowing('step 1 of 3');
      await pressButton(
        sandbox,
        'alice',
        basics,
        { action: 'next' },
        {
          name: 'Two Replicas',
          adminEmail: 'sp@partner.example',
          country: 'AT',
          emailLanguage: 'de_DE',
          subscriptionId: 'Sub100448',
        },
      );
      const access = await cardShowing('step 2 of 3');
      // Each replica got events.
      expect(balancer.served.every((n) => n > 0)).toBe(true);

      await first.kill('SIGKILL');
      await pressButton(
        sandbox,
        'alice',
        access,
        { action: 'next' },
        { pstnProvider: '', authMethod: 'webex', idpEntityId: '' },
      );
      const settings = await cardShowing('step 3 of 3');
      await pressButton(
        sandbox,
        'alice',
        settings,
        { action: 'next' },
        { welcomeAdmins: 'true', welcomeUsers: 'true', extensionLength: '4', internationalCalls: 'block' },
      );
      const summary = await cardShowing('Check the onboarding template');
      await pressButton(sandbox, 'alice', summary, { action: 'submit' });
      // Real mode: the admin pastes the Provisioning ID Partner Hub showed.
      const paste = await cardShowing('Provisioning ID');
      await pressButton(sandbox, 'alice', paste, { action: 'next' }, { provisioningId: PROVISIONING_ID });
      await cardShowing('is ready');
      const store = await openPostgresStore(url);
      try {
        expect((await store.listTemplates()).map((t) => t.name)).toEqual(['Two Replicas']);
      } finally {
        await store.close();
      }
      // Every step answered once: one card per step, no "went wrong".
      expect(cards().filter((m) => JSON.stringify(m.attachments).includes('step 2 of 3'))).toHaveLength(1);
      expect(sandbox.state.messages.some((m) => m.markdown?.includes('went wrong'))).toBe(false);
    } finally {
      await balancer.close();
    }
  });

  it('handles an event a replica acknowledged and did not finish (it died): the other takes it over, once', async () => {
    const { sandbox } = env;
    const url = await postgres().database();
    const ports = [await freePort(), await freePort()];
    const balancer = await roundRobin(ports);
    try {
      const replicaEnv = { DATABASE_URL: url, PUBLIC_URL: balancer.url, INBOX_TAKEOVER_SECONDS: '1' };
      await env.start(ports[0]!, replicaEnv);
      await env.start(ports[1]!, replicaEnv);
      // A message whose webhook a third replica took, acknowledged and kept in the inbox, then died.
      const alice = sandbox.state.personByKey('alice');
      const room = sandbox.state.roomByKey('direct-alice');
      const created = new Date().toISOString();
      sandbox.state.addMessage({
        id: 'orphan-message',
        roomId: room.id,
        personId: alice.id,
        text: 'help',
        mentionedPeople: [],
        mentionedGroups: [],
        created,
      });
      const event = {
        id: sandbox.state.webhooks[0]!.id,
        name: 'onboarding bot',
        targetUrl: balancer.url,
        resource: 'messages',
        event: 'created',
        orgId: 'org',
        createdBy: sandbox.state.bot.id,
        appId: 'app',
        ownedBy: 'creator',
        status: 'active',
        created,
        actorId: alice.id,
        data: {
          id: 'orphan-message',
          roomId: room.id,
          roomType: 'direct',
          personId: alice.id,
          personEmail: 'alice@partner.example',
          created,
        },
      };
      const store = await openPostgresStore(url);
      try {
        await store.recordEvent('messages:created:orphan-message', new Date(), event);
        const replies = () =>
          sandbox.state.messages.filter((m) => m.personId === sandbox.state.bot.id && m.roomId === room.id);
        await waitFor('the help card, from a survivor', () => replies().length > 0, 15_000);
        for (let tries = 0; (await store.unfinishedEvents()).length > 0; tries++) {
          if (tries > 100) throw new Error('the event was never marked handled');
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        // Both replicas keep sweeping: nobody handles it a second time.
        await new Promise((resolve) => setTimeout(resolve, 1500));
        expect(replies()).toHaveLength(1);
      } finally {
        await store.close();
      }
    } finally {
      await balancer.close();
    }
  });
});
