/**
 * Developer tool: distils the official reference documents in ../shared/reference into the
 * small data files under spec/ that the sandbox and the tests read. Run it when the reference
 * changes (`npx tsx scripts/extract-spec.ts`); nothing at test or run time reads ../shared.
 *
 * It keeps only the operations this project uses, their request and success-response schemas, the
 * list of every response status each documents, and the component schemas they reach (with their
 * enums), and strips prose (descriptions, examples) we do not need.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const root = fileURLToPath(new URL('..', import.meta.url));
const reference = `${root}../shared/reference/`;

const PROSE = new Set(['description', 'example', 'examples', 'x-example', 'title']);

function stripProse(value: Json): Json {
  if (Array.isArray(value)) return value.map(stripProse);
  if (value === null || typeof value !== 'object') return value;
  const out: JsonObject = {};
  for (const [key, inner] of Object.entries(value)) {
    if (PROSE.has(key) && typeof inner !== 'object') continue;
    if (key === 'example' || key === 'examples') continue;
    out[key] = stripProse(inner);
  }
  return out;
}

function collectRefs(value: Json, into: Set<string>): void {
  if (Array.isArray(value)) return value.forEach((v) => collectRefs(v, into));
  if (value === null || typeof value !== 'object') return;
  for (const [key, inner] of Object.entries(value)) {
    if (key === '$ref' && typeof inner === 'string') into.add(inner.replace('#/components/schemas/', ''));
    else collectRefs(inner, into);
  }
}

function asObject(value: Json | undefined, where: string): JsonObject {
  if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`expected an object at ${where}`);
  }
  return value;
}

function extractOpenApi(file: string, operations: string[], id: string, source: string): JsonObject {
  const spec = asObject(JSON.parse(readFileSync(`${reference}openapi/${file}`, 'utf8')) as Json, file);
  const paths = asObject(spec.paths, 'paths');
  const schemas = asObject(asObject(spec.components, 'components').schemas, 'components.schemas');
  const out: JsonObject = {};
  const refs = new Set<string>();
  for (const operation of operations) {
    const [method, path] = operation.split(' ') as [string, string];
    const op = asObject(asObject(paths[path], path)[method.toLowerCase()], operation);
    const requestBody = op.requestBody ? asObject(op.requestBody, `${operation} requestBody`) : undefined;
    const request = requestBody
      ? (asObject(asObject(requestBody.content, 'content')['application/json'], 'json').schema ?? null)
      : null;
    const responses: JsonObject = {};
    // Every status the operation documents (its answers table lists each; test/answers).
    const statuses = Object.keys(asObject(op.responses, `${operation} responses`));
    for (const [status, response] of Object.entries(asObject(op.responses, `${operation} responses`))) {
      if (!status.startsWith('2')) continue;
      const content = asObject(response, status).content;
      const json = content ? asObject(content, 'content')['application/json'] : undefined;
      responses[status] = json ? (asObject(json, 'json').schema ?? null) : null;
    }
    const parameters = Array.isArray(op.parameters)
      ? op.parameters
          .map((p) => asObject(p, 'parameter'))
          .map((p) => ({ name: p.name ?? null, in: p.in ?? null, required: p.required ?? false }))
      : [];
    const entry: JsonObject = {
      request: stripProse(request),
      responses: stripProse(responses),
      statuses,
      parameters,
    };
    collectRefs(entry, refs);
    out[operation] = entry;
  }
  const keptSchemas: JsonObject = {};
  const queue = [...refs];
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (keptSchemas[name]) continue;
    const schema = stripProse(asObject(schemas[name], `schema ${name}`));
    keptSchemas[name] = schema;
    const more = new Set<string>();
    collectRefs(schema, more);
    for (const next of more) if (!keptSchemas[next]) queue.push(next);
  }
  return {
    $id: id,
    source,
    licence:
      'CC BY 4.0, Cisco Systems (webex/webex-openapi-specs); reduced to the operations this project uses, prose removed',
    operations: out,
    components: { schemas: keptSchemas },
  };
}

const messagingOperations = [
  'GET /people/me',
  'GET /people/{personId}',
  'GET /rooms',
  'GET /rooms/{roomId}',
  'GET /memberships',
  'GET /messages',
  'POST /messages',
  'GET /messages/{messageId}',
  'DELETE /messages/{messageId}',
  'POST /attachment/actions',
  'GET /attachment/actions/{id}',
  'GET /webhooks',
  'POST /webhooks',
  'GET /webhooks/{webhookId}',
  'PUT /webhooks/{webhookId}',
  'DELETE /webhooks/{webhookId}',
];

const messaging = extractOpenApi(
  'webex-messaging.json',
  messagingOperations,
  'webex-messaging',
  'webex/webex-openapi-specs public-spec/webex-messaging.json',
);
writeFileSync(`${root}spec/webex-messaging.json`, `${JSON.stringify(messaging, null, 1)}\n`);

const wholesaleOperations = [
  'GET /wholesale/customers',
  'POST /wholesale/customers',
  'GET /wholesale/customers/{customerId}',
  'PUT /wholesale/customers/{customerId}',
  'DELETE /wholesale/customers/{customerId}',
  'POST /wholesale/customers/validate',
  'GET /wholesale/subscribers',
  'POST /wholesale/subscribers',
  'GET /wholesale/subscribers/{subscriberId}',
  'PUT /wholesale/subscribers/{subscriberId}',
  'DELETE /wholesale/subscribers/{subscriberId}',
  'POST /wholesale/subscribers/validate',
  'POST /subscribers/{subscriberId}/emails/consentMove',
];

const wholesale = extractOpenApi(
  'webex-wholesale.json',
  wholesaleOperations,
  'webex-wholesale',
  'webex/webex-openapi-specs public-spec/webex-wholesale.json',
);
writeFileSync(`${root}spec/webex-wholesale.json`, `${JSON.stringify(wholesale, null, 1)}\n`);

// The partner credentials: the token expiry check and the Service App token; administrator roles
// (the roles, and a customer's person read and written back whole); a customer's organisation
// and its full administrators, read when a customer made outside the bot is adopted (the token endpoint
// itself, POST /access_token, is form-encoded and in no spec; the sandbox checks it by hand).
const adminOperations = [
  'GET /authorizations/tokenExpiry',
  'POST /applications/{applicationId}/token',
  'GET /roles',
  'GET /people',
  'GET /people/{personId}',
  'PUT /people/{personId}',
  'GET /organizations/{orgId}',
];

const admin = extractOpenApi(
  'webex-admin.json',
  adminOperations,
  'webex-admin',
  'webex/webex-openapi-specs public-spec/webex-admin.json',
);
writeFileSync(`${root}spec/webex-admin.json`, `${JSON.stringify(admin, null, 1)}\n`);

const card = stripProse(JSON.parse(readFileSync(`${reference}adaptive-card-1.3.schema.json`, 'utf8')) as Json);
const cardObject = asObject(card, 'card schema');
delete cardObject.id;
writeFileSync(`${root}spec/adaptive-card-1.3.schema.json`, `${JSON.stringify(cardObject, null, 1)}\n`);
console.log('spec/ written');
