import { z } from 'zod';
import { isCountryCode } from '../../i18n/countries.ts';
import type { MessageId } from '../../i18n/catalogue.ts';

/** Webex's supported language locales offered as a template's default email language. */
export const emailLanguages = [
  'en_US',
  'en_GB',
  'de_DE',
  'fr_FR',
  'fr_CA',
  'es_ES',
  'it_IT',
  'nl_NL',
  'pt_BR',
  'pt_PT',
  'sv_SE',
  'da_DK',
  'nb_NO',
  'fi_FI',
  'pl_PL',
  'ru_RU',
  'tr_TR',
  'ja_JP',
  'ko_KR',
  'zh_CN',
  'zh_TW',
] as const;

const m = (id: MessageId) => ({ message: id });
const required = (max: number) =>
  z.string(m('field.required')).trim().min(1, m('field.required')).max(max, m('field.tooLong'));
const yesNo = z.enum(['true', 'false'], m('field.choice')).transform((v) => v === 'true');

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** What a Provisioning ID decodes to: a UUID (the Wholesale spec's example), or a Webex resource URI around one. */
const decodedForms = new RegExp(`^(?:${UUID}|ciscospark://[a-z0-9-]+/[A-Z_]+/${UUID})$`, 'i');

/**
 * Partner Hub's Provisioning ID: base64 (standard or URL-safe, padded or not) of a UUID, as in
 * the Wholesale spec's example (48 characters), or of a Webex resource URI
 * (`ciscospark://us/…/<uuid>`), the form every other Webex id takes (around 80 characters).
 */
export function isProvisioningId(value: string): boolean {
  if (!/^[A-Za-z0-9+/_-]{40,160}={0,2}$/.test(value)) return false;
  const decoded = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
  return decodedForms.test(decoded);
}

const basicsSchema = z.object({
  name: required(80),
  adminEmail: z.email(m('field.email')).max(254, m('field.tooLong')),
  country: z.string(m('field.country')).refine(isCountryCode, m('field.country')),
  emailLanguage: z.enum(emailLanguages, m('field.language')),
  subscriptionId: z
    .string(m('field.subscriptionId'))
    .regex(/^[A-Za-z0-9][A-Za-z0-9-]{2,63}$/, m('field.subscriptionId')),
});

/** The longest SAML entityID (SAML 2.0 core, 8.3.6). */
export const IDP_ENTITY_ID_MAX = 1024;

const accessSchema = z
  .object({
    pstnProvider: z
      .string()
      .max(80, m('field.tooLong'))
      .optional()
      .transform((v) => (v ? v : undefined)),
    authMethod: z.enum(['webex', 'partner'], m('field.choice')),
    idpEntityId: z.string().optional(),
  })
  .superRefine((value, ctx) => {
    if (value.authMethod !== 'partner') return;
    if (!value.idpEntityId) ctx.addIssue({ code: 'custom', path: ['idpEntityId'], message: 'field.required' });
    // SAML 2.0 caps an entityID at 1024 characters; longer would not fit the summary Webex shows.
    else if (value.idpEntityId.length > IDP_ENTITY_ID_MAX)
      ctx.addIssue({ code: 'custom', path: ['idpEntityId'], message: 'field.tooLong' });
    else if (
      !z.url().safeParse(value.idpEntityId).success &&
      !/^urn:[a-z0-9][a-z0-9-]{0,31}:\S+$/i.test(value.idpEntityId)
    ) {
      ctx.addIssue({ code: 'custom', path: ['idpEntityId'], message: 'field.uri' });
    }
  });

const settingsSchema = z.object({
  welcomeAdmins: yesNo,
  welcomeUsers: yesNo,
  extensionLength: z.enum(['2', '3', '4', '5', '6'], m('field.choice')).transform(Number),
  internationalCalls: z.enum(['allow', 'block'], m('field.choice')),
});

const provisioningIdSchema = z.object({
  provisioningId: z
    .string(m('field.required'))
    .min(1, m('field.required'))
    .refine(isProvisioningId, m('field.provisioningId')),
});

/** `add template`: a template made in Partner Hub, by its Provisioning ID and the facts the bot shows for it. */
export const registerSchema = basicsSchema
  .pick({ country: true, emailLanguage: true, subscriptionId: true })
  .extend(provisioningIdSchema.shape);
export const registerFields = ['provisioningId', 'country', 'emailLanguage', 'subscriptionId'] as const;

export const sections = {
  basics: { schema: basicsSchema, fields: ['name', 'adminEmail', 'country', 'emailLanguage', 'subscriptionId'] },
  access: { schema: accessSchema, fields: ['pstnProvider', 'authMethod', 'idpEntityId'] },
  settings: {
    schema: settingsSchema,
    fields: ['welcomeAdmins', 'welcomeUsers', 'extensionLength', 'internationalCalls'],
  },
  pasteId: { schema: provisioningIdSchema, fields: ['provisioningId'] },
} as const;
export type SectionName = keyof typeof sections;

/** What a new card starts with, so a person only changes what differs. */
export const defaultAnswers: Readonly<Record<string, string>> = {
  emailLanguage: 'en_US',
  authMethod: 'webex',
  welcomeAdmins: 'true',
  welcomeUsers: 'true',
  extensionLength: '4',
  internationalCalls: 'block',
};

export type TemplateDraft = z.output<typeof basicsSchema> & {
  readonly pstnProvider?: string;
  readonly authentication: { readonly method: 'webex' } | { readonly method: 'partner'; readonly idpEntityId: string };
  readonly email: { readonly welcomeAdmins: boolean; readonly welcomeUsers: boolean };
  readonly calling: { readonly extensionLength: number; readonly internationalCalls: 'allow' | 'block' };
};

/** The whole template as typed values, once every section is valid. */
export function draftFrom(answers: Readonly<Record<string, string>>): TemplateDraft | undefined {
  const basics = basicsSchema.safeParse(answers);
  const access = accessSchema.safeParse(answers);
  const settings = settingsSchema.safeParse(answers);
  if (!basics.success || !access.success || !settings.success) return undefined;
  return {
    ...basics.data,
    ...(access.data.pstnProvider ? { pstnProvider: access.data.pstnProvider } : {}),
    authentication:
      access.data.authMethod === 'partner'
        ? { method: 'partner', idpEntityId: access.data.idpEntityId! }
        : { method: 'webex' },
    email: { welcomeAdmins: settings.data.welcomeAdmins, welcomeUsers: settings.data.welcomeUsers },
    calling: { extensionLength: settings.data.extensionLength, internationalCalls: settings.data.internationalCalls },
  };
}
