import type { Translate } from '../../i18n/catalogue.ts';
import { offboardCredentials, type OffboardContext } from '../../machines/offboard/offboard-machine.ts';
import { credentialsWaiting } from '../kit/credentials-waiting.ts';
import { adaptiveCard } from '../kit/adaptive-card.ts';
import { submit, type CardView } from '../kit/card-view.ts';
import { factsMarkdown, type Fact } from '../kit/facts.ts';
import { heading, notice, noticeOf, textField } from '../kit/form-fields.ts';
import type { Reply } from '../kit/reply.ts';
import { packageLabel } from '../kit/package-label.ts';
import { rejectedCard } from '../approval/rejected-card.ts';

export const offboardActions = { offboard: 'submit', cancel: 'cancel' } as const satisfies Record<string, string>;

/** What offboarding deletes, as facts: the form and the approval card show the same. */
export function offboardFacts(t: Translate, context: Pick<OffboardContext, 'customer' | 'counts'>): Fact[] {
  const unknown = t('offboard.unknown');
  return [
    { title: t('customer.externalIdLabel'), value: context.customer.externalId },
    {
      title: t('customer.packages'),
      value: context.customer.packages.map((p) => packageLabel(t, p)).join(', ') || t('template.none'),
    },
    { title: t('status.users'), value: context.counts ? String(context.counts.users) : unknown },
    { title: t('status.locations'), value: context.counts ? String(context.counts.locations) : unknown },
  ];
}

/** `offboard customer`: what will be deleted, the external ID typed to confirm, and a line for each outcome. */
export function offboardCard(state: string, context: OffboardContext, view: CardView): Reply {
  const { t } = view;
  const name = context.customer.name;
  switch (state) {
    case 'form': {
      const title = t('offboard.title', { name });
      const facts = offboardFacts(t, context);
      const card = adaptiveCard(
        [
          ...heading(title),
          ...notice(t('offboard.warning'), 'Warning'),
          ...noticeOf(t, context.notice),
          { type: 'FactSet', facts },
          ...textField({
            t,
            id: 'confirmExternalId',
            label: t('offboard.typeId', { externalId: context.customer.externalId }),
            value: context.answers.confirmExternalId,
            error: context.errors.confirmExternalId,
            required: true,
            maxLength: 64,
          }),
        ],
        [
          submit(view, offboardActions.offboard, t('offboard.confirm'), 'destructive'),
          submit(view, offboardActions.cancel, t('action.cancel')),
        ],
        title,
      );
      return { card, markdown: [`**${title}**`, t('offboard.warning'), ...factsMarkdown(facts)].join('\n') };
    }
    case 'awaitingApproval':
      return { markdown: t('approval.waiting', { subject: t('offboard.subject', { name }) }) };
    case 'removing':
      return { markdown: t('offboard.deleting', { name }) };
    case 'waitingForCredentials':
      return credentialsWaiting(t, t('offboard.subject', { name }), offboardCredentials.cancellable(context));
    case 'offboarded':
      return { markdown: t('offboard.done', { name, externalId: context.customer.externalId }) };
    case 'failed':
      return {
        markdown: t('offboard.failedEnd', {
          name,
          status: (context.status ?? '').replace(/_/g, ' '),
          externalId: context.customer.externalId,
        }),
      };
    case 'rejected':
      return rejectedCard(t, context.rejection, 'offboard.rejected');
    case 'cancelled':
      return { markdown: t('offboard.cancelled') };
    default:
      throw new Error(`no card for offboard state ${state}`);
  }
}
