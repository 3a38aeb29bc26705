import { describe, expect, it } from 'vitest';
import { assignRoleEffect } from '../../bot/user/assign-role-effect.ts';
import { createUserEffect } from '../../bot/user/create-user-effect.ts';
import type { UserContext } from '../../machines/user/user-machine.ts';
import { createMemoryStore } from '../../store/memory-store.ts';
import type { Store } from '../../store/store.ts';
import { WebexApiError } from '../../webex/webex-api-error.ts';
import type { NewSubscriber, WholesaleSubscriber } from '../../webex/wholesale-schemas.ts';
import { runEffect } from './run-effect.ts';

const now = new Date('2026-01-02T03:04:05.000Z');
const clock = () => now;
const context = {
  conversationId: 'c1',
  roomId: 'r1',
  startedBy: { personId: 'p1', email: 'alice@partner.example' },
  pollMs: 1000,
  customer: {
    externalId: 'acme-1',
    id: 'cust-1',
    orgId: 'org-1',
    name: 'Acme',
    adminEmail: 'admin@acme.example',
    country: 'DE',
    packages: ['webex_meetings'],
  },
  answers: { firstName: 'Bob', lastName: 'Lee', email: 'Bob@Acme.example', package: 'webex_meetings', role: 'r-admin' },
  personId: 'person-1',
} as unknown as UserContext;

/** The audit actions recorded, in any order (the store lists the newest first). */
const actions = async (store: Store) => (await store.listAudit({ conversationId: 'c1' })).map((a) => a.action).sort();

/** A Wholesale API holding subscribers by email, whose creates may lose their first answers. */
function fakeWholesale(options: { lostAnswers?: number; existing?: boolean } = {}) {
  let lost = options.lostAnswers ?? 0;
  const subscribers = new Map<string, WholesaleSubscriber>();
  if (options.existing) subscribers.set('bob@acme.example', { id: 'sub-0', email: 'bob@acme.example' });
  const creates: NewSubscriber[] = [];
  return {
    creates,
    findSubscriber: async (_customerId: string, email: string) => subscribers.get(email),
    createSubscriber: async (request: NewSubscriber): Promise<WholesaleSubscriber> => {
      creates.push(request);
      const made = { id: `sub-${creates.length}`, email: request.email };
      subscribers.set(request.email, made);
      if (lost-- > 0)
        throw new WebexApiError('webex_http', 'bad gateway', {
          method: 'POST',
          endpoint: '/s',
          status: 502,
          attempts: 1,
        });
      return made;
    },
  };
}

describe('createUserEffect', () => {
  it('records the intent, creates the subscriber once and audits it as created', async () => {
    const store = createMemoryStore();
    const wholesale = fakeWholesale();
    const out = await runEffect(createUserEffect({ store, wholesale, clock }), { context });
    expect(out).toEqual({ existed: false, subscriberId: 'sub-1', at: now.toISOString() });
    expect(wholesale.creates).toMatchObject([{ customerId: 'cust-1', email: 'bob@acme.example' }]);
    expect(await actions(store)).toEqual(['user.created', 'user.creating']);
  });

  it('after a lost answer finds the user it made: created, not created twice', async () => {
    const store = createMemoryStore();
    const wholesale = fakeWholesale({ lostAnswers: 1 });
    const out = await runEffect(createUserEffect({ store, wholesale, clock }), { context });
    expect(out).toMatchObject({ existed: false, subscriberId: 'sub-1' });
    expect(wholesale.creates).toHaveLength(1);
  });

  it('reports a user the customer already had as existed, and one this conversation had sent as its own', async () => {
    const stranger = createMemoryStore();
    expect(
      await runEffect(createUserEffect({ store: stranger, wholesale: fakeWholesale({ existing: true }), clock }), {
        context,
      }),
    ).toMatchObject({ existed: true, subscriberId: 'sub-0' });
    expect(await actions(stranger)).toEqual(['user.existed']);

    // A restart cut off the answer to this conversation's own create.
    const ours = createMemoryStore();
    await ours.appendAudit({
      at: now.toISOString(),
      action: 'user.creating',
      actor: context.startedBy,
      conversationId: 'c1',
      externalId: 'acme-1',
      details: { email: 'bob@acme.example' },
    });
    const wholesale = fakeWholesale({ existing: true });
    expect(await runEffect(createUserEffect({ store: ours, wholesale, clock }), { context })).toMatchObject({
      existed: false,
    });
    expect(wholesale.creates).toEqual([]);
    expect(await actions(ours)).toEqual(['user.created', 'user.creating']);
  });
});

describe('assignRoleEffect', () => {
  it('gives the chosen role and audits it; a person who had it is left alone', async () => {
    const given: [string, string][] = [];
    const people = {
      giveRole: async (personId: string, roleId: string) => (
        given.push([personId, roleId]),
        given.length > 1 ? ('had' as const) : ('assigned' as const)
      ),
    };
    const store = createMemoryStore();
    expect(await runEffect(assignRoleEffect({ store, people, clock }), { context })).toBe('assigned');
    expect(await runEffect(assignRoleEffect({ store, people, clock }), { context })).toBe('had');
    expect(given).toEqual([
      ['person-1', 'r-admin'],
      ['person-1', 'r-admin'],
    ]);
    const audit = await store.listAudit({ conversationId: 'c1' });
    expect(audit).toMatchObject([
      { action: 'user.roleAssigned', details: { email: 'bob@acme.example', role: 'r-admin' } },
    ]);
  });

  it("fails with Webex's reasons as the message", async () => {
    const people = {
      giveRole: async (): Promise<'assigned'> => {
        throw new WebexApiError('webex_http', 'forbidden', {
          method: 'PUT',
          endpoint: '/people/person-1',
          status: 403,
          attempts: 1,
          body: { message: 'Not allowed to change roles' },
        });
      },
    };
    await expect(
      runEffect(assignRoleEffect({ store: createMemoryStore(), people, clock }), { context }),
    ).rejects.toThrow(/Not allowed to change roles/);
  });
});
