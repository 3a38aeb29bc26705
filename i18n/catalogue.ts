import { IntlMessageFormat } from 'intl-messageformat';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
/**
 * Every sentence a person reads comes from here, keyed by id. English is the reference; German
 * must carry every key (the `satisfies` below makes a missing translation a type error).
 * Placeholders are `{name}`; `format` fills them.
 */
const en = {
  'help.title': 'Wholesale onboarding bot',
  'help.intro': 'I run Webex Wholesale customer onboarding in this space. Write one of these commands:',
  'help.groupNote': 'In a group space, mention me first, e.g. `@{botName} help`.',
  'help.fallback': 'Commands I understand:',
  'command.help.usage': 'help',
  'command.help.summary': 'Show this list of commands.',
  'reply.unknownCommand': 'I did not understand “{text}”. Write `help` to see what I can do.',
  'reply.emptyCommand': 'Yes? Write `help` to see what I can do.',
  'reply.cardInactive': 'This card is no longer active. Nothing was changed.',
  'reply.late': '_Answered after a pause:_ “{text}”',
  'reply.internalError':
    'Something went wrong on my side and nothing was changed. Please try again; if it keeps happening, tell your bot operator (reference {reference}).',
  'command.createTemplate.usage': 'create template',
  'command.createTemplate.summary':
    'Set up an onboarding template, step by step. Every customer is provisioned with one.',
  'command.templates.usage': 'templates',
  'command.templates.summary': 'List the onboarding templates and their Provisioning IDs.',
  'command.template.usage': 'template <name>',
  'command.template.summary': 'Show one onboarding template.',
  'command.cancel.usage': 'cancel',
  'command.cancel.summary': 'Stop what you started in this space; nothing more is saved.',
  'command.language.usage': 'language <en|de>',
  'command.language.summary': 'The language I write in, in this space (English or German), from now on.',
  'language.current': 'I write in English in this space. Write `language de` for German.',
  'language.set': 'From now on I write in English in this space.',
  'language.unknown': 'I write in English (`en`) or German (`de`), not “{given}”.',
  'reply.notYourCard': 'This card belongs to {owner}; only they can answer it.',
  'reply.procedureRestart':
    'This {procedure} was started with an older version of the bot and cannot go on. Nothing was saved; please start again with `{command}`.',
  'reply.alreadyRunning':
    'You already have a {procedure} open in this space. Continue on its card below, or write `cancel` to stop it.',
  'reply.nothingToCancel': 'You have nothing running in this space.',
  'reply.scopeMissing':
    '`{command}` is off: the bot’s partner credentials lack the `{scope}` scope it needs. Ask your bot operator to authorise the integration again with that scope and restart the bot.',
  'reply.welcome':
    'Hello, I am {name}. I run Webex Wholesale customer onboarding in this space: templates, customers, users and their status. Mention me with a command; here is what I can do.',
  'reply.welcomeDirect':
    'Hello, I am {name}. I run Webex Wholesale customer onboarding: templates, customers, users and their status. Write `help` to see what I can do.',
  'procedure.template': 'onboarding template',
  'action.next': 'Next',
  'action.back': 'Back',
  'action.cancel': 'Cancel',
  'action.edit': 'Edit {section}',
  'action.submit': 'Submit',
  'action.save': 'Save',
  'field.required': 'Required.',
  'field.tooLong': 'Too long; shorten it.',
  'field.email': 'Enter an email address such as name@example.com.',
  'field.country': 'Choose a country or region from the list.',
  'field.language': 'Choose a language from the list.',
  'field.choice': 'Choose one of the options.',
  'field.subscriptionId':
    'Enter the subscription ID as Partner Hub shows it, e.g. Sub100448 (letters, digits and dashes).',
  'field.uri': 'Enter a URI such as https://idp.example.com/saml.',
  'field.provisioningId':
    'That is not a Provisioning ID. Open the template in Partner Hub and copy its Provisioning ID; it looks like ZjViMzYxODctYzhk….',
  'field.unknownSubscription': 'Partner Hub has no wholesale subscription with this ID.',
  'form.fixErrors': 'Some answers need a change; see the messages below the fields.',
  'template.step': 'Onboarding template · step {step} of {total}',
  'template.basics.title': 'Primary settings',
  'template.name': 'Template name',
  'template.name.taken': 'A template named “{name}” exists already; choose another name.',
  'template.adminEmail': 'Service provider admin (email)',
  'template.country': 'Country or region',
  'template.emailLanguage': 'Default email language',
  'template.subscriptionId': 'Wholesale subscription ID',
  'template.access.title': 'Calling and authentication',
  'template.pstnProvider': 'Cloud Connected PSTN provider (optional)',
  'template.pstnWarning':
    '⚠ Not recommended: this optional setting has limitations. Leave it empty unless you know you need it.',
  'template.authMethod': 'Authentication method',
  'template.auth.webex': 'Webex authentication (Webex Common Identity is the IdP; the default)',
  'template.auth.partner': 'Partner authentication (your own SAML identity provider)',
  'template.idpEntityId': 'IdP entity ID (partner authentication only)',
  'template.settings.title': 'Common and calling settings',
  'template.welcomeAdmins': 'Send the welcome email to customer administrators',
  'template.welcomeUsers': 'Send the welcome email to new users',
  'template.extensionLength': 'Extension length (digits)',
  'template.internationalCalls': 'International calls',
  'template.international.allow': 'Allowed',
  'template.international.block': 'Blocked',
  'template.summary.title': 'Check the onboarding template',
  'template.summary.intro': 'Change a section with its Edit button, then Submit.',
  'template.section.basics': 'primary settings',
  'template.section.access': 'calling and authentication',
  'template.section.settings': 'settings',
  'template.none': 'none',
  'template.yes': 'yes',
  'template.no': 'no',
  'template.pasteId.title': 'Provisioning ID',
  'template.pasteId.intro':
    'Create this template in Partner Hub (Customers › Onboarding templates › Create template) with the settings you just confirmed, open it and paste its Provisioning ID here.',
  'template.provisioningId': 'Provisioning ID',
  'template.partnerHubFailed':
    'Partner Hub did not answer, so the template was not created. Press Submit to try again.',
  'template.saveFailed': 'The template could not be saved. Press Submit to try again.',
  'template.done.title': 'Onboarding template “{name}” is ready',
  'template.done.intro': 'Customers can now be provisioned with it. Its Provisioning ID:',
  'template.cancelled': 'The onboarding template was not created.',
  'templates.title': 'Onboarding templates',
  'templates.none': 'There are no onboarding templates yet. Write `create template` to set one up.',
  'templates.notFound': 'There is no onboarding template named “{name}”. Write `templates` to see them all.',
  'templates.missingName': 'Which template? Write `template <name>`.',
  'template.createdBy': 'Created by',
  'command.createCustomer.usage': 'create customer',
  'command.createCustomer.summary':
    'Provision a new Wholesale customer organisation with an onboarding template, and follow it to the end.',
  'procedure.customer': 'customer creation',
  'package.webex_calling': 'Webex Calling',
  'package.webex_calling_standard': 'Webex Calling Standard',
  'package.webex_voice': 'Webex Voice',
  'package.webex_suite': 'Webex Suite (Calling and Meetings)',
  'package.webex_meetings': 'Webex Meetings',
  'package.common_area_calling': 'Common Area Calling',
  'package.cx_essentials': 'Customer Assist',
  'package.attendant_console': 'Attendant Console (add-on)',
  'package.cisco_calling_plan': 'Cisco Calling Plan (add-on)',
  'package.cx_premium_agent': 'Contact Center Premium Agent Package',
  'package.cx_standard_agent': 'Contact Center Standard Agent Package',
  'package.cx_voice_ports': 'Contact Center Voice Ports Package',
  'package.cx_ai_assistant': 'Contact Center AI Assistant Package',
  'package.webex_ai_agent': 'Webex AI Agent Package',
  'customer.step': 'New customer · step {step} of {total}',
  'customer.noTemplates':
    'There is no onboarding template yet, and no customer can be provisioned without one. Write `create template` first.',
  'customer.company.title': 'Company',
  'customer.template': 'Onboarding template',
  'customer.chooseTemplate': 'Choose an onboarding template.',
  'customer.companyName': 'Company name',
  'customer.adminEmail': 'Customer administrator (email)',
  'customer.externalId': 'External customer ID (your system’s ID)',
  'customer.externalIdFormat':
    'Use 1 to 64 letters, digits, dots, dashes, colons or underscores, starting with a letter or digit.',
  'customer.externalIdInFlight':
    'A customer with this external ID is already being created by {owner} in another space: {link}',
  'customer.externalIdExists': 'Webex already has a customer with this external ID.',
  'customer.adminEmailTaken': 'This email already belongs to a Webex user; use another administrator email.',
  'customer.country': 'Country of the headquarters',
  'customer.countryUnsupported':
    'Webex Wholesale is not offered in this country, so the customer cannot be provisioned there. Choose the country the headquarters is really in.',
  'customer.confirm.title': 'Headquarters location',
  'customer.confirm.text': 'The customer’s headquarters is in {country}. Webex Wholesale is offered there.',
  'customer.hqConfirmed': 'I confirm that the customer’s headquarters is in {country}, a Webex-supported location.',
  'customer.hqConfirmRequired': 'Confirm the headquarters location to go on.',
  'customer.packages.title': 'Packages and add-ons',
  'customer.packages': 'Packages',
  'customer.addOns': 'Add-ons (optional)',
  'customer.packagesRequired': 'Choose at least one package.',
  'customer.addOnNeeds.attendant_console': 'Attendant Console needs Webex Calling, Webex Suite or Customer Assist.',
  'customer.addOnNeeds.cisco_calling_plan': 'Cisco Calling Plan needs a package with calling.',
  'customer.hq.title': 'Headquarters (HQ) location',
  'customer.hq.callingNote': 'A calling package is chosen, so this is also the first Webex Calling location.',
  'customer.locationName': 'Location name',
  'customer.addressLine1': 'Address line 1',
  'customer.addressLine2': 'Address line 2 (optional)',
  'customer.city': 'City',
  'customer.stateOrProvince': 'State or province (where required)',
  'customer.postalCode': 'Postal code (where required)',
  'customer.timeZone': 'Time zone',
  'customer.timeZoneInvalid': 'Enter a time zone such as Europe/Berlin or America/New_York.',
  'customer.companyNamePercent': 'Webex does not take a % sign in a customer’s name.',
  'customer.stateRequired': 'Webex needs the state or province for an address in this country.',
  'customer.timeZoneOfCountry': 'Choose one of the time zones offered, those of the country ({country}).',
  'customer.locationLanguage': 'Location language (announcements)',
  'customer.elin': 'Emergency location identifier (optional; letters, digits, dashes, at most 32)',
  'customer.summary.title': 'Check the new customer',
  'customer.summary.intro':
    'Change a section with its Edit button. Create runs Webex’s precheck first and creates nothing if it fails.',
  'customer.section.company': 'company',
  'customer.section.packages': 'packages',
  'customer.section.hq': 'HQ location',
  'action.create': 'Create',
  'customer.precheck.address': 'Webex could not validate this address: {reason}',
  'customer.precheck.failed': 'Webex’s precheck refused the customer: {reason}',
  'customer.createFailed':
    'The customer could not be created: {reason}. Nothing was provisioned; press Create to try again.',
  'customer.unreachable': 'The Wholesale API did not answer. Nothing was created; press Create to try again.',
  'customer.credentialsGone':
    'The bot’s partner credentials no longer work, so it cannot reach the Wholesale API. Nothing was created; press Create again once your bot operator has renewed them.',
  'customer.creating': 'Precheck passed. Creating **{name}** (external ID `{externalId}`)…',
  'customer.provisioning':
    'Provisioning of **{name}** has started (external ID `{externalId}`, packages: {packages}). I will report here when it ends.',
  'customer.provisioned.title': '{name} is provisioned',
  'customer.provisionedWithErrors.title': '{name} is provisioned, with errors',
  'customer.failed.title': 'Provisioning of {name} failed',
  'customer.packageState': '{status}',
  'customer.packageError': '{status}: {reason}',
  'customer.nextSteps':
    'Next: add users and locations to the customer. Optionally, send a Wholesale Setup Assist request from Partner Hub to get help with the setup.',
  'customer.failedNextSteps':
    'Nothing more will happen on its own. Check the reasons above, fix them with the customer, then delete the customer in Partner Hub and run `create customer` again.',
  'customer.cancelled': 'The customer was not created.',
  'customer.status.provisioned': 'provisioned',
  'customer.status.provisioning': 'provisioning',
  'customer.status.error': 'failed',
  'customer.status.offboarded': 'offboarded',
  'customer.status.gone': 'gone (deleted outside this bot)',
  'customer.status.held': 'held for Cisco’s compliance review',
  'customer.held':
    '⏸ **{name}** (external ID `{externalId}`) is held for Cisco’s compliance review (the Denied Party List check of every new customer). Nothing is wrong with the request and nothing was lost: provisioning goes on by itself once Cisco releases it, which can take a few days. I look every {minutes} minutes and will report here. What you can do: check that the company name and address are the customer’s exact legal ones; if it is still held after two business days, ask your Cisco partner contact (or open a case in Partner Hub) about the compliance review of `{externalId}`.',
  'customer.heldLong':
    '⏸ **{name}** (`{externalId}`) has been held for Cisco’s compliance review since {since}. I keep looking every {minutes} minutes. Ask your Cisco partner contact (or open a case in Partner Hub) about the compliance review of `{externalId}`.',
  'customer.heldNote':
    'Held for Cisco’s compliance review (the Denied Party List check): provisioning goes on by itself once Cisco releases it, which can take days. If it is held longer than two business days, ask your Cisco partner contact or open a case in Partner Hub.',
  'customer.heldInFlight': '{name} (`{externalId}`) held for Cisco’s compliance review since {since}',
  'customer.heldAlert':
    '⏸ **{name}** (`{externalId}`, started by {who}) has been held for Cisco’s compliance review (Denied Party List check) since {since}, over a day. Nothing fails; it goes on once Cisco releases it. To look: `status {externalId}`. To speed it up: ask your Cisco partner contact or open a case in Partner Hub.',
  'customer.externalIdLabel': 'External ID',
  'customer.orgId': 'Organisation ID',
  'access.outsider':
    'Sorry, {email}, you are not on this bot’s list of partner admins, approvers or viewers. Ask {contact} to add you.',
  'access.domain': 'Sorry, {email}, this bot only works for people of {domains}. Ask {contact} if you need access.',
  'access.role':
    'Sorry, {email}, you may look up status and history, but only partner admins can start this. Ask {contact} if you need to.',
  'command.status.usage': 'status [customer]',
  'command.status.summary':
    'A customer’s provisioning state per package (name or external ID), or, without a name, everything in flight.',
  'command.history.usage': 'history <customer>',
  'command.history.summary': 'What happened to a customer, newest first.',
  'command.customers.usage': 'customers [state | package | name]',
  'command.customers.summary':
    'The partner’s customers as last read from Webex: counts per state, then 25 to a card, filtered by state, package or name.',
  'status.missing': 'Which customer? Write `status <name or external ID>`, or `status` for everything in flight.',
  'status.none': 'No customer matches “{query}”.',
  'status.didYouMean': 'Did you mean: {names}?',
  'status.several': '“{query}” matches {count} customers. Which one?',
  'status.tooMany': 'Write the external ID to pick one.',
  'status.title': '{name}',
  'status.state': 'State',
  'status.checked': 'Checked',
  'status.stale': 'The Wholesale API did not answer; this is the state as of {time}.',
  'status.createdBy': 'Created by',
  'status.lastError': 'Last error',
  'status.users': 'Users',
  'status.usersProvisioning': 'Users still provisioning',
  'status.usersAwaitingConsent': 'Users waiting for their consent (free Webex account)',
  'status.usersProvisioningLine': '{count}: {emails}{more, plural, =0 {} other { and # more}}',
  'status.locations': 'Locations',
  'status.pendingApproval': 'Waiting for approval',
  'status.pendingApprovalLine': '{subject}: {count} of {required}, open until {until}',
  'status.creationPending':
    'A request to create {subject} is waiting for approval ({count} of {required}, open until {until}).',
  'status.inFlight.title': 'In flight',
  'status.inFlight.none': 'Nothing is in flight.',
  'status.inFlight.line': '{procedure} by {who}, since {since}: {step}',
  'status.inFlight.customer': '{name} (`{externalId}`) provisioning since {since}',
  'customers.title': 'Customers',
  'customers.outside': 'created outside this bot',
  'customers.page': 'Page {page} of {pages}, {count, plural, one {# customer} other {# customers}}',
  'customers.state.provisioned': 'provisioned',
  'customers.state.provisioning': 'provisioning',
  'customers.state.hold': 'compliance hold',
  'customers.state.error': 'error',
  'customers.state.offboarded': 'offboarded',
  'customers.state.gone': 'gone',
  'customers.filter.state': 'Only those in state “{state}”. Write `customers` for all.',
  'customers.filter.package': 'Only those with the package {package}. Write `customers` for all.',
  'customers.filter.text': 'Only those whose name or external ID contains “{text}”. Write `customers` for all.',
  'customers.noMatch': 'No customer matches. Try a state (`customers error`), a package or part of a name.',
  'customers.lastRead': 'Webex’s customer list last read {at}; `sync customers` reads it now.',
  'customers.notRead': 'I have not read Webex’s customer list since I started; `sync customers` reads it now.',
  'customers.show': '{state} ({count})',
  'customers.newer': 'Newer',
  'customers.older': 'Older',
  'customers.synced':
    'Read {listed, plural, one {# customer} other {# customers}} from Webex: {adopted} new to me (created outside this bot), {changed} changed, {gone} gone.',
  'customers.syncFailed': 'I could not read the customer list from Webex ({reason}). Try again in a few minutes.',
  'command.syncCustomers.usage': 'sync customers',
  'command.syncCustomers.summary':
    'Read every customer from Webex now, including those created outside this bot (I also do it on a schedule).',
  'procedure.packages': 'package change',
  'procedure.offboard': 'offboarding',
  'procedure.userChange': 'user change',
  'command.changePackages.usage': 'change packages <customer>',
  'command.changePackages.summary':
    'Change a customer’s packages and add-ons; refused while users hold a package to be removed.',
  'packages.title': 'Packages of {name}',
  'packages.intro': 'Now: {current}. Tick what the customer should have from now on.',
  'packages.now': 'Now',
  'packages.added': 'Added',
  'packages.removed': 'Removed',
  'packages.summaryTitle': 'Change the packages of {name}?',
  'packages.confirm': 'Change packages',
  'packages.subject': 'package change for {name}',
  'packages.unchanged': 'This is what the customer has now; change something, or cancel.',
  'packages.locationTitle': 'First calling location of {name}',
  'packages.locationIntro':
    'Calling is added to a customer without it: Webex creates this calling location with the change.',
  'packages.timeZoneTitle': 'Meetings time zone of {name}',
  'packages.timeZoneIntro': 'Meetings are added: Webex sets up the customer’s meetings in this time zone.',
  'packages.callingLocation': 'Calling location',
  'packages.held':
    '{package} cannot be removed: {count, plural, one {# user holds} other {# users hold}} it. Change or remove those users first.',
  'packages.updating': 'The package change for {name} was sent to Webex; I will report when it is done.',
  'packages.done': '✅ The packages of {name} are changed and provisioned.',
  'packages.failedEnd':
    '❌ The package change for {name} ended as {status}: {reasons}. Write `status {externalId}` to look, and `change packages {externalId}` to try again.',
  'packages.failed': 'Webex refused the change: {reason}. Nothing was changed; press Change packages to try again.',
  'packages.rejected': 'Rejected by {email}: {reason}. Nothing was changed.',
  'packages.cancelled': 'Package change cancelled. Nothing was changed.',
  'command.offboardCustomer.usage': 'offboard customer <customer>',
  'command.offboardCustomer.summary':
    'Remove a customer from Webex Wholesale (its organization stays), after typing its external ID (and the approvals the policy asks for).',
  'offboard.title': 'Offboard {name}?',
  'offboard.warning':
    'This removes the customer from Webex Wholesale: Webex ends the mapping between the Wholesale customer and its Webex organization, and with it the Wholesale packages. The organization is not deleted (a partner cannot delete it): its users and locations, counted below, stay in Webex. It cannot be undone.',
  'offboard.unknown': 'unknown (Webex did not answer)',
  'offboard.typeId': 'Type the external ID ({externalId}) to confirm',
  'offboard.wrongId': 'That is not this customer’s external ID; type it exactly as shown.',
  'offboard.confirm': 'Offboard',
  'offboard.subject': 'offboarding of {name}',
  'offboard.deleting': 'Webex is deleting {name}; I will report when it is gone.',
  'offboard.done':
    '✅ {name} ({externalId}) is offboarded: Webex no longer lists it as a Wholesale customer. Its organization, users and locations stay in Webex. Its history stays here.',
  'offboard.failedEnd':
    '❌ The deletion of {name} ended as {status}, not gone. Write `status {externalId}` to look, and `offboard customer {externalId}` to try again.',
  'offboard.failed': 'Webex refused the deletion: {reason}. Nothing was deleted; press Offboard to try again.',
  'offboard.rejected': 'Rejected by {email}: {reason}. Nothing was deleted.',
  'offboard.cancelled': 'Offboarding cancelled. Nothing was deleted.',
  'offboard.notPossible': '{name} ({externalId}) is {status}; there is nothing to offboard.',
  'command.changeUser.usage': 'change user <email> <customer>',
  'command.changeUser.summary':
    'Give a user of a customer another package; the customer’s administrator keeps the customer’s level.',
  'command.removeUser.usage': 'remove user <email> <customer>',
  'command.removeUser.summary': 'Take a user off a customer (not its administrator).',
  'userChange.missing': 'Which user of which customer? Write `{command} <email> <customer>`.',
  'userChange.noUser': '{name} has no user {email}.',
  'userChange.adminRemove':
    '{email} is the administrator of {name} and cannot be removed; the customer needs its administrator.',
  'userChange.title': 'Change {email} ({name})',
  'userChange.removeTitle': 'Remove {email} from {name}?',
  'userChange.customer': 'Customer',
  'userChange.packageNow': 'Package now',
  'userChange.packageNew': 'New package',
  'userChange.samePackage': 'The user has this package already; choose another one.',
  'userChange.change': 'Change user',
  'userChange.remove': 'Remove user',
  'userChange.subject': 'package change of {email} ({name})',
  'userChange.removeSubject': 'removal of {email} from {name}',
  'userChange.changed': '✅ {email} ({name}) now has {package}.',
  'userChange.removed':
    '✅ {email} is no longer a Wholesale subscriber of {name}: the package ends; the person stays in the customer’s organization.',
  'userChange.failed': 'Webex refused it: {reason}. Nothing was changed; press the button to try again.',
  'userChange.rejected': 'Rejected by {email}: {reason}. Nothing was changed.',
  'userChange.cancelled': 'Cancelled. Nothing was changed.',
  'procedure.templateAdd': 'template registration',
  'command.addTemplate.usage': 'add template <name>',
  'command.addTemplate.summary':
    'Register an onboarding template made in Partner Hub, by its Provisioning ID, to create customers with it.',
  'command.removeTemplate.usage': 'remove template <name>',
  'command.removeTemplate.summary':
    'Remove an onboarding template from this bot (not from Partner Hub); refused while a customer creation uses it.',
  'templateAdd.title': 'Register the template {name}',
  'templateAdd.intro':
    'Paste the Provisioning ID Partner Hub shows for the template, and say what it is for. Its other settings stay in Partner Hub.',
  'templateAdd.provisioningId': 'Provisioning ID',
  'templateAdd.save': 'Register template',
  'templateAdd.done': '✅ The template {name} is registered. `create customer` offers it now.',
  'templateAdd.cancelled': 'Registration cancelled. Nothing was saved.',
  'templateAdd.failed': 'The template could not be saved; please press Register template again.',
  'templateAdd.origin': 'Settings',
  'templateAdd.originValue': 'in Partner Hub (registered by its Provisioning ID)',
  'templateRemove.inUse':
    '{name} cannot be removed: {who} is creating a customer with it. Try again once that is done.',
  'templateRemove.done': 'The template {name} is removed from this bot. It still exists in Partner Hub.',
  'procedure.templateRemove': 'template removal',
  'templateRemove.subject': 'removal of the template {name}',
  'templateRemove.stopped': 'The template {name} was not removed.',
  'templateRemove.rejected': 'Rejected by {email}: {reason}. The template was not removed.',
  'customers.none': 'The partner has no customers yet. Write `create customer` to start.',
  'history.title': 'History of {name}',
  'history.none': 'Nothing recorded for {name}.',
  'history.more': 'Older',
  'history.page': 'Page {page} of {pages}',
  'alert.customerFailed':
    '⚠️ Provisioning of **{name}** (`{externalId}`, started by {who}) failed: {reasons}. To look: `status {externalId}`. To retry: fix the cause with the customer, delete the customer in Partner Hub, then `create customer`.',
  'alert.customerWithErrors':
    '⚠️ **{name}** (`{externalId}`, started by {who}) was provisioned with errors: {reasons}. To look: `status {externalId}`. The other packages work; fix the failed ones in Partner Hub or with Cisco support.',
  'alert.partnerCredentialsGone':
    '⚠️ **The partner credentials no longer work:** Webex refused them, so every call to the Wholesale API fails until they are renewed. To fix it: have a partner full administrator authorise the integration again, put the new refresh token in `PARTNER_REFRESH_TOKEN` (or a new token in `PARTNER_TOKEN`) and restart the bot; `/readyz` says `partner_credentials` until then.',
  'alert.partnerCredentialsBack':
    '✅ **The partner credentials work again:** a new authorisation was found, and what waited for it goes on by itself.',
  'credentials.waiting':
    '⏸ **{subject} waits for the partner credentials.** They no longer work, so the bot cannot reach the Wholesale API. Nothing is lost: it goes on by itself, where it stopped, once the bot operator has renewed them and restarted the bot.',
  'credentials.waitingCancel': 'Write `cancel` to end it instead.',
  'alert.partnerTokenExpiring':
    '⚠️ **The partner token expires at {time}**; after that every call to the Wholesale API fails. To fix it: put a new token in `PARTNER_TOKEN` and restart the bot, or better, set up an integration (`PARTNER_CLIENT_ID`, `PARTNER_CLIENT_SECRET`, `PARTNER_REFRESH_TOKEN`), whose tokens the bot renews itself.',
  'alert.partnerRefreshTokenExpiring':
    '⚠️ **The integration’s refresh token expires at {time}** and Webex has not renewed it; after that every call to the Wholesale API fails. To fix it: have a partner full administrator authorise the integration again (`npm run authorize`) before then; the bot takes it up at a restart, or by itself once the old token has ended.',
  'approval.title': 'Approval needed: {subject}',
  'approval.requestedBy': 'Requested by',
  'approval.needs': 'Needs',
  'approval.needsValue': '{required, plural, one {# approval} other {# approvals}}, from {eligible}',
  'approval.expires': 'Open until',
  'approval.comment': 'Comment (optional)',
  'approval.approve': 'Approve',
  'approval.reject': 'Reject',
  'approval.sent':
    'Sent for approval: {subject}. It needs {required, plural, one {# approval} other {# approvals}} by {expires}; I will tell you the outcome here.',
  'approval.voteCounted': '{email} approved ({count} of {required}).',
  'approval.approved': '✅ Approved: {subject} ({count} of {required}). {requester}, it goes on now.',
  'approval.rejected': '❌ Rejected by {email}: {subject}. Reason: {reason}',
  'approval.noReason': 'no reason given',
  'approval.toRequesterApproved': '✅ Your request “{subject}” was approved. Going on.',
  'approval.toRequesterRejected':
    '❌ Your request “{subject}” was rejected by {email}. Reason: {reason}. Nothing was created.',
  'approval.expiredThread': '⌛ This approval expired at {time} without a decision. Votes are no longer taken.',
  'approval.toRequesterExpired':
    '⌛ Your request “{subject}” expired without enough approvals. Nothing was created; press Create on the summary to ask again.',
  'approval.escalation':
    '⌛ An approval expired without a decision: “{subject}”, requested by {requester}, with {count} of {required} approvals. Approvers: {eligible}.',
  'approval.reminder':
    '⏰ Reminder: “{subject}” still needs {missing, plural, one {# approval} other {# approvals}}. Not voted yet: {who}.',
  'approval.refused.decided': 'This approval was already decided; your vote changes nothing.',
  'approval.refused.expired': 'This approval has expired or was withdrawn; your vote changes nothing.',
  'approval.refused.notApprover': 'Sorry, {email}, you are not an approver for this request; your vote does not count.',
  'approval.refused.ownRequest': 'Sorry, {email}, you cannot approve your own request.',
  'approval.refused.alreadyVoted': '{email}, you have voted on this already; each person votes once.',
  'approval.notEnoughApprovers':
    'The approval policy needs {required, plural, one {# approval} other {# approvals}} but names only {eligible, plural, one {# person} other {# people}} who could give them. Ask your bot operator to fix the policy.',
  'approval.waiting': 'Waiting for approval of {subject}.',
  'approval.rejectedCard': 'Rejected by {email}: {reason}. Nothing was created.',
  'approval.expiredNotice': 'The approval expired without a decision. Press Create to ask again.',
  'command.approvals.usage': 'approvals',
  'command.approvals.summary': 'The approvals waiting for your vote, and your own requests still open.',
  'approvals.none': 'Nothing is waiting for your approval, and you have no open requests.',
  'approvals.title': 'Open approvals',
  'approvals.line': '{count} of {required} approvals, requested by {requester}, open until {expires}{mine}',
  'approvals.yourVote': ' — your vote is awaited',
  'command.addUser.usage': 'add user <customer>',
  'command.addUser.summary':
    'Add one user to a customer: name, email, package, and for calling a location and a number or extension.',
  'command.addLocation.usage': 'add location <customer>',
  'command.addLocation.summary': 'Add a location to a customer.',
  'command.enableCalling.usage': 'enable calling <location> <customer>',
  'command.enableCalling.summary': 'Finish a location whose Webex Calling enablement failed in `add location`.',
  'command.addNumbers.usage': 'add numbers <customer> <location> [numbers]',
  'command.addNumbers.summary':
    'Add phone numbers (E.164, typed after the command or in an attached CSV file) to a customer’s calling location; each is reported added, already there or refused.',
  'command.setupCustomer.usage': 'setup customer <customer>',
  'command.setupCustomer.summary': 'What you can add to a customer: users and locations.',
  'procedure.user': 'new user',
  'procedure.location': 'new location',
  'setup.missing': 'Which customer? Write `{command} <name or external ID>`.',
  'setup.notReady':
    '{name} is {status}, not provisioned yet, so nothing can be added to it. Write `status {externalId}` to follow it.',
  'setup.title': 'Set up {name}',
  'setup.intro': 'Add users and locations to the customer.',
  'setup.addUser': 'Add a user',
  'setup.addLocation': 'Add a location',
  'setup.csv':
    'Many users at once: attach a CSV file to a message `add users {externalId}` (columns firstName, lastName, email, package, location, phoneNumber, extension).',
  'user.title': 'New user for {name}',
  'user.firstName': 'First name',
  'user.lastName': 'Last name',
  'user.email': 'Email',
  'user.package': 'Package',
  'user.location': 'Location (calling packages)',
  'user.phone': 'Primary phone number, E.164 (calling packages)',
  'user.extension': 'Extension (calling packages)',
  'user.freeNumber': 'Or the next free number of the location (calling packages)',
  'user.freeNumberChoice': '{location}: {number}',
  'user.twoNumbers': 'Type a number or choose a free one, not both.',
  'user.freeNumberElsewhere': 'This free number belongs to another location; choose one of the chosen location.',
  'user.role': 'Administrator role (optional)',
  'user.roleNote':
    'An administrator keeps the customer’s package level; a full administrator’s package is never lowered. The role is given once Webex has provisioned the user.',
  'user.adminRolePackage':
    'An administrator keeps the customer’s package level ({package}); a full administrator’s package is never lowered. Choose that package, or no role.',
  'user.roleAssigned': 'They are now {role}.',
  'user.roleFailed':
    'The role {role} could not be given: {reason}. Give it in Control Hub (Users, the user, Administrator roles).',
  'user.roleReadGiven':
    'Webex answered the role change with an error ({reason}), yet reading the user again shows they are {role}.',
  'user.roleReadNotGiven':
    'The role {role} could not be given: {reason}. Reading the user again shows they do not have it. Give it in Control Hub (Users, the user, Administrator roles).',
  'user.roleReadCallingKept': 'Their extension and location are as before.',
  'user.roleReadCallingLost':
    'Reading them again shows Webex’s failed change removed their calling extension ({extension}) or location: set them again in Control Hub (Users, the user, Calling).',
  'user.roleReadFailed':
    'The role {role} could not be given: {reason}. The user could not be read again afterwards, and a failed change may still have altered them: check in Control Hub their administrator roles, extension and location.',
  'user.callingNote': 'Calling packages need a location and a phone number or an extension, or both.',
  'user.needsNumber': 'A calling package needs a phone number or an extension.',
  'user.needsLocation': 'A calling package needs a location.',
  'user.phoneInvalid': 'Enter the number in E.164 form, e.g. +4930123456789.',
  'user.extensionInvalid': 'Use 2 to 10 digits.',
  'user.packageNotOwned': 'The customer has no such package; choose one of its packages.',
  'user.packageNeeds':
    '{package} needs one of these packages at the customer: {needs}. Add one with `change packages`, or choose another package.',
  'user.adminPackage':
    'This is the customer’s administrator, who keeps the customer’s package level ({package}); it is never lowered.',
  'user.emailTaken': 'This email already belongs to a Webex user.',
  'user.numberTaken': 'This number is already assigned.',
  'user.add': 'Add user',
  'user.done': '✅ {first} {last} ({email}) was added to {customer} with {package}.',
  'user.existed': '{email} was already a user of {customer}; nothing was changed.',
  'user.failed': 'The user could not be added: {reason}. Press Add user to try again.',
  'user.cancelled': 'No user was added.',
  'user.provisioning':
    '⏳ Webex accepted {first} {last} ({email}) for {customer} with {package} and is still provisioning the user. I will write here when it has finished.',
  'user.provisioningFailed':
    '❌ Webex could not provision {first} {last} ({email}) for {customer}: {reason}. Correct the cause (in Partner Hub, or the user’s details), remove the user there and add it again.',
  'user.awaitingConsent':
    '✉️ {email} already has a free Webex account, so Webex added {first} {last} to {customer} with {package} as waiting for the user’s consent: Webex emailed them to accept the move, and the user is provisioned once they do. To send that email again: `resend consent {email} {externalId}`.',
  'user.awaitingConsentRole':
    'I will give the role {role} once the user has consented. To stop waiting (the user stays, without the role): `cancel`.',
  'consent.missing': 'Write `resend consent <email> <customer>`.',
  'consent.noUser': '{name} has no user {email}.',
  'consent.notWaiting': '{email} does not wait for consent at {name} (Webex: {status}); there is no email to send.',
  'consent.sent': '✉️ Webex sent the consent email to {email} again. {name} gets the user once they accept the move.',
  'consent.failed': 'The consent email to {email} could not be sent: {reason}.',
  'command.resendConsent.usage': 'resend consent <email> <customer>',
  'command.resendConsent.summary':
    'Sends the consent email again to a user with a free Webex account who has not accepted the move yet.',
  'location.title': 'New location for {name}',
  'location.name': 'Location name',
  'location.state': 'State or province',
  'location.postalCode': 'Postal code',
  'location.announcementLanguage': 'Announcement language',
  'location.add': 'Add location',
  'location.done': '✅ Location {location} was added to {customer}.',
  'location.failed': 'The location could not be added: {reason}. Press Add location to try again.',
  'location.nameTaken': 'The customer has a location with this name already.',
  'location.cancelled': 'No location was added.',
  'location.callingDone':
    '✅ Location {location} was added to {customer} and enabled for Webex Calling (announcements in {language}).',
  'location.callingFailed':
    '⚠️ Location {location} was added to {customer}, but enabling it for Webex Calling failed: {reason}. The location stays as it is; to finish, write `enable calling {location} {externalId}`.',
  'location.enableUsage': 'Write `enable calling <location> <customer>`, e.g. `enable calling Berlin HQ acme-001`.',
  'location.enableNothing':
    'No location {location} of {customer} is waiting to be enabled for Webex Calling. `add location` enables a calling customer’s locations itself; this command only finishes one where that step failed.',
  'numbers.usage':
    'Write `add numbers <customer> <location>` and the numbers (E.164, e.g. +4930123456789), or attach a CSV file with them.',
  'numbers.none':
    'I found no phone numbers: write them after the location (E.164, e.g. +4930123456789) or attach a CSV file with them.',
  'numbers.noLocation':
    '{customer} has no location {location} enabled for Webex Calling. Its calling locations: {locations}.',
  'numbers.failed':
    'Webex did not answer as expected: {reason}. Nothing is lost: write the same command again; numbers already added are reported as already there.',
  'pstn.integrated':
    '⛔ No numbers were added to {location} ({customer}): its PSTN connection is {connection} ({type}), an integrated PSTN whose numbers come from the PSTN provider. Webex says its Add Phone Numbers API must never be used there. Order or port the numbers in Partner Hub ({partnerHub}): open the customer {customer}, then Calling, Locations, {location}, and manage its numbers with the provider.',
  'pstn.connection': 'PSTN: {connection} ({type}).',
  'pstn.none': 'PSTN: none set up yet.',
  'pstn.noOptions':
    'Webex offers this location no PSTN connection; set one up in Partner Hub ({partnerHub}) before adding numbers.',
  'pstn.partnerHub':
    'To use {option} ({type}), which Webex’s API cannot set, open Partner Hub ({partnerHub}): the customer {customer}, then Calling, Locations, {location}, PSTN, and choose {option}.',
  'pstn.readFailed':
    'The location’s PSTN connection could not be read: {reason}. Check it in Partner Hub ({partnerHub}).',
  'pstn.title': 'PSTN for {location} ({customer})',
  'pstn.choose':
    'Set up the PSTN connection of {location} now: choose a connection Webex’s API can set, or leave it for later.',
  'pstn.option': 'PSTN connection',
  'pstn.set': 'Set up PSTN',
  'pstn.later': 'Later',
  'pstn.setFailed': 'The PSTN connection could not be set: {reason}. Press Set up PSTN to try again.',
  'pstn.done':
    '✅ {location} ({customer}) now uses {connection} ({type}) for PSTN; add its numbers with `add numbers {externalId} {location} …`.',
  'pstn.later.done':
    'The PSTN connection of {location} was left for later; set it up in Partner Hub ({partnerHub}) before adding numbers.',
  'pstn.numberNotHeld': 'This number is not one of the location’s numbers; add it first with `add numbers`.',
  'numbers.title': 'Numbers for {location} ({customer}): {added} added, {existed} already there, {refused} refused',
  'numbers.row.added': '{number} added',
  'numbers.row.existed': '{number} was already there',
  'numbers.row.refused': '{number} refused: {reason}',
  'numbers.notOfCountry': 'not a valid phone number of {country} in E.164 form',
  'command.addUsers.usage': 'add users <customer>',
  'command.addUsers.summary':
    'Add many users from a CSV file attached to the message (columns firstName, lastName, email, package, location, phoneNumber, extension).',
  'procedure.bulk': 'users from a CSV file',
  'bulk.needsFile':
    'Attach one CSV file to the message `add users <customer>`. Columns: firstName, lastName, email, package, location, phoneNumber, extension.',
  'bulk.unreadable': 'The file could not be read as CSV: {reason}',
  'bulk.scanning': 'Webex is still scanning the file for malware; I will read it as soon as the scan is done.',
  'bulk.stillScanning':
    'Webex is still scanning the file for malware after more than a minute. Send `add users <customer>` with the file again in a few minutes.',
  'bulk.unscannable':
    'Webex could not scan the file for malware, so nobody can download it, the bot included. Save it as a plain CSV file (not zipped, not password-protected) and attach it again with `add users <customer>`.',
  'bulk.empty': 'The file has no rows under its header.',
  'bulk.tooMany': 'The file has {count} rows; at most {max} at a time.',
  'bulk.missingColumns':
    'The file lacks the columns {columns}. The header must name: firstName, lastName, email, package, location, phoneNumber, extension.',
  'bulk.badRows.title':
    '{count} of {total, plural, one {# row} other {# rows}} {count, plural, one {needs} other {need}} a change; nothing was created',
  'bulk.badRows.more': '…and {count, plural, one {# more row} other {# more rows}}.',
  'bulk.unknownLocation': 'The customer has no location named “{location}”.',
  'bulk.duplicateEmail': 'The same email is on line {line}.',
  'bulk.preview.title': 'Add {count, plural, one {# user} other {# users}} to {name}?',
  'bulk.preview.perPackage': 'Per package',
  'bulk.preview.first': 'First rows',
  'bulk.confirm': 'Add {count, plural, one {# user} other {# users}}',
  'bulk.progress': 'Adding users to {name}: {done} of {total} ({percent} %).',
  'bulk.done.title':
    'Users for {name}: {created} created, {consent, plural, =0 {} other {# waiting for consent, }}{existed} already existed, {failed} failed',
  'bulk.done.failedRows': 'Failed rows:',
  'bulk.report.part': 'Report, part {part} of {parts}:',
  'bulk.row.created': 'line {line}: {email} created',
  'bulk.row.existed': 'line {line}: {email} already existed',
  'bulk.row.failed': 'line {line}: {email} failed: {reason}',
  'bulk.noFreeNumber': '{location} has no free number left for this row: add numbers with `add numbers`, or write one.',
  'bulk.unknownRole': 'Webex has no administrator role “{role}”; its roles: {roles}.',
  'bulk.row.createdRoleFailed': 'line {line}: {email} created, but the role could not be given: {reason}',
  'bulk.row.awaitingConsent':
    'line {line}: {email} waits for the user’s consent (a free Webex account; Webex emailed them to accept the move). To send it again: `resend consent {email} {externalId}`',
  'bulk.row.awaitingConsentRole': '; I will give their administrator role once they have consented',
  'bulk.consentWait':
    '{count, plural, one {# user waits} other {# users wait}} for their consent before I can give their role; I will write here as each one is given. To stop waiting (the users stay, without the role): `cancel`.',
  'bulk.consentedRole': 'line {line}: {email} has consented and is provisioned; their administrator role is given.',
  'bulk.consentedRoleFailed':
    'line {line}: {email} has consented and is provisioned, but their administrator role could not be given: {reason}',
  'bulk.consentDone':
    'Every user of the batch for {name} who waited for consent has consented; their roles are settled.',
  'bulk.row.roleUnread':
    'The user could not be read again afterwards, and a failed change may still have altered them: check their roles, extension and location in Control Hub.',
  'bulk.following':
    'Every row of {name} is sent; Webex is still provisioning {count, plural, one {# user} other {# users}}. I will post the report when it has finished.',
  'bulk.cancelled': 'No users were added.',
} as const;

export type MessageId = keyof typeof en;
export type Locale = 'en' | 'de';

const de = {
  'help.title': 'Wholesale-Onboarding-Bot',
  'help.intro':
    'Ich führe in diesem Bereich das Webex-Wholesale-Kunden-Onboarding durch. Schreiben Sie einen dieser Befehle:',
  'help.groupNote': 'Erwähnen Sie mich in einem Gruppenbereich zuerst, z. B. `@{botName} help`.',
  'help.fallback': 'Befehle, die ich verstehe:',
  'command.help.usage': 'help',
  'command.help.summary': 'Diese Liste der Befehle anzeigen.',
  'reply.unknownCommand': 'Ich habe „{text}“ nicht verstanden. Schreiben Sie `help`, um zu sehen, was ich kann.',
  'reply.emptyCommand': 'Ja? Schreiben Sie `help`, um zu sehen, was ich kann.',
  'reply.cardInactive': 'Diese Karte ist nicht mehr aktiv. Es wurde nichts geändert.',
  'reply.late': '_Nach einer Pause beantwortet:_ „{text}“',
  'reply.internalError':
    'Bei mir ist etwas schiefgegangen, und es wurde nichts geändert. Bitte versuchen Sie es erneut; wenn es wieder passiert, wenden Sie sich an den Betreiber des Bots (Referenz {reference}).',
  'command.createTemplate.usage': 'create template',
  'command.createTemplate.summary':
    'Eine Onboarding-Vorlage Schritt für Schritt anlegen. Jeder Kunde wird mit einer bereitgestellt.',
  'command.templates.usage': 'templates',
  'command.templates.summary': 'Die Onboarding-Vorlagen und ihre Provisioning-IDs auflisten.',
  'command.template.usage': 'template <Name>',
  'command.template.summary': 'Eine Onboarding-Vorlage anzeigen.',
  'command.cancel.usage': 'cancel',
  'command.cancel.summary': 'Beenden, was Sie in diesem Bereich begonnen haben; es wird nichts mehr gespeichert.',
  'command.language.usage': 'sprache <de|en>',
  'command.language.summary': 'Die Sprache, in der ich in diesem Bereich schreibe (Deutsch oder Englisch), ab jetzt.',
  'language.current': 'Ich schreibe in diesem Bereich auf Deutsch. Schreiben Sie `sprache en` für Englisch.',
  'language.set': 'Ab jetzt schreibe ich in diesem Bereich auf Deutsch.',
  'language.unknown': 'Ich schreibe auf Deutsch (`de`) oder Englisch (`en`), nicht „{given}“.',
  'reply.notYourCard': 'Diese Karte gehört {owner}; nur diese Person kann sie beantworten.',
  'reply.procedureRestart':
    'Diese(r) {procedure} wurde mit einer älteren Version des Bots begonnen und kann nicht fortgesetzt werden. Es wurde nichts gespeichert; bitte beginnen Sie neu mit `{command}`.',
  'reply.alreadyRunning':
    'Sie haben in diesem Bereich bereits eine(n) {procedure} offen. Machen Sie auf der Karte unten weiter, oder schreiben Sie `cancel`, um abzubrechen.',
  'reply.nothingToCancel': 'Bei Ihnen läuft in diesem Bereich nichts.',
  'reply.scopeMissing':
    '`{command}` ist abgeschaltet: Den Partner-Zugangsdaten des Bots fehlt der Scope `{scope}`, den der Befehl braucht. Bitten Sie Ihren Bot-Betreiber, die Integration mit diesem Scope erneut zu autorisieren und den Bot neu zu starten.',
  'reply.welcome':
    'Hallo, ich bin {name}. Ich führe in diesem Bereich das Onboarding von Webex-Wholesale-Kunden: Vorlagen, Kunden, Benutzer und ihr Status. Erwähnen Sie mich mit einem Befehl; das kann ich:',
  'reply.welcomeDirect':
    'Hallo, ich bin {name}. Ich führe das Onboarding von Webex-Wholesale-Kunden: Vorlagen, Kunden, Benutzer und ihr Status. Schreiben Sie `help`, um zu sehen, was ich kann.',
  'procedure.template': 'Onboarding-Vorlage',
  'action.next': 'Weiter',
  'action.back': 'Zurück',
  'action.cancel': 'Abbrechen',
  'action.edit': '{section} bearbeiten',
  'action.submit': 'Absenden',
  'action.save': 'Speichern',
  'field.required': 'Pflichtfeld.',
  'field.tooLong': 'Zu lang; bitte kürzen.',
  'field.email': 'Geben Sie eine E-Mail-Adresse wie name@example.com ein.',
  'field.country': 'Wählen Sie ein Land oder eine Region aus der Liste.',
  'field.language': 'Wählen Sie eine Sprache aus der Liste.',
  'field.choice': 'Wählen Sie eine der Optionen.',
  'field.subscriptionId':
    'Geben Sie die Abonnement-ID so ein, wie Partner Hub sie zeigt, z. B. Sub100448 (Buchstaben, Ziffern und Bindestriche).',
  'field.uri': 'Geben Sie eine URI wie https://idp.example.com/saml ein.',
  'field.provisioningId':
    'Das ist keine Provisioning-ID. Öffnen Sie die Vorlage in Partner Hub und kopieren Sie ihre Provisioning-ID; sie sieht aus wie ZjViMzYxODctYzhk….',
  'field.unknownSubscription': 'Partner Hub kennt kein Wholesale-Abonnement mit dieser ID.',
  'form.fixErrors': 'Einige Antworten müssen geändert werden; siehe die Hinweise unter den Feldern.',
  'template.step': 'Onboarding-Vorlage · Schritt {step} von {total}',
  'template.basics.title': 'Grundeinstellungen',
  'template.name': 'Name der Vorlage',
  'template.name.taken': 'Eine Vorlage namens „{name}“ gibt es bereits; wählen Sie einen anderen Namen.',
  'template.adminEmail': 'Administrator des Dienstanbieters (E-Mail)',
  'template.country': 'Land oder Region',
  'template.emailLanguage': 'Standardsprache für E-Mails',
  'template.subscriptionId': 'Wholesale-Abonnement-ID',
  'template.access.title': 'Telefonie und Authentifizierung',
  'template.pstnProvider': 'Cloud-Connected-PSTN-Anbieter (optional)',
  'template.pstnWarning':
    '⚠ Nicht empfohlen: Diese optionale Einstellung hat Einschränkungen. Lassen Sie sie leer, wenn Sie sie nicht sicher brauchen.',
  'template.authMethod': 'Authentifizierungsmethode',
  'template.auth.webex': 'Webex-Authentifizierung (Webex Common Identity ist der IdP; Standard)',
  'template.auth.partner': 'Partner-Authentifizierung (Ihr eigener SAML-Identitätsanbieter)',
  'template.idpEntityId': 'IdP-Entity-ID (nur Partner-Authentifizierung)',
  'template.settings.title': 'Allgemeine und Telefonie-Einstellungen',
  'template.welcomeAdmins': 'Willkommens-E-Mail an Kundenadministratoren senden',
  'template.welcomeUsers': 'Willkommens-E-Mail an neue Benutzer senden',
  'template.extensionLength': 'Länge der Durchwahl (Ziffern)',
  'template.internationalCalls': 'Auslandsgespräche',
  'template.international.allow': 'Erlaubt',
  'template.international.block': 'Gesperrt',
  'template.summary.title': 'Onboarding-Vorlage prüfen',
  'template.summary.intro': 'Ändern Sie einen Abschnitt mit seiner Schaltfläche „bearbeiten“ und senden Sie dann ab.',
  'template.section.basics': 'Grundeinstellungen',
  'template.section.access': 'Telefonie und Authentifizierung',
  'template.section.settings': 'Einstellungen',
  'template.none': 'keine',
  'template.yes': 'ja',
  'template.no': 'nein',
  'template.pasteId.title': 'Provisioning-ID',
  'template.pasteId.intro':
    'Legen Sie diese Vorlage in Partner Hub an (Kunden › Onboarding-Vorlagen › Vorlage erstellen), mit den eben bestätigten Einstellungen, öffnen Sie sie und fügen Sie hier ihre Provisioning-ID ein.',
  'template.provisioningId': 'Provisioning-ID',
  'template.partnerHubFailed':
    'Partner Hub hat nicht geantwortet, daher wurde die Vorlage nicht angelegt. Drücken Sie „Absenden“, um es erneut zu versuchen.',
  'template.saveFailed':
    'Die Vorlage konnte nicht gespeichert werden. Drücken Sie „Absenden“, um es erneut zu versuchen.',
  'template.done.title': 'Onboarding-Vorlage „{name}“ ist bereit',
  'template.done.intro': 'Kunden können jetzt damit bereitgestellt werden. Ihre Provisioning-ID:',
  'template.cancelled': 'Die Onboarding-Vorlage wurde nicht angelegt.',
  'templates.title': 'Onboarding-Vorlagen',
  'templates.none': 'Es gibt noch keine Onboarding-Vorlagen. Schreiben Sie `create template`, um eine anzulegen.',
  'templates.notFound':
    'Es gibt keine Onboarding-Vorlage namens „{name}“. Schreiben Sie `templates`, um alle zu sehen.',
  'templates.missingName': 'Welche Vorlage? Schreiben Sie `template <Name>`.',
  'template.createdBy': 'Angelegt von',
  'command.createCustomer.usage': 'create customer',
  'command.createCustomer.summary':
    'Eine neue Wholesale-Kundenorganisation mit einer Onboarding-Vorlage bereitstellen und bis zum Ende verfolgen.',
  'procedure.customer': 'Kundenanlage',
  'package.webex_calling': 'Webex Calling',
  'package.webex_calling_standard': 'Webex Calling Standard',
  'package.webex_voice': 'Webex Voice',
  'package.webex_suite': 'Webex Suite (Telefonie und Meetings)',
  'package.webex_meetings': 'Webex Meetings',
  'package.common_area_calling': 'Common Area Calling',
  'package.cx_essentials': 'Customer Assist',
  'package.attendant_console': 'Attendant Console (Zusatz)',
  'package.cisco_calling_plan': 'Cisco Calling Plan (Zusatz)',
  'package.cx_premium_agent': 'Contact Center Premium Agent (Paket)',
  'package.cx_standard_agent': 'Contact Center Standard Agent (Paket)',
  'package.cx_voice_ports': 'Contact Center Voice Ports (Paket)',
  'package.cx_ai_assistant': 'Contact Center AI Assistant (Paket)',
  'package.webex_ai_agent': 'Webex AI Agent (Paket)',
  'customer.step': 'Neuer Kunde · Schritt {step} von {total}',
  'customer.noTemplates':
    'Es gibt noch keine Onboarding-Vorlage, und ohne sie kann kein Kunde bereitgestellt werden. Schreiben Sie zuerst `create template`.',
  'customer.company.title': 'Unternehmen',
  'customer.template': 'Onboarding-Vorlage',
  'customer.chooseTemplate': 'Wählen Sie eine Onboarding-Vorlage.',
  'customer.companyName': 'Firmenname',
  'customer.adminEmail': 'Administrator des Kunden (E-Mail)',
  'customer.externalId': 'Externe Kunden-ID (ID in Ihrem System)',
  'customer.externalIdFormat':
    'Verwenden Sie 1 bis 64 Buchstaben, Ziffern, Punkte, Binde- und Unterstriche oder Doppelpunkte, beginnend mit einem Buchstaben oder einer Ziffer.',
  'customer.externalIdInFlight':
    'Ein Kunde mit dieser externen ID wird bereits von {owner} in einem anderen Bereich angelegt: {link}',
  'customer.externalIdExists': 'Webex hat bereits einen Kunden mit dieser externen ID.',
  'customer.adminEmailTaken':
    'Diese E-Mail-Adresse gehört bereits zu einem Webex-Benutzer; verwenden Sie eine andere Administrator-Adresse.',
  'customer.country': 'Land des Hauptsitzes',
  'customer.countryUnsupported':
    'Webex Wholesale wird in diesem Land nicht angeboten, daher kann der Kunde dort nicht bereitgestellt werden. Wählen Sie das Land, in dem der Hauptsitz tatsächlich liegt.',
  'customer.confirm.title': 'Standort des Hauptsitzes',
  'customer.confirm.text': 'Der Hauptsitz des Kunden liegt in {country}. Webex Wholesale wird dort angeboten.',
  'customer.hqConfirmed':
    'Ich bestätige, dass der Hauptsitz des Kunden in {country} liegt, einem von Webex unterstützten Standort.',
  'customer.hqConfirmRequired': 'Bestätigen Sie den Standort des Hauptsitzes, um fortzufahren.',
  'customer.packages.title': 'Pakete und Zusatzoptionen',
  'customer.packages': 'Pakete',
  'customer.addOns': 'Zusatzoptionen (optional)',
  'customer.packagesRequired': 'Wählen Sie mindestens ein Paket.',
  'customer.addOnNeeds.attendant_console':
    'Attendant Console setzt Webex Calling, Webex Suite oder Customer Assist voraus.',
  'customer.addOnNeeds.cisco_calling_plan': 'Cisco Calling Plan setzt ein Paket mit Telefonie voraus.',
  'customer.hq.title': 'Standort des Hauptsitzes (HQ)',
  'customer.hq.callingNote':
    'Ein Paket mit Telefonie ist gewählt, daher ist dies auch der erste Webex-Calling-Standort.',
  'customer.locationName': 'Name des Standorts',
  'customer.addressLine1': 'Adresszeile 1',
  'customer.addressLine2': 'Adresszeile 2 (optional)',
  'customer.city': 'Ort',
  'customer.stateOrProvince': 'Bundesland oder Provinz (wo erforderlich)',
  'customer.postalCode': 'Postleitzahl (wo erforderlich)',
  'customer.timeZone': 'Zeitzone',
  'customer.timeZoneInvalid': 'Geben Sie eine Zeitzone wie Europe/Berlin oder America/New_York ein.',
  'customer.companyNamePercent': 'Webex nimmt kein %-Zeichen im Namen eines Kunden an.',
  'customer.stateRequired': 'Webex braucht für eine Adresse in diesem Land das Bundesland bzw. die Provinz.',
  'customer.timeZoneOfCountry': 'Wählen Sie eine der angebotenen Zeitzonen, die des Landes ({country}).',
  'customer.locationLanguage': 'Sprache des Standorts (Ansagen)',
  'customer.elin': 'Notruf-Standortkennung (optional; Buchstaben, Ziffern, Bindestriche, höchstens 32)',
  'customer.summary.title': 'Neuen Kunden prüfen',
  'customer.summary.intro':
    'Ändern Sie einen Abschnitt mit seiner Schaltfläche „bearbeiten“. „Anlegen“ führt zuerst die Vorprüfung von Webex aus und legt nichts an, wenn sie scheitert.',
  'customer.section.company': 'Unternehmen',
  'customer.section.packages': 'Pakete',
  'customer.section.hq': 'HQ-Standort',
  'action.create': 'Anlegen',
  'customer.precheck.address': 'Webex konnte diese Adresse nicht bestätigen: {reason}',
  'customer.precheck.failed': 'Die Vorprüfung von Webex hat den Kunden abgelehnt: {reason}',
  'customer.createFailed':
    'Der Kunde konnte nicht angelegt werden: {reason}. Es wurde nichts bereitgestellt; drücken Sie „Anlegen“, um es erneut zu versuchen.',
  'customer.unreachable':
    'Die Wholesale-API hat nicht geantwortet. Es wurde nichts angelegt; drücken Sie „Anlegen“, um es erneut zu versuchen.',
  'customer.credentialsGone':
    'Die Partner-Zugangsdaten des Bots funktionieren nicht mehr, daher erreicht er die Wholesale-API nicht. Es wurde nichts angelegt; drücken Sie erneut „Anlegen“, sobald Ihr Bot-Betreiber sie erneuert hat.',
  'customer.creating': 'Vorprüfung bestanden. **{name}** wird angelegt (externe ID `{externalId}`) …',
  'customer.provisioning':
    'Die Bereitstellung von **{name}** hat begonnen (externe ID `{externalId}`, Pakete: {packages}). Ich melde mich hier, wenn sie abgeschlossen ist.',
  'customer.provisioned.title': '{name} ist bereitgestellt',
  'customer.provisionedWithErrors.title': '{name} ist bereitgestellt, mit Fehlern',
  'customer.failed.title': 'Die Bereitstellung von {name} ist fehlgeschlagen',
  'customer.packageState': '{status}',
  'customer.packageError': '{status}: {reason}',
  'customer.nextSteps':
    'Als Nächstes: Benutzer und Standorte zum Kunden hinzufügen. Optional können Sie in Partner Hub eine Wholesale-Setup-Assist-Anfrage senden, um Hilfe bei der Einrichtung zu erhalten.',
  'customer.failedNextSteps':
    'Von selbst passiert nichts weiter. Prüfen Sie die Gründe oben, klären Sie sie mit dem Kunden, löschen Sie den Kunden dann in Partner Hub und führen Sie `create customer` erneut aus.',
  'customer.cancelled': 'Der Kunde wurde nicht angelegt.',
  'customer.status.provisioned': 'bereitgestellt',
  'customer.status.provisioning': 'wird bereitgestellt',
  'customer.status.error': 'fehlgeschlagen',
  'customer.status.offboarded': 'offboardet',
  'customer.status.gone': 'nicht mehr vorhanden (außerhalb dieses Bots gelöscht)',
  'customer.status.held': 'zur Compliance-Prüfung bei Cisco angehalten',
  'customer.held':
    '⏸ **{name}** (externe ID `{externalId}`) ist zur Compliance-Prüfung bei Cisco angehalten (die Prüfung gegen die Denied Party List, die jeder neue Kunde durchläuft). Mit der Anfrage ist nichts falsch und nichts ging verloren: Die Bereitstellung geht von selbst weiter, sobald Cisco den Kunden freigibt; das kann einige Tage dauern. Ich schaue alle {minutes} Minuten nach und melde mich hier. Was Sie tun können: Prüfen Sie, ob Firmenname und Adresse genau die rechtlichen Angaben des Kunden sind; ist er nach zwei Werktagen noch angehalten, fragen Sie Ihren Cisco-Partnerkontakt (oder eröffnen Sie einen Fall in Partner Hub) nach der Compliance-Prüfung von `{externalId}`.',
  'customer.heldLong':
    '⏸ **{name}** (`{externalId}`) ist seit {since} zur Compliance-Prüfung bei Cisco angehalten. Ich schaue weiter alle {minutes} Minuten nach. Fragen Sie Ihren Cisco-Partnerkontakt (oder eröffnen Sie einen Fall in Partner Hub) nach der Compliance-Prüfung von `{externalId}`.',
  'customer.heldNote':
    'Zur Compliance-Prüfung bei Cisco angehalten (Prüfung gegen die Denied Party List): Die Bereitstellung geht von selbst weiter, sobald Cisco den Kunden freigibt; das kann Tage dauern. Dauert es länger als zwei Werktage, fragen Sie Ihren Cisco-Partnerkontakt oder eröffnen Sie einen Fall in Partner Hub.',
  'customer.heldInFlight': '{name} (`{externalId}`) seit {since} zur Compliance-Prüfung bei Cisco angehalten',
  'customer.heldAlert':
    '⏸ **{name}** (`{externalId}`, gestartet von {who}) ist seit {since} zur Compliance-Prüfung bei Cisco angehalten (Prüfung gegen die Denied Party List), über einen Tag. Nichts ist fehlgeschlagen; es geht weiter, sobald Cisco freigibt. Nachsehen: `status {externalId}`. Beschleunigen: Ihren Cisco-Partnerkontakt fragen oder einen Fall in Partner Hub eröffnen.',
  'customer.externalIdLabel': 'Externe ID',
  'customer.orgId': 'Organisations-ID',
  'access.outsider':
    'Entschuldigung, {email}, Sie stehen nicht auf der Liste der Partner-Administratoren, Genehmigenden oder Lesenden dieses Bots. Bitten Sie {contact}, Sie aufzunehmen.',
  'access.domain':
    'Entschuldigung, {email}, dieser Bot arbeitet nur für Personen von {domains}. Wenden Sie sich an {contact}, wenn Sie Zugang brauchen.',
  'access.role':
    'Entschuldigung, {email}, Sie dürfen Status und Verlauf abfragen, aber nur Partner-Administratoren können dies starten. Wenden Sie sich bei Bedarf an {contact}.',
  'command.status.usage': 'status [Kunde]',
  'command.status.summary':
    'Bereitstellungsstand eines Kunden je Paket (Name oder externe ID), oder ohne Namen: alles, was gerade läuft.',
  'command.history.usage': 'history <Kunde>',
  'command.history.summary': 'Was mit einem Kunden geschah, das Neueste zuerst.',
  'command.customers.usage': 'customers [Stand | Paket | Name]',
  'command.customers.summary':
    'Die Kunden des Partners, wie zuletzt von Webex gelesen: Anzahl je Stand, dann 25 pro Karte, gefiltert nach Stand, Paket oder Name.',
  'status.missing':
    'Welcher Kunde? Schreiben Sie `status <Name oder externe ID>`, oder `status` für alles, was gerade läuft.',
  'status.none': 'Kein Kunde passt zu „{query}“.',
  'status.didYouMean': 'Meinten Sie: {names}?',
  'status.several': '„{query}“ passt zu {count} Kunden. Welcher?',
  'status.tooMany': 'Schreiben Sie die externe ID, um einen auszuwählen.',
  'status.title': '{name}',
  'status.state': 'Stand',
  'status.checked': 'Geprüft',
  'status.stale': 'Die Wholesale-API hat nicht geantwortet; dies ist der Stand vom {time}.',
  'status.createdBy': 'Angelegt von',
  'status.lastError': 'Letzter Fehler',
  'status.users': 'Benutzer',
  'status.usersProvisioning': 'Benutzer noch in Einrichtung',
  'status.usersAwaitingConsent': 'Benutzer, die noch zustimmen müssen (kostenloses Webex-Konto)',
  'status.usersProvisioningLine': '{count}: {emails}{more, plural, =0 {} other { und # weitere}}',
  'status.locations': 'Standorte',
  'status.pendingApproval': 'Wartet auf Freigabe',
  'status.pendingApprovalLine': '{subject}: {count} von {required}, offen bis {until}',
  'status.creationPending':
    'Eine Anfrage, {subject} anzulegen, wartet auf Freigabe ({count} von {required}, offen bis {until}).',
  'status.inFlight.title': 'Läuft gerade',
  'status.inFlight.none': 'Es läuft gerade nichts.',
  'status.inFlight.line': '{procedure} von {who}, seit {since}: {step}',
  'status.inFlight.customer': '{name} (`{externalId}`) wird seit {since} bereitgestellt',
  'customers.title': 'Kunden',
  'customers.outside': 'außerhalb dieses Bots angelegt',
  'customers.page': 'Seite {page} von {pages}, {count, plural, one {# Kunde} other {# Kunden}}',
  'customers.state.provisioned': 'bereitgestellt',
  'customers.state.provisioning': 'in Bereitstellung',
  'customers.state.hold': 'Compliance-Prüfung',
  'customers.state.error': 'Fehler',
  'customers.state.offboarded': 'offboardet',
  'customers.state.gone': 'nicht mehr vorhanden',
  'customers.filter.state': 'Nur die im Stand „{state}“. Schreiben Sie `customers` für alle.',
  'customers.filter.package': 'Nur die mit dem Paket {package}. Schreiben Sie `customers` für alle.',
  'customers.filter.text': 'Nur die, deren Name oder externe ID „{text}“ enthält. Schreiben Sie `customers` für alle.',
  'customers.noMatch':
    'Kein Kunde passt. Versuchen Sie einen Stand (`customers error`), ein Paket oder einen Teil eines Namens.',
  'customers.lastRead': 'Kundenliste von Webex zuletzt gelesen {at}; `sync customers` liest sie jetzt.',
  'customers.notRead':
    'Seit meinem Start habe ich die Kundenliste von Webex nicht gelesen; `sync customers` liest sie jetzt.',
  'customers.show': '{state} ({count})',
  'customers.newer': 'Neuere',
  'customers.older': 'Ältere',
  'customers.synced':
    '{listed, plural, one {# Kunde} other {# Kunden}} von Webex gelesen: {adopted} neu für mich (außerhalb dieses Bots angelegt), {changed} geändert, {gone} nicht mehr vorhanden.',
  'customers.syncFailed':
    'Ich konnte die Kundenliste nicht von Webex lesen ({reason}). Versuchen Sie es in einigen Minuten erneut.',
  'command.syncCustomers.usage': 'sync customers',
  'command.syncCustomers.summary':
    'Jetzt alle Kunden von Webex lesen, auch die außerhalb dieses Bots angelegten (das tue ich auch regelmäßig).',
  'procedure.packages': 'Paketänderung',
  'procedure.offboard': 'Offboarding',
  'procedure.userChange': 'Benutzeränderung',
  'command.changePackages.usage': 'change packages <Kunde>',
  'command.changePackages.summary':
    'Pakete und Add-ons eines Kunden ändern; abgelehnt, solange Benutzer ein zu entfernendes Paket haben.',
  'packages.title': 'Pakete von {name}',
  'packages.intro': 'Jetzt: {current}. Wählen Sie, was der Kunde ab jetzt haben soll.',
  'packages.now': 'Jetzt',
  'packages.added': 'Hinzu',
  'packages.removed': 'Entfernt',
  'packages.summaryTitle': 'Pakete von {name} ändern?',
  'packages.confirm': 'Pakete ändern',
  'packages.subject': 'Paketänderung für {name}',
  'packages.unchanged': 'Das hat der Kunde schon; ändern Sie etwas oder brechen Sie ab.',
  'packages.locationTitle': 'Erster Calling-Standort von {name}',
  'packages.locationIntro':
    'Calling kommt zu einem Kunden ohne Calling hinzu: Webex legt mit der Änderung diesen Calling-Standort an.',
  'packages.timeZoneTitle': 'Meetings-Zeitzone von {name}',
  'packages.timeZoneIntro': 'Meetings kommen hinzu: Webex richtet die Meetings des Kunden in dieser Zeitzone ein.',
  'packages.callingLocation': 'Calling-Standort',
  'packages.held':
    '{package} kann nicht entfernt werden: {count, plural, one {# Benutzer hat} other {# Benutzer haben}} es. Ändern oder entfernen Sie diese Benutzer zuerst.',
  'packages.updating': 'Die Paketänderung für {name} ist an Webex gegangen; ich melde mich, wenn sie fertig ist.',
  'packages.done': '✅ Die Pakete von {name} sind geändert und bereitgestellt.',
  'packages.failedEnd':
    '❌ Die Paketänderung für {name} endete als {status}: {reasons}. Schreiben Sie `status {externalId}` zum Nachsehen und `change packages {externalId}` für einen neuen Versuch.',
  'packages.failed':
    'Webex hat die Änderung abgelehnt: {reason}. Es wurde nichts geändert; drücken Sie „Pakete ändern“ für einen neuen Versuch.',
  'packages.rejected': 'Abgelehnt von {email}: {reason}. Es wurde nichts geändert.',
  'packages.cancelled': 'Paketänderung abgebrochen. Es wurde nichts geändert.',
  'command.offboardCustomer.usage': 'offboard customer <Kunde>',
  'command.offboardCustomer.summary':
    'Einen Kunden aus Webex Wholesale entfernen (seine Organisation bleibt), nach Eingabe seiner externen ID (und den Genehmigungen, die die Richtlinie verlangt).',
  'offboard.title': '{name} offboarden?',
  'offboard.warning':
    'Dies entfernt den Kunden aus Webex Wholesale: Webex beendet die Zuordnung zwischen dem Wholesale-Kunden und seiner Webex-Organisation und damit die Wholesale-Pakete. Die Organisation wird nicht gelöscht (ein Partner kann sie nicht löschen): Ihre Benutzer und Standorte, unten gezählt, bleiben in Webex. Es kann nicht rückgängig gemacht werden.',
  'offboard.unknown': 'unbekannt (Webex hat nicht geantwortet)',
  'offboard.typeId': 'Geben Sie zur Bestätigung die externe ID ({externalId}) ein',
  'offboard.wrongId': 'Das ist nicht die externe ID dieses Kunden; geben Sie sie genau wie angezeigt ein.',
  'offboard.confirm': 'Offboarden',
  'offboard.subject': 'Offboarding von {name}',
  'offboard.deleting': 'Webex löscht {name}; ich melde mich, wenn der Kunde weg ist.',
  'offboard.done':
    '✅ {name} ({externalId}) ist offboardet: Webex führt ihn nicht mehr als Wholesale-Kunden. Seine Organisation, Benutzer und Standorte bleiben in Webex. Sein Verlauf bleibt hier.',
  'offboard.failedEnd':
    '❌ Das Löschen von {name} endete als {status}, nicht gelöscht. Schreiben Sie `status {externalId}` zum Nachsehen und `offboard customer {externalId}` für einen neuen Versuch.',
  'offboard.failed':
    'Webex hat das Löschen abgelehnt: {reason}. Es wurde nichts gelöscht; drücken Sie „Offboarden“ für einen neuen Versuch.',
  'offboard.rejected': 'Abgelehnt von {email}: {reason}. Es wurde nichts gelöscht.',
  'offboard.cancelled': 'Offboarding abgebrochen. Es wurde nichts gelöscht.',
  'offboard.notPossible': '{name} ({externalId}) ist {status}; es gibt nichts zu offboarden.',
  'command.changeUser.usage': 'change user <E-Mail> <Kunde>',
  'command.changeUser.summary':
    'Einem Benutzer eines Kunden ein anderes Paket geben; der Administrator des Kunden behält dessen Stufe.',
  'command.removeUser.usage': 'remove user <E-Mail> <Kunde>',
  'command.removeUser.summary': 'Einen Benutzer von einem Kunden entfernen (nicht dessen Administrator).',
  'userChange.missing': 'Welcher Benutzer welches Kunden? Schreiben Sie `{command} <E-Mail> <Kunde>`.',
  'userChange.noUser': '{name} hat keinen Benutzer {email}.',
  'userChange.adminRemove':
    '{email} ist der Administrator von {name} und kann nicht entfernt werden; der Kunde braucht seinen Administrator.',
  'userChange.title': '{email} ändern ({name})',
  'userChange.removeTitle': '{email} von {name} entfernen?',
  'userChange.customer': 'Kunde',
  'userChange.packageNow': 'Paket jetzt',
  'userChange.packageNew': 'Neues Paket',
  'userChange.samePackage': 'Der Benutzer hat dieses Paket schon; wählen Sie ein anderes.',
  'userChange.change': 'Benutzer ändern',
  'userChange.remove': 'Benutzer entfernen',
  'userChange.subject': 'Paketänderung von {email} ({name})',
  'userChange.removeSubject': 'Entfernen von {email} aus {name}',
  'userChange.changed': '✅ {email} ({name}) hat jetzt {package}.',
  'userChange.removed':
    '✅ {email} ist kein Wholesale-Abonnent von {name} mehr: Das Paket endet; die Person bleibt in der Organisation des Kunden.',
  'userChange.failed':
    'Webex hat abgelehnt: {reason}. Es wurde nichts geändert; drücken Sie die Schaltfläche für einen neuen Versuch.',
  'userChange.rejected': 'Abgelehnt von {email}: {reason}. Es wurde nichts geändert.',
  'userChange.cancelled': 'Abgebrochen. Es wurde nichts geändert.',
  'procedure.templateAdd': 'Vorlagenregistrierung',
  'command.addTemplate.usage': 'add template <Name>',
  'command.addTemplate.summary':
    'Eine in Partner Hub angelegte Onboarding-Vorlage über ihre Provisioning-ID registrieren, um Kunden damit anzulegen.',
  'command.removeTemplate.usage': 'remove template <Name>',
  'command.removeTemplate.summary':
    'Eine Onboarding-Vorlage aus diesem Bot entfernen (nicht aus Partner Hub); abgelehnt, solange eine Kundenanlage sie verwendet.',
  'templateAdd.title': 'Vorlage {name} registrieren',
  'templateAdd.intro':
    'Fügen Sie die Provisioning-ID ein, die Partner Hub für die Vorlage zeigt, und sagen Sie, wofür sie ist. Ihre übrigen Einstellungen bleiben in Partner Hub.',
  'templateAdd.provisioningId': 'Provisioning-ID',
  'templateAdd.save': 'Vorlage registrieren',
  'templateAdd.done': '✅ Die Vorlage {name} ist registriert. `create customer` bietet sie jetzt an.',
  'templateAdd.cancelled': 'Registrierung abgebrochen. Es wurde nichts gespeichert.',
  'templateAdd.failed': 'Die Vorlage konnte nicht gespeichert werden; bitte drücken Sie erneut „Vorlage registrieren“.',
  'templateAdd.origin': 'Einstellungen',
  'templateAdd.originValue': 'in Partner Hub (über die Provisioning-ID registriert)',
  'templateRemove.inUse':
    '{name} kann nicht entfernt werden: {who} legt gerade einen Kunden damit an. Versuchen Sie es danach erneut.',
  'templateRemove.done': 'Die Vorlage {name} ist aus diesem Bot entfernt. In Partner Hub besteht sie weiter.',
  'procedure.templateRemove': 'Vorlagenentfernung',
  'templateRemove.subject': 'Entfernen der Vorlage {name}',
  'templateRemove.stopped': 'Die Vorlage {name} wurde nicht entfernt.',
  'templateRemove.rejected': 'Abgelehnt von {email}: {reason}. Die Vorlage wurde nicht entfernt.',
  'customers.none': 'Der Partner hat noch keine Kunden. Schreiben Sie `create customer`, um zu beginnen.',
  'history.title': 'Verlauf von {name}',
  'history.none': 'Für {name} ist nichts aufgezeichnet.',
  'history.more': 'Älter',
  'history.page': 'Seite {page} von {pages}',
  'alert.customerFailed':
    '⚠️ Die Bereitstellung von **{name}** (`{externalId}`, gestartet von {who}) ist fehlgeschlagen: {reasons}. Nachsehen: `status {externalId}`. Erneut versuchen: die Ursache mit dem Kunden beheben, den Kunden in Partner Hub löschen, dann `create customer`.',
  'alert.customerWithErrors':
    '⚠️ **{name}** (`{externalId}`, gestartet von {who}) wurde mit Fehlern bereitgestellt: {reasons}. Nachsehen: `status {externalId}`. Die übrigen Pakete funktionieren; beheben Sie die fehlgeschlagenen in Partner Hub oder mit dem Cisco-Support.',
  'alert.partnerCredentialsGone':
    '⚠️ **Die Partner-Zugangsdaten funktionieren nicht mehr:** Webex hat sie abgelehnt, daher schlägt jeder Aufruf der Wholesale-API fehl, bis sie erneuert sind. Zur Behebung: Eine Partner-Volladministratorin oder ein Partner-Volladministrator autorisiert die Integration erneut; das neue Refresh-Token in `PARTNER_REFRESH_TOKEN` (oder ein neues Token in `PARTNER_TOKEN`) eintragen und den Bot neu starten. Bis dahin meldet `/readyz` `partner_credentials`.',
  'alert.partnerCredentialsBack':
    '✅ **Die Partner-Zugangsdaten funktionieren wieder:** Eine neue Autorisierung wurde gefunden; was auf sie gewartet hat, geht von selbst weiter.',
  'credentials.waiting':
    '⏸ **{subject} wartet auf die Partner-Zugangsdaten.** Sie funktionieren nicht mehr, daher erreicht der Bot die Wholesale-API nicht. Es geht nichts verloren: Es geht von selbst dort weiter, wo es angehalten hat, sobald der Bot-Betreiber sie erneuert und den Bot neu gestartet hat.',
  'credentials.waitingCancel': 'Schreiben Sie `cancel`, um es stattdessen zu beenden.',
  'alert.partnerTokenExpiring':
    '⚠️ **Das Partner-Token läuft um {time} ab**; danach schlägt jeder Aufruf der Wholesale-API fehl. Zur Behebung: ein neues Token in `PARTNER_TOKEN` eintragen und den Bot neu starten, oder besser eine Integration einrichten (`PARTNER_CLIENT_ID`, `PARTNER_CLIENT_SECRET`, `PARTNER_REFRESH_TOKEN`), deren Tokens der Bot selbst erneuert.',
  'alert.partnerRefreshTokenExpiring':
    '⚠️ **Das Refresh-Token der Integration läuft um {time} ab**, und Webex hat es nicht erneuert; danach schlägt jeder Aufruf der Wholesale-API fehl. Zur Behebung: Eine Partner-Volladministratorin oder ein Partner-Volladministrator autorisiert die Integration vorher erneut (`npm run authorize`); der Bot übernimmt sie bei einem Neustart oder von selbst, sobald das alte Token abgelaufen ist.',
  'approval.title': 'Genehmigung nötig: {subject}',
  'approval.requestedBy': 'Angefragt von',
  'approval.needs': 'Benötigt',
  'approval.needsValue': '{required, plural, one {# Genehmigung} other {# Genehmigungen}}, von {eligible}',
  'approval.expires': 'Offen bis',
  'approval.comment': 'Kommentar (optional)',
  'approval.approve': 'Genehmigen',
  'approval.reject': 'Ablehnen',
  'approval.sent':
    'Zur Genehmigung gesendet: {subject}. Benötigt {required, plural, one {# Genehmigung} other {# Genehmigungen}} bis {expires}; ich melde das Ergebnis hier.',
  'approval.voteCounted': '{email} hat genehmigt ({count} von {required}).',
  'approval.approved': '✅ Genehmigt: {subject} ({count} von {required}). {requester}, es geht jetzt weiter.',
  'approval.rejected': '❌ Abgelehnt von {email}: {subject}. Grund: {reason}',
  'approval.noReason': 'kein Grund angegeben',
  'approval.toRequesterApproved': '✅ Ihre Anfrage „{subject}“ wurde genehmigt. Es geht weiter.',
  'approval.toRequesterRejected':
    '❌ Ihre Anfrage „{subject}“ wurde von {email} abgelehnt. Grund: {reason}. Es wurde nichts angelegt.',
  'approval.expiredThread':
    '⌛ Diese Genehmigung ist am {time} ohne Entscheidung abgelaufen. Stimmen werden nicht mehr angenommen.',
  'approval.toRequesterExpired':
    '⌛ Ihre Anfrage „{subject}“ ist ohne genügend Genehmigungen abgelaufen. Es wurde nichts angelegt; drücken Sie „Anlegen“ in der Zusammenfassung, um erneut zu fragen.',
  'approval.escalation':
    '⌛ Eine Genehmigung ist ohne Entscheidung abgelaufen: „{subject}“, angefragt von {requester}, mit {count} von {required} Genehmigungen. Genehmigende: {eligible}.',
  'approval.reminder':
    '⏰ Erinnerung: „{subject}“ braucht noch {missing, plural, one {# Genehmigung} other {# Genehmigungen}}. Noch nicht abgestimmt: {who}.',
  'approval.refused.decided': 'Über diese Genehmigung wurde bereits entschieden; Ihre Stimme ändert nichts.',
  'approval.refused.expired': 'Diese Genehmigung ist abgelaufen oder wurde zurückgezogen; Ihre Stimme ändert nichts.',
  'approval.refused.notApprover':
    'Entschuldigung, {email}, Sie sind für diese Anfrage nicht genehmigungsberechtigt; Ihre Stimme zählt nicht.',
  'approval.refused.ownRequest': 'Entschuldigung, {email}, Sie können Ihre eigene Anfrage nicht genehmigen.',
  'approval.refused.alreadyVoted': '{email}, Sie haben hierüber bereits abgestimmt; jede Person stimmt einmal ab.',
  'approval.notEnoughApprovers':
    'Die Genehmigungsrichtlinie verlangt {required, plural, one {# Genehmigung} other {# Genehmigungen}}, nennt aber nur {eligible, plural, one {# Person, die sie geben könnte} other {# Personen, die sie geben könnten}}. Bitten Sie den Betreiber des Bots, die Richtlinie zu korrigieren.',
  'approval.waiting': 'Warte auf die Genehmigung von {subject}.',
  'approval.rejectedCard': 'Abgelehnt von {email}: {reason}. Es wurde nichts angelegt.',
  'approval.expiredNotice':
    'Die Genehmigung ist ohne Entscheidung abgelaufen. Drücken Sie „Anlegen“, um erneut zu fragen.',
  'command.approvals.usage': 'approvals',
  'command.approvals.summary': 'Die Genehmigungen, die auf Ihre Stimme warten, und Ihre eigenen offenen Anfragen.',
  'approvals.none': 'Nichts wartet auf Ihre Genehmigung, und Sie haben keine offenen Anfragen.',
  'approvals.title': 'Offene Genehmigungen',
  'approvals.line': '{count} von {required} Genehmigungen, angefragt von {requester}, offen bis {expires}{mine}',
  'approvals.yourVote': ' — Ihre Stimme wird erwartet',
  'command.addUser.usage': 'add user <Kunde>',
  'command.addUser.summary':
    'Einen Benutzer zu einem Kunden hinzufügen: Name, E-Mail, Paket, bei Telefonie ein Standort und eine Nummer oder Durchwahl.',
  'command.addLocation.usage': 'add location <Kunde>',
  'command.addLocation.summary': 'Einen Standort zu einem Kunden hinzufügen.',
  'command.enableCalling.usage': 'telefonie aktivieren <Standort> <Kunde>',
  'command.enableCalling.summary':
    'Einen Standort fertigstellen, bei dem das Aktivieren von Webex Calling in `add location` fehlschlug.',
  'command.addNumbers.usage': 'nummern hinzufügen <Kunde> <Standort> [Nummern]',
  'command.addNumbers.summary':
    'Rufnummern (E.164, nach dem Befehl geschrieben oder in einer angehängten CSV-Datei) zu einem Telefonie-Standort eines Kunden hinzufügen; zu jeder wird gemeldet: hinzugefügt, schon vorhanden oder abgelehnt.',
  'command.setupCustomer.usage': 'setup customer <Kunde>',
  'command.setupCustomer.summary': 'Was Sie einem Kunden hinzufügen können: Benutzer und Standorte.',
  'procedure.user': 'neuer Benutzer',
  'procedure.location': 'neuer Standort',
  'setup.missing': 'Welcher Kunde? Schreiben Sie `{command} <Name oder externe ID>`.',
  'setup.notReady':
    '{name} ist {status}, noch nicht bereitgestellt, daher kann noch nichts hinzugefügt werden. Schreiben Sie `status {externalId}`, um den Stand zu verfolgen.',
  'setup.title': '{name} einrichten',
  'setup.intro': 'Benutzer und Standorte zum Kunden hinzufügen.',
  'setup.addUser': 'Benutzer hinzufügen',
  'setup.addLocation': 'Standort hinzufügen',
  'setup.csv':
    'Viele Benutzer auf einmal: eine CSV-Datei an eine Nachricht `add users {externalId}` anhängen (Spalten firstName, lastName, email, package, location, phoneNumber, extension).',
  'user.title': 'Neuer Benutzer für {name}',
  'user.firstName': 'Vorname',
  'user.lastName': 'Nachname',
  'user.email': 'E-Mail',
  'user.package': 'Paket',
  'user.location': 'Standort (Pakete mit Telefonie)',
  'user.phone': 'Hauptrufnummer, E.164 (Pakete mit Telefonie)',
  'user.extension': 'Durchwahl (Pakete mit Telefonie)',
  'user.freeNumber': 'Oder die nächste freie Nummer des Standorts (Pakete mit Telefonie)',
  'user.freeNumberChoice': '{location}: {number}',
  'user.twoNumbers': 'Schreiben Sie eine Nummer oder wählen Sie eine freie, nicht beides.',
  'user.freeNumberElsewhere':
    'Diese freie Nummer gehört zu einem anderen Standort; wählen Sie eine des gewählten Standorts.',
  'user.role': 'Administratorrolle (optional)',
  'user.roleNote':
    'Ein Administrator behält die Paketstufe des Kunden; das Paket eines vollen Administrators wird nie herabgesetzt. Die Rolle wird vergeben, sobald Webex den Benutzer eingerichtet hat.',
  'user.adminRolePackage':
    'Ein Administrator behält die Paketstufe des Kunden ({package}); das Paket eines vollen Administrators wird nie herabgesetzt. Wählen Sie dieses Paket oder keine Rolle.',
  'user.roleAssigned': 'Die Person ist jetzt {role}.',
  'user.roleFailed':
    'Die Rolle {role} konnte nicht vergeben werden: {reason}. Vergeben Sie sie in Control Hub (Benutzer, der Benutzer, Administratorrollen).',
  'user.roleReadGiven':
    'Webex hat die Rollenänderung mit einem Fehler beantwortet ({reason}), doch das erneute Lesen zeigt: die Person ist {role}.',
  'user.roleReadNotGiven':
    'Die Rolle {role} konnte nicht vergeben werden: {reason}. Das erneute Lesen zeigt, dass die Person sie nicht hat. Vergeben Sie sie in Control Hub (Benutzer, der Benutzer, Administratorrollen).',
  'user.roleReadCallingKept': 'Durchwahl und Standort sind unverändert.',
  'user.roleReadCallingLost':
    'Das erneute Lesen zeigt, dass die fehlgeschlagene Änderung die Durchwahl ({extension}) oder den Standort entfernt hat: Legen Sie sie in Control Hub wieder fest (Benutzer, der Benutzer, Telefonie).',
  'user.roleReadFailed':
    'Die Rolle {role} konnte nicht vergeben werden: {reason}. Die Person ließ sich danach nicht erneut lesen, und eine fehlgeschlagene Änderung kann sie dennoch verändert haben: Prüfen Sie in Control Hub ihre Administratorrollen, Durchwahl und Standort.',
  'user.callingNote':
    'Pakete mit Telefonie brauchen einen Standort und eine Rufnummer oder eine Durchwahl, oder beides.',
  'user.needsNumber': 'Ein Paket mit Telefonie braucht eine Rufnummer oder eine Durchwahl.',
  'user.needsLocation': 'Ein Paket mit Telefonie braucht einen Standort.',
  'user.phoneInvalid': 'Geben Sie die Nummer im E.164-Format ein, z. B. +4930123456789.',
  'user.extensionInvalid': 'Verwenden Sie 2 bis 10 Ziffern.',
  'user.packageNotOwned': 'Der Kunde hat kein solches Paket; wählen Sie eines seiner Pakete.',
  'user.packageNeeds':
    '{package} braucht beim Kunden eines dieser Pakete: {needs}. Fügen Sie eines mit `pakete ändern` hinzu, oder wählen Sie ein anderes Paket.',
  'user.adminPackage':
    'Dies ist der Administrator des Kunden, der die Paketstufe des Kunden behält ({package}); sie wird nie herabgesetzt.',
  'user.emailTaken': 'Diese E-Mail-Adresse gehört bereits zu einem Webex-Benutzer.',
  'user.numberTaken': 'Diese Nummer ist bereits vergeben.',
  'user.add': 'Benutzer hinzufügen',
  'user.done': '✅ {first} {last} ({email}) wurde {customer} mit {package} hinzugefügt.',
  'user.existed': '{email} war bereits Benutzer von {customer}; es wurde nichts geändert.',
  'user.failed':
    'Der Benutzer konnte nicht hinzugefügt werden: {reason}. Drücken Sie „Benutzer hinzufügen“, um es erneut zu versuchen.',
  'user.cancelled': 'Es wurde kein Benutzer hinzugefügt.',
  'user.provisioning':
    '⏳ Webex hat {first} {last} ({email}) für {customer} mit {package} angenommen und richtet den Benutzer noch ein. Ich schreibe hier, sobald das abgeschlossen ist.',
  'user.provisioningFailed':
    '❌ Webex konnte {first} {last} ({email}) für {customer} nicht einrichten: {reason}. Beheben Sie die Ursache (in Partner Hub oder in den Angaben zum Benutzer), entfernen Sie den Benutzer dort und fügen Sie ihn erneut hinzu.',
  'user.awaitingConsent':
    '✉️ {email} hat bereits ein kostenloses Webex-Konto, daher hat Webex {first} {last} für {customer} mit {package} als „wartet auf Zustimmung“ angelegt: Webex hat eine E-Mail geschickt, um dem Umzug zuzustimmen; danach wird der Benutzer eingerichtet. Um diese E-Mail erneut zu senden: `resend consent {email} {externalId}`.',
  'user.awaitingConsentRole':
    'Die Rolle {role} vergebe ich, sobald der Benutzer zugestimmt hat. Um nicht mehr zu warten (der Benutzer bleibt, ohne die Rolle): `cancel`.',
  'consent.missing': 'Schreiben Sie `resend consent <E-Mail> <Kunde>`.',
  'consent.noUser': '{name} hat keinen Benutzer {email}.',
  'consent.notWaiting':
    '{email} wartet bei {name} auf keine Zustimmung (Webex: {status}); es gibt keine E-Mail zu senden.',
  'consent.sent':
    '✉️ Webex hat die Zustimmungs-E-Mail erneut an {email} gesendet. {name} erhält den Benutzer, sobald dem Umzug zugestimmt wurde.',
  'consent.failed': 'Die Zustimmungs-E-Mail an {email} konnte nicht gesendet werden: {reason}.',
  'command.resendConsent.usage': 'resend consent <E-Mail> <Kunde>',
  'command.resendConsent.summary':
    'Sendet die Zustimmungs-E-Mail erneut an einen Benutzer mit kostenlosem Webex-Konto, der dem Umzug noch nicht zugestimmt hat.',
  'location.title': 'Neuer Standort für {name}',
  'location.name': 'Name des Standorts',
  'location.state': 'Bundesland oder Provinz',
  'location.postalCode': 'Postleitzahl',
  'location.announcementLanguage': 'Sprache der Ansagen',
  'location.add': 'Standort hinzufügen',
  'location.done': '✅ Der Standort {location} wurde {customer} hinzugefügt.',
  'location.failed':
    'Der Standort konnte nicht hinzugefügt werden: {reason}. Drücken Sie „Standort hinzufügen“, um es erneut zu versuchen.',
  'location.nameTaken': 'Der Kunde hat bereits einen Standort mit diesem Namen.',
  'location.cancelled': 'Es wurde kein Standort hinzugefügt.',
  'location.callingDone':
    '✅ Der Standort {location} wurde {customer} hinzugefügt und für Webex Calling aktiviert (Ansagen in {language}).',
  'location.callingFailed':
    '⚠️ Der Standort {location} wurde {customer} hinzugefügt, aber das Aktivieren von Webex Calling schlug fehl: {reason}. Der Standort bleibt bestehen; zum Abschließen schreiben Sie `enable calling {location} {externalId}`.',
  'location.enableUsage':
    'Schreiben Sie `enable calling <Standort> <Kunde>`, z. B. `enable calling Berlin HQ acme-001`.',
  'location.enableNothing':
    'Kein Standort {location} von {customer} wartet darauf, für Webex Calling aktiviert zu werden. `add location` aktiviert die Standorte eines Kunden mit Telefonie selbst; dieser Befehl schließt nur einen ab, bei dem dieser Schritt fehlschlug.',
  'numbers.usage':
    'Schreiben Sie `add numbers <Kunde> <Standort>` und die Nummern (E.164, z. B. +4930123456789), oder hängen Sie eine CSV-Datei damit an.',
  'numbers.none':
    'Ich habe keine Rufnummern gefunden: Schreiben Sie sie nach dem Standort (E.164, z. B. +4930123456789) oder hängen Sie eine CSV-Datei damit an.',
  'numbers.noLocation':
    '{customer} hat keinen für Webex Calling aktivierten Standort {location}. Seine Telefonie-Standorte: {locations}.',
  'numbers.failed':
    'Webex hat nicht wie erwartet geantwortet: {reason}. Es geht nichts verloren: Schreiben Sie denselben Befehl noch einmal; bereits hinzugefügte Nummern werden als schon vorhanden gemeldet.',
  'pstn.integrated':
    '⛔ {location} ({customer}) wurden keine Nummern hinzugefügt: Der PSTN-Anschluss ist {connection} ({type}), ein integriertes PSTN, dessen Nummern vom PSTN-Anbieter kommen. Laut Webex darf die API zum Hinzufügen von Rufnummern dort nie verwendet werden. Bestellen oder portieren Sie die Nummern im Partner Hub ({partnerHub}): Kunde {customer} öffnen, dann Calling, Standorte, {location}, und die Nummern beim Anbieter verwalten.',
  'pstn.connection': 'PSTN: {connection} ({type}).',
  'pstn.none': 'PSTN: noch nicht eingerichtet.',
  'pstn.noOptions':
    'Webex bietet diesem Standort keinen PSTN-Anschluss an; richten Sie einen im Partner Hub ({partnerHub}) ein, bevor Sie Nummern hinzufügen.',
  'pstn.partnerHub':
    'Um {option} ({type}) zu verwenden, das die Webex-API nicht setzen kann, öffnen Sie den Partner Hub ({partnerHub}): Kunde {customer}, dann Calling, Standorte, {location}, PSTN, und wählen Sie {option}.',
  'pstn.readFailed':
    'Der PSTN-Anschluss des Standorts konnte nicht gelesen werden: {reason}. Prüfen Sie ihn im Partner Hub ({partnerHub}).',
  'pstn.title': 'PSTN für {location} ({customer})',
  'pstn.choose':
    'PSTN-Anschluss von {location} jetzt einrichten: Wählen Sie einen Anschluss, den die Webex-API setzen kann, oder später.',
  'pstn.option': 'PSTN-Anschluss',
  'pstn.set': 'PSTN einrichten',
  'pstn.later': 'Später',
  'pstn.setFailed':
    'Der PSTN-Anschluss konnte nicht gesetzt werden: {reason}. Drücken Sie PSTN einrichten, um es erneut zu versuchen.',
  'pstn.done':
    '✅ {location} ({customer}) nutzt jetzt {connection} ({type}) für PSTN; Nummern fügen Sie mit `nummern hinzufügen {externalId} {location} …` hinzu.',
  'pstn.later.done':
    'Der PSTN-Anschluss von {location} bleibt für später; richten Sie ihn im Partner Hub ({partnerHub}) ein, bevor Sie Nummern hinzufügen.',
  'pstn.numberNotHeld':
    'Diese Nummer gehört nicht zu den Nummern des Standorts; fügen Sie sie zuerst mit `nummern hinzufügen` hinzu.',
  'numbers.title':
    'Nummern für {location} ({customer}): {added} hinzugefügt, {existed} schon vorhanden, {refused} abgelehnt',
  'numbers.row.added': '{number} hinzugefügt',
  'numbers.row.existed': '{number} war schon vorhanden',
  'numbers.row.refused': '{number} abgelehnt: {reason}',
  'numbers.notOfCountry': 'keine gültige Rufnummer in {country} im E.164-Format',
  'command.addUsers.usage': 'add users <Kunde>',
  'command.addUsers.summary':
    'Viele Benutzer aus einer an die Nachricht angehängten CSV-Datei hinzufügen (Spalten firstName, lastName, email, package, location, phoneNumber, extension).',
  'procedure.bulk': 'Benutzer aus einer CSV-Datei',
  'bulk.needsFile':
    'Hängen Sie eine CSV-Datei an die Nachricht `add users <Kunde>` an. Spalten: firstName, lastName, email, package, location, phoneNumber, extension.',
  'bulk.unreadable': 'Die Datei konnte nicht als CSV gelesen werden: {reason}',
  'bulk.scanning': 'Webex prüft die Datei noch auf Schadsoftware; ich lese sie, sobald die Prüfung fertig ist.',
  'bulk.stillScanning':
    'Webex prüft die Datei nach über einer Minute noch immer auf Schadsoftware. Senden Sie `add users <Kunde>` mit der Datei in ein paar Minuten noch einmal.',
  'bulk.unscannable':
    'Webex konnte die Datei nicht auf Schadsoftware prüfen, darum kann niemand sie herunterladen, auch der Bot nicht. Speichern Sie sie als einfache CSV-Datei (nicht gepackt, ohne Passwort) und hängen Sie sie mit `add users <Kunde>` erneut an.',
  'bulk.empty': 'Die Datei hat unter der Kopfzeile keine Zeilen.',
  'bulk.tooMany': 'Die Datei hat {count} Zeilen; höchstens {max} auf einmal.',
  'bulk.missingColumns':
    'Der Datei fehlen die Spalten {columns}. Die Kopfzeile muss nennen: firstName, lastName, email, package, location, phoneNumber, extension.',
  'bulk.badRows.title':
    '{count} von {total, plural, one {# Zeile} other {# Zeilen}} {count, plural, one {muss} other {müssen}} geändert werden; es wurde nichts angelegt',
  'bulk.badRows.more': '… und {count, plural, one {# weitere Zeile} other {# weitere Zeilen}}.',
  'bulk.unknownLocation': 'Der Kunde hat keinen Standort namens „{location}“.',
  'bulk.duplicateEmail': 'Dieselbe E-Mail-Adresse steht in Zeile {line}.',
  'bulk.preview.title': '{count, plural, one {# Benutzer} other {# Benutzer}} zu {name} hinzufügen?',
  'bulk.preview.perPackage': 'Je Paket',
  'bulk.preview.first': 'Erste Zeilen',
  'bulk.confirm': '{count} Benutzer hinzufügen',
  'bulk.progress': 'Benutzer für {name} werden hinzugefügt: {done} von {total} ({percent} %).',
  'bulk.done.title':
    'Benutzer für {name}: {created} angelegt, {consent, plural, =0 {} other {# warten auf Zustimmung, }}{existed} gab es schon, {failed} fehlgeschlagen',
  'bulk.done.failedRows': 'Fehlgeschlagene Zeilen:',
  'bulk.report.part': 'Bericht, Teil {part} von {parts}:',
  'bulk.row.created': 'Zeile {line}: {email} angelegt',
  'bulk.row.existed': 'Zeile {line}: {email} gab es schon',
  'bulk.row.failed': 'Zeile {line}: {email} fehlgeschlagen: {reason}',
  'bulk.noFreeNumber':
    '{location} hat für diese Zeile keine freie Nummer mehr: Fügen Sie mit `add numbers` Nummern hinzu, oder schreiben Sie eine.',
  'bulk.unknownRole': 'Webex hat keine Administratorrolle „{role}“; seine Rollen: {roles}.',
  'bulk.row.createdRoleFailed': 'Zeile {line}: {email} angelegt, aber die Rolle konnte nicht vergeben werden: {reason}',
  'bulk.row.awaitingConsent':
    'Zeile {line}: {email} wartet auf die Zustimmung des Benutzers (ein kostenloses Webex-Konto; Webex hat eine E-Mail zum Umzug geschickt). Erneut senden: `resend consent {email} {externalId}`',
  'bulk.row.awaitingConsentRole': '; die Administratorrolle vergebe ich, sobald zugestimmt wurde',
  'bulk.consentWait':
    '{count, plural, one {# Benutzer wartet} other {# Benutzer warten}} auf die eigene Zustimmung, bevor ich die Rolle vergeben kann; ich schreibe hier, sobald sie vergeben ist. Um nicht mehr zu warten (die Benutzer bleiben, ohne die Rolle): `cancel`.',
  'bulk.consentedRole':
    'Zeile {line}: {email} hat zugestimmt und ist eingerichtet; die Administratorrolle ist vergeben.',
  'bulk.consentedRoleFailed':
    'Zeile {line}: {email} hat zugestimmt und ist eingerichtet, aber die Administratorrolle konnte nicht vergeben werden: {reason}',
  'bulk.consentDone':
    'Alle Benutzer des Stapels für {name}, die auf ihre Zustimmung warteten, haben zugestimmt; ihre Rollen sind erledigt.',
  'bulk.row.roleUnread':
    'Die Person ließ sich danach nicht erneut lesen, und eine fehlgeschlagene Änderung kann sie dennoch verändert haben: Prüfen Sie Rollen, Durchwahl und Standort in Control Hub.',
  'bulk.following':
    'Jede Zeile für {name} ist gesendet; Webex richtet noch {count, plural, one {# Benutzer} other {# Benutzer}} ein. Ich schicke den Bericht, sobald das abgeschlossen ist.',
  'bulk.cancelled': 'Es wurden keine Benutzer hinzugefügt.',
} as const satisfies Record<MessageId, string>;

export const catalogue: Readonly<Record<Locale, Readonly<Record<MessageId, string>>>> = { en, de };

export const locales = ['en', 'de'] as const satisfies readonly Locale[];

/** Looks a message up in the locale's catalogue and fills its `{placeholders}`. */
const compiled = new Map<string, IntlMessageFormat>();

/**
 * A message in ICU MessageFormat (plurals: `{count, plural, one {# row} other {# rows}}`), its
 * numbers written the locale's way. Tags are text here: `<customer>` in a usage line is no markup.
 * A placeholder with no value stays visible, so a missing parameter shows instead of vanishing.
 */
export function format(locale: Locale, id: MessageId, params: Readonly<Record<string, string | number>> = {}): string {
  const key = `${locale}|${id}`;
  let message = compiled.get(key);
  if (!message) {
    message = new IntlMessageFormat(catalogue[locale][id], locale, undefined, { ignoreTag: true });
    compiled.set(key, message);
  }
  const names = argumentsOf(locale, id);
  if (names.length === 0) return fixedText(key, message);
  const values: Record<string, string | number> = {};
  for (const name of names) values[name] = params[name] ?? `{${name}}`;
  return String(message.format(values));
}

const fixed = new Map<string, string>();

/** A message without arguments is the same text every time: formatted once. */
function fixedText(key: string, message: IntlMessageFormat): string {
  let text = fixed.get(key);
  if (text === undefined) {
    text = String(message.format());
    fixed.set(key, text);
  }
  return text;
}

const argumentNames = new Map<string, readonly string[]>();

/** The names of a message's arguments (simple and plural), read from the parsed message once. */
export function argumentsOf(locale: Locale, id: MessageId): readonly string[] {
  const key = `${locale}|${id}`;
  let names = argumentNames.get(key);
  if (!names) {
    const found = new Set<string>();
    const walk = (elements: readonly MessageFormatElement[]) => {
      for (const element of elements) {
        if ('value' in element && typeof element.value === 'string' && element.type !== TYPE.literal)
          found.add(element.value);
        if ('options' in element) for (const option of Object.values(element.options)) walk(option.value);
      }
    };
    walk(parse(catalogue[locale][id], { ignoreTag: true }));
    names = [...found].sort();
    argumentNames.set(key, names);
  }
  return names;
}

/** A translator bound to one locale, handed to card builders so they never choose words. */
export type Translate = (id: MessageId, params?: Readonly<Record<string, string | number>>) => string;

export function isMessageId(id: string): id is MessageId {
  return Object.hasOwn(en, id);
}

export function translator(locale: Locale): Translate {
  return (id, params) => format(locale, id, params);
}
