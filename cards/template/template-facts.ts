import type { Locale, Translate } from '../../i18n/catalogue.ts';
import { countryName, languageName } from '../../i18n/countries.ts';
import type { Fact } from '../kit/facts.ts';

/** What the facts are drawn from: a draft from the wizard, or a stored template. */
export interface TemplateFactsInput {
  readonly name: string;
  readonly adminEmail: string;
  readonly country: string;
  readonly emailLanguage: string;
  readonly subscriptionId: string;
  readonly pstnProvider?: string;
  readonly authentication: { readonly method: 'webex' } | { readonly method: 'partner'; readonly idpEntityId: string };
  readonly email: { readonly welcomeAdmins: boolean; readonly welcomeUsers: boolean };
  readonly calling: { readonly extensionLength: number; readonly internationalCalls: 'allow' | 'block' };
  /** Registered with `add template`: Partner Hub keeps its other settings, so only these facts are shown. */
  readonly registered?: boolean;
}

/** A template's settings as facts, section by section, in the words of the wizard's cards. */
export function templateFacts(
  t: Translate,
  locale: Locale,
  template: TemplateFactsInput,
): { basics: Fact[]; access: Fact[]; settings: Fact[] } {
  const yesNo = (v: boolean) => t(v ? 'template.yes' : 'template.no');
  if (template.registered)
    return {
      basics: [
        { title: t('template.name'), value: template.name },
        { title: t('template.country'), value: `${countryName(template.country, locale)} (${template.country})` },
        { title: t('template.emailLanguage'), value: languageName(template.emailLanguage, locale) },
        { title: t('template.subscriptionId'), value: template.subscriptionId },
        { title: t('templateAdd.origin'), value: t('templateAdd.originValue') },
      ],
      access: [],
      settings: [],
    };
  return {
    basics: [
      { title: t('template.name'), value: template.name },
      { title: t('template.adminEmail'), value: template.adminEmail },
      { title: t('template.country'), value: `${countryName(template.country, locale)} (${template.country})` },
      { title: t('template.emailLanguage'), value: languageName(template.emailLanguage, locale) },
      { title: t('template.subscriptionId'), value: template.subscriptionId },
    ],
    access: [
      { title: t('template.pstnProvider'), value: template.pstnProvider ?? t('template.none') },
      {
        title: t('template.authMethod'),
        value: t(template.authentication.method === 'partner' ? 'template.auth.partner' : 'template.auth.webex'),
      },
      ...(template.authentication.method === 'partner'
        ? [{ title: t('template.idpEntityId'), value: template.authentication.idpEntityId }]
        : []),
    ],
    settings: [
      { title: t('template.welcomeAdmins'), value: yesNo(template.email.welcomeAdmins) },
      { title: t('template.welcomeUsers'), value: yesNo(template.email.welcomeUsers) },
      { title: t('template.extensionLength'), value: String(template.calling.extensionLength) },
      {
        title: t('template.internationalCalls'),
        value: t(
          template.calling.internationalCalls === 'allow'
            ? 'template.international.allow'
            : 'template.international.block',
        ),
      },
    ],
  };
}
