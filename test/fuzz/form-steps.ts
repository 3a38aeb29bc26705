import { customerSections, sectionSchema, type CustomerSection } from '../../machines/customer/customer-fields.ts';
import { validateSection, type Answers, type FieldErrors } from '../../machines/kit/field-errors.ts';
import { locationFields, locationSchema } from '../../machines/location/location-machine.ts';
import { sections, type SectionName } from '../../machines/template/template-fields.ts';
import { userFields, userSchema } from '../../machines/kit/user-fields.ts';
import { type CustomerTarget } from '../../machines/kit/customer-target.ts';
import { PROVISIONING_ID } from '../support/fixtures.ts';

/**
 * The procedures the fuzz rigs drive. The procedures of issue 14 (`change packages`, offboarding, …)
 * are covered by their flow tests and card tests, not (yet) by these properties.
 */
export type FuzzedKind = 'template' | 'customer' | 'user' | 'location' | 'bulk';

/** The customer `add user` and `add location` work on. */
export const CUSTOMER: CustomerTarget = {
  externalId: 'acme-001',
  id: 'cust-1',
  orgId: 'org-1',
  name: 'Acme GmbH',
  adminEmail: 'admin@acme.example',
  country: 'DE',
  packages: ['webex_calling', 'webex_meetings'],
};
export const LOCATIONS = [
  { id: 'loc-1', name: 'Berlin HQ' },
  { id: 'loc-2', name: 'Paris' },
] as const;

/** A step whose card takes answers: its fields, and its check (the machine's own schema). */
export interface FormStep {
  readonly fields: readonly string[];
  /** Undefined when the answers pass. */
  errorsOf(answers: Answers): FieldErrors | undefined;
}

const check = (result: { ok: true } | { ok: false; errors: FieldErrors }) => (result.ok ? undefined : result.errors);
const templateStep = (name: SectionName): FormStep => ({
  fields: sections[name].fields,
  errorsOf: (a) => check(validateSection(sections[name].schema, a)),
});
/** The templates the rig stores, which the company card offers. */
const TEMPLATE_IDS = ['tpl-1', 'tpl-2'] as const;
const customerStep = (name: CustomerSection): FormStep => ({
  fields: customerSections[name],
  errorsOf: (a) => check(validateSection(sectionSchema(name, a, TEMPLATE_IDS), a)),
});

export const formSteps: Readonly<Record<FuzzedKind, Readonly<Record<string, FormStep>>>> = {
  template: {
    basics: templateStep('basics'),
    access: templateStep('access'),
    settings: templateStep('settings'),
    pasteId: templateStep('pasteId'),
  },
  customer: {
    company: customerStep('company'),
    confirm: customerStep('confirm'),
    packages: customerStep('packages'),
    hq: customerStep('hq'),
  },
  user: { form: { fields: userFields, errorsOf: (a) => check(validateSection(userSchema(CUSTOMER), a)) } },
  location: {
    form: { fields: locationFields, errorsOf: (a) => check(validateSection(locationSchema(CUSTOMER.country), a)) },
  },
  bulk: {},
};

/** The order of each procedure's form steps; every later state needs all earlier ones valid. */
const order: Readonly<Record<FuzzedKind, readonly string[]>> = {
  template: ['basics', 'access', 'settings'],
  customer: ['company', 'confirm', 'packages', 'hq'],
  user: ['form'],
  location: ['form'],
  bulk: [],
};

/**
 * The steps whose answers must be valid while the procedure is in `state`: those before its card,
 * or all of them past the last card (summary, approval, effects, done). A state reached any
 * other way used answers that no card accepted.
 */
export function settledSteps(kind: FuzzedKind, state: string): readonly string[] {
  const steps = order[kind];
  if (state === 'cancelled') return [];
  const at = steps.indexOf(state);
  if (at >= 0) return steps.slice(0, at);
  return state === 'loading' ? [] : steps;
}

/** Answers each field accepts, first the one used to walk forward. */
export const validAnswers: Readonly<Record<FuzzedKind, Readonly<Record<string, readonly string[]>>>> = {
  template: {
    // 'SMB Germany' is taken (the rig stores it), whatever its case and spacing.
    name: ['Vorlage Nord', 'Ünïcode Vorlage ✓', 'x', 'SMB Germany', ' smb GERMANY '],
    adminEmail: ['sp@partner.example', 'First.Last+tag@sub.partner.example'],
    country: ['DE', 'US', 'JP', 'BR'],
    emailLanguage: ['de_DE', 'en_US', 'zh_TW'],
    subscriptionId: ['Sub100448', 'Sub100449'],
    pstnProvider: ['', 'Example PSTN'],
    authMethod: ['webex', 'partner'],
    idpEntityId: ['', 'https://idp.example.com/saml', 'urn:example:idp'],
    welcomeAdmins: ['true', 'false'],
    welcomeUsers: ['true', 'false'],
    extensionLength: ['4', '2', '6'],
    internationalCalls: ['block', 'allow'],
    provisioningId: [PROVISIONING_ID],
  },
  customer: {
    templateId: ['tpl-1', 'tpl-2'],
    companyName: ['Acme GmbH', 'Ünïcode AG'],
    adminEmail: ['admin@acme.example'],
    externalId: ['acme-001', 'a:b.c-d_'],
    country: ['DE', 'US', 'JP', 'BR'],
    hqConfirmed: ['true', 'false'],
    packages: ['webex_calling,webex_meetings', 'webex_meetings', 'webex_suite', 'common_area_calling'],
    addOns: ['attendant_console', '', 'cisco_calling_plan', 'attendant_console,cisco_calling_plan'],
    locationName: ['Berlin HQ'],
    addressLine1: ['Hauptstraße 1'],
    addressLine2: ['', 'Hinterhaus'],
    city: ['Berlin'],
    stateOrProvince: ['', 'BE'],
    postalCode: ['10115', ''],
    timeZone: ['Europe/Berlin', 'America/New_York'],
    locationLanguage: ['de_de', 'en_us'],
    emergencyLocationIdentifier: ['', 'ELIN-1'],
  },
  user: {
    firstName: ['Ann'],
    lastName: ['Lee'],
    email: ['ann@acme.example', 'admin@acme.example'],
    package: ['webex_calling', 'webex_meetings', 'webex_suite'],
    locationId: ['loc-1', '', 'loc-2'],
    primaryPhoneNumber: ['+4930123456789', ''],
    extension: ['1234', ''],
  },
  location: {
    name: ['Paris'],
    addressLine1: ['1 Rue de Rivoli'],
    addressLine2: ['', 'Bâtiment B'],
    city: ['Paris'],
    stateOrProvince: ['IDF'],
    postalCode: ['75001'],
    timeZone: ['Europe/Berlin', 'Europe/Busingen'],
    preferredLanguage: ['fr_fr', 'en_us'],
    announcementLanguage: ['fr_fr', 'de_de'],
  },
  bulk: {},
};

/** Every field of a procedure, for inputs a card does not have. */
export const allFields = (kind: FuzzedKind): string[] => Object.keys(validAnswers[kind]);

/** Fields the machine itself sets when it moves on (not from the card that was answered). */
export const machineSets: Readonly<Record<FuzzedKind, Readonly<Record<string, string>>>> = {
  template: {},
  // The HQ confirmation is asked afresh after the company card.
  customer: { hqConfirmed: 'false' },
  user: {},
  location: {},
  bulk: {},
};

/** A card state to fuzz, and the buttons that reach it from the start (each pressed with valid answers). */
export interface Target {
  readonly kind: FuzzedKind;
  readonly name: string;
  readonly provisioning?: 'issue' | 'paste';
  readonly path: readonly string[];
}

const toSummary = { template: ['next', 'next', 'next'], customer: ['next', 'next', 'next', 'next'] } as const;
export const targets: Readonly<Record<FuzzedKind, readonly Target[]>> = {
  template: [
    { kind: 'template', name: 'basics', path: [] },
    { kind: 'template', name: 'access', path: ['next'] },
    { kind: 'template', name: 'settings', path: ['next', 'next'] },
    { kind: 'template', name: 'summary', path: toSummary.template },
    { kind: 'template', name: 'basics (editing)', path: [...toSummary.template, 'edit-basics'] },
    { kind: 'template', name: 'access (editing)', path: [...toSummary.template, 'edit-access'] },
    { kind: 'template', name: 'settings (editing)', path: [...toSummary.template, 'edit-settings'] },
    { kind: 'template', name: 'pasteId', provisioning: 'paste', path: [...toSummary.template, 'submit'] },
  ],
  customer: [
    { kind: 'customer', name: 'company', path: [] },
    { kind: 'customer', name: 'confirm', path: ['next'] },
    { kind: 'customer', name: 'packages', path: ['next', 'next'] },
    { kind: 'customer', name: 'hq', path: ['next', 'next', 'next'] },
    { kind: 'customer', name: 'summary', path: toSummary.customer },
    { kind: 'customer', name: 'company (editing)', path: [...toSummary.customer, 'edit-company'] },
    { kind: 'customer', name: 'confirm (editing)', path: [...toSummary.customer, 'edit-company', 'next'] },
    { kind: 'customer', name: 'packages (editing)', path: [...toSummary.customer, 'edit-packages'] },
    { kind: 'customer', name: 'hq (editing)', path: [...toSummary.customer, 'edit-hq'] },
  ],
  user: [{ kind: 'user', name: 'form', path: [] }],
  location: [{ kind: 'location', name: 'form', path: [] }],
  bulk: [{ kind: 'bulk', name: 'preview', path: [] }],
};
