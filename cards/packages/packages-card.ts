import type { Translate } from '../../i18n/catalogue.ts';
import { customerAddOns, customerPackages } from '../../machines/kit/packages.ts';
import { credentialsWaiting } from '../kit/credentials-waiting.ts';
import { changeOf, packagesCredentials, type PackagesContext } from '../../machines/packages/packages-machine.ts';
import { detailsNeeded, wantedPackages } from '../../machines/packages/packages-fields.ts';
import { hqLocationFields } from '../kit/hq-fields.ts';
import { adaptiveCard } from '../kit/adaptive-card.ts';
import { submit, type CardView } from '../kit/card-view.ts';
import { factsMarkdown, type Fact } from '../kit/facts.ts';
import { choiceField, heading, noticeOf, timeZoneField } from '../kit/form-fields.ts';
import { problemsText } from '../kit/problem-text.ts';
import type { Reply } from '../kit/reply.ts';
import { packageLabel } from '../kit/package-label.ts';
import { rejectedCard } from '../approval/rejected-card.ts';

export const packagesActions = {
  next: 'next',
  back: 'back',
  submit: 'submit',
  cancel: 'cancel',
} as const satisfies Record<string, string>;

const labels = (t: Translate, names: readonly string[]) =>
  names.map((p) => packageLabel(t, p)).join(', ') || t('template.none');

const needsOf = (context: Pick<PackagesContext, 'customer' | 'answers'>) =>
  detailsNeeded(context.customer.packages, wantedPackages(context.customer.packages, context.answers));

/** What will change, as facts: the summary card and the approval card show the same. */
export function packagesFacts(t: Translate, context: Pick<PackagesContext, 'customer' | 'answers'>): Fact[] {
  const { added, removed } = changeOf(context);
  const needs = needsOf(context);
  const a = context.answers;
  const address = [a.addressLine1, a.addressLine2, [a.postalCode, a.city].filter(Boolean).join(' '), a.stateOrProvince]
    .filter(Boolean)
    .join(', ');
  return [
    { title: t('packages.now'), value: labels(t, context.customer.packages) },
    { title: t('packages.added'), value: labels(t, added) },
    { title: t('packages.removed'), value: labels(t, removed) },
    ...(needs.calling ? [{ title: t('packages.callingLocation'), value: `${a.locationName ?? ''} (${address})` }] : []),
    ...(needs.calling || needs.meetings ? [{ title: t('customer.timeZone'), value: a.timeZone ?? '' }] : []),
  ];
}

/** `change packages`: the pre-filled form, the summary, and a line for each outcome. */
export function packagesCard(state: string, context: PackagesContext, view: CardView): Reply {
  const { t } = view;
  const name = context.customer.name;
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
  switch (state) {
    case 'form': {
      const title = t('packages.title', { name });
      const card = adaptiveCard(
        [
          ...heading(title, t('packages.intro', { current: labels(t, context.customer.packages) })),
          ...noticeOf(t, context.notice),
          ...choiceField({
            ...field('packages'),
            label: t('customer.packages'),
            multi: true,
            choices: Object.entries(customerPackages).map(([value, label]) => ({ title: t(label), value })),
          }),
          ...choiceField({
            ...field('addOns'),
            label: t('customer.addOns'),
            multi: true,
            optional: true,
            choices: Object.entries(customerAddOns).map(([value, rule]) => ({ title: t(rule.label), value })),
          }),
        ],
        [
          submit(view, packagesActions.next, t('action.next'), 'positive'),
          submit(view, packagesActions.cancel, t('action.cancel')),
        ],
        title,
      );
      return { card, markdown: `**${title}**` };
    }
    case 'details': {
      const needs = needsOf(context);
      const title = t(needs.calling ? 'packages.locationTitle' : 'packages.timeZoneTitle', { name });
      const { locale } = view;
      const country = context.customer.country;
      const card = adaptiveCard(
        [
          ...heading(title, t(needs.calling ? 'packages.locationIntro' : 'packages.timeZoneIntro')),
          ...noticeOf(t, context.notice),
          ...(needs.calling
            ? hqLocationFields({ t, locale, field, country, calling: true })
            : timeZoneField({ ...field('timeZone'), label: t('customer.timeZone'), country, locale })),
        ],
        [
          submit(view, packagesActions.next, t('action.next'), 'positive'),
          submit(view, packagesActions.back, t('action.back')),
          submit(view, packagesActions.cancel, t('action.cancel')),
        ],
        title,
      );
      return { card, markdown: `**${title}**` };
    }
    case 'summary': {
      const title = t('packages.summaryTitle', { name });
      const facts = packagesFacts(t, context);
      const card = adaptiveCard(
        [...heading(title), ...noticeOf(t, context.notice), { type: 'FactSet', facts }],
        [
          submit(view, packagesActions.submit, t('packages.confirm'), 'positive'),
          submit(view, packagesActions.back, t('action.back')),
          submit(view, packagesActions.cancel, t('action.cancel')),
        ],
        title,
      );
      return { card, markdown: [`**${title}**`, ...factsMarkdown(facts)].join('\n') };
    }
    case 'awaitingApproval':
      return { markdown: t('approval.waiting', { subject: t('packages.subject', { name }) }) };
    case 'provisioning':
      return { markdown: t('packages.updating', { name }) };
    case 'waitingForCredentials':
      return credentialsWaiting(t, t('packages.subject', { name }), packagesCredentials.cancellable(context));
    case 'done':
      return {
        markdown: [t('packages.done', { name }), ...factsMarkdown(packagesFacts(t, context).slice(1))].join('\n'),
      };
    case 'failed': {
      const reasons = problemsText([...context.customerErrors, ...context.packageStates.flatMap((p) => p.errors)]);
      return {
        markdown: t('packages.failedEnd', {
          name,
          status: (context.status ?? '').replace(/_/g, ' '),
          reasons: reasons || '—',
          externalId: context.customer.externalId,
        }),
      };
    }
    case 'rejected':
      return rejectedCard(t, context.rejection, 'packages.rejected');
    case 'cancelled':
      return { markdown: t('packages.cancelled') };
    default:
      throw new Error(`no card for packages state ${state}`);
  }
}
