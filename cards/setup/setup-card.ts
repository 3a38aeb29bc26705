import type { Translate } from '../../i18n/catalogue.ts';
import { adaptiveCard } from '../kit/adaptive-card.ts';
import type { CardReply } from '../kit/reply.ts';
import { heading } from '../kit/form-fields.ts';
import { RUN_ACTION } from '../kit/run-command-data.ts';

/** `setup customer`: what can be added to a provisioned customer, a button each. */
export function setupCard(t: Translate, customer: { readonly name: string; readonly externalId: string }): CardReply {
  const title = t('setup.title', { name: customer.name });
  const run = (label: string, command: string) => ({
    type: 'Action.Submit' as const,
    title: label,
    data: { action: RUN_ACTION, command: `${command} ${customer.externalId}` },
  });
  const csv = t('setup.csv', { externalId: customer.externalId });
  const card = adaptiveCard(
    [
      ...heading(title),
      { type: 'TextBlock', text: t('setup.intro'), wrap: true },
      { type: 'TextBlock', text: csv, wrap: true, isSubtle: true },
    ],
    [run(t('setup.addUser'), 'add user'), run(t('setup.addLocation'), 'add location')],
    title,
  );
  return {
    card,
    markdown: [
      `**${title}**`,
      t('setup.intro'),
      `- \`add user ${customer.externalId}\``,
      `- \`add location ${customer.externalId}\``,
      csv,
    ].join('\n'),
  };
}
