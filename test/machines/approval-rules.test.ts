import { describe, expect, it } from 'vitest';
import { castVote, dueFor, stillToVote } from '../../machines/kit/approval-rules.ts';
import type { Approval } from '../../store/records.ts';

const at = (iso: string) => new Date(iso);
const approval: Approval = {
  id: 'a1',
  action: 'create-customer',
  conversationId: 'c1',
  roomId: 'r1',
  requester: { personId: 'p-alice', email: 'alice@partner.example' },
  subject: 'Acme',
  summary: '…',
  space: 'r2',
  eligible: ['bea@partner.example', 'chen@partner.example', 'dana@partner.example'],
  required: 2,
  requesterMayApprove: false,
  votes: [],
  status: 'pending',
  createdAt: '2026-01-01T00:00:00.000Z',
  expiresAt: '2026-01-02T00:00:00.000Z',
  remindAt: '2026-01-01T04:00:00.000Z',
  reminded: false,
  revision: 1,
};
const bea = { email: 'Bea@Partner.example', personId: 'p-bea' };
const chen = { email: 'chen@partner.example', personId: 'p-chen' };
const noon = at('2026-01-01T12:00:00.000Z');

describe('the rules of a vote', () => {
  it('counts approvals until the quorum, which decides', () => {
    const one = castVote(approval, bea, 'approve', undefined, noon);
    expect(one).toMatchObject({
      ok: true,
      approval: { status: 'pending', votes: [{ email: 'bea@partner.example', vote: 'approve' }] },
    });
    expect(one.ok && one.decided).toBeFalsy();
    const two = one.ok ? castVote(one.approval, chen, 'approve', 'fine', noon) : one;
    expect(two).toMatchObject({
      ok: true,
      decided: 'approved',
      approval: { status: 'approved', decidedAt: noon.toISOString() },
    });
  });

  it('decides on one rejection', () => {
    expect(castVote(approval, bea, 'reject', 'no', noon)).toMatchObject({
      ok: true,
      decided: 'rejected',
      approval: { status: 'rejected', votes: [{ comment: 'no' }] },
    });
  });

  it('refuses the requester, outsiders, second votes, decided and expired approvals', () => {
    expect(
      castVote(approval, { email: 'alice@partner.example', personId: 'p-alice' }, 'approve', undefined, noon),
    ).toEqual({ ok: false, reason: 'ownRequest' });
    expect(
      castVote(
        { ...approval, requesterMayApprove: true, eligible: [...approval.eligible, 'alice@partner.example'] },
        { email: 'alice@partner.example', personId: 'p-alice' },
        'approve',
        undefined,
        noon,
      ).ok,
    ).toBe(true);
    expect(
      castVote(approval, { email: 'paul@partner.example', personId: 'p-paul' }, 'approve', undefined, noon),
    ).toEqual({ ok: false, reason: 'notApprover' });
    const once = castVote(approval, bea, 'approve', undefined, noon);
    expect(once.ok && castVote(once.approval, bea, 'reject', undefined, noon)).toEqual({
      ok: false,
      reason: 'alreadyVoted',
    });
    expect(castVote({ ...approval, status: 'approved' }, chen, 'approve', undefined, noon)).toEqual({
      ok: false,
      reason: 'decided',
    });
    expect(castVote(approval, chen, 'approve', undefined, at('2026-01-02T00:00:00.000Z'))).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('owes one reminder after remindAt and the expiry at expiresAt', () => {
    expect(dueFor(approval, at('2026-01-01T03:59:59.000Z'))).toBeUndefined();
    expect(dueFor(approval, at('2026-01-01T04:00:00.000Z'))).toBe('remind');
    expect(dueFor({ ...approval, reminded: true }, at('2026-01-01T05:00:00.000Z'))).toBeUndefined();
    expect(dueFor({ ...approval, reminded: true }, at('2026-01-02T00:00:00.000Z'))).toBe('expire');
    expect(dueFor({ ...approval, status: 'approved' }, at('2026-01-03T00:00:00.000Z'))).toBeUndefined();
  });

  it('knows who has not voted', () => {
    const one = castVote(approval, bea, 'approve', undefined, noon);
    expect(one.ok && stillToVote(one.approval)).toEqual(['chen@partner.example', 'dana@partner.example']);
  });
});
