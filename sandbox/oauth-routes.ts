import express, { type Response, type Router } from 'express';
import { z } from 'zod';
import { ApiError, apiRoute, type ApiContext } from './api-route.ts';
import { trackingId } from './ids.ts';
import { GrantRefused } from './oauth-state.ts';

/** The token endpoint's form (developer.webex.com "Integrations & Authorization"): one of the two grants. */
const grant = z.discriminatedUnion('grant_type', [
  z.object({
    grant_type: z.literal('refresh_token'),
    client_id: z.string().min(1),
    client_secret: z.string().min(1),
    refresh_token: z.string().min(1),
  }),
  z.object({
    grant_type: z.literal('authorization_code'),
    client_id: z.string().min(1),
    client_secret: z.string().min(1),
    code: z.string().min(1),
    redirect_uri: z.string().min(1),
  }),
]);

/** `POST /applications/{applicationId}/token` (webex-admin.json, createServiceAppAccessToken). */
const serviceAppBody = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  targetOrgId: z.string().min(1),
});

const authorizeQuery = z.object({
  client_id: z.string().min(1),
  response_type: z.literal('code'),
  redirect_uri: z.url(),
  scope: z.string().min(1),
  state: z.string().optional(),
});

function fail(res: Response, ctx: ApiContext, operation: string, path: string, status: number, message: string) {
  const tracking = trackingId();
  const body = { message, errors: [{ description: message }], trackingId: tracking };
  ctx.calls.push({ at: ctx.state.now(), operation, method: 'POST', path, status, body, requestIssues: [] });
  res.set('TrackingID', tracking).status(status).json(body);
}

/**
 * Webex's OAuth endpoints as the bot meets them: the token endpoint (form-encoded, no bearer
 * token; refresh grants rotate the refresh token), the consent page of the authorization-code
 * flow (answered at once, as the seeded partner admin Alice), the token expiry of the caller's
 * token, and the Service App token.
 */
export function mountOAuthRoutes(router: Router, ctx: ApiContext): void {
  const operation = 'POST /access_token';
  router.post('/access_token', express.urlencoded({ extended: false, limit: '16kb' }), (req, res) => {
    // An armed fault answers here too, before the form is read (the answers table drives each status).
    const fault = ctx.faults.take('POST', '/access_token', req.path, undefined, ctx.state.now());
    if (fault && fault.status >= 400) {
      if (fault.retryAfter !== undefined) res.set('Retry-After', String(fault.retryAfter));
      return fail(res, ctx, operation, req.path, fault.status, `Injected fault ${fault.status}`);
    }
    // Webex reads this form only: a JSON body is a client bug a kinder server would hide.
    if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(req.get('content-type') ?? ''))
      return fail(res, ctx, operation, req.path, 415, 'The body must be application/x-www-form-urlencoded.');
    const parsed = grant.safeParse(req.body);
    if (!parsed.success)
      return fail(
        res,
        ctx,
        operation,
        req.path,
        400,
        `The token request is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'body'} ${i.message}`).join('; ')}`,
      );
    const form = parsed.data;
    const client = { clientId: form.client_id, clientSecret: form.client_secret };
    try {
      const answer =
        form.grant_type === 'refresh_token'
          ? ctx.state.oauth.refreshGrant(client, form.refresh_token)
          : ctx.state.oauth.exchangeCode(client, form.code, form.redirect_uri);
      const tracking = trackingId();
      // The answer holds tokens: the call log keeps only that it succeeded.
      ctx.calls.push({
        at: ctx.state.now(),
        operation,
        method: 'POST',
        path: req.path,
        status: 200,
        requestIssues: [],
      });
      res.set('TrackingID', tracking).status(200).json(answer);
    } catch (error) {
      if (error instanceof GrantRefused) return fail(res, ctx, operation, req.path, error.status, error.message);
      throw error;
    }
  });

  router.get('/authorize', (req, res) => {
    const parsed = authorizeQuery.safeParse(req.query);
    if (!parsed.success || parsed.data.client_id !== ctx.state.oauth.integration.clientId) {
      const tracking = trackingId();
      const message = 'The authorization request is not valid (client_id, response_type=code, redirect_uri, scope).';
      return void res
        .set('TrackingID', tracking)
        .status(400)
        .json({ message, errors: [{ description: message }], trackingId: tracking });
    }
    const q = parsed.data;
    // Alice grants what the client asked for (Webex's consent page lists the scopes; she allows them all).
    const code = ctx.state.oauth.issueCode(
      ctx.state.personByKey('alice').id,
      q.client_id,
      q.redirect_uri,
      q.scope.split(/\s+/).filter(Boolean),
    );
    const target = new URL(q.redirect_uri);
    target.searchParams.set('code', code);
    if (q.state !== undefined) target.searchParams.set('state', q.state);
    res.redirect(302, target.toString());
  });

  apiRoute(router, ctx, 'GET /authorizations/tokenExpiry', (call) => ({
    status: 200,
    body: { exp: ctx.state.tokenExpiry(call.token) },
  }));

  apiRoute(router, ctx, 'POST /applications/{applicationId}/token', (call) => {
    const body = serviceAppBody.safeParse(call.body);
    if (!body.success)
      throw new ApiError(400, `clientId, clientSecret and targetOrgId are required: ${body.error.message}`);
    try {
      const answer = ctx.state.oauth.serviceAppToken(
        call.params.applicationId ?? '',
        { clientId: body.data.clientId, clientSecret: body.data.clientSecret },
        call.person.id,
      );
      if (!answer) throw new ApiError(404, 'The requested resource could not be found.');
      return { status: 200, body: answer };
    } catch (error) {
      if (error instanceof GrantRefused) throw new ApiError(error.status, error.message);
      throw error;
    }
  });
}
