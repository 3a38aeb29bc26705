import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadApprovalPolicy } from '../../bot/approvals/approval-policy.ts';
import { ConfigError } from '../../bot/engine/config-error.ts';
import { spawnBot } from '../support/bot-process.ts';
import { sandboxApprovalPolicy } from '../../bot/app/sandbox-approval-policy.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'policy-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function problems(policy: unknown): Promise<string> {
  const file = join(dir, 'policy.json');
  await writeFile(file, JSON.stringify(policy));
  const error = await loadApprovalPolicy(file).catch((e: unknown) => e);
  if (!(error instanceof ConfigError)) throw new Error('expected a ConfigError');
  return error.message;
}

describe('the approval policy file', () => {
  it('means no approvals when it is not configured or not there', async () => {
    expect(await loadApprovalPolicy(undefined)).toEqual({});
    expect(await loadApprovalPolicy(join(dir, 'missing.json'))).toEqual({});
  });

  it('reads durations, defaults and both ways of naming approvers', async () => {
    const file = join(dir, 'policy.json');
    await writeFile(
      file,
      JSON.stringify({
        'create-customer': { approvers: ['Bea@Partner.example'], remindAfter: '30m' },
        'create-template': { approverSpaces: ['Y2lzY29zcGFyazovL3VzL1JPT00vYWJj'], required: 'all', openFor: '2d' },
      }),
    );
    expect(await loadApprovalPolicy(file)).toEqual({
      'create-customer': {
        approvers: ['Bea@Partner.example'],
        approverSpaces: [],
        required: 1,
        requesterMayApprove: false,
        openFor: 86_400_000,
        remindAfter: 1_800_000,
      },
      'create-template': {
        approvers: [],
        approverSpaces: ['Y2lzY29zcGFyazovL3VzL1JPT00vYWJj'],
        required: 'all',
        requesterMayApprove: false,
        openFor: 172_800_000,
      },
    });
  });

  it('names an unknown action', async () => {
    expect(await problems({ 'delete-everything': { approvers: ['a@b.example'] } })).toContain(
      '"delete-everything" is not an action that can be guarded; use one of create-template, create-customer, add-users, add-location',
    );
  });

  it('names a bad email with where it stands', async () => {
    expect(await problems({ 'create-customer': { approvers: ['bea@partner.example', 'not-an-email'] } })).toContain(
      'create-customer.approvers.1 ("not-an-email") not an email address',
    );
  });

  it('names a bad duration, an unknown field, and more approvals than approvers', async () => {
    const message = await problems({
      'create-customer': { approvers: ['a@b.example'], openFor: 'tomorrow', required: 3 },
      'add-users': { approvers: ['a@b.example'], quorum: 2 },
    });
    expect(message).toContain('create-customer.openFor ("tomorrow") a duration such as 30m, 4h or 2d');
    expect(message).toContain('add-users');
    expect(message).toContain('quorum');
  });

  it('stops the bot at start-up with the message', async () => {
    const file = join(dir, 'policy.json');
    await writeFile(file, JSON.stringify({ 'create-customer': { approvers: ['nope'] } }));
    const bot = spawnBot({
      APPROVAL_POLICY_FILE: file,
      DATA_FILE: join(dir, 'bot.json'),
      SANDBOX_PORT: '0',
      PORT: '0',
    });
    expect(await bot.exited).toBe(1);
    expect(bot.stderr.join('')).toContain(
      'approval policy: create-customer.approvers.0 ("nope") not an email address.',
    );
  });
});

describe('the sandbox’s built-in policy', () => {
  const room = (name: string) => `Y2lzY29zcGFyazovL3VzL1JPT00v${name}`;
  const approvers = ['bea@partner.example', 'chen@partner.example', 'dana@partner.example'];

  it('guards create and offboard customer with two of the approvers, in their space, never the requester', () => {
    const policy = sandboxApprovalPolicy({ approvers, space: room('approvers'), escalateTo: room('provisioning') });
    expect(Object.keys(policy).sort()).toEqual(['create-customer', 'offboard-customer']);
    for (const rule of Object.values(policy))
      expect(rule).toMatchObject({
        approvers,
        required: 2,
        requesterMayApprove: false,
        space: room('approvers'),
        openFor: 24 * 3_600_000,
        escalateTo: room('provisioning'),
      });
  });

  it('is checked as a file would be', () => {
    expect(() => sandboxApprovalPolicy({ approvers: ['bea'], space: 'x', escalateTo: room('provisioning') })).toThrow(
      /approval policy: create-customer\.approvers\.0 \("bea"\) not an email address\./,
    );
  });
});
