import { parse } from 'csv-parse/sync';
import { badRowsCard } from '../../cards/bulk/bulk-cards.ts';
import { checkRows, NEXT_FREE } from '../../machines/bulk/bulk-rows.ts';
import { WebexApiError } from '../../webex/webex-api-error.ts';
import { actorOf } from '../engine/command-registry.ts';
import type { FeatureKit } from '../kit/feature-kit.ts';
import { provisionedCustomer } from '../customers/provisioned-customer.ts';
import { bulkProcedure, type BulkSubject } from './bulk-procedure.ts';

const MAX_ROWS = 5000;
const REQUIRED_COLUMNS = ['firstName', 'lastName', 'email', 'package'];

/**
 * The numbers (Get Phone Numbers) of each location named by a row whose number column `asks` for
 * them: the free ones (`available`) where rows ask `next`, which are given out when the file is
 * checked and kept in the saved rows, so one run never gives a number twice and a restart goes on
 * with the same ones; all of them where rows type a number, which must be one of the location's.
 */
async function numbersAt(
  kit: FeatureKit,
  orgId: string,
  records: readonly Readonly<Record<string, string>>[],
  locations: readonly { readonly id: string; readonly name: string }[],
  asks: (phoneNumber: string) => boolean,
  options: { readonly available?: boolean } = {},
): Promise<Map<string, string[]>> {
  const wanted = new Set(
    records
      .filter((r) => asks((r.phoneNumber ?? '').trim().toLowerCase()))
      .map((r) => (r.location ?? '').trim().toLowerCase()),
  );
  const numbers = new Map<string, string[]>();
  for (const location of locations.filter((l) => wanted.has(l.name.toLowerCase()))) {
    const listed = await kit.telephony.listNumbers(orgId, location.id, options);
    numbers.set(
      location.id,
      listed.flatMap((n) => (n.phoneNumber ? [n.phoneNumber] : [])),
    );
  }
  return numbers;
}

/** `add users <customer>` with a CSV file: every row checked first, then a preview, then batches. */
export function register(kit: FeatureKit): void {
  const addUsers = kit.engine.add(
    bulkProcedure({
      store: kit.store,
      wholesale: kit.bulkWholesale,
      people: kit.people,
      approvals: kit.approvals,
      messenger: kit.messenger,
      languages: kit.languages,
      clock: kit.clock,
      pollMs: kit.pollMs,
      ...(kit.bulk ?? {}),
    }),
  );
  kit.commands.register({
    words: ['add', 'users'],
    scopes: ['spark-admin:locations_read'],
    german: [['benutzer', 'importieren']],
    usage: 'command.addUsers.usage',
    summary: 'command.addUsers.summary',
    needs: 'start',
    run: async (ctx) => {
      if (ctx.files.length !== 1) return ctx.reply({ markdown: ctx.t('bulk.needsFile') });
      const customer = await provisionedCustomer(ctx, kit.customers, 'add users');
      if (!customer) return;
      let text: string;
      try {
        // Webex answers 423 while it scans a new file for malware; say once why the answer takes a moment.
        let told = false;
        text = await kit.download(ctx.files[0]!, ({ status }) => {
          if (status !== 423 || told) return;
          told = true;
          void ctx.reply({ markdown: ctx.t('bulk.scanning') });
        });
      } catch (error) {
        if (error instanceof WebexApiError && error.code === 'webex_file_unscannable')
          return ctx.reply({ markdown: ctx.t('bulk.unscannable') });
        if (error instanceof WebexApiError && error.status === 423)
          return ctx.reply({ markdown: ctx.t('bulk.stillScanning') });
        return ctx.reply({ markdown: ctx.t('bulk.unreadable', { reason: (error as Error).message }) });
      }
      let records: Record<string, string>[];
      try {
        records = parse<Record<string, string>>(text, { columns: true, skip_empty_lines: true, trim: true, bom: true });
      } catch (error) {
        return ctx.reply({ markdown: ctx.t('bulk.unreadable', { reason: (error as Error).message }) });
      }
      if (records.length === 0) return ctx.reply({ markdown: ctx.t('bulk.empty') });
      if (records.length > MAX_ROWS)
        return ctx.reply({ markdown: ctx.t('bulk.tooMany', { count: records.length, max: MAX_ROWS }) });
      const missing = REQUIRED_COLUMNS.filter((c) => !(c in records[0]!));
      if (missing.length > 0)
        return ctx.reply({ markdown: ctx.t('bulk.missingColumns', { columns: missing.join(', ') }) });
      const locations = await kit.wholesale.listLocations(customer.orgId);
      // Webex's roles, when the file names any (`role` column).
      const roles = records.some((r) => (r.role ?? '').trim()) ? await kit.people.listRoles() : [];
      const checked = checkRows(
        records,
        customer,
        locations,
        await numbersAt(kit, customer.orgId, records, locations, (n) => n === NEXT_FREE, { available: true }),
        roles,
        await numbersAt(kit, customer.orgId, records, locations, (n) => n !== '' && n !== NEXT_FREE),
      );
      if (!checked.ok) return ctx.reply(badRowsCard(ctx.t, checked.bad, records.length));
      const subject: BulkSubject = { customer, rows: checked.rows };
      await addUsers.start(ctx.roomId, actorOf(ctx), subject);
    },
  });
}
