import type { Translate } from '../../i18n/catalogue.ts';
import { userChangeCredentials, type UserChangeContext } from '../../machines/user/user-change-machine.ts';
import { userCallingPackages, userPackages } from '../../machines/kit/packages.ts';
import { adaptiveCard } from '../kit/adaptive-card.ts';
import { submit, type CardView } from '../kit/card-view.ts';
import { factsMarkdown, type Fact } from '../kit/facts.ts';
import { choiceField, heading, noticeOf } from '../kit/form-fields.ts';
import type { Reply } from '../kit/reply.ts';
import { packageLabel } from '../kit/package-label.ts';
import { rejectedCard } from '../approval/rejected-card.ts';
import { credentialsWaiting } from '../kit/credentials-waiting.ts';
import { callingFields } from './calling-fields.ts';

export const userChangeActions = { apply: 'submit', cancel: 'cancel' } as const satisfies Record<string, string>;

/** What the change does, as facts: the approval card shows the same. */
export function userChangeFacts(
  t: Translate,
  context: Pick<UserChangeContext, 'customer' | 'subscriber' | 'mode' | 'answers'>,
): Fact[] {
  return [
    { title: t('user.email'), value: context.subscriber.email },
    { title: t('userChange.customer'), value: `${context.customer.name} (${context.customer.externalId})` },
    { title: t('userChange.packageNow'), value: packageLabel(t, context.subscriber.package) },
    ...(context.mode === 'change'
      ? [{ title: t('userChange.packageNew'), value: packageLabel(t, context.answers.package ?? '') }]
      : []),
  ];
}

/** `change user` / `remove user`: the one card, and a line for each outcome. */
export function userChangeCard(state: string, context: UserChangeContext, view: CardView): Reply {
  const { t } = view;
  const field = (id: string) => {
    const error = context.errors[id];
    // The machine names a package by its spec name; the person reads its label.
    const named = error?.params?.package;
    return {
      t,
      id,
      value: context.answers[id],
      error: error && named ? { ...error, params: { ...error.params, package: packageLabel(t, named) } } : error,
    };
  };
  const email = context.subscriber.email;
  const customer = context.customer.name;
  const removing = context.mode === 'remove';
  switch (state) {
    case 'form': {
      const title = t(removing ? 'userChange.removeTitle' : 'userChange.title', { email, name: customer });
      const facts = userChangeFacts(t, { ...context, mode: 'remove' });
      const inputs = removing
        ? []
        : [
            ...choiceField({
              ...field('package'),
              label: t('userChange.packageNew'),
              choices: userPackages(context.customer).map((p) => ({ title: packageLabel(t, p), value: p })),
            }),
            ...(userCallingPackages.has(context.subscriber.package) ? [] : callingFields(t, field, context.locations)),
          ];
      const card = adaptiveCard(
        [...heading(title), ...noticeOf(t, context.notice), { type: 'FactSet', facts }, ...inputs],
        [
          submit(
            view,
            userChangeActions.apply,
            t(removing ? 'userChange.remove' : 'userChange.change'),
            removing ? 'destructive' : 'positive',
          ),
          submit(view, userChangeActions.cancel, t('action.cancel')),
        ],
        title,
      );
      return { card, markdown: [`**${title}**`, ...factsMarkdown(facts)].join('\n') };
    }
    case 'awaitingApproval':
      return { markdown: t('approval.waiting', { subject: `${email} → ${customer}` }) };
    case 'done':
      return {
        markdown: removing
          ? t('userChange.removed', { email, name: customer })
          : t('userChange.changed', { email, name: customer, package: packageLabel(t, context.answers.package ?? '') }),
      };
    case 'waitingForCredentials':
      return credentialsWaiting(t, `${email} → ${customer}`, userChangeCredentials.cancellable(context));
    case 'rejected':
      return rejectedCard(t, context.rejection, 'userChange.rejected');
    case 'cancelled':
      return { markdown: t('userChange.cancelled') };
    default:
      throw new Error(`no card for user change state ${state}`);
  }
}
