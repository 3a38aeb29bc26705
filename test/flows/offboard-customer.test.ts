import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadApprovalPolicy, type ApprovalPolicy } from '../../bot/approvals/approval-policy.ts';
import type { SandboxMessage } from '../../sandbox/sandbox-state.ts';
import { seedProvisionedCustomer } from '../support/csv.ts';
import {
  cardOf,
  cardText,
  fieldOf,
  startHarness,
  waitFor,
  type Harness,
  type HarnessOptions,
} from '../support/harness.ts';
import { waitForBotText } from '../support/customer-steps.ts';
import { pressButton } from '../support/press-button.ts';

/** The example policy as shipped, with the sandbox's spaces in place of its placeholders. */
async function examplePolicy(): Promise<ApprovalPolicy> {
  return loadApprovalPolicy(fileURLToPath(new URL('../../approval-policy.example.json', import.meta.url)));
}

describe('offboard customer', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  async function start(extra: Partial<HarnessOptions> = {}): Promise<void> {
    const policy = await examplePolicy();
    const rule = policy['offboard-customer'];
    // Guarded by default: two of the three approvers.
    expect(rule?.required).toBe(2);
    h = await startHarness({
      ...extra,
      approvalPolicy: (sandbox) => ({
        'offboard-customer': {
          ...rule!,
          space: sandbox.state.roomByKey('approvers').id,
          escalateTo: sandbox.state.roomByKey('provisioning').id,
        },
      }),
    });
    const customer = await seedProvisionedCustomer(h, { packages: ['webex_calling', 'webex_meetings'] });
    h.sandbox.subscribers.addSubscriber(
      { email: 'ann@acme.example', customerId: customer.id, externalCustomerId: 'acme-001', package: 'webex_meetings' },
      new Date().toISOString(),
    );
  }

  async function ask(text: string) {
    const before = h.botMessages('direct-alice').length;
    await h.say('alice', 'direct-alice', text);
    return (await h.waitForBotMessages('direct-alice', before + 1))[before]!;
  }

  const deletes = () => h.sandbox.calls.filter((c) => c.operation === 'DELETE /wholesale/customers/{customerId}');

  async function vote(person: string, card: SandboxMessage, choice: 'approve' | 'reject', comment = '') {
    expect((await pressButton(h.sandbox, person, card, { vote: choice }, { comment })).status).toBe(202);
    await h.settle();
  }

  /** Asks to offboard Acme, typing the right ID; returns the approval card the approvers get. */
  async function requestOffboarding(): Promise<SandboxMessage> {
    const form = await ask('offboard customer acme');
    await h.answer('alice', form, 'submit', { confirmExternalId: 'acme-001' });
    return waitFor('the approval card', () => h.botMessages('approvers').find((m) => m.attachments));
  }

  it('shows what will be deleted and refuses a wrong external ID beside the field, keeping what was typed', async () => {
    await start();
    const form = await ask('offboard customer acme');
    const text = cardText(form);
    expect(text).toContain('Offboard Acme GmbH?');
    const facts = cardOf(form).body.find((e) => e.type === 'FactSet')!.facts!;
    expect(facts).toEqual([
      { title: 'External ID', value: 'acme-001' },
      { title: 'Packages', value: 'Webex Calling, Webex Meetings' },
      { title: 'Users', value: '1' },
      { title: 'Locations', value: '1' },
    ]);
    const refused = await h.answer('alice', form, 'submit', { confirmExternalId: 'acme-002' });
    expect(fieldOf(refused, 'confirmExternalId')).toEqual({
      value: 'acme-002',
      error: 'That is not this customer’s external ID; type it exactly as shown.',
    });
    expect(h.botMessages('approvers')).toHaveLength(0);
    expect(deletes()).toHaveLength(0);
  });

  it('deletes once after two approvals, follows deleting to gone, and keeps the customer as offboarded', async () => {
    await start();
    const card = await requestOffboarding();
    expect(cardText(card)).toContain('- Users: 1');
    await vote('bea', card, 'approve');
    expect(deletes()).toHaveLength(0);
    await vote('chen', card, 'approve');
    await waitForBotText(h, 'direct-alice', (m) =>
      m.includes(
        'is offboarded: Webex no longer lists it as a Wholesale customer. Its organization, users and locations stay in Webex',
      ),
    );
    expect(deletes()).toHaveLength(1);
    expect(h.sandbox.wholesale.byExternalId('acme-001')).toBeUndefined();
    const record = (await h.store.findCustomer('acme-001'))!;
    expect(record.status).toBe('offboarded');
    expect(record.history.map((x) => x.status)).toEqual(['deleting', 'offboarded']);
    expect(record.offboarded).toMatchObject({
      requestedBy: { email: 'alice@partner.example' },
      approvedBy: ['bea@partner.example', 'chen@partner.example'],
    });
    const audit = (await h.store.listAudit({ externalId: 'acme-001' })).find(
      (e) => e.action === 'customer.offboarded',
    )!;
    expect(audit.details).toEqual({
      requestedBy: 'alice@partner.example',
      approvedBy: 'bea@partner.example, chen@partner.example',
    });
    // Still known to status and history, as offboarded; a second offboarding has nothing to do.
    expect((await ask('status acme-001')).markdown).toContain('- State: offboarded');
    expect((await ask('offboard customer acme-001')).markdown).toContain('is offboarded; there is nothing to offboard');
    // A sync does not turn it into "gone".
    await ask('sync customers');
    expect((await h.store.findCustomer('acme-001'))!.status).toBe('offboarded');
  });

  it('approved the next morning, after the partner credentials were revoked: waits for them, and deletes once when the integration is authorised again', async () => {
    await start({ partner: 'integration', sandbox: { tokens: { accessTokenSeconds: 1 } } });
    const card = await requestOffboarding();
    await vote('bea', card, 'approve');
    h.sandbox.state.oauth.revokeAll();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await vote('chen', card, 'approve');
    const waiting = await waitForBotText(h, 'direct-alice', (m) => m.includes('waits for the partner credentials'));
    expect(waiting.markdown).toContain('Write `cancel` to end it instead.');
    expect(deletes().filter((c) => c.status < 300)).toHaveLength(0);
    expect(h.sandbox.wholesale.byExternalId('acme-001')).toBeDefined();

    h.authoriseAgain();
    await waitForBotText(h, 'direct-alice', (m) =>
      m.includes(
        'is offboarded: Webex no longer lists it as a Wholesale customer. Its organization, users and locations stay in Webex',
      ),
    );
    expect(deletes().filter((c) => c.status < 300)).toHaveLength(1);
    expect((await h.store.findCustomer('acme-001'))!.status).toBe('offboarded');
  });

  it('deletes nothing when an approver rejects', async () => {
    await start();
    const card = await requestOffboarding();
    await vote('bea', card, 'reject', 'still paying');
    await waitForBotText(h, 'direct-alice', (m) => m.includes('Nothing was deleted'));
    expect(deletes()).toHaveLength(0);
    expect(h.sandbox.wholesale.byExternalId('acme-001')).toBeDefined();
    expect((await h.store.findCustomer('acme-001'))!.status).toBe('provisioned');
  });
});
