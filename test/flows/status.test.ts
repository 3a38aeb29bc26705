import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CustomerRecord } from '../../store/records.ts';
import { cardOf, cardText, startHarness, transports, type Harness } from '../support/harness.ts';
import { customerToSummary, seedTemplate, waitForBotText } from '../support/customer-steps.ts';

describe.each(transports)('events by %s', (transport) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ transport });
  });
  afterEach(async () => {
    await h.close();
  });

  const now = () => new Date().toISOString();
  const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

  /** A customer record as the create-customer procedure stores it. */
  function record(over: Partial<CustomerRecord>): CustomerRecord {
    return {
      externalId: 'x-1',
      name: 'X',
      adminEmail: 'a@x.example',
      country: 'DE',
      templateId: 't',
      templateName: 'SMB',
      packages: ['webex_calling'],
      status: 'provisioned',
      packageStates: [{ name: 'webex_calling', status: 'provisioned', errors: [] }],
      errors: [],
      conversationId: 'c-x',
      roomId: 'r',
      createdBy: { personId: 'p', email: 'alice@partner.example' },
      createdAt: minutesAgo(30),
      updatedAt: now(),
      history: [],
      ...over,
    };
  }

  async function ask(person: string, room: string, text: string) {
    const before = h.botMessages(room).length;
    await h.say(person, room, text);
    return (await h.waitForBotMessages(room, before + 1))[before]!;
  }

  describe('status, history and customers', () => {
    it('answers status for a customer in each lifecycle state, per package, with the last error', async () => {
      await h.store.saveCustomer(
        record({
          externalId: 'p-1',
          name: 'Provisioning Co',
          status: 'provisioning',
          packageStates: [{ name: 'webex_calling', status: 'provisioning', errors: [] }],
        }),
      );
      await h.store.saveCustomer(record({ externalId: 'ok-1', name: 'Done Co' }));
      await h.store.saveCustomer(
        record({
          externalId: 'we-1',
          name: 'Partial Co',
          status: 'provisioned_with_errors',
          packageStates: [
            { name: 'webex_calling', status: 'provisioned', errors: [] },
            { name: 'webex_meetings', status: 'error', errors: [{ errorCode: 4003, description: 'No meeting site' }] },
          ],
        }),
      );
      await h.store.saveCustomer(
        record({
          externalId: 'e-1',
          name: 'Broken Co',
          status: 'error',
          errors: [{ errorCode: 2560, description: 'Maintenance' }],
          packageStates: [{ name: 'webex_calling', status: 'error', errors: [] }],
        }),
      );
      expect((await ask('oscar', 'direct-oscar', 'status p-1')).markdown).toContain('- State: provisioning');
      expect((await ask('oscar', 'direct-oscar', 'status done co')).markdown).toContain('- Webex Calling: provisioned');
      const partial = (await ask('oscar', 'direct-oscar', 'status Partial Co')).markdown!;
      expect(partial).toContain('- State: provisioned with errors');
      expect(partial).toContain('- Webex Meetings: failed');
      expect(partial).toContain('- Last error: No meeting site (4003)');
      const broken = (await ask('oscar', 'direct-oscar', 'status e-1')).markdown!;
      expect(broken).toContain('- State: failed');
      expect(broken).toContain('- Last error: Maintenance (2560)');
    });

    it('refreshes from the Wholesale API when the stored state is older than a minute, and says when it cannot', async () => {
      const live = h.sandbox.wholesale.create(
        {
          externalId: 'old-1',
          provisioningId: 'x',
          address: { addressLine1: 'a', city: 'b', country: 'DE' },
          packages: ['webex_calling'],
        },
        Date.now() - 60_000,
      );
      await h.store.saveCustomer(
        record({ externalId: 'old-1', name: 'Old Co', id: live.id, status: 'provisioning', updatedAt: minutesAgo(2) }),
      );
      const fresh = (await ask('oscar', 'direct-oscar', 'status old-1')).markdown!;
      expect(fresh).toContain('- State: provisioned');
      expect((await h.store.findCustomer('old-1'))!.status).toBe('provisioned');

      await h.store.saveCustomer(
        record({
          externalId: 'old-2',
          name: 'Older Co',
          id: live.id,
          status: 'provisioning',
          updatedAt: minutesAgo(5),
        }),
      );
      h.sandbox.faults.add({ method: 'GET', path: '/wholesale/customers/{customerId}', status: 500, times: 5 });
      const stale = (await ask('oscar', 'direct-oscar', 'status old-2')).markdown!;
      expect(stale).toContain('The Wholesale API did not answer; this is the state as of');
      expect(stale).toContain('- State: provisioning');
    });

    it('offers a choice when a name matches several customers, and the choice answers', async () => {
      await h.store.saveCustomer(record({ externalId: 'acme-de', name: 'Acme Germany' }));
      await h.store.saveCustomer(record({ externalId: 'acme-fr', name: 'Acme France', status: 'provisioning' }));
      const choice = await ask('oscar', 'direct-oscar', 'status acme');
      expect(cardText(choice)).toContain('“acme” matches 2 customers. Which one?');
      expect(cardOf(choice).actions!.map((a) => a.title)).toEqual(['Acme France (acme-fr)', 'Acme Germany (acme-de)']);
      const answer = await h.answer('oscar', choice, 'run');
      expect(answer.markdown).toContain('**Acme France**');
    });

    it('says when nothing matches and suggests close names', async () => {
      await h.store.saveCustomer(record({ externalId: 'globex-1', name: 'Globex' }));
      expect((await ask('oscar', 'direct-oscar', 'status globx')).markdown).toBe(
        'No customer matches “globx”. Did you mean: Globex?',
      );
      expect((await ask('oscar', 'direct-oscar', 'status zzzzzz')).markdown).toBe('No customer matches “zzzzzz”.');
    });

    it('lists everything in flight, oldest first', async () => {
      await h.store.saveCustomer(
        record({
          externalId: 'late',
          name: 'Late Co',
          status: 'provisioning',
          createdAt: minutesAgo(5),
          conversationId: 'c-late',
        }),
      );
      await h.store.saveCustomer(
        record({
          externalId: 'early',
          name: 'Early Co',
          status: 'provisioning',
          createdAt: minutesAgo(50),
          conversationId: 'c-early',
        }),
      );
      await h.say('paul', 'direct-paul', 'create template');
      await h.waitForBotMessages('direct-paul', 1);
      const now = new Date().toISOString();
      await h.store.saveConversation({
        id: 'c-loc',
        kind: 'location',
        machineVersion: 1,
        roomId: 'r',
        startedBy: { personId: 'p', email: 'alice@partner.example' },
        status: 'active',
        step: 'form',
        nonce: 'n',
        cardPosted: true,
        snapshot: {},
        revision: 0,
        createdAt: now,
        updatedAt: now,
      });
      const reply = (await ask('oscar', 'direct-oscar', 'status')).markdown!;
      const lines = reply.split('\n').slice(1);
      expect(lines[0]).toContain('Early Co');
      expect(lines[1]).toContain('Late Co');
      expect(lines[2]).toContain('onboarding template by paul@partner.example');
      expect(lines[3]).toContain('new location by alice@partner.example');
      await h.close();
      h = await startHarness({ transport });
      expect((await ask('oscar', 'direct-oscar', 'status')).markdown).toBe('Nothing is in flight.');
    });

    it('pages the history, newest first', async () => {
      await h.store.saveCustomer(record({ externalId: 'hist-1', name: 'Hist Co' }));
      for (let i = 0; i < 23; i++)
        await h.store.appendAudit({
          at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
          action: `step.${i}`,
          externalId: 'hist-1',
          details: {},
        });
      const first = await ask('oscar', 'direct-oscar', 'history hist-1');
      expect(first.markdown).toContain('(Page 1 of 3)');
      expect(first.markdown!.split('\n')[1]).toContain('step.22');
      const second = await h.answer('oscar', first, 'run');
      expect(second.markdown).toContain('(Page 2 of 3)');
      expect(second.markdown!.split('\n')[1]).toContain('step.12');
      const third = await h.answer('oscar', second, 'run');
      expect(third.markdown!.split('\n')).toHaveLength(4);
      expect(cardOf(third).actions).toBeUndefined();
    });

    it('lists customers with their state, and the history of a real one holds every step', async () => {
      await seedTemplate(h);
      const summary = await customerToSummary(h);
      await h.click('alice', summary, 'submit');
      await waitForBotText(h, 'direct-alice', (m) => m.startsWith('**Acme GmbH is provisioned**'));
      expect((await ask('oscar', 'direct-oscar', 'customers')).markdown).toContain(
        '- Acme GmbH (acme-001): provisioned',
      );
      const history = (await ask('oscar', 'direct-oscar', 'history acme')).markdown!;
      expect(history).toContain('customer.provisioned');
      expect(history).toContain('customer.company — alice@partner.example');
    });
  });

  describe('who may do what', () => {
    it('lets a viewer look but not start a procedure', async () => {
      const refused = await ask('oscar', 'direct-oscar', 'create customer');
      expect(refused.markdown).toBe(
        'Sorry, oscar@partner.example, you may look up status and history, but only partner admins can start this. Ask alice@partner.example if you need to.',
      );
      expect(await h.store.findConversations({})).toEqual([]);
      expect((await ask('oscar', 'direct-oscar', 'customers')).markdown).toContain('The partner has no customers yet');
    });

    it('refuses someone on no list, and someone outside the allowed domains, saying whom to ask', async () => {
      await h.close();
      h = await startHarness({
        transport,
        roles: {
          partnerAdmins: ['alice@partner.example'],
          approvers: [],
          viewers: [],
          contact: 'alice@partner.example',
        },
      });
      expect((await ask('paul', 'direct-paul', 'status')).markdown).toBe(
        'Sorry, paul@partner.example, you are not on this bot’s list of partner admins, approvers or viewers. Ask alice@partner.example to add you.',
      );
      expect((await ask('paul', 'direct-paul', 'help')).attachments).toBeDefined();
      await h.close();
      h = await startHarness({
        transport,
        roles: {
          partnerAdmins: ['alice@partner.example'],
          approvers: [],
          viewers: [],
          allowedDomains: ['other.example'],
          contact: 'ops@other.example',
        },
      });
      expect((await ask('alice', 'direct-alice', 'templates')).markdown).toBe(
        'Sorry, alice@partner.example, this bot only works for people of other.example. Ask ops@other.example if you need access.',
      );
    });

    it('changes nothing when someone without the role clicks a card', async () => {
      await h.close();
      h = await startHarness({
        transport,
        roles: {
          partnerAdmins: ['alice@partner.example'],
          approvers: [],
          viewers: ['paul@partner.example'],
          contact: 'alice@partner.example',
        },
      });
      const card = await ask('alice', 'provisioning', 'create template');
      const refused = await h.answer('paul', card, 'cancel');
      expect(refused.markdown).toContain('only partner admins can start this');
      expect((await h.store.findConversations({}))[0]).toMatchObject({ status: 'active', step: 'basics' });
    });
  });

  describe('the failure notice for the on-call space', () => {
    it('posts what failed and the commands to look and retry, in the on-call space', async () => {
      await seedTemplate(h);
      h.sandbox.wholesale.setOutcome('acme-001', {
        status: 'error',
        errorCode: 2560,
        description: 'Webex Calling is in maintenance.',
      });
      const summary = await customerToSummary(h);
      await h.click('alice', summary, 'submit');
      const notice = await waitForBotText(h, 'provisioning', (m) => m.startsWith('⚠️'));
      expect(notice.markdown).toBe(
        '⚠️ Provisioning of **Acme GmbH** (`acme-001`, started by alice@partner.example) failed: Webex Calling is in maintenance. (2560). To look: `status acme-001`. To retry: fix the cause with the customer, delete the customer in Partner Hub, then `create customer`.',
      );
    });
  });
});
