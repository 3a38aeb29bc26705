import type { Router } from 'express';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { ApiError, apiRoute, type ApiContext } from './api-route.ts';
import { pageOf } from './paging.ts';
import { looksLikeEmail, type SandboxCustomer, type WholesaleProblem, type WholesaleState } from './wholesale-state.ts';
import type { RateLimiter, SandboxSubscriber, SubscriberState } from './subscriber-state.ts';

type Body = Record<string, unknown>;
const asBody = (value: unknown): Body =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Body) : {};
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/**
 * Subscriber packages that include calling: a number or extension and a location are needed.
 * `attendant_console` is counted among them (its console works a calling line; the spec makes it
 * depend on calling packages); the Contact Center agent packages are not (undocumented: the
 * sandbox's choice, the bot's too).
 */
const callingPackages = new Set([
  'webex_calling',
  'webex_suite',
  'webex_voice',
  'cx_essentials',
  'webex_calling_standard',
  'attendant_console',
]);
/** The spec's "packages Note": "`attendant_console` is dependent on: `webex_calling`, `webex_suite`, `cx_essentials`". */
const attendantHosts = ['webex_calling', 'webex_suite', 'cx_essentials'];

/**
 * The emulated Wholesale subscriber API (spec/webex-wholesale.json), throttled per token when a
 * test sets a rate limit (429 with Retry-After, as Webex does).
 */
export function mountSubscriberRoutes(
  router: Router,
  ctx: ApiContext,
  wholesale: WholesaleState,
  subscribers: SubscriberState,
  limiter: RateLimiter,
  apiUrl: () => string,
): void {
  const guard = (role: string, token: string) => {
    if (role !== 'partner admin')
      throw new ApiError(
        403,
        'This token lacks the spark-admin:wholesale_subscribers scopes; use a partner administrator’s token.',
      );
    const wait = limiter.take(token);
    if (wait > 0)
      throw new ApiError(429, 'Too Many Requests', [], { 'Retry-After': String(Math.max(1, Math.ceil(wait))) });
  };
  const customerOf = (id: string | undefined): SandboxCustomer => {
    const customer = wholesale.byId(id);
    if (!customer)
      throw new ApiError(404, 'The customer could not be found.', [
        { errorCode: 20001, description: 'The customer could not be found.' },
      ]);
    return customer;
  };

  /**
   * The one package a request names. The spec: "Either `packages` or `package` field is required
   * but not both", and `packages` "Currently accepts only one package in the list".
   */
  const packageOf = (body: Body): { readonly pkg: string } | { readonly problem: WholesaleProblem } => {
    const single = str(body.package);
    const list = Array.isArray(body.packages) ? body.packages : undefined;
    if ((single === undefined) === (list === undefined))
      return { problem: { errorCode: 20008, description: 'Either packages or package is required, but not both.' } };
    if (list && (list.length !== 1 || !str(list[0])))
      return { problem: { errorCode: 20008, description: 'packages accepts exactly one package.' } };
    return { pkg: single ?? str(list![0])! };
  };

  /** A calling package needs a valid number or an extension, and a location of the customer; `self` is the subscriber being changed. */
  const callingProblems = (
    customer: SandboxCustomer,
    pkg: string,
    calling: { readonly number?: string; readonly extension?: string; readonly locationId?: string },
    self?: SandboxSubscriber,
  ): WholesaleProblem[] => {
    if (!callingPackages.has(pkg)) return [];
    const problems: WholesaleProblem[] = [];
    const { number, extension, locationId } = calling;
    if (!number && !extension)
      problems.push({
        errorCode: 20004,
        description: 'A calling package needs a primary phone number or an extension.',
      });
    if (number && !parsePhoneNumberFromString(number)?.isValid())
      problems.push({ errorCode: 20005, description: `${number} is not a valid E.164 number.` });
    if (number && subscribers.subscribers.some((s) => s !== self && s.primaryPhoneNumber === number))
      problems.push({ errorCode: 20006, description: `${number} is already assigned.` });
    const location = subscribers.locations.find((l) => l.id === locationId && l.orgId === customer.orgId);
    if (!location)
      problems.push({ errorCode: 20007, description: 'A calling package needs a location of this customer.' });
    else if (!location.callingEnabled)
      problems.push({ errorCode: 20007, description: `Location ${location.name} is not enabled for Webex Calling.` });
    // A user's number is one of the location's numbers (Webex assigns from the location's inventory;
    // the error code and text are the sandbox's choice).
    else if (
      number &&
      parsePhoneNumberFromString(number)?.isValid() &&
      !subscribers.numbers.some((n) => n.locationId === location.id && n.phoneNumber === number)
    )
      problems.push({ errorCode: 20010, description: `${number} is not a number of location ${location.name}.` });
    return problems;
  };

  const problemsOf = (body: Body): WholesaleProblem[] => {
    const problems: WholesaleProblem[] = [];
    const email = str(body.email)?.toLowerCase() ?? '';
    const customer = wholesale.byId(str(body.customerId));
    if (!customer) return [{ errorCode: 20001, description: 'The customer could not be found.' }];
    const status = wholesale.status(customer, Date.now());
    if (status !== 'provisioned' && status !== 'provisioned_with_errors')
      problems.push({ errorCode: 20002, description: 'The customer is not provisioned yet.' });
    if (!looksLikeEmail(email))
      problems.push({ errorCode: 20009, description: `${str(body.email) ?? ''} is not an email address.` });
    else if (subscribers.subscribers.some((s) => s.email === email))
      problems.push({ errorCode: 10022, description: 'The email is already associated with an existing user.' });
    const named = packageOf(body);
    if ('problem' in named) return [...problems, named.problem];
    if (!customer.packages.includes(named.pkg))
      problems.push({ errorCode: 20003, description: `The customer has no ${named.pkg} package.` });
    else if (named.pkg === 'attendant_console' && !attendantHosts.some((p) => customer.packages.includes(p)))
      problems.push({
        errorCode: 20003,
        description: 'attendant_console is dependent on: webex_calling, webex_suite, cx_essentials.',
      });
    const params = asBody(body.provisioningParameters);
    problems.push(
      ...callingProblems(customer, named.pkg, {
        number: str(params.primaryPhoneNumber),
        extension: str(params.extension),
        locationId: str(params.locationId),
      }),
    );
    return problems;
  };

  /**
   * A subscriber as the spec shapes it. Its `status` enum holds only `provisioned` and
   * `pending_user_migration`, and `personId` is "only presented when status is provisioned"; so a
   * subscriber still provisioning has neither, and one whose provisioning failed has its
   * `errors` ("errors that occurred during that last attempt to provision") and no status. One
   * whose email was an active free account is `pending_user_migration` (no `personId`, as in the
   * spec's 202 example) until its owner consents.
   */
  const present = (s: SandboxSubscriber) => {
    const now = Date.now();
    const status = subscribers.status(s, now);
    const changed =
      status === 'provisioning' || status === 'pending_user_migration'
        ? s.created
        : new Date(s.startedAt + subscribers.provisioningMs).toISOString();
    return {
      id: s.id,
      ...(status === 'provisioned' ? { personId: s.personId, status: 'provisioned' } : {}),
      ...(status === 'pending_user_migration' ? { status: 'pending_user_migration' } : {}),
      email: s.email,
      customerId: s.customerId,
      externalCustomerId: s.externalCustomerId,
      package: s.package,
      packages: [s.package],
      ...(status === 'error' && s.outcome.status === 'error'
        ? { errors: [{ errorCode: s.outcome.errorCode, description: s.outcome.description }] }
        : {}),
      created: s.created,
      lastStatusChange: changed,
    };
  };
  const find = (id: string | undefined) => {
    const found = subscribers.subscribers.find((s) => s.id === id);
    if (!found) throw new ApiError(404, 'The subscriber could not be found.');
    return found;
  };

  apiRoute(router, ctx, 'GET /wholesale/subscribers', (call) => {
    const { person, query, token } = call;
    guard(person.role, token);
    const items = subscribers.subscribers.filter(
      (s) =>
        (!query.customerId || s.customerId === query.customerId) &&
        (!query.email || s.email === query.email.toLowerCase()) &&
        (!query.externalCustomerId || s.externalCustomerId === query.externalCustomerId),
    );
    // The spec: "up to 100 per page", 50 by default.
    const page = pageOf(items, call, { defaultSize: 50, maxSize: 100, position: 'offset', link: false });
    return { status: 200, body: { items: page.items.map(present) }, headers: page.headers };
  });

  apiRoute(router, ctx, 'POST /wholesale/subscribers/validate', ({ person, body, token }) => {
    guard(person.role, token);
    const problems = problemsOf(asBody(body));
    if (problems.length > 0) throw new ApiError(400, 'Provisioning Precheck validation failed.', problems);
    return {
      status: 200,
      body: {
        message: 'success',
        info: { infoCode: 100, description: 'Provisioning Precheck validation successful.' },
      },
    };
  });

  apiRoute(router, ctx, 'POST /wholesale/subscribers', ({ person, body: raw, token }) => {
    guard(person.role, token);
    const body = asBody(raw);
    const email = str(body.email)?.toLowerCase() ?? '';
    if (subscribers.subscribers.some((s) => s.email === email))
      throw new ApiError(409, 'The email is already associated with an existing user.', [
        { errorCode: 10022, description: 'The email is already associated with an existing user.' },
      ]);
    const problems = problemsOf(body);
    if (problems.length > 0) throw new ApiError(400, problems[0]!.description, problems);
    const customer = customerOf(str(body.customerId));
    const params = asBody(body.provisioningParameters);
    const subscriber = subscribers.addSubscriber(
      {
        email,
        customerId: customer.id,
        externalCustomerId: customer.externalId,
        // problemsOf refused a body that does not name exactly one package.
        package: (packageOf(body) as { pkg: string }).pkg,
        ...(str(params.firstName) ? { firstName: str(params.firstName)! } : {}),
        ...(str(params.lastName) ? { lastName: str(params.lastName)! } : {}),
        ...(str(params.primaryPhoneNumber) ? { primaryPhoneNumber: str(params.primaryPhoneNumber)! } : {}),
        ...(str(params.extension) ? { extension: str(params.extension)! } : {}),
        ...(str(params.locationId) ? { locationId: str(params.locationId)! } : {}),
      },
      new Date().toISOString(),
    );
    // 202 when the email is an active free account (the spec: "requires consent based flow to
    // onboard"): the subscriber waits for its owner's consent. Otherwise 200, provisioning goes on.
    return {
      status: subscriber.consent === 'pending' ? 202 : 200,
      body: present(subscriber),
      headers: { Location: `${apiUrl()}/wholesale/subscribers/${subscriber.id}` },
    };
  });

  apiRoute(router, ctx, 'GET /wholesale/subscribers/{subscriberId}', ({ person, params, token }) => {
    guard(person.role, token);
    return { status: 200, body: present(find(params.subscriberId)) };
  });

  apiRoute(router, ctx, 'PUT /wholesale/subscribers/{subscriberId}', ({ person, params, body: raw, token }) => {
    guard(person.role, token);
    const subscriber = find(params.subscriberId);
    const body = asBody(raw);
    const customer = customerOf(subscriber.customerId);
    const named = packageOf(body);
    if ('problem' in named) throw new ApiError(400, named.problem.description, [named.problem]);
    const p = asBody(body.provisioningParameters);
    // The subscriber as it would be after the change, checked as a new one would be.
    const after = {
      number: str(p.primaryPhoneNumber) ?? subscriber.primaryPhoneNumber,
      extension: str(p.extension) ?? subscriber.extension,
      locationId: str(p.locationId) ?? subscriber.locationId,
    };
    const problems = [
      ...(customer.packages.includes(named.pkg)
        ? []
        : [{ errorCode: 20003, description: `The customer has no ${named.pkg} package.` }]),
      ...callingProblems(customer, named.pkg, after, subscriber),
    ];
    if (problems.length > 0) throw new ApiError(400, problems[0]!.description, problems);
    subscriber.package = named.pkg;
    if (after.number) subscriber.primaryPhoneNumber = after.number;
    if (after.extension) subscriber.extension = after.extension;
    if (after.locationId) subscriber.locationId = after.locationId;
    return { status: 200, body: present(subscriber) };
  });

  /**
   * Sends the consent email again. The spec's path has no `/wholesale` (as in the BroadWorks API);
   * only a subscriber in `pending_user_migration` has an email to send: any other answers 409.
   */
  apiRoute(router, ctx, 'POST /subscribers/{subscriberId}/emails/consentMove', ({ person, params, token }) => {
    guard(person.role, token);
    const subscriber = find(params.subscriberId);
    if (subscriber.consent !== 'pending')
      throw new ApiError(409, 'The subscriber is not pending user migration.', [
        { errorCode: 10023, description: 'The subscriber is not in pending_user_migration state.' },
      ]);
    subscriber.consentMails += 1;
    return { status: 204 };
  });

  apiRoute(router, ctx, 'DELETE /wholesale/subscribers/{subscriberId}', ({ person, params, token }) => {
    guard(person.role, token);
    const subscriber = find(params.subscriberId);
    subscribers.subscribers.splice(subscribers.subscribers.indexOf(subscriber), 1);
    return { status: 204 };
  });
}
