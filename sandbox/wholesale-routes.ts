import type { Router } from 'express';
import { ApiError, apiRoute, type ApiContext } from './api-route.ts';
import { pageOf } from './paging.ts';
import { addressProblems, type SandboxAddress, type SandboxCustomer, type WholesaleProblem, type WholesaleState } from './wholesale-state.ts';
import type { PartnerHubTemplate } from './partner-hub-routes.ts';
import type { SubscriberState } from './subscriber-state.ts';

type Body = Record<string, unknown>;
const asBody = (value: unknown): Body => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Body) : {});

/** A Wholesale error answer: the message and the coded reasons, in Webex's error shape. */
export class WholesaleError extends ApiError {
  constructor(status: number, message: string, problems: readonly WholesaleProblem[]) {
    super(status, message, problems);
  }
}

const callingPackages = new Set(['common_area_calling', 'webex_calling', 'webex_suite', 'webex_voice', 'cx_essentials', 'webex_calling_standard']);
const attendantHosts = new Set(['webex_calling', 'webex_suite', 'cx_essentials']);

function packageProblems(packages: readonly string[]): WholesaleProblem[] {
  const problems: WholesaleProblem[] = [];
  if (packages.includes('cisco_calling_plan') && !packages.some((p) => callingPackages.has(p))) {
    problems.push({ errorCode: 10006, description: 'cisco_calling_plan needs one of common_area_calling, webex_calling, webex_suite, webex_voice, cx_essentials, webex_calling_standard.' });
  }
  if (packages.includes('attendant_console') && !packages.some((p) => attendantHosts.has(p))) {
    problems.push({ errorCode: 10006, description: 'attendant_console needs one of webex_calling, webex_suite, cx_essentials.' });
  }
  return problems;
}

/**
 * The emulated Wholesale customer API (spec/webex-wholesale.json): precheck, create (202 and an
 * asynchronous provisioning that ends as a test chose), list, get, update, delete.
 * Only partner administrators' tokens are accepted, as the wholesale scopes require.
 */
export function mountWholesaleRoutes(router: Router, ctx: ApiContext, wholesale: WholesaleState, templates: readonly PartnerHubTemplate[], apiUrl: () => string, subscribers: SubscriberState): void {
  const now = () => Date.now();
  const partnerAdmin = (role: string) => {
    if (role !== 'partner admin') throw new ApiError(403, 'This token lacks the spark-admin:wholesale_customers scopes; use a partner administrator’s token.');
  };

  const problemsOf = (body: Body, forCreate: boolean): WholesaleProblem[] => {
    const problems: WholesaleProblem[] = [];
    const address = asBody(body.address) as unknown as SandboxAddress;
    problems.push(...addressProblems(address, 'billing'));
    const location = asBody(asBody(asBody(body.provisioningParameters).calling).location);
    if (location.address) problems.push(...addressProblems(asBody(location.address) as unknown as SandboxAddress, 'HQ location').filter((p) => p.errorCode !== 10004));
    const externalId = typeof body.externalId === 'string' ? body.externalId : undefined;
    if (!forCreate && externalId && wholesale.byExternalId(externalId)) problems.push({ errorCode: 10002, description: `A customer with external ID ${externalId} exists already.` });
    const email = asBody(body.customerInfo).primaryEmail;
    if (typeof email === 'string' && wholesale.customers.some((c) => c.customerInfo?.primaryEmail.toLowerCase() === email.toLowerCase())) {
      problems.push({ errorCode: 10022, description: 'The email is already associated with an existing user.' });
    }
    const provisioningId = body.provisioningId;
    if (typeof provisioningId === 'string' && !templates.some((t) => t.provisioningId === provisioningId) && !/^[A-Za-z0-9+/]{40,64}={0,2}$/.test(provisioningId)) {
      problems.push({ errorCode: 10005, description: 'The provisioning ID does not belong to an onboarding template of this partner.' });
    }
    if (Array.isArray(body.packages)) problems.push(...packageProblems(body.packages as string[]));
    return problems;
  };

  const present = (c: SandboxCustomer) => {
    const status = wholesale.status(c, now());
    const packageStatus = (name: string) => {
      if (status === 'provisioning') return { name, status: 'provisioning' };
      if (c.outcome.status === 'error') return { name, status: 'error', errors: [{ errorCode: c.outcome.errorCode, description: c.outcome.description }] };
      if (c.outcome.status === 'provisioned_with_errors' && c.outcome.package === name) return { name, status: 'error', errors: [{ errorCode: c.outcome.errorCode, description: c.outcome.description }] };
      return { name, status: 'provisioned', licenseIds: [Buffer.from(`ciscospark://us/LICENSE/${c.id.slice(-8)}:${name}`).toString('base64url')] };
    };
    return {
      id: c.id,
      orgId: c.orgId,
      externalId: c.externalId,
      address: { ...c.address },
      status,
      packages: [...c.packages],
      resourceDetails: { packages: c.packages.map(packageStatus) },
      ...(status === 'error' && c.outcome.status === 'error' ? { errors: [{ errorCode: c.outcome.errorCode, description: c.outcome.description }] } : {}),
    };
  };

  const find = (id: string | undefined) => {
    const customer = wholesale.customers.find((c) => c.id === id);
    if (!customer) throw new ApiError(404, 'The requested customer could not be found.');
    return customer;
  };

  apiRoute(router, ctx, 'GET /wholesale/customers', (call) => {
    const { person, query } = call;
    partnerAdmin(person.role);
    const items = wholesale.customers.filter(
      (c) => (!query.externalId || c.externalId === query.externalId) && (!query.orgId || c.orgId === query.orgId) && (!query.status || wholesale.status(c, now()) === query.status),
    );
    // The spec gives no page size for customers; 100, Webex's usual.
    const page = pageOf(items, call, { defaultSize: 100, maxSize: 100, position: 'offset' });
    return { status: 200, body: { items: page.items.map(present) }, headers: page.headers };
  });

  apiRoute(router, ctx, 'POST /wholesale/customers/validate', ({ person, body: raw }) => {
    partnerAdmin(person.role);
    const problems = problemsOf(asBody(raw), false);
    if (problems.length > 0) throw new WholesaleError(400, 'Provisioning Precheck validation failed.', problems);
    return { status: 200, body: { message: 'success', info: { infoCode: 100, description: 'Provisioning Precheck validation successful.' } } };
  });

  apiRoute(router, ctx, 'POST /wholesale/customers', ({ person, body: raw }) => {
    partnerAdmin(person.role);
    const body = asBody(raw);
    const externalId = String(body.externalId);
    if (wholesale.byExternalId(externalId)) throw new WholesaleError(409, `A customer with external ID ${externalId} exists already.`, [{ errorCode: 10002, description: `A customer with external ID ${externalId} exists already.` }]);
    const problems = problemsOf(body, true);
    if (problems.length > 0) throw new WholesaleError(400, problems[0]!.description, problems);
    const info = asBody(body.customerInfo);
    const customer = wholesale.create(
      {
        externalId,
        provisioningId: String(body.provisioningId),
        address: asBody(body.address) as unknown as SandboxAddress,
        packages: [...(body.packages as string[])],
        ...(typeof info.name === 'string' ? { customerInfo: { name: info.name, primaryEmail: String(info.primaryEmail), ...(typeof info.language === 'string' ? { language: info.language } : {}) } } : {}),
        provisioningParameters: body.provisioningParameters,
      },
      now(),
    );
    // As in Webex, provisioning with calling creates the customer's first (HQ) location.
    const location = asBody(asBody(asBody(body.provisioningParameters).calling).location);
    if (typeof location.name === 'string') {
      const a = asBody(location.address) as unknown as SandboxAddress;
      subscribers.addLocation({
        orgId: customer.orgId,
        name: location.name,
        timeZone: String(location.timezone),
        preferredLanguage: String(location.language),
        announcementLanguage: String(location.language),
        address: { address1: a.addressLine1, ...(a.addressLine2 ? { address2: a.addressLine2 } : {}), city: a.city, state: a.stateOrProvince ?? '', postalCode: a.zipOrPostalCode ?? '', country: a.country },
      });
    }
    const url = `${apiUrl()}/wholesale/customers/${customer.id}`;
    return { status: 202, body: { url }, headers: { Location: url } };
  });

  apiRoute(router, ctx, 'GET /wholesale/customers/{customerId}', ({ person, params }) => {
    partnerAdmin(person.role);
    return { status: 200, body: present(find(params.customerId)) };
  });

  apiRoute(router, ctx, 'PUT /wholesale/customers/{customerId}', ({ person, params, body: raw }) => {
    partnerAdmin(person.role);
    const customer = find(params.customerId);
    const body = asBody(raw);
    const problems = Array.isArray(body.packages) ? packageProblems(body.packages as string[]) : [];
    if (problems.length > 0) throw new WholesaleError(400, problems[0]!.description, problems);
    customer.packages = [...(body.packages as string[])];
    if (body.address) customer.address = asBody(body.address) as unknown as SandboxAddress;
    customer.startedAt = now();
    const url = `${apiUrl()}/wholesale/customers/${customer.id}`;
    return { status: 202, body: { url }, headers: { Location: url } };
  });

  apiRoute(router, ctx, 'DELETE /wholesale/customers/{customerId}', ({ person, params }) => {
    partnerAdmin(person.role);
    const customer = find(params.customerId);
    wholesale.customers.splice(wholesale.customers.indexOf(customer), 1);
    return { status: 202 };
  });
}
