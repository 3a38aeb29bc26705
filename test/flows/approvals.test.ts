import { afterEach, describe, expect, it } from 'vitest';
import type { ApprovalPolicy } from '../../bot/approvals/approval-policy.ts';
import type { RunningSandbox } from '../../sandbox/start-sandbox.ts';
import type { SandboxMessage } from '../../sandbox/sandbox-state.ts';
import { cardText, startHarness, transports, waitFor, type Harness, type HarnessOptions } from '../support/harness.ts';
import { customerToSummary, seedTemplate, waitForBotText } from '../support/customer-steps.ts';
import { pressButton } from '../support/press-button.ts';

describe.each(transports)('events by %s', (transport) => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  const HOUR = 3_600_000;
  const approvers = ['bea@partner.example', 'chen@partner.example', 'dana@partner.example'];

  /** The three approvers, two needed, voting in the Approvers space; expiry escalated to Provisioning. */
  const twoOfThree = (sandbox: RunningSandbox): ApprovalPolicy => ({
    'create-customer': {
      approvers,
      approverSpaces: [],
      required: 2,
      requesterMayApprove: false,
      space: sandbox.state.roomByKey('approvers').id,
      openFor: 24 * HOUR,
      remindAfter: 4 * HOUR,
      escalateTo: sandbox.state.roomByKey('provisioning').id,
    },
  });

  async function start(options: HarnessOptions = {}) {
    h = await startHarness({ transport, approvalPolicy: twoOfThree, ...options });
    await seedTemplate(h);
  }

  /** Asks for a customer and returns the approval card the approvers get. */
  async function requestApproval(): Promise<SandboxMessage> {
    const summary = await customerToSummary(h);
    await h.click('alice', summary, 'submit');
    await waitFor('the approval card', () => h.botMessages('approvers').find((m) => m.attachments));
    return h.botMessages('approvers').find((m) => m.attachments)!;
  }

  /** Votes and returns the bot's answer in the card's thread. */
  async function vote(
    person: string,
    card: SandboxMessage,
    choice: 'approve' | 'reject',
    comment = '',
  ): Promise<string> {
    const before = h.botMessages('approvers').filter((m) => m.parentId === card.id).length;
    expect((await pressButton(h.sandbox, person, card, { vote: choice }, { comment })).status).toBe(202);
    const replies = await waitFor('an answer in the thread', () => {
      const thread = h.botMessages('approvers').filter((m) => m.parentId === card.id);
      return thread.length > before && thread;
    });
    return replies[before]!.markdown ?? '';
  }

  const wholesaleCreates = () => h.sandbox.calls.filter((c) => c.operation === 'POST /wholesale/customers');

  describe('approvals over HTTP against the sandbox', () => {
    it('waits for two of three approvals, then goes on to the Wholesale API', async () => {
      await start();
      const card = await requestApproval();
      expect(cardText(card)).toContain('Approval needed: Acme GmbH (acme-001)');
      expect(cardText(card)).toContain('Webex Calling, Webex Meetings');
      expect((await waitForBotText(h, 'direct-alice', (m) => m.startsWith('Sent for approval'))).markdown).toContain(
        'needs 2 approvals',
      );

      expect(await vote('bea', card, 'approve')).toBe('bea@partner.example approved (1 of 2).');
      await h.settle();
      expect(h.sandbox.calls.filter((c) => c.operation.includes('/wholesale/'))).toEqual([]);
      expect((await h.store.findConversations({}))[0]!.step).toBe('awaitingApproval');
      const before = h.botMessages('direct-oscar').length;
      await h.say('oscar', 'direct-oscar', 'status acme-001');
      const status = (await h.waitForBotMessages('direct-oscar', before + 1))[before]!.markdown!;
      expect(status).toMatch(
        /^No customer matches “acme-001”\. A request to create Acme GmbH \(acme-001\) is waiting for approval \(1 of 2, open until .+\)\.$/,
      );

      expect(await vote('chen', card, 'approve')).toBe(
        '✅ Approved: Acme GmbH (acme-001) (2 of 2). alice@partner.example, it goes on now.',
      );
      await waitForBotText(h, 'direct-alice', (m) => m.startsWith('**Acme GmbH is provisioned**'));
      expect(h.sandbox.wholesale.customers).toHaveLength(1);
      expect(
        h
          .botMessages('direct-alice')
          .some((m) => m.markdown === '✅ Your request “Acme GmbH (acme-001)” was approved. Going on.'),
      ).toBe(true);
      const audit = (await h.store.listAudit({ conversationId: (await h.store.findConversations({}))[0]!.id })).map(
        (e) => e.action,
      );
      expect(audit).toEqual(expect.arrayContaining(['approval.requested', 'approval.approve']));
    });

    it('refuses self-approval, a non-approver, and a second vote by the same person', async () => {
      await start({
        approvalPolicy: (sandbox) => ({
          'create-customer': {
            ...twoOfThree(sandbox)['create-customer']!,
            approvers: [...approvers, 'alice@partner.example'],
            space: sandbox.state.roomByKey('provisioning').id,
          },
        }),
      });
      const summary = await customerToSummary(h);
      await h.click('alice', summary, 'submit');
      const card = await waitFor('the approval card', () => h.botMessages('provisioning').find((m) => m.attachments));
      const voteIn = async (person: string, choice: 'approve' | 'reject') => {
        const before = h.botMessages('provisioning').filter((m) => m.parentId === card.id).length;
        await pressButton(h.sandbox, person, card, { vote: choice });
        const thread = await waitFor('an answer', () => {
          const t = h.botMessages('provisioning').filter((m) => m.parentId === card.id);
          return t.length > before && t;
        });
        return thread[before]!.markdown;
      };
      expect(await voteIn('alice', 'approve')).toBe(
        'Sorry, alice@partner.example, you cannot approve your own request.',
      );
      expect(await voteIn('paul', 'approve')).toBe(
        'Sorry, paul@partner.example, you are not an approver for this request; your vote does not count.',
      );
      h.sandbox.state.addMember(h.sandbox.state.roomByKey('provisioning'), h.person('bea'));
      expect(await voteIn('bea', 'approve')).toBe('bea@partner.example approved (1 of 2).');
      expect(await voteIn('bea', 'approve')).toBe(
        'bea@partner.example, you have voted on this already; each person votes once.',
      );
      const [approval] = await h.store.findApprovals({});
      expect(approval!.votes).toHaveLength(1);
      expect(approval!.status).toBe('pending');
    });

    it('stops on one rejection, with the reason, and creates nothing', async () => {
      await start();
      const card = await requestApproval();
      await vote('bea', card, 'approve');
      expect(await vote('dana', card, 'reject', 'Credit check failed')).toBe(
        '❌ Rejected by dana@partner.example: Acme GmbH (acme-001). Reason: Credit check failed',
      );
      await waitForBotText(h, 'direct-alice', (m) =>
        m.startsWith('Rejected by dana@partner.example: Credit check failed. Nothing was created.'),
      );
      expect(
        h
          .botMessages('direct-alice')
          .some((m) => m.markdown?.includes('was rejected by dana@partner.example. Reason: Credit check failed')),
      ).toBe(true);
      expect(await vote('chen', card, 'approve')).toBe('This approval was already decided; your vote changes nothing.');
      await h.settle();
      expect(wholesaleCreates()).toEqual([]);
      expect(h.sandbox.calls.filter((c) => c.operation.includes('/wholesale/'))).toEqual([]);
      expect((await h.store.findConversations({}))[0]!.status).toBe('done');
    });

    it('reminds, then expires and escalates on a fake clock; a late click is refused', async () => {
      let offset = 0;
      await start({ clock: () => new Date(Date.now() + offset) });
      const card = await requestApproval();
      await vote('bea', card, 'approve');

      offset = 5 * HOUR;
      const reminder = await waitForBotText(h, 'approvers', (m) => m.startsWith('⏰'));
      expect(reminder.markdown).toBe(
        '⏰ Reminder: “Acme GmbH (acme-001)” still needs 1 approval. Not voted yet: chen@partner.example, dana@partner.example.',
      );
      expect(reminder.parentId).toBe(card.id);

      offset = 25 * HOUR;
      const expired = await waitForBotText(h, 'approvers', (m) => m.startsWith('⌛ This approval expired'));
      expect(expired.parentId).toBe(card.id);
      const escalation = await waitForBotText(h, 'provisioning', (m) => m.startsWith('⌛ An approval expired'));
      expect(escalation.markdown).toBe(
        '⌛ An approval expired without a decision: “Acme GmbH (acme-001)”, requested by alice@partner.example, with 1 of 2 approvals. Approvers: bea@partner.example, chen@partner.example, dana@partner.example.',
      );
      await waitForBotText(h, 'direct-alice', (m) => m.includes('expired without enough approvals'));
      const summary = await waitFor('the summary again', () =>
        h
          .botMessages('direct-alice')
          .filter((m) => m.attachments && cardText(m).includes('The approval expired without a decision'))
          .at(-1),
      );
      expect(cardText(summary)).toContain('Check the new customer');

      expect(await vote('chen', card, 'approve')).toBe(
        'This approval has expired or was withdrawn; your vote changes nothing.',
      );
      await h.settle();
      expect(wholesaleCreates()).toEqual([]);
      expect((await h.store.findApprovals({}))[0]!.status).toBe('expired');
      // Only one reminder, however often the sweeper passes.
      expect(h.botMessages('approvers').filter((m) => m.markdown?.startsWith('⏰'))).toHaveLength(1);
    });

    it('lists the approvals waiting for the person asking', async () => {
      await start();
      await requestApproval();
      const ask = async (person: string) => {
        const room = `direct-${person}`;
        const before = h.botMessages(room).length;
        await h.say(person, room, 'approvals');
        return (await h.waitForBotMessages(room, before + 1))[before]!.markdown ?? '';
      };
      expect(await ask('bea')).toContain(
        '- Acme GmbH (acme-001): 0 of 2 approvals, requested by alice@partner.example',
      );
      expect(await ask('bea')).toContain('your vote is awaited');
      expect(await ask('alice')).not.toContain('your vote is awaited');
      expect(await ask('alice')).toContain('Acme GmbH (acme-001)');
      expect(await ask('paul')).toBe('Nothing is waiting for your approval, and you have no open requests.');
    });

    it('says so when the policy names too few people to ever approve', async () => {
      h = await startHarness({
        transport,
        approvalPolicy: {
          'create-customer': {
            approvers: ['alice@partner.example'],
            approverSpaces: [],
            required: 1,
            requesterMayApprove: false,
            openFor: HOUR,
          },
        },
      });
      await seedTemplate(h);
      const summary = await customerToSummary(h);
      const back = await h.answer('alice', summary, 'submit');
      expect(cardText(back)).toContain(
        'The approval policy needs 1 approval but names only 0 people who could give them.',
      );
    });
  });
});
