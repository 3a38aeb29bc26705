import { numbersReport } from '../../cards/numbers/numbers-report.ts';
import { numberCells } from '../../machines/numbers/number-list.ts';
import { WebexApiError, problemsOf } from '../../webex/webex-api-error.ts';
import { problemsText } from '../../cards/kit/problem-text.ts';
import type { FeatureKit } from '../kit/feature-kit.ts';
import { actorOf } from '../engine/command-registry.ts';
import { provisionedCustomer } from '../customers/provisioned-customer.ts';
import { splitCustomerFirst } from '../customers/split-customer.ts';
import { addNumbers } from './add-numbers.ts';
import { nonIntegratedPstn } from '../../webex/telephony-schemas.ts';
import { PARTNER_HUB_URL } from '../../cards/kit/partner-hub-link.ts';

/** `add numbers <customer> <location>` with numbers typed after it or a CSV file: each added, already there or refused. */
export function register(kit: FeatureKit): void {
  kit.commands.register({
    words: ['add', 'numbers'],
    scopes: ['spark-admin:telephony_config_read', 'spark-admin:telephony_pstn_read'],
    german: [['nummern', 'hinzufügen']],
    usage: 'command.addNumbers.usage',
    summary: 'command.addNumbers.summary',
    needs: 'start',
    run: async (ctx) => {
      // The typed numbers come last; what is before them names the customer, then the location.
      const words = ctx.args.trim().split(/\s+/).filter(Boolean);
      const firstNumber = words.findIndex((w) => /^\+?\d/.test(w));
      const names = (firstNumber === -1 ? words : words.slice(0, firstNumber)).join(' ');
      const typed = firstNumber === -1 ? [] : numberCells(words.slice(firstNumber).join(' '));
      const split = splitCustomerFirst(await kit.store.listCustomers(), names);
      if (!split) return ctx.reply({ markdown: ctx.t('numbers.usage') });
      const customer = await provisionedCustomer(
        { ...ctx, args: split.customer.externalId },
        kit.customers,
        'add numbers',
      );
      if (!customer) return;
      let cells = typed;
      if (ctx.files.length > 0) {
        try {
          cells = [...typed, ...numberCells(await kit.download(ctx.files[0]!))];
        } catch (error) {
          return ctx.reply({ markdown: ctx.t('bulk.unreadable', { reason: (error as Error).message }) });
        }
      }
      if (cells.length === 0) return ctx.reply({ markdown: ctx.t('numbers.none') });
      const calling = await kit.telephony.listCallingLocations(customer.orgId);
      const location = calling.find((l) => l.name.toLowerCase() === split.rest.toLowerCase());
      if (!location)
        return ctx.reply({
          markdown: ctx.t('numbers.noLocation', {
            location: split.rest,
            customer: customer.name,
            locations: calling.map((l) => l.name).join(', ') || '–',
          }),
        });
      try {
        // Webex: Add Phone Numbers "should never be used for locations with integrated PSTN connection
        // types like Cisco Calling Plans or Integrated CCP". A type the bot does not know counts as integrated.
        const pstn = await kit.telephony.pstnConnection(customer.orgId, location.id);
        if (pstn && !nonIntegratedPstn.has(pstn.pstnConnectionType))
          return await ctx.reply({
            markdown: ctx.t('pstn.integrated', {
              location: location.name,
              customer: customer.name,
              connection: pstn.displayName ?? pstn.id,
              type: pstn.pstnConnectionType,
              partnerHub: PARTNER_HUB_URL,
            }),
          });
        const results = await addNumbers(
          kit.telephony,
          { orgId: customer.orgId, locationId: location.id, country: customer.country },
          cells,
        );
        for (const part of numbersReport(ctx.t, { location: location.name, customer: customer.name }, results))
          await ctx.reply({ markdown: part });
        await kit.store.appendAudit({
          at: kit.clock().toISOString(),
          action: 'numbers.added',
          actor: actorOf(ctx),
          externalId: customer.externalId,
          details: {
            location: location.name,
            added: results.filter((r) => r.outcome === 'added').length,
            refused: results.filter((r) => r.outcome === 'refused').length,
          },
        });
      } catch (error) {
        if (!(error instanceof WebexApiError)) throw error;
        return ctx.reply({ markdown: ctx.t('numbers.failed', { reason: problemsText(problemsOf(error)) }) });
      }
    },
  });
}
