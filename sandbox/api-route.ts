import type { Request, Response, Router } from 'express';
import { trackingId } from './ids.ts';
import type { Faults } from './faults.ts';
import type { SandboxPerson, SandboxState } from './sandbox-state.ts';
import type { SpecIssue, SpecValidator } from './spec-validator.ts';
import { MISSING_SCOPE, scopeOf } from './scopes.ts';

/** An answer other than success, in Webex's error shape. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Coded reasons (the Wholesale API's `errorCode` and `description`); plain errors have none. */
    readonly problems: readonly { readonly errorCode: number; readonly description: string }[] = [],
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

export interface ApiCall {
  readonly person: SandboxPerson;
  /** The bearer token of the call (for per-caller rate limits). */
  readonly token: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  readonly body: unknown;
  /** The whole URL called (for the `Link` of the next page). */
  readonly url: URL;
}

export interface ApiResult {
  readonly status: number;
  readonly body?: unknown;
  /** A file's bytes, sent as they are instead of a JSON body. */
  readonly file?: { readonly type: string; readonly name: string; readonly content: Buffer };
  readonly headers?: Readonly<Record<string, string>>;
}

export interface RecordedCall {
  readonly at: string;
  readonly operation: string;
  readonly method: string;
  readonly path: string;
  readonly personEmail?: string;
  readonly status: number;
  readonly body?: unknown;
  /** Where the request broke the spec (the sandbox answered 400). */
  readonly requestIssues: readonly SpecIssue[];
}

export interface ApiContext {
  readonly state: SandboxState;
  readonly faults: Faults;
  readonly spec: SpecValidator;
  readonly calls: RecordedCall[];
}

const MAX_RECORDED = 5000;

function firstString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}

/**
 * Mounts one spec operation (e.g. `GET /messages/{messageId}`): bearer auth, armed faults,
 * request validation against the spec, Webex's error shape and a TrackingID on every answer.
 */
export function apiRoute(
  router: Router,
  ctx: ApiContext,
  operation: string,
  handler: (call: ApiCall) => ApiResult | Promise<ApiResult>,
  options: { readonly unspecified?: boolean } = {},
): void {
  const [method, template] = operation.split(' ') as [string, string];
  const expressPath = template.replace(/\{(\w+)\}/g, ':$1');
  const mount = router[method.toLowerCase() as 'get' | 'post' | 'put' | 'delete'].bind(router);
  mount(expressPath, async (req: Request, res: Response) => {
    const tracking = trackingId();
    res.set('TrackingID', tracking);
    const record = (
      status: number,
      body: unknown,
      person?: SandboxPerson,
      requestIssues: readonly SpecIssue[] = [],
    ) => {
      ctx.calls.push({
        at: ctx.state.now(),
        operation,
        method,
        path: req.path,
        personEmail: person?.emails[0],
        status,
        body,
        requestIssues,
      });
      if (ctx.calls.length > MAX_RECORDED) ctx.calls.splice(0, ctx.calls.length - MAX_RECORDED);
    };
    const fail = (
      status: number,
      message: string,
      person?: SandboxPerson,
      requestIssues: readonly SpecIssue[] = [],
      problems: ApiError['problems'] = [],
    ) => {
      const body = {
        message,
        errors: problems.length > 0 ? problems.map((p) => ({ ...p })) : [{ description: message }],
        trackingId: tracking,
      };
      record(status, body, person, requestIssues);
      res.status(status).json(body);
    };

    const token = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
    const person = token ? ctx.state.personByToken(token) : undefined;
    if (!person) return fail(401, 'The request requires a valid access token set in the Authorization request header.');
    // An integration's token does only what the person granted it; a person's own token, what their role allows.
    const scope = scopeOf(operation);
    const granted = ctx.state.oauth.accessToken(token!)?.scopes;
    if (scope !== undefined && granted !== undefined && !granted.includes(scope))
      return fail(403, MISSING_SCOPE, person);

    const fault = ctx.faults.take(method, template, req.path, person.emails[0], ctx.state.now());
    const answerFault = () => {
      if (fault!.retryAfter !== undefined) res.set('Retry-After', String(fault!.retryAfter));
      fail(fault!.status, fault!.status === 429 ? 'Too Many Requests' : `Injected fault ${fault!.status}`, person);
    };
    if (fault) {
      if (fault.delayMs > 0 && !fault.passThrough) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      if (fault.status >= 400 && !fault.passThrough) return answerFault();
    }

    // Webex reads request bodies as JSON only: another media type, or none, is 415 (Express would
    // otherwise skip the body and the call would fail later as if fields were missing).
    if ((method === 'POST' || method === 'PUT') && !/^application\/json\s*(;|$)/i.test(req.get('content-type') ?? '')) {
      return fail(415, 'Unsupported Media Type: the request body must be application/json.', person);
    }

    const body: unknown = req.body;
    // Operations outside the official specs we hold (Locations) are checked by their handlers alone.
    const issues =
      !options.unspecified && (method === 'POST' || method === 'PUT') ? ctx.spec.request(operation, body ?? {}) : [];
    if (issues.length > 0) {
      return fail(
        400,
        `The request body does not match the API: ${issues.map((i) => `${i.path || 'body'} ${i.message}`).join('; ')}`,
        person,
        issues,
      );
    }

    const query: Record<string, string> = {};
    for (const [key, value] of Object.entries(req.query)) {
      const first = firstString(value);
      if (first !== undefined) query[key] = first;
    }
    try {
      const url = new URL(req.originalUrl, `${req.protocol}://${req.get('host') ?? 'localhost'}`);
      const result = await handler({
        person,
        token: token!,
        params: req.params as Record<string, string>,
        query,
        body,
        url,
      });
      // A pass-through fault: the work is done, but the caller is told it failed (as after a lost answer).
      // A pass-through fault's delay comes after the work: the caller waits for an answer that is late.
      if (fault?.passThrough && fault.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      if (fault && fault.status >= 400 && fault.passThrough) return answerFault();
      // Another success status than the handler's (e.g. 204 where the spec also documents it): the
      // work is done and answered with that status and no body.
      if (fault && fault.status > 200 && fault.status < 300 && fault.status !== result.status) {
        record(fault.status, undefined, person);
        return void res.status(fault.status).end();
      }
      record(result.status, result.body, person);
      for (const [name, value] of Object.entries(result.headers ?? {})) res.set(name, value);
      if (result.file)
        res
          .status(result.status)
          .type(result.file.type)
          .set('content-disposition', `attachment; filename="${result.file.name}"`)
          .send(result.file.content);
      else if (result.body === undefined) res.status(result.status).end();
      else res.status(result.status).json(result.body);
    } catch (error) {
      if (error instanceof ApiError) {
        for (const [name, value] of Object.entries(error.headers)) res.set(name, value);
        return fail(error.status, error.message, person, [], error.problems);
      }
      return fail(500, `Sandbox failure: ${(error as Error).message}`, person);
    }
  });
}
