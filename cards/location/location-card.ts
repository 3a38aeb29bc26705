import { locationLanguages } from '../../machines/kit/location-languages.ts';
import { locationCredentials, type LocationContext } from '../../machines/location/location-machine.ts';
import { credentialsWaiting } from '../kit/credentials-waiting.ts';
import { adaptiveCard } from '../kit/adaptive-card.ts';
import { submit, type CardView } from '../kit/card-view.ts';
import { choiceField, heading, notice, noticeOf, textField, timeZoneField } from '../kit/form-fields.ts';
import type { Reply } from '../kit/reply.ts';
import { languageName } from '../../i18n/countries.ts';
import { rejectedCard } from '../approval/rejected-card.ts';
import type { Translate } from '../../i18n/catalogue.ts';
import { PARTNER_HUB_URL } from '../kit/partner-hub-link.ts';

export const locationActions = {
  add: 'submit',
  cancel: 'cancel',
  setPstn: 'setPstn',
  pstnLater: 'pstnLater',
} as const satisfies Record<string, string>;

/** The PSTN step's lines: the location's connection, or its options (each set in Partner Hub unless the card sets it). */
function pstnLines(t: Translate, context: LocationContext): string[] {
  const where = { location: context.answers.name ?? '', customer: context.customer.name, partnerHub: PARTNER_HUB_URL };
  if (context.pstnFailure !== undefined) return [t('pstn.readFailed', { reason: context.pstnFailure, ...where })];
  const pstn = context.pstn;
  if (!pstn) return [];
  if (pstn.connection) return [t('pstn.connection', { connection: pstn.connection.name, type: pstn.connection.type })];
  if (pstn.options.length === 0) return [t('pstn.none'), t('pstn.noOptions', where)];
  return [
    t('pstn.none'),
    ...pstn.options
      .filter((o) => !o.settable)
      .map((o) => t('pstn.partnerHub', { option: o.name, type: o.type, ...where })),
  ];
}

/** `add location`: the form, and a line for each outcome. */
export function locationCard(state: string, context: LocationContext, view: CardView): Reply {
  const { t, locale } = view;
  const field = (id: string) => ({ t, id, value: context.answers[id], error: context.errors[id] });
  const languages = locationLanguages.map((code) => ({ title: languageName(code, locale), value: code }));
  const customer = context.customer.name;
  switch (state) {
    case 'form': {
      const title = t('location.title', { name: customer });
      const card = adaptiveCard(
        [
          ...heading(title),
          ...noticeOf(t, context.notice),
          ...textField({ ...field('name'), label: t('location.name'), required: true, maxLength: 80 }),
          ...textField({ ...field('addressLine1'), label: t('customer.addressLine1'), required: true, maxLength: 80 }),
          ...textField({ ...field('addressLine2'), label: t('customer.addressLine2'), maxLength: 80 }),
          ...textField({ ...field('city'), label: t('customer.city'), required: true, maxLength: 60 }),
          ...textField({ ...field('stateOrProvince'), label: t('location.state'), required: true, maxLength: 40 }),
          ...textField({ ...field('postalCode'), label: t('location.postalCode'), required: true, maxLength: 16 }),
          ...timeZoneField({
            ...field('timeZone'),
            label: t('customer.timeZone'),
            country: context.customer.country,
            locale,
          }),
          ...choiceField({ ...field('preferredLanguage'), label: t('template.emailLanguage'), choices: languages }),
          ...choiceField({
            ...field('announcementLanguage'),
            label: t('location.announcementLanguage'),
            choices: languages,
          }),
        ],
        [
          submit(view, locationActions.add, t('location.add'), 'positive'),
          submit(view, locationActions.cancel, t('action.cancel')),
        ],
        title,
      );
      return { card, markdown: `**${title}**` };
    }
    case 'awaitingApproval':
      return { markdown: t('approval.waiting', { subject: `${context.answers.name ?? ''} → ${customer}` }) };
    case 'done':
      return { markdown: t('location.done', { location: context.answers.name ?? '', customer }) };
    case 'waitingForCredentials':
      return credentialsWaiting(
        t,
        `${context.answers.name ?? ''} → ${customer}`,
        locationCredentials.cancellable(context),
      );
    case 'callingDone':
      return {
        markdown: [
          t('location.callingDone', {
            location: context.answers.name ?? '',
            customer,
            language: languageName(context.answers.announcementLanguage ?? '', locale),
          }),
          ...pstnLines(t, context),
        ].join('\n\n'),
      };
    case 'pstnChoice': {
      const location = context.answers.name ?? '';
      const enabled = t('location.callingDone', {
        location,
        customer,
        language: languageName(context.answers.announcementLanguage ?? '', locale),
      });
      const title = t('pstn.title', { location, customer });
      const settable = context.pstn?.options.filter((o) => o.settable) ?? [];
      const card = adaptiveCard(
        [
          ...notice(enabled, 'Good'),
          ...heading(title),
          ...notice(t('pstn.choose', { location }), 'Default'),
          ...noticeOf(t, context.notice),
          ...choiceField({
            t,
            id: 'pstnId',
            error: undefined,
            value: settable.length === 1 ? settable[0]!.id : undefined,
            label: t('pstn.option'),
            choices: settable.map((o) => ({ title: `${o.name} (${o.type})`, value: o.id })),
            expanded: true,
          }),
        ],
        [
          submit(view, locationActions.setPstn, t('pstn.set'), 'positive'),
          submit(view, locationActions.pstnLater, t('pstn.later')),
        ],
        title,
      );
      return { card, markdown: [enabled, `**${title}**`, ...pstnLines(t, context)].join('\n\n') };
    }
    case 'pstnDone': {
      const chosen = context.pstn?.options.find((o) => o.id === context.pstnChosen);
      return {
        markdown: t('pstn.done', {
          location: context.answers.name ?? '',
          customer,
          connection: chosen?.name ?? context.pstnChosen ?? '',
          type: chosen?.type ?? '',
          externalId: context.customer.externalId,
        }),
      };
    }
    case 'pstnLater':
      return {
        markdown: [
          t('pstn.later.done', { location: context.answers.name ?? '', partnerHub: PARTNER_HUB_URL }),
          ...pstnLines(t, context).slice(1),
        ].join('\n\n'),
      };
    case 'callingFailed':
      return {
        markdown: t('location.callingFailed', {
          location: context.answers.name ?? '',
          customer,
          reason: context.callingFailure ?? '',
          externalId: context.customer.externalId,
        }),
      };
    case 'rejected':
      return rejectedCard(t, context.rejection);
    case 'cancelled':
      return { markdown: t('location.cancelled') };
    default:
      throw new Error(`no card for location state ${state}`);
  }
}
