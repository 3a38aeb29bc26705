import { userCredentials, type UserContext } from '../../machines/user/user-machine.ts';
import { userCallingPackages, userPackages } from '../../machines/kit/packages.ts';
import { credentialsWaiting } from '../kit/credentials-waiting.ts';
import { adaptiveCard } from '../kit/adaptive-card.ts';
import { submit, type CardView } from '../kit/card-view.ts';
import { packageLabel } from '../kit/package-label.ts';
import { choiceField, heading, noticeOf, textField } from '../kit/form-fields.ts';
import type { Reply } from '../kit/reply.ts';
import { rejectedCard } from '../approval/rejected-card.ts';
import { roleFailedLines } from '../kit/role-after-lines.ts';
import { callingFields } from './calling-fields.ts';

export const userActions = { add: 'submit', cancel: 'cancel' } as const satisfies Record<string, string>;

/** `add user`: the one form card, and a line for each outcome. */
export function userCard(state: string, context: UserContext, view: CardView): Reply {
  const { t } = view;
  const field = (id: string) => ({ t, id, value: context.answers[id], error: context.errors[id] });
  const customer = context.customer.name;
  const a = context.answers;
  const roleName = () => context.roles.find((r) => r.id === a.role)?.name ?? a.role ?? '';
  // Only for states after a valid answer: the package is then one of the customer's.
  const who = () => ({
    first: a.firstName ?? '',
    last: a.lastName ?? '',
    email: (a.email ?? '').toLowerCase(),
    customer,
    package: packageLabel(t, a.package ?? ''),
  });
  switch (state) {
    case 'form': {
      const freeChoices = context.locations.flatMap((l) =>
        (l.free ?? []).map((n) => ({ title: t('user.freeNumberChoice', { location: l.name, number: n }), value: n })),
      );
      const title = t('user.title', { name: customer });
      const card = adaptiveCard(
        [
          ...heading(title),
          ...noticeOf(t, context.notice),
          ...textField({ ...field('firstName'), label: t('user.firstName'), required: true, maxLength: 64 }),
          ...textField({ ...field('lastName'), label: t('user.lastName'), required: true, maxLength: 64 }),
          ...textField({ ...field('email'), label: t('user.email'), required: true, style: 'email' }),
          ...choiceField({
            ...field('package'),
            label: t('user.package'),
            choices: userPackages(context.customer).map((p) => ({ title: packageLabel(t, p), value: p })),
          }),
          // The calling details only where the customer has a package that needs them.
          ...(userPackages(context.customer).some((p) => userCallingPackages.has(p))
            ? callingFields(t, field, context.locations, freeChoices)
            : []),
          ...(context.roles.length > 0
            ? [
                ...choiceField({
                  ...field('role'),
                  label: t('user.role'),
                  optional: true,
                  choices: context.roles.map((r) => ({ title: r.name, value: r.id })),
                }),
                {
                  type: 'TextBlock' as const,
                  text: t('user.roleNote'),
                  wrap: true,
                  isSubtle: true,
                  size: 'Small' as const,
                },
              ]
            : []),
        ],
        [
          submit(view, userActions.add, t('user.add'), 'positive'),
          submit(view, userActions.cancel, t('action.cancel')),
        ],
        title,
      );
      return { card, markdown: `**${title}**` };
    }
    case 'awaitingApproval':
      return { markdown: t('approval.waiting', { subject: `${context.answers.email ?? ''} → ${customer}` }) };
    case 'done':
      return {
        markdown: context.existed
          ? t('user.existed', { email: who().email, customer })
          : [t('user.done', who()), ...(roleName() ? [t('user.roleAssigned', { role: roleName() })] : [])].join(' '),
      };
    case 'roleFailed':
      return {
        markdown: [
          t('user.done', who()),
          ...roleFailedLines(t, roleName(), context.roleFailure ?? '', context.roleAfter),
        ].join(' '),
      };
    case 'following':
      return { markdown: t('user.provisioning', who()) };
    case 'awaitingConsent':
    case 'consentWait': {
      const waits = t('user.awaitingConsent', { ...who(), externalId: context.customer.externalId });
      return {
        markdown:
          state === 'consentWait' ? [waits, t('user.awaitingConsentRole', { role: roleName() })].join(' ') : waits,
      };
    }
    case 'waitingForCredentials':
      return credentialsWaiting(
        t,
        `${context.answers.email ?? ''} → ${customer}`,
        userCredentials.cancellable(context),
      );
    case 'failed':
      return { markdown: t('user.provisioningFailed', { ...who(), reason: context.failure ?? '' }) };
    case 'rejected':
      return rejectedCard(t, context.rejection);
    case 'cancelled':
      return { markdown: t('user.cancelled') };
    default:
      throw new Error(`no card for user state ${state}`);
  }
}
