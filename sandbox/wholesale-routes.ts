import type { Router } from 'express';
import { ApiError, apiRoute, type ApiContext } from './api-route.ts';
import { pageOf } from './paging.ts';
import { seedTemplates } from './seed.ts';
import {
  addressProblems,
  ianaTimeZones,
  looksLikeEmail,
  type SandboxAddress,
  type SandboxCustomer,
  type WholesaleProblem,
  type WholesaleState,
} from './wholesale-state.ts';
import type { PartnerHubTemplate } from './partner-hub-routes.ts';
import { ciscoCallingPlan, type SubscriberState } from './subscriber-state.ts';

type Body = Record<string, unknown>;
const asBody = (value: unknown): Body =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Body) : {};

/** A Wholesale error answer: the message and the coded reasons, in Webex's error shape. */
class WholesaleError extends ApiError {
  // eslint-disable-next-line @typescript-eslint/no-useless-constructor -- not useless: it narrows ApiError's signature (coded reasons required, no headers)
  constructor(status: number, message: string, problems: readonly WholesaleProblem[]) {
    super(status, message, problems);
  }
}

const callingPackages = new Set([
  'common_area_calling',
  'webex_calling',
  'webex_suite',
  'webex_voice',
  'cx_essentials',
  'webex_calling_standard',
]);
const attendantHosts = new Set(['webex_calling', 'webex_suite', 'cx_essentials']);

/**
 * Reasons the sandbox adds beyond address and package checks. Webex's own code list is not in the
 * specs we hold, so these continue the sandbox's numbering; the descriptions quote the spec's rule.
 */
const reasons = {
  customerInfoMissing: {
    errorCode: 10003,
    description: 'customerInfo is mandatory for a new customer (one without orgId).',
  },
  callingLocationMissing: {
    errorCode: 10007,
    description: 'provisioningParameters.calling.location is mandatory when provisioning calling packages.',
  },
  percentInName: { errorCode: 10008, description: 'The customer name cannot include the "%" character.' },
} as const;

function packageProblems(packages: readonly string[]): WholesaleProblem[] {
  const problems: WholesaleProblem[] = [];
  if (packages.includes('cisco_calling_plan') && !packages.some((p) => callingPackages.has(p))) {
    problems.push({
      errorCode: 10006,
      description:
        'cisco_calling_plan needs one of common_area_calling, webex_calling, webex_suite, webex_voice, cx_essentials, webex_calling_standard.',
    });
  }
  if (packages.includes('attendant_console') && !packages.some((p) => attendantHosts.has(p))) {
    problems.push({
      errorCode: 10006,
      description: 'attendant_console needs one of webex_calling, webex_suite, cx_essentials.',
    });
  }
  return problems;
}

/**
 * The emulated Wholesale customer API (spec/webex-wholesale.json): precheck, create (202 and an
 * asynchronous provisioning that ends as a test chose), list, get, update, delete.
 * Only partner administrators' tokens are accepted, as the wholesale scopes require.
 */
export function mountWholesaleRoutes(
  router: Router,
  ctx: ApiContext,
  wholesale: WholesaleState,
  templates: readonly PartnerHubTemplate[],
  apiUrl: () => string,
  subscribers: SubscriberState,
): void {
  const now = () => Date.now();
  const partnerAdmin = (role: string) => {
    if (role !== 'partner admin')
      throw new ApiError(
        403,
        'This token lacks the spark-admin:wholesale_customers scopes; use a partner administrator’s token.',
      );
  };
  const knownTemplate = (provisioningId: string) =>
    [...seedTemplates, ...templates].some((t) => t.provisioningId === provisioningId);

  /** A calling location's address and IANA time zone, checked alike at creation and on a PUT adding calling. */
  const locationProblems = (params: Body): WholesaleProblem[] => {
    const problems: WholesaleProblem[] = [];
    const location = asBody(asBody(params.calling).location);
    if (location.address)
      problems.push(
        ...addressProblems(asBody(location.address) as unknown as SandboxAddress, 'HQ location').filter(
          (p) => p.errorCode !== 10004,
        ),
      );
    if (typeof location.timezone === 'string' && !ianaTimeZones.has(location.timezone)) {
      problems.push({
        errorCode: 10001,
        description: `The HQ location could not be validated: “${location.timezone}” is not a time zone (use an IANA name such as America/Los_Angeles).`,
      });
    }
    return problems;
  };

  const problemsOf = (body: Body, forCreate: boolean): WholesaleProblem[] => {
    const problems: WholesaleProblem[] = [];
    const address = asBody(body.address) as unknown as SandboxAddress;
    problems.push(...addressProblems(address, 'billing'));
    const calling = asBody(asBody(body.provisioningParameters).calling);
    problems.push(...locationProblems(asBody(body.provisioningParameters)));
    const packages = Array.isArray(body.packages) ? (body.packages as string[]) : [];
    if (packages.some((p) => callingPackages.has(p)) && calling.location === undefined)
      problems.push(reasons.callingLocationMissing);
    const externalId = typeof body.externalId === 'string' ? body.externalId : undefined;
    if (!forCreate && externalId && wholesale.byExternalId(externalId))
      problems.push({ errorCode: 10002, description: `A customer with external ID ${externalId} exists already.` });
    if (body.customerInfo === undefined && body.orgId === undefined) problems.push(reasons.customerInfoMissing);
    const info = asBody(body.customerInfo);
    if (typeof info.name === 'string' && info.name.includes('%')) problems.push(reasons.percentInName);
    const email = info.primaryEmail;
    if (typeof email === 'string' && !looksLikeEmail(email))
      problems.push({ errorCode: 10010, description: `${email} is not an email address.` });
    else if (
      typeof email === 'string' &&
      wholesale.customers.some((c) => c.customerInfo?.primaryEmail.toLowerCase() === email.toLowerCase())
    ) {
      problems.push({ errorCode: 10022, description: 'The email is already associated with an existing user.' });
    }
    // Only an ID a template of this partner issued (Partner Hub, or the sandbox's seeded one).
    const provisioningId = body.provisioningId;
    if (typeof provisioningId === 'string' && !knownTemplate(provisioningId)) {
      problems.push({
        errorCode: 10005,
        description: 'The provisioning ID does not belong to an onboarding template of this partner.',
      });
    }
    problems.push(...packageProblems(packages));
    return problems;
  };

  /** The customer's first calling location, from `provisioningParameters.calling.location` (POST or PUT). */
  const addCallingLocation = (customer: SandboxCustomer): void => {
    const location = asBody(asBody(asBody(customer.provisioningParameters).calling).location);
    if (typeof location.name !== 'string') return;
    const a = asBody(location.address) as unknown as SandboxAddress;
    subscribers.addLocation({
      orgId: customer.orgId,
      name: location.name,
      timeZone: String(location.timezone),
      preferredLanguage: String(location.language),
      announcementLanguage: String(location.language),
      // The customer's first calling location: provisioning enables it for Webex Calling.
      callingEnabled: true,
      // Cisco Calling Plan is an integrated PSTN: Webex sets it up with the location.
      ...(customer.packages.includes('cisco_calling_plan') ? { pstn: ciscoCallingPlan } : {}),
      address: {
        address1: a.addressLine1,
        ...(a.addressLine2 ? { address2: a.addressLine2 } : {}),
        city: a.city,
        state: a.stateOrProvince ?? '',
        postalCode: a.zipOrPostalCode ?? '',
        country: a.country,
      },
    });
  };

  // As in Webex, provisioning with calling creates the customer's first (HQ) location, once the
  // org exists: not while provisioning runs, and not when the calling part failed.
  wholesale.onProvisioningEnd((customer) => {
    const outcome = customer.outcome;
    if (
      outcome.status === 'error' ||
      (outcome.status === 'provisioned_with_errors' && callingPackages.has(outcome.package))
    )
      return;
    addCallingLocation(customer);
  });

  /** The spec: `orgId` is "Only presented when status is `provisioned`" (and with errors, where the org exists too). */
  const shownOrgId = (c: SandboxCustomer): string | undefined => {
    const status = wholesale.status(c, now());
    return status === 'provisioned' || status === 'provisioned_with_errors' ? c.orgId : undefined;
  };

  const present = (c: SandboxCustomer, withLicenses: boolean) => {
    const status = wholesale.status(c, now());
    const packageStatus = (name: string) => {
      // Held for the compliance check: nothing is provisioned yet (the package enum has no hold value).
      if (status === 'provisioning' || status === 'pending_rpl_review') return { name, status: 'provisioning' };
      // While the customer is being deleted, so are its packages (the package status enum has `deleting`).
      if (status === 'deleting') return { name, status: 'deleting' };
      if (c.outcome.status === 'error')
        return {
          name,
          status: 'error',
          errors: [{ errorCode: c.outcome.errorCode, description: c.outcome.description }],
        };
      if (c.outcome.status === 'provisioned_with_errors' && c.outcome.package === name)
        return {
          name,
          status: 'error',
          errors: [{ errorCode: c.outcome.errorCode, description: c.outcome.description }],
        };
      // licenseIds only on request (`includePackageLicenseInfo=true`), as the spec says.
      return {
        name,
        status: 'provisioned',
        ...(withLicenses
          ? { licenseIds: [Buffer.from(`ciscospark://us/LICENSE/${c.id.slice(-8)}:${name}`).toString('base64url')] }
          : {}),
      };
    };
    return {
      id: c.id,
      ...(shownOrgId(c) ? { orgId: c.orgId } : {}),
      externalId: c.externalId,
      address: { ...c.address },
      status,
      packages: [...c.packages],
      resourceDetails: { packages: c.packages.map(packageStatus) },
      ...(status === 'error' && c.outcome.status === 'error'
        ? { errors: [{ errorCode: c.outcome.errorCode, description: c.outcome.description }] }
        : {}),
    };
  };

  const find = (id: string | undefined) => {
    wholesale.sweep(now());
    const customer = wholesale.byId(id);
    if (!customer) throw new ApiError(404, 'The requested customer could not be found.');
    return customer;
  };

  apiRoute(router, ctx, 'GET /wholesale/customers', (call) => {
    const { person, query } = call;
    partnerAdmin(person.role);
    wholesale.sweep(now());
    const items = wholesale.customers.filter(
      (c) =>
        (!query.externalId || c.externalId === query.externalId) &&
        (!query.orgId || shownOrgId(c) === query.orgId) &&
        (!query.status || wholesale.status(c, now()) === query.status),
    );
    // The spec gives no page size for customers; 100, Webex's usual.
    const page = pageOf(items, call, { defaultSize: 100, maxSize: 100, position: 'offset', link: false });
    return { status: 200, body: { items: page.items.map((c) => present(c, false)) }, headers: page.headers };
  });

  apiRoute(router, ctx, 'POST /wholesale/customers/validate', ({ person, body: raw }) => {
    partnerAdmin(person.role);
    const problems = problemsOf(asBody(raw), false);
    if (problems.length > 0) throw new WholesaleError(400, 'Provisioning Precheck validation failed.', problems);
    return {
      status: 200,
      body: {
        message: 'success',
        info: { infoCode: 100, description: 'Provisioning Precheck validation successful.' },
      },
    };
  });

  apiRoute(router, ctx, 'POST /wholesale/customers', ({ person, body: raw }) => {
    partnerAdmin(person.role);
    const body = asBody(raw);
    const externalId = String(body.externalId);
    if (wholesale.byExternalId(externalId))
      throw new WholesaleError(409, `A customer with external ID ${externalId} exists already.`, [
        { errorCode: 10002, description: `A customer with external ID ${externalId} exists already.` },
      ]);
    const problems = problemsOf(body, true);
    if (problems.length > 0) throw new WholesaleError(400, problems[0]!.description, problems);
    const info = asBody(body.customerInfo);
    const customer = wholesale.create(
      {
        externalId,
        provisioningId: String(body.provisioningId),
        address: asBody(body.address) as unknown as SandboxAddress,
        packages: [...(body.packages as string[])],
        ...(typeof info.name === 'string'
          ? {
              customerInfo: {
                name: info.name,
                primaryEmail: String(info.primaryEmail),
                ...(typeof info.language === 'string' ? { language: info.language } : {}),
              },
            }
          : {}),
        provisioningParameters: body.provisioningParameters,
      },
      now(),
    );
    const url = `${apiUrl()}/wholesale/customers/${customer.id}`;
    return { status: 202, body: { url }, headers: { Location: url } };
  });

  apiRoute(router, ctx, 'GET /wholesale/customers/{customerId}', ({ person, params, query }) => {
    partnerAdmin(person.role);
    return { status: 200, body: present(find(params.customerId), query.includePackageLicenseInfo === 'true') };
  });

  apiRoute(router, ctx, 'PUT /wholesale/customers/{customerId}', ({ person, params, body: raw }) => {
    partnerAdmin(person.role);
    const customer = find(params.customerId);
    const body = asBody(raw);
    const status = wholesale.status(customer, now());
    if (status === 'deleting' || status === 'provisioning' || status === 'updating' || status === 'pending_rpl_review')
      throw new WholesaleError(409, `The customer is ${status}; try again once that has ended.`, [
        { errorCode: 10012, description: `The customer is ${status}.` },
      ]);
    const packages = body.packages as string[];
    const problems = packageProblems(packages);
    // "If a package has already been assigned to this customer and is not present in this list,
    // then that package is removed": not while its subscribers hold it.
    for (const name of customer.packages.filter((p) => !packages.includes(p))) {
      const holders = subscribers.subscribers.filter((s) => s.customerId === customer.id && s.package === name).length;
      if (holders > 0)
        problems.push({
          errorCode: 10011,
          description: `${name} cannot be removed: ${holders} subscriber(s) hold it.`,
        });
    }
    const provisioning = asBody(body.provisioningParameters);
    const callingLocation = asBody(provisioning.calling).location;
    const addsCalling =
      !customer.packages.some((p) => callingPackages.has(p)) && packages.some((p) => callingPackages.has(p));
    if (addsCalling && callingLocation === undefined) problems.push(reasons.callingLocationMissing);
    // The same checks of the calling location as at creation (its address, its IANA time zone).
    if (callingLocation !== undefined) problems.push(...locationProblems(provisioning));
    const meetingsZone = asBody(provisioning.meetings).timezone;
    if (typeof meetingsZone === 'string' && !ianaTimeZones.has(meetingsZone))
      problems.push({ errorCode: 10001, description: `“${meetingsZone}” is not a time zone.` });
    if (problems.length > 0) throw new WholesaleError(400, problems[0]!.description, problems);
    customer.packages = [...packages];
    if (body.provisioningParameters !== undefined) {
      customer.provisioningParameters = { ...asBody(customer.provisioningParameters), ...provisioning };
      // Calling added: its first calling location, as provisioning with calling makes it.
      if (addsCalling) addCallingLocation(customer);
    }
    if (body.address) customer.address = asBody(body.address) as unknown as SandboxAddress;
    wholesale.update(customer, now());
    const url = `${apiUrl()}/wholesale/customers/${customer.id}`;
    return { status: 202, body: { url }, headers: { Location: url } };
  });

  apiRoute(router, ctx, 'DELETE /wholesale/customers/{customerId}', ({ person, params }) => {
    partnerAdmin(person.role);
    const customer = find(params.customerId);
    // Asynchronous, as the spec's 202 says: `deleting` for a while, then not found.
    if (customer.phase !== 'deleting') wholesale.remove(customer, now());
    return { status: 202 };
  });
}
