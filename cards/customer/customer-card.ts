import { customerCredentials, HOLD_POLL_MS, type CustomerContext } from '../../machines/customer/customer-machine.ts';
import { shortTime } from '../kit/status-format.ts';
import type { CardView } from '../kit/card-view.ts';
import { customerCompanyCard } from './customer-company-card.ts';
import { customerConfirmCard } from './customer-confirm-card.ts';
import { customerHqCard } from './customer-hq-card.ts';
import { customerPackagesCard } from './customer-packages-card.ts';
import { customerResultCard } from './customer-result-card.ts';
import { customerSummaryCard } from './customer-summary-card.ts';
import { packageLabel } from '../kit/package-label.ts';
import type { Reply } from '../kit/reply.ts';
import { credentialsWaiting } from '../kit/credentials-waiting.ts';
import { rejectedCard } from '../approval/rejected-card.ts';

/** What the create-customer procedure shows in each state: a card, or a line of progress. */
export function customerCard(state: string, context: CustomerContext, view: CardView): Reply {
  const input = { view, context };
  const { t } = view;
  const name = context.answers.companyName ?? '';
  const externalId = context.answers.externalId ?? '';
  switch (state) {
    case 'company':
      return customerCompanyCard(input);
    case 'confirm':
      return customerConfirmCard(input);
    case 'packages':
      return customerPackagesCard(input);
    case 'hq':
      return customerHqCard(input);
    case 'summary':
      return customerSummaryCard(input);
    case 'create':
      return { markdown: t('customer.creating', { name, externalId }) };
    case 'provisioning': {
      const packages = [...(context.answers.packages ?? '').split(','), ...(context.answers.addOns ?? '').split(',')]
        .filter(Boolean)
        .map((p) => packageLabel(t, p))
        .join(', ');
      return { markdown: t('customer.provisioning', { name, externalId, packages }) };
    }
    case 'held':
      return { markdown: t('customer.held', { name, externalId, minutes: HOLD_POLL_MS / 60_000 }) };
    case 'heldLong':
      return {
        markdown: t('customer.heldLong', {
          name,
          externalId,
          since: shortTime(context.heldSince ?? ''),
          minutes: HOLD_POLL_MS / 60_000,
        }),
      };
    case 'provisioned':
    case 'provisionedWithErrors':
    case 'failed':
      return customerResultCard(input, state);
    case 'awaitingApproval':
      return { markdown: t('approval.waiting', { subject: `${name} (${externalId})` }) };
    case 'waitingForCredentials':
      return credentialsWaiting(t, `${name} (${externalId})`, customerCredentials.cancellable(context));
    case 'rejected':
      return rejectedCard(t, context.rejection);
    case 'noTemplates':
      return { markdown: t('customer.noTemplates') };
    case 'cancelled':
      return { markdown: t('customer.cancelled') };
    default:
      throw new Error(`no card for customer state ${state}`);
  }
}
