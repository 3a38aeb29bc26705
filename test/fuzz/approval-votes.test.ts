import fc from 'fast-check';
import { describe, it } from 'vitest';
import type { ApprovalPolicy } from '../../bot/approvals/approval-policy.ts';
import { nastyString } from './arbitraries.ts';
import { validAnswers } from './form-steps.ts';
import { checkProperty, fuzzRuns, fuzzTimeout } from './fuzz-runs.ts';
import { ALICE, buttonsOf, createRig } from './procedure-rig.ts';
import { checkPost } from './submission-checks.ts';

/**
 * The approval card's one input, the comment, with its Approve and Reject: whoever votes, with
 * whatever comment, the vote is counted or refused with a reply, every message is one Webex takes,
 * and the waiting procedure ends as the approval does (rejected, or created once approved).
 */

const people = {
  bea: { personId: 'person-bea', email: 'bea@partner.example' },
  chen: { personId: 'person-chen', email: 'Chen@Partner.example' },
  alice: ALICE,
  oscar: { personId: 'person-oscar', email: 'oscar@partner.example' },
} as const;

const vote = fc.record({
  who: fc.constantFrom<keyof typeof people>('bea', 'chen', 'alice', 'oscar'),
  vote: fc.constantFrom('approve' as const, 'reject' as const),
  comment: fc.option(nastyString, { nil: undefined }),
});

describe('votes on an approval', () => {
  const runs = fuzzRuns(40);
  it(
    'any voter, any comment: counted or refused with a reply, and the procedure follows the decision',
    async () => {
      await checkProperty(
        'approval votes',
        fc.asyncProperty(
          fc.constantFrom(1, 2),
          fc.boolean(),
          fc.array(vote, { minLength: 1, maxLength: 4 }),
          async (required, requesterMayApprove, votes) => {
            const policy: ApprovalPolicy = {
              'add-location': {
                approvers: ['bea@partner.example', 'chen@partner.example'],
                approverSpaces: [],
                required,
                requesterMayApprove,
                openFor: 86_400_000,
              },
            };
            const rig = await createRig('location', { policy });
            const started = await rig.start();
            const form = rig.currentCard(started);
            const add = form && buttonsOf(form).find((b) => b.data.action === 'submit');
            if (!add) throw new Error('no Add button');
            await rig.press(
              started,
              add,
              Object.fromEntries(Object.entries(validAnswers.location).map(([k, v]) => [k, v[0]!])),
            );
            if ((await rig.conversation()).step !== 'awaitingApproval')
              throw new Error(`not waiting for approval but at ${(await rig.conversation()).step}`);
            for (const v of votes) {
              const posted = rig.posts.length;
              await rig.vote(people[v.who], v.vote, v.comment);
              const posts = rig.posts.slice(posted);
              posts.forEach((p, i) => checkPost(p, `vote ${v.vote} by ${v.who}, post ${i + 1}`));
              if (posts.length === 0) throw new Error(`a vote by ${v.who} got no reply`);
            }
            const [approval] = await rig.store.findApprovals({});
            const { step } = await rig.conversation();
            const expected =
              approval?.status === 'rejected'
                ? 'rejected'
                : approval?.status === 'approved'
                  ? // The rig's customer has Webex Calling: its location is enabled for calling too.
                    'callingDone'
                  : 'awaitingApproval';
            if (step !== expected) throw new Error(`the approval is ${approval?.status}, the procedure at ${step}`);
            if (approval?.votes.some((x) => (x.comment ?? '').length > 500))
              throw new Error('a comment longer than the card allows was stored');
            const once = expected === 'callingDone' ? 1 : 0;
            if (rig.calls.filter((c) => c === 'wholesale.createLocation').length !== once)
              throw new Error(`created ${rig.calls.length} times with the approval ${approval?.status}`);
            if (rig.calls.filter((c) => c === 'telephony.enableCalling').length !== once)
              throw new Error(`enabled for calling a number of times other than ${once}`);
          },
        ),
        runs,
      );
    },
    fuzzTimeout(runs, 30),
  );
});
