import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../store/memory-store.ts';
import type { CustomerRecord } from '../../store/records.ts';
import { startHarness, type Harness } from '../support/harness.ts';

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

const customer: CustomerRecord = {
  externalId: 'old-1',
  name: 'Old Co',
  adminEmail: 'a@old.example',
  country: 'DE',
  templateId: 't',
  templateName: 'SMB',
  packages: ['webex_calling'],
  status: 'provisioned',
  packageStates: [{ name: 'webex_calling', status: 'provisioned', errors: [] }],
  errors: [],
  conversationId: 'c-old',
  roomId: 'r',
  createdBy: { personId: 'p', email: 'alice@partner.example' },
  createdAt: daysAgo(500),
  updatedAt: daysAgo(1),
  history: [
    { at: daysAgo(500), status: 'creating' },
    { at: daysAgo(499), status: 'provisioned' },
  ],
};

describe('audit retention', () => {
  let h: Harness;
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'retention-'));
  });
  afterEach(async () => {
    await h.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('moves the history past retention to the export file at start; `history` shows only what is left', async () => {
    const store = createMemoryStore();
    await store.saveCustomer(customer);
    await store.appendAudit({ at: daysAgo(500), action: 'step.ancient', externalId: 'old-1', details: {} });
    await store.appendAudit({ at: daysAgo(1), action: 'step.recent', externalId: 'old-1', details: {} });
    const exportFile = join(dir, 'bot.json.audit-export.jsonl');
    h = await startHarness({ store, auditRetention: { days: 400, exportFile } });

    await expect
      .poll(async () => (await readFile(exportFile, 'utf8').catch(() => '')).split('\n').filter(Boolean).length)
      .toBe(2);
    const lines = (await readFile(exportFile, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { kind: string; entry?: { action: string }; status?: string });
    expect(lines.map((l) => l.entry?.action ?? l.status)).toEqual(['step.ancient', 'creating']);

    const before = h.botMessages('direct-oscar').length;
    await h.say('oscar', 'direct-oscar', 'history old-1');
    const answer = (await h.waitForBotMessages('direct-oscar', before + 1))[before]!;
    expect(answer.markdown).toContain('step.recent');
    expect(answer.markdown).not.toContain('step.ancient');
  });
});
