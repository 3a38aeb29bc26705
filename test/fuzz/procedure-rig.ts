import { PeopleClient } from '../../webex/people-client.ts';
import { TelephonyClient } from '../../webex/telephony-client.ts';
import { fromPromise } from 'xstate';
import type { ApprovalPolicy } from '../../bot/approvals/approval-policy.ts';
import { ApprovalService } from '../../bot/approvals/approval-service.ts';
import { ConversationEngine } from '../../bot/engine/conversation-engine.ts';
import type { Messenger } from '../../bot/engine/messenger.ts';
import { silentLogger } from '../../bot/engine/logger.ts';
import type { Procedure } from '../../bot/engine/procedure.ts';
import { bulkProcedure } from '../../bot/bulk/bulk-procedure.ts';
import { customerProcedure } from '../../bot/customer/customer-procedure.ts';
import { locationProcedure } from '../../bot/location/location-procedure.ts';
import { templateProcedure } from '../../bot/template/template-procedure.ts';
import { userProcedure } from '../../bot/user/user-procedure.ts';
import type { AdaptiveCard, SubmitAction } from '../../cards/kit/adaptive-card.ts';
import { cardDataSchema } from '../../cards/kit/card-data.ts';
import type { Locale, Translate } from '../../i18n/catalogue.ts';
import { languageOf } from '../../bot/engine/languages.ts';
import type { ApprovalEvent } from '../../machines/kit/approval-events.ts';
import type { BulkContext } from '../../machines/bulk/bulk-machine.ts';
import type { LocationContext } from '../../machines/location/location-machine.ts';
import { locationRequest } from '../../bot/location/location-request.ts';
import { userOrder } from '../../machines/kit/user-fields.ts';
import type { CustomerContext } from '../../machines/customer/customer-machine.ts';
import { chosenTemplate } from '../../machines/customer/customer-machine.ts';
import { customerRequest } from '../../bot/customer/customer-request.ts';
import type { UserContext } from '../../machines/user/user-machine.ts';
import { createMemoryStore } from '../../store/memory-store.ts';
import type { Conversation } from '../../store/records.ts';
import type { Store } from '../../store/store.ts';
import { WholesaleClient } from '../../webex/wholesale-client.ts';
import { PROVISIONING_ID, templateFixture } from '../support/fixtures.ts';
import { CUSTOMER, LOCATIONS, type FuzzedKind } from './form-steps.ts';

const ROOM = 'room-fuzz';
export const ALICE = { personId: 'person-alice', email: 'alice@partner.example' };
/** Deadlines this far away are never swept, so a procedure rests where the check wants it. */
const FAR_FUTURE = '2999-01-01T00:00:00.000Z';

interface Post {
  readonly id: string;
  readonly roomId: string;
  readonly markdown: string;
  readonly card?: AdaptiveCard;
}

/**
 * One procedure on the real engine and a memory store, its cards posted to a list. Effects that
 * touch only the store and approvals are the real ones; those that would reach Webex (Partner Hub,
 * the Wholesale API) are stand-ins that record the call and check what they were handed.
 */
export interface Rig {
  readonly kind: FuzzedKind;
  readonly procedure: Procedure;
  readonly store: Store;
  readonly t: Translate;
  readonly posts: Post[];
  /** Calls that would have reached Webex, by name. */
  readonly calls: string[];
  /** What an effect was handed that no card had accepted. */
  readonly violations: string[];
  start(): Promise<Conversation>;
  conversation(): Promise<Conversation>;
  /** The post showing the conversation's current card (its buttons carry the current nonce). */
  currentCard(conversation: Conversation): AdaptiveCard | undefined;
  /** Presses a button of a card as Webex delivers it: the card's inputs and the button's data in one map. */
  press(conversation: Conversation, button: SubmitAction, inputs: Readonly<Record<string, unknown>>): Promise<void>;
  /** A vote on the conversation's approval card, as the seam hands it over (a comment only if a string). */
  vote(
    voter: { readonly personId: string; readonly email: string },
    vote: 'approve' | 'reject',
    comment: string | undefined,
    options?: { readonly replayed?: boolean },
  ): Promise<void>;
}

export interface RigOptions {
  readonly locale?: Locale;
  readonly provisioning?: 'issue' | 'paste';
  /** Which steps need approval; none by default. */
  readonly policy?: ApprovalPolicy;
}

export async function createRig(kind: FuzzedKind, options: RigOptions = {}): Promise<Rig> {
  const locale = options.locale ?? 'en';
  const store = createMemoryStore();
  const language = languageOf(locale);
  const languages = { of: async () => language };
  const posts: Post[] = [];
  const calls: string[] = [];
  const violations: string[] = [];
  const messenger: Messenger = {
    post: async (roomId, post) => {
      const reply = typeof post === 'function' ? post(language) : post;
      const id = `msg-${posts.length + 1}`;
      posts.push({ id, roomId, markdown: reply.markdown, ...(reply.card ? { card: reply.card } : {}) });
      return { id };
    },
  };
  // The approval service hands outcomes to the engine, which is built below (as in start-bot).
  let deliver: (conversationId: string, event: ApprovalEvent) => Promise<boolean> = async () => false;
  const approvals = new ApprovalService({
    store,
    policy: options.policy ?? {},
    messenger,
    webex: { listMemberships: async () => [] },
    deliver: (id, event) => deliver(id, event),
    botEmail: 'onboarding-bot@webex.bot',
    languages,
    log: silentLogger,
    clock: () => new Date(),
  });
  const wholesale = new WholesaleClient({
    baseUrl: 'http://wholesale.invalid/v1',
    token: 'unused',
    maxAttempts: 1,
    fetch: async (url) => {
      violations.push(`an effect called the Wholesale API (${url.href}) that this rig stands in for`);
      throw new Error('no Wholesale API here');
    },
  });
  const telephony = new TelephonyClient({
    baseUrl: 'http://telephony.invalid/v1',
    token: 'unused',
    maxAttempts: 1,
    fetch: async (url) => {
      violations.push(`an effect called the telephony API (${url.href}) that this rig stands in for`);
      throw new Error('no telephony API here');
    },
  });
  const people = new PeopleClient({
    baseUrl: 'http://people.invalid/v1',
    token: 'unused',
    maxAttempts: 1,
    fetch: async (url) => {
      violations.push(`an effect called the People API (${url.href}) that this rig stands in for`);
      throw new Error('no People API here');
    },
  });
  const checked = (name: string, build: () => unknown) => {
    calls.push(name);
    try {
      build();
    } catch (error) {
      violations.push(
        `${name} was handed answers no card accepted: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };
  await store.insertTemplate(templateFixture({ id: 'tpl-1', name: 'SMB Germany', conversationId: 'seed-1' }));
  await store.insertTemplate(templateFixture({ id: 'tpl-2', name: 'Enterprise', conversationId: 'seed-2' }));

  // The rig drives every kind alike, so it hands each the same subject (those that take none ignore it).
  const procedure = ((): Procedure<unknown> => {
    switch (kind) {
      case 'template': {
        const partnerHub = {
          createTemplate: async (draft: unknown) => {
            checked('partnerHub.createTemplate', () => {
              if (!draft) throw new Error('no draft: the answers do not make a template');
            });
            return { ok: true as const, provisioningId: PROVISIONING_ID };
          },
        };
        return templateProcedure({ store, approvals, ...(options.provisioning === 'paste' ? {} : { partnerHub }) });
      }
      case 'customer': {
        const real = customerProcedure({ store, approvals, wholesale, log: silentLogger, pollMs: 60_000 });
        const machine = real.machine.provide({
          actors: {
            // The request is built with customerRequest(), which parses every section.
            precheck: fromPromise(async ({ input }: { input: { context: CustomerContext } }) => {
              checked(
                'wholesale.precheck',
                () => customerRequest(input.context.answers, chosenTemplate(input.context)!).externalId.length > 0,
              );
              return { ok: true as const, at: FAR_FUTURE };
            }),
          },
        });
        return { ...real, machine };
      }
      case 'user': {
        const real = userProcedure({ store, wholesale, telephony, people, approvals, pollMs: 1000 });
        const machine = real.machine.provide({
          actors: {
            listLocations: fromPromise(async () => LOCATIONS),
            listRoles: fromPromise(async (): Promise<readonly { id: string; name: string }[]> => [
              { id: 'role-1', name: 'Read-only Administrator' },
            ]),
            assignRole: fromPromise(async () => {
              calls.push('people.assignRole');
              return 'assigned' as const;
            }),
            precheck: fromPromise(async ({ input }: { input: { context: UserContext } }) => {
              checked('wholesale.precheckSubscriber', () => userOrder(input.context.customer, input.context.answers));
              return { ok: true as const };
            }),
            createUser: fromPromise(async ({ input }: { input: { context: UserContext } }) => {
              checked('wholesale.createSubscriber', () => userOrder(input.context.customer, input.context.answers));
              return { existed: false, subscriberId: 'subscriber-1', at: FAR_FUTURE };
            }),
            checkSubscriber: fromPromise(async () => {
              calls.push('wholesale.getSubscriber');
              return { state: 'provisioned' as const, at: FAR_FUTURE };
            }),
          },
        });
        return { ...real, machine };
      }
      case 'location': {
        const real = locationProcedure({ store, wholesale, telephony, approvals });
        const machine = real.machine.provide({
          actors: {
            createLocation: fromPromise(async ({ input }: { input: { context: LocationContext } }) => {
              checked('wholesale.createLocation', () => locationRequest(input.context.customer, input.context.answers));
              return { ok: true as const, id: 'location-1' };
            }),
            enableCalling: fromPromise(async ({ input }: { input: { context: LocationContext } }) => {
              checked('telephony.enableCalling', () => locationRequest(input.context.customer, input.context.answers));
              return 'enabled' as const;
            }),
            // The PSTN step: a connection already there, so it ends at once.
            readPstn: fromPromise(async () => {
              calls.push('telephony.pstnConnection');
              return {
                connection: { id: 'pstn-1', name: 'Cisco Calling Plan', type: 'CISCO_PSTN', settable: false },
                options: [],
              };
            }),
          },
        });
        return { ...real, machine };
      }
      case 'bulk': {
        const real = bulkProcedure({ store, wholesale, people, approvals, messenger, languages, pollMs: 1000 });
        const machine = real.machine.provide({
          actors: {
            runBatch: fromPromise(async ({ input }: { input: { context: BulkContext } }) => {
              calls.push('wholesale.createSubscribers');
              return {
                results: input.context.rows.map((r) => ({
                  line: r.line,
                  email: r.user.email,
                  outcome: 'created' as const,
                })),
                progress: { done: input.context.rows.length },
                at: FAR_FUTURE,
              };
            }),
          },
        });
        return { ...real, machine };
      }
    }
  })();

  const engine = new ConversationEngine({
    store,
    messenger,
    languages,
    log: silentLogger,
    settleTimeoutMs: 5_000,
  });
  const handle = engine.add(procedure);
  deliver = (id, event) => engine.deliver(id, event);
  const settled = async () => {
    // A save may schedule a wake on the next turn (a deadline already due); let it run.
    await new Promise<void>((resolve) => setImmediate(resolve));
    await engine.idle();
  };
  const conversation = async () => {
    const all = await store.findConversations({});
    if (all.length !== 1) throw new Error(`expected one conversation, found ${all.length}`);
    return all[0]!;
  };
  const subject =
    kind === 'bulk'
      ? {
          customer: CUSTOMER,
          rows: [
            {
              line: 2,
              user: userOrder(CUSTOMER, {
                firstName: 'Ann',
                lastName: 'Lee',
                email: 'ann@acme.example',
                package: 'webex_meetings',
              }),
            },
          ],
        }
      : CUSTOMER;

  return {
    kind,
    procedure,
    store,
    t: language.t,
    posts,
    calls,
    violations,
    async start() {
      await handle.start(ROOM, ALICE, subject);
      await settled();
      return conversation();
    },
    conversation,
    currentCard(c) {
      const shows = (card: AdaptiveCard) =>
        (card.actions ?? []).some(
          (a) => a.type === 'Action.Submit' && a.data.nonce === c.nonce && a.data.conversationId === c.id,
        );
      return [...posts].reverse().find((p) => p.card && shows(p.card))?.card;
    },
    async press(c, button, inputs) {
      const data = cardDataSchema.parse(button.data);
      await engine.click(
        {
          personId: ALICE.personId,
          roomId: ROOM,
          messageId: c.cardMessageId ?? 'no-card',
          inputs: { ...inputs, ...button.data },
        },
        data,
      );
      await settled();
    },
    async vote(voter, vote, comment, options = {}) {
      const [approval] = await store.findApprovals({ conversationId: (await conversation()).id });
      if (!approval) throw new Error('no approval to vote on');
      await approvals.vote(
        approval.id,
        voter,
        vote,
        comment,
        { roomId: approval.space, messageId: approval.cardMessageId ?? 'no-card' },
        options,
      );
      await approvals.idle();
      await settled();
    },
  };
}

/** The Submit buttons of a card. */
export function buttonsOf(card: AdaptiveCard): SubmitAction[] {
  return (card.actions ?? []).filter((a): a is SubmitAction => a.type === 'Action.Submit');
}
