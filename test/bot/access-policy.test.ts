import { describe, expect, it } from 'vitest';
import { AccessPolicy } from '../../bot/engine/access-policy.ts';

const policy = new AccessPolicy({
  partnerAdmins: ['alice@partner.example'],
  approvers: ['bea@partner.example'],
  viewers: [],
  allowedDomains: ['partner.example'],
  contact: 'ops@partner.example',
});

describe('access policy', () => {
  it('lets anyone of an allowed domain press a member button (a vote), whatever their roles', () => {
    expect(policy.check('carl@partner.example', 'member')).toEqual({ allowed: true });
    expect(policy.check('bea@partner.example', 'member')).toEqual({ allowed: true });
    expect(policy.check('eve@elsewhere.example', 'member')).toEqual({ allowed: false, reason: 'domain' });
    expect(policy.check(undefined, 'member')).toEqual({ allowed: false, reason: 'domain' });
  });

  it('keeps roles for the other permissions', () => {
    expect(policy.check('carl@partner.example', 'approve')).toEqual({ allowed: false, reason: 'outsider' });
    expect(policy.check('bea@partner.example', 'start')).toEqual({ allowed: false, reason: 'role' });
    expect(policy.check('alice@partner.example', 'start')).toEqual({ allowed: true });
  });
});
