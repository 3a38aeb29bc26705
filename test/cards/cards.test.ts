import { describe, expect, it } from 'vitest';
import { realCommandRegistry } from '../support/help-registry.ts';
import { MAX_MARKDOWN_BYTES, adaptiveCard } from '../../cards/kit/adaptive-card.ts';
import type { CardReply } from '../../cards/kit/reply.ts';
import { helpCard } from '../../cards/help/help-card.ts';
import { locales, translator } from '../../i18n/catalogue.ts';
import { cardValidator } from '../support/card-schema.ts';
import { fieldMessage } from '../../cards/kit/form-fields.ts';
import { templateCard } from '../../cards/template/template-card.ts';
import { templatesListCard } from '../../cards/template/templates-list-card.ts';
import { defaultAnswers } from '../../machines/template/template-fields.ts';
import type { TemplateContext } from '../../machines/template/template-machine.ts';
import type { CardView } from '../../cards/kit/card-view.ts';
import type { Reply } from '../../cards/kit/reply.ts';
import { approvalCard } from '../../cards/approval/approval-card.ts';
import { setupCard } from '../../cards/setup/setup-card.ts';
import { userCard } from '../../cards/user/user-card.ts';
import { locationCard } from '../../cards/location/location-card.ts';
import { badRowsCard, bulkCard } from '../../cards/bulk/bulk-cards.ts';
import { approvalCardDataSchema } from '../../cards/approval/approval-card-data.ts';
import { cardDataSchema } from '../../cards/kit/card-data.ts';
import { runCommandDataSchema } from '../../cards/kit/run-command-data.ts';
import { approvalsListCard } from '../../cards/approval/approvals-list-card.ts';
import { customerCard } from '../../cards/customer/customer-card.ts';
import type { CustomerContext } from '../../machines/customer/customer-machine.ts';
import { customerChoiceCard } from '../../cards/kit/customer-choice-card.ts';
import { customerStatusCard } from '../../cards/status/customer-status-card.ts';
import { customersListCard } from '../../cards/status/customers-list-card.ts';
import { countByState } from '../../machines/kit/customer-filter.ts';
import { historyCard } from '../../cards/status/history-card.ts';
import { inFlightCard } from '../../cards/status/in-flight-card.ts';
import type { CustomerRecord } from '../../store/records.ts';
import { packagesCard } from '../../cards/packages/packages-card.ts';
import { offboardCard } from '../../cards/offboard/offboard-card.ts';
import { templateAddCard } from '../../cards/template/template-add-card.ts';
import { templateDoneCard } from '../../cards/template/template-done-card.ts';
import type { TemplateAddContext } from '../../machines/template/template-add-machine.ts';
import { userChangeCard } from '../../cards/user/user-change-card.ts';
import type { UserChangeContext } from '../../machines/user/user-change-machine.ts';
import type { OffboardContext } from '../../machines/offboard/offboard-machine.ts';
import type { PackagesContext } from '../../machines/packages/packages-machine.ts';

const validate = cardValidator();

/** A state's view that must be a card. */
function withCard(shown: Reply): CardReply {
  if (!shown.card) throw new Error(`expected a card, got markdown: ${shown.markdown}`);
  return { card: shown.card, markdown: shown.markdown };
}

/** Every card the bot can send, in every language and variant. */
function everyCard(): [string, CardReply][] {
  const out: [string, CardReply][] = [];
  for (const locale of locales) {
    const t = translator(locale);
    const commands = realCommandRegistry().helpEntries(t);
    for (const inGroupSpace of [false, true]) {
      out.push([
        `help ${locale} ${inGroupSpace ? 'group' : 'direct'}`,
        helpCard({ t, commands, botName: 'Onboarding Bot', inGroupSpace }),
      ]);
    }
  }
  for (const locale of locales) {
    const t = translator(locale);
    const view: CardView = { t, locale, conversationId: 'c1', step: 's', nonce: 'n' };
    const answers = {
      ...defaultAnswers,
      name: 'SMB',
      adminEmail: 'a@partner.example',
      country: 'DE',
      subscriptionId: 'Sub100448',
      pstnProvider: '',
      idpEntityId: '',
    };
    const context: TemplateContext = {
      conversationId: 'c1',
      roomId: 'r',
      startedBy: { personId: 'p', email: 'a@partner.example' },
      provisioningIdSource: 'issue',
      answers,
      errors: {},
      editing: false,
    };
    const withErrors: TemplateContext = {
      ...context,
      notice: { id: 'form.fixErrors' },
      errors: {
        name: { id: 'template.name.taken', params: { name: 'SMB' } },
        adminEmail: { id: 'field.email' },
        idpEntityId: { id: 'field.uri' },
        extensionLength: { id: 'field.choice' },
        provisioningId: { id: 'field.provisioningId' },
      },
    };
    const partner: TemplateContext = {
      ...context,
      answers: { ...answers, authMethod: 'partner', idpEntityId: 'https://idp.example.com', pstnProvider: 'Example' },
    };
    for (const state of ['basics', 'access', 'settings', 'summary', 'pasteId', 'cancelled']) {
      out.push([`template ${state} ${locale}`, withCard(templateCard(state, context, view))]);
      if (state !== 'summary' && state !== 'cancelled')
        out.push([`template ${state} with errors ${locale}`, withCard(templateCard(state, withErrors, view))]);
    }
    out.push([`template summary partner auth ${locale}`, withCard(templateCard('summary', partner, view))]);
    out.push([
      `template done ${locale}`,
      withCard(
        templateCard(
          'done',
          {
            ...context,
            saved: { id: 't', name: 'SMB', provisioningId: 'ZjViMzYxODctYzhkZC00NzI3LThiMmYtZjljNDQ3ZjI5MDQ2' },
          },
          view,
        ),
      ),
    ]);
    const customer: CustomerContext = {
      conversationId: 'c1',
      roomId: 'r',
      startedBy: { personId: 'p', email: 'a@partner.example' },
      pollMs: 1000,
      templates: [{ id: 't1', name: 'SMB', provisioningId: 'x', emailLanguage: 'de_DE' }],
      answers: {
        templateId: 't1',
        companyName: 'Acme',
        adminEmail: 'a@acme.example',
        externalId: 'acme-1',
        country: 'DE',
        hqConfirmed: 'true',
        packages: 'webex_calling,webex_meetings',
        addOns: 'attendant_console',
        locationName: 'HQ',
        addressLine1: 'Str. 1',
        city: 'Berlin',
        postalCode: '10115',
        timeZone: 'Europe/Berlin',
        locationLanguage: 'de_de',
      },
      errors: {},
      editing: false,
      packageStates: [
        { name: 'webex_calling', status: 'provisioned', errors: [] },
        { name: 'webex_meetings', status: 'error', errors: [{ errorCode: 1, description: 'No site' }] },
      ],
      customerErrors: [{ errorCode: 2, description: 'Partly failed' }],
      checks: 1,
    };
    const customerErrors: CustomerContext = {
      ...customer,
      notice: { id: 'form.fixErrors' },
      errors: {
        companyName: { id: 'field.required' },
        hqConfirmed: { id: 'customer.hqConfirmRequired' },
        addOns: { id: 'customer.addOnNeeds.attendant_console' },
        postalCode: { id: 'customer.precheck.address', params: { reason: 'bad' } },
      },
    };
    for (const state of [
      'company',
      'confirm',
      'packages',
      'hq',
      'summary',
      'provisioned',
      'provisionedWithErrors',
      'failed',
    ]) {
      const shown = customerCard(state, customer, view);
      if (shown.card) out.push([`customer ${state} ${locale}`, { card: shown.card, markdown: shown.markdown }]);
      const withErrors = customerCard(state, customerErrors, view);
      if (withErrors.card && state !== 'summary')
        out.push([`customer ${state} with errors ${locale}`, { card: withErrors.card, markdown: withErrors.markdown }]);
    }
    // The US has the longest list of zones of the supported countries.
    out.push([
      `customer hq US ${locale}`,
      withCard(
        customerCard('hq', { ...customer, answers: { ...customer.answers, country: 'US', timeZone: '' } }, view),
      ),
    ]);
    const pendingApproval = {
      id: 'a1',
      action: 'create-customer',
      conversationId: 'c1',
      roomId: 'r',
      requester: { personId: 'p', email: 'alice@partner.example' },
      subject: 'Acme GmbH (acme-001)',
      summary: '- Company name: Acme GmbH',
      space: 'r2',
      eligible: ['bea@partner.example', 'chen@partner.example'],
      required: 2,
      requesterMayApprove: false,
      votes: [],
      status: 'pending' as const,
      createdAt: '2026-01-01T00:00:00.000Z',
      expiresAt: '2026-01-02T00:00:00.000Z',
      reminded: false,
      revision: 0,
    };
    out.push([`approval card ${locale}`, approvalCard(t, pendingApproval)]);
    out.push([`approvals list ${locale}`, approvalsListCard(t, [{ approval: pendingApproval, awaitsVote: true }])]);
    out.push([`setup ${locale}`, setupCard(t, { name: 'Acme GmbH', externalId: 'acme-001' })]);
    out.push([
      `bulk bad rows ${locale}`,
      badRowsCard(
        t,
        Array.from({ length: 30 }, (_, i) => ({
          line: i + 2,
          email: `u${i}@acme.example`,
          errors: {
            primaryPhoneNumber: { id: 'user.needsNumber' as const },
            locationId: { id: 'bulk.unknownLocation' as const, params: { location: 'Paris' } },
          },
        })),
        200,
      ),
    ]);
    const rows = [
      {
        line: 2,
        user: {
          customerId: 'c',
          email: 'ann@acme.example',
          package: 'webex_calling' as const,
          firstName: 'Ann',
          lastName: 'Lee',
          primaryPhoneNumber: '+4930123456789',
          locationId: 'l',
        },
      },
    ];
    out.push([
      `bulk preview ${locale}`,
      withCard(
        bulkCard(
          'preview',
          {
            conversationId: 'c1',
            roomId: 'r',
            startedBy: { personId: 'p', email: 'a@partner.example' },
            customer: {
              externalId: 'acme-001',
              id: 'c',
              orgId: 'o',
              name: 'Acme GmbH',
              adminEmail: 'admin@acme.example',
              country: 'DE',
              packages: ['webex_calling'],
            },
            rows,
            results: [],
            progress: { done: 0 },
            pollMs: 1000,
            checks: 0,
          },
          view,
        ),
      ),
    ]);
    const target = {
      externalId: 'acme-001',
      id: 'c',
      orgId: 'o',
      name: 'Acme GmbH',
      adminEmail: 'admin@acme.example',
      country: 'DE',
      packages: ['webex_calling', 'webex_meetings'],
    };
    const who = {
      conversationId: 'c1',
      roomId: 'r',
      startedBy: { personId: 'p', email: 'a@partner.example' },
      customer: target,
    };
    out.push([
      `user form ${locale}`,
      withCard(
        userCard(
          'form',
          {
            ...who,
            pollMs: 1000,
            checks: 0,
            locations: [{ id: 'l1', name: 'Berlin HQ', free: ['+4930123456780', '+4930123456781'] }],
            roles: [
              { id: 'r1', name: 'Full Administrator' },
              { id: 'r2', name: 'Read-only Administrator' },
            ],
            answers: { package: 'webex_calling' },
            errors: {
              primaryPhoneNumber: { id: 'user.needsNumber' },
              package: { id: 'user.adminPackage', params: { package: 'webex_calling' } },
            },
            notice: { id: 'form.fixErrors' },
          },
          view,
        ),
      ),
    ]);
    out.push([
      `location form ${locale}`,
      withCard(
        locationCard(
          'form',
          {
            ...who,
            answers: { preferredLanguage: 'de_de', announcementLanguage: 'de_de' },
            errors: { timeZone: { id: 'customer.timeZoneInvalid' } },
          },
          view,
        ),
      ),
    ]);
    const packagesContext: PackagesContext = {
      ...who,
      customer: {
        externalId: 'acme-001',
        id: 'id-1',
        name: 'Acme GmbH',
        country: 'DE',
        packages: ['webex_calling', 'cx_ai_assistant'],
      },
      pollMs: 1000,
      answers: { packages: 'webex_meetings', addOns: '', timeZone: 'Europe/Berlin' },
      errors: { packages: { id: 'packages.held', params: { package: 'webex_calling', count: '3' } } },
      notice: { id: 'form.fixErrors' },
      wanted: ['cx_ai_assistant', 'webex_meetings'],
      packageStates: [],
      customerErrors: [],
    };
    for (const state of ['form', 'details', 'summary'])
      out.push([`packages ${state} ${locale}`, withCard(packagesCard(state, packagesContext, view))]);
    // Calling added to a customer without it: its first calling location, as create customer asks it.
    const callingContext: PackagesContext = {
      ...packagesContext,
      customer: { ...packagesContext.customer, packages: ['webex_meetings'] },
      answers: {
        packages: 'webex_meetings,webex_calling',
        addOns: '',
        locationName: 'Berlin HQ',
        addressLine1: 'Hauptstraße 1',
        city: 'Berlin',
        postalCode: '10115',
        timeZone: 'Europe/Berlin',
        locationLanguage: 'de_de',
      },
      errors: { addressLine1: { id: 'field.required' } },
    };
    for (const state of ['details', 'summary'])
      out.push([`packages ${state}, calling added ${locale}`, withCard(packagesCard(state, callingContext, view))]);
    const offboardContext: OffboardContext = {
      ...who,
      customer: {
        externalId: 'acme-001',
        id: 'id-1',
        name: 'Acme GmbH',
        packages: ['webex_calling', 'webex_meetings'],
      },
      pollMs: 1000,
      counts: { users: 12, locations: 2 },
      answers: { confirmExternalId: 'acme-002' },
      errors: { confirmExternalId: { id: 'offboard.wrongId' } },
      notice: { id: 'form.fixErrors' },
    };
    out.push([`offboard form ${locale}`, withCard(offboardCard('form', offboardContext, view))]);
    const { counts: _counts, ...unknownCounts } = offboardContext;
    out.push([`offboard form, counts unknown ${locale}`, withCard(offboardCard('form', unknownCounts, view))]);
    for (const [mode, current] of [
      ['change', 'webex_meetings'],
      ['change', 'webex_calling'],
      ['remove', 'webex_calling'],
    ] as const) {
      const changeContext: UserChangeContext = {
        ...who,
        subscriber: { id: 's1', email: 'admin@acme.example', package: current },
        mode,
        locations: [{ id: 'l1', name: 'Berlin HQ' }],
        answers: { package: 'webex_meetings' },
        errors: { package: { id: 'user.adminPackage', params: { package: 'webex_calling' } } },
        notice: { id: 'form.fixErrors' },
      };
      out.push([`user ${mode} from ${current} ${locale}`, withCard(userChangeCard('form', changeContext, view))]);
    }
    const addContext: TemplateAddContext = {
      conversationId: 'c1',
      roomId: 'r',
      startedBy: { personId: 'p', email: 'a@partner.example' },
      name: 'Legacy US',
      answers: { provisioningId: 'nope', country: 'US', emailLanguage: 'en_US', subscriptionId: 'Sub100448' },
      errors: { provisioningId: { id: 'field.provisioningId' } },
      notice: { id: 'form.fixErrors' },
    };
    out.push([`template add form ${locale}`, withCard(templateAddCard('form', addContext, view))]);
    out.push([
      `registered template ${locale}`,
      templateDoneCard(
        t,
        locale,
        {
          name: 'Legacy US',
          adminEmail: '',
          country: 'US',
          emailLanguage: 'en_US',
          subscriptionId: 'Sub100448',
          authentication: { method: 'webex' },
          email: { welcomeAdmins: true, welcomeUsers: true },
          calling: { extensionLength: 4, internationalCalls: 'block' },
          registered: true,
          provisioningId: 'ZjViMzYxODctYzhkZC00NzI3LThiMmYtZjljNDQ3ZjI5MDQ2',
        },
        false,
      ),
    ]);
    const record = (externalId: string, name: string, status: CustomerRecord['status']): CustomerRecord => ({
      externalId,
      id: `id-${externalId}`,
      orgId: `org-${externalId}`,
      name,
      adminEmail: 'admin@acme.example',
      country: 'DE',
      templateId: 't1',
      templateName: 'SMB',
      packages: ['webex_calling', 'webex_meetings'],
      status,
      packageStates: [
        { name: 'webex_calling', status: 'provisioned', errors: [] },
        { name: 'webex_meetings', status: 'error', errors: [{ errorCode: 4003, description: 'No meeting site' }] },
      ],
      errors: [],
      conversationId: 'c1',
      roomId: 'r',
      createdBy: { personId: 'p', email: 'alice@partner.example' },
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:05:00.000Z',
      history: [],
    });
    const acme = record('acme-001', 'Acme GmbH', 'provisioned_with_errors');
    out.push([
      `customer status ${locale}`,
      customerStatusCard(
        t,
        acme,
        false,
        { users: 12, locations: 2, provisioning: ['ann@acme.example', 'bo@acme.example'] },
        [{ ...pendingApproval, action: 'add-location', subject: 'Berlin HQ → Acme GmbH', externalId: 'acme-001' }],
      ),
    ]);
    out.push([`customer status stale ${locale}`, customerStatusCard(t, acme, true)]);
    out.push([
      `customer choice ${locale}`,
      customerChoiceCard(t, 'acme', 'status', [acme, record('acme-fr', 'Acme France', 'provisioning')]),
    ]);
    const two = [acme, record('globex-1', 'Globex', 'error')];
    out.push([
      `customers list ${locale}`,
      customersListCard(t, { customers: two, counts: countByState(two), filter: { kind: 'all' }, words: '', page: 1 }),
    ]);
    const many = Array.from({ length: 60 }, (_, i) => ({
      ...record(`outside-${i}`, `outside-${i}`, 'provisioned'),
      createdOutside: true,
    }));
    const manyView = {
      customers: many,
      counts: { ...countByState(many), error: 3, hold: 2, provisioning: 40 },
      filter: { kind: 'all' } as const,
      words: '',
      lastRead: '2026-01-02T03:04:05.000Z',
    };
    out.push([`customers list middle page ${locale}`, customersListCard(t, { ...manyView, page: 2 })]);
    out.push([
      `customers list filtered ${locale}`,
      customersListCard(t, { ...manyView, filter: { kind: 'text', text: 'outside' }, words: 'outside', page: 3 }),
    ]);
    out.push([`customer status outside ${locale}`, customerStatusCard(t, many[0]!, false)]);
    out.push([
      `history ${locale}`,
      historyCard(
        t,
        'Acme GmbH',
        'acme-001',
        Array.from({ length: 23 }, (_, i) => ({
          at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
          action: `step.${i}`,
          actor: { personId: 'p', email: 'alice@partner.example' },
          externalId: 'acme-001',
          details: {},
        })),
        0,
      ),
    ]);
    out.push([
      `in flight ${locale}`,
      inFlightCard(t, [
        'Acme GmbH (acme-001), provisioning since 01.01. 00:00',
        'onboarding template by paul@partner.example since 01.01. 00:01, step basics',
      ]),
    ]);
    out.push([
      `templates list ${locale}`,
      templatesListCard(t, [
        { name: 'SMB', provisioningId: 'ZjViMzYx' },
        { name: 'Enterprise', provisioningId: 'YWJj' },
      ]),
    ]);
  }
  return out;
}

describe('cards', () => {
  it.each(everyCard())(
    '%s is valid Adaptive Card 1.3 with a markdown twin Webex accepts',
    (_name, { card, markdown }) => {
      expect(validate(card)).toEqual([]);
      expect(markdown.length).toBeGreaterThan(0);
      expect(Buffer.byteLength(markdown)).toBeLessThanOrEqual(MAX_MARKDOWN_BYTES);
      expect(card.fallbackText).toBeTruthy();
      expect((card.actions ?? []).length).toBeLessThanOrEqual(5);
    },
  );

  it('keeps the largest card, with all 249 countries, well under the size peers accept (28 KB)', () => {
    const sizes = everyCard().map(([name, { card }]) => [name, Buffer.byteLength(JSON.stringify(card))] as const);
    const [name, largest] = sizes.sort((a, b) => b[1] - a[1])[0]!;
    expect(largest, name).toBeLessThan(20_000);
  });

  it('every button carries data the router understands: a procedure step with its card nonce, an approval vote, or a read-only command', () => {
    for (const [name, { card }] of everyCard()) {
      for (const action of card.actions ?? []) {
        if (action.type !== 'Action.Submit') continue;
        const understood = [cardDataSchema, approvalCardDataSchema, runCommandDataSchema].filter(
          (schema) => schema.safeParse(action.data).success,
        );
        expect(understood, `${name}: ${JSON.stringify(action.data)}`).toHaveLength(1);
      }
    }
  });

  it('the template summary reads, in German, as a person sees it', () => {
    const t = translator('de');
    const context: TemplateContext = {
      conversationId: 'c1',
      roomId: 'r',
      startedBy: { personId: 'p', email: 'a@partner.example' },
      provisioningIdSource: 'issue',
      answers: {
        ...defaultAnswers,
        name: 'KMU Deutschland',
        adminEmail: 'sp@partner.example',
        country: 'DE',
        emailLanguage: 'de_DE',
        subscriptionId: 'Sub100448',
        authMethod: 'partner',
        idpEntityId: 'https://idp.example.com/saml',
      },
      errors: {},
      editing: false,
    };
    expect(
      withCard(templateCard('summary', context, { t, locale: 'de', conversationId: 'c1', step: 'summary', nonce: 'n' }))
        .markdown,
    ).toMatchInlineSnapshot(`
      "**Onboarding-Vorlage prüfen**
      - Name der Vorlage: KMU Deutschland
      - Administrator des Dienstanbieters (E-Mail): sp@partner.example
      - Land oder Region: Deutschland (DE)
      - Standardsprache für E-Mails: Deutsch (Deutschland)
      - Wholesale-Abonnement-ID: Sub100448
      - Cloud-Connected-PSTN-Anbieter (optional): keine
      - Authentifizierungsmethode: Partner-Authentifizierung (Ihr eigener SAML-Identitätsanbieter)
      - IdP-Entity-ID (nur Partner-Authentifizierung): https://idp.example.com/saml
      - Willkommens-E-Mail an Kundenadministratoren senden: ja
      - Willkommens-E-Mail an neue Benutzer senden: ja
      - Länge der Durchwahl (Ziffern): 4
      - Auslandsgespräche: Gesperrt"
    `);
  });

  it('the HQ card offers the time zones of the customer’s country, its main one chosen, named in the person’s language', () => {
    const zoneOf = (country: string, locale: 'en' | 'de') => {
      const view: CardView = { t: translator(locale), locale, conversationId: 'c1', step: 'hq', nonce: 'n' };
      const context = {
        conversationId: 'c1',
        roomId: 'r',
        startedBy: { personId: 'p', email: 'a@partner.example' },
        pollMs: 1000,
        templates: [],
        answers: { country, packages: 'webex_meetings' },
        errors: {},
        editing: false,
        packageStates: [],
        customerErrors: [],
        checks: 0,
      } satisfies CustomerContext;
      const card = withCard(customerCard('hq', context, view)).card;
      return card.body.find((e) => 'id' in e && e.id === 'timeZone') as unknown as {
        type: string;
        value: string;
        choices: { title: string; value: string }[];
      };
    };
    const us = zoneOf('US', 'en');
    expect(us.type).toBe('Input.ChoiceSet');
    expect(us.value).toBe('America/New_York');
    expect(us.choices[0]).toEqual({ title: 'America/New York (Eastern Time)', value: 'America/New_York' });
    expect(us.choices.map((c) => c.value)).toContain('America/Los_Angeles');
    expect(us.choices.map((c) => c.value)).not.toContain('Europe/Berlin');
    expect(zoneOf('DE', 'de').choices[0]).toEqual({
      title: 'Europe/Berlin (Mitteleuropäische Zeit)',
      value: 'Europe/Berlin',
    });
    expect(zoneOf('JP', 'en').choices.map((c) => c.value)).toEqual(['Asia/Tokyo']);
  });

  it('the schema check rejects what Webex would not render', () => {
    expect(validate({ type: 'AdaptiveCard', version: '1.3', body: [{ type: 'TextBlock' }] })).not.toEqual([]);
    expect(
      validate({ type: 'AdaptiveCard', version: '1.3', body: [], actions: [{ type: 'Action.Execute', title: 'x' }] }),
    ).not.toEqual([]);
    expect(validate({ type: 'AdaptiveCard', version: '1.4', body: [] })).toContain('version is not 1.3');
  });

  it('a card builder refuses more than the five actions Webex shows', () => {
    const six = Array.from({ length: 6 }, (_, i) => ({ type: 'Action.Submit' as const, title: `b${i}`, data: {} }));
    expect(() => adaptiveCard([], six)).toThrow(/at most 5/);
  });

  it('the help card lists what a person can write, as they read it', () => {
    const t = translator('en');
    const { markdown } = helpCard({
      t,
      commands: realCommandRegistry().helpEntries(t),
      botName: 'Onboarding Bot',
      inGroupSpace: true,
    });
    expect(markdown).toMatchInlineSnapshot(`
      "**Wholesale onboarding bot**
      I run Webex Wholesale customer onboarding in this space. Write one of these commands:
      - \`create template\`: Set up an onboarding template, step by step. Every customer is provisioned with one.
      - \`add template <name>\`: Register an onboarding template made in Partner Hub, by its Provisioning ID, to create customers with it.
      - \`remove template <name>\`: Remove an onboarding template from this bot (not from Partner Hub); refused while a customer creation uses it.
      - \`templates\`: List the onboarding templates and their Provisioning IDs.
      - \`template <name>\`: Show one onboarding template.
      - \`create customer\`: Provision a new Wholesale customer organisation with an onboarding template, and follow it to the end.
      - \`setup customer <customer>\`: What you can add to a customer: users and locations.
      - \`add user <customer>\`: Add one user to a customer: name, email, package, and for calling a location and a number or extension.
      - \`change user <email> <customer>\`: Give a user of a customer another package; the customer’s administrator keeps the customer’s level.
      - \`remove user <email> <customer>\`: Take a user off a customer (not its administrator).
      - \`add users <customer>\`: Add many users from a CSV file attached to the message (columns firstName, lastName, email, package, location, phoneNumber, extension).
      - \`resend consent <email> <customer>\`: Sends the consent email again to a user with a free Webex account who has not accepted the move yet.
      - \`add location <customer>\`: Add a location to a customer.
      - \`enable calling <location> <customer>\`: Finish a location whose Webex Calling enablement failed in \`add location\`.
      - \`change packages <customer>\`: Change a customer’s packages and add-ons; refused while users hold a package to be removed.
      - \`offboard customer <customer>\`: Remove a customer from Webex Wholesale (its organization stays), after typing its external ID (and the approvals the policy asks for).
      - \`add numbers <customer> <location> [numbers]\`: Add phone numbers (E.164, typed after the command or in an attached CSV file) to a customer’s calling location; each is reported added, already there or refused.
      - \`status [customer]\`: A customer’s provisioning state per package (name or external ID), or, without a name, everything in flight.
      - \`history <customer>\`: What happened to a customer, newest first.
      - \`customers [state | package | name]\`: The partner’s customers as last read from Webex: counts per state, then 25 to a card, filtered by state, package or name.
      - \`sync customers\`: Read every customer from Webex now, including those created outside this bot (I also do it on a schedule).
      - \`approvals\`: The approvals waiting for your vote, and your own requests still open.
      - \`language <en|de>\`: The language I write in, in this space (English or German), from now on.
      - \`cancel\`: Stop what you started in this space; nothing more is saved.
      - \`help\`: Show this list of commands.
      In a group space, mention me first, e.g. \`@Onboarding Bot help\`."
    `);
  });
});

describe('a field error that names a package', () => {
  it('names it by its label in the space’s language, not by its wire name', () => {
    const error = { id: 'user.adminRolePackage', params: { package: 'webex_calling' } } as const;
    const [en] = fieldMessage(translator('en'), error);
    const [de] = fieldMessage(translator('de'), error);
    expect(en?.text).toContain('(Webex Calling)');
    expect(de?.text).toContain('(Webex Calling)');
    expect(`${en?.text} ${de?.text}`).not.toContain('webex_calling');
  });
});
