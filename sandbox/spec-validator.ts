import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

type Json = Record<string, unknown>;

const messagingSpec = new URL('../spec/webex-messaging.json', import.meta.url);
export const wholesaleSpec = new URL('../spec/webex-wholesale.json', import.meta.url);
export const adminSpec = new URL('../spec/webex-admin.json', import.meta.url);

/**
 * The official spec's `Attachment` says `content` is a file (`fileId`, `type`, `contentUrl`), yet
 * the same spec's POST /messages example, and every Webex client, send an Adaptive Card there.
 * The sandbox follows the documented card shape for this one schema.
 */
const attachmentAsDocumented = {
  type: 'object',
  required: ['contentType', 'content'],
  properties: { contentType: { type: 'string' }, content: { type: 'object' } },
};

export interface SpecIssue {
  readonly path: string;
  readonly message: string;
}

/** Validates request bodies and responses against one of the spec subsets in spec/. */
export class SpecValidator {
  readonly operations: readonly string[];
  private readonly ajv: Ajv;
  private readonly spec: Json;
  private readonly id: string;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(file: URL = messagingSpec) {
    this.spec = JSON.parse(readFileSync(file, 'utf8')) as Json;
    this.id = String(this.spec.$id);
    const components = this.spec.components as { schemas: Json };
    if (components.schemas.Attachment) components.schemas.Attachment = attachmentAsDocumented;
    this.operations = Object.keys(this.spec.operations as Json);
    this.ajv = new Ajv({ strict: false, allErrors: true });
    // ajv-formats ships CommonJS; its default export arrives wrapped under ESM.
    const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
      ajv: Ajv,
    ) => void;
    addFormats(this.ajv);
    this.ajv.addSchema(this.spec, this.id);
  }

  /** Problems with a request body for `operation` (e.g. `POST /messages`); empty when it conforms. */
  request(operation: string, body: unknown): SpecIssue[] {
    const op = this.operation(operation);
    if (op.request === null) return [];
    return this.check(`${operation} request`, `${this.id}#/operations/${pointer(operation)}/request`, body);
  }

  /** The top-level fields a request body of `operation` may hold (its schema's properties); none when it has no body. */
  requestFields(operation: string): readonly string[] {
    const request = this.operation(operation).request as Json | null;
    return Object.keys((this.resolve(request ?? undefined).properties as Json | undefined) ?? {});
  }

  /**
   * Problems with a response. With `closed`, the top-level object may hold only the fields the
   * spec names, so the sandbox cannot drift into a private dialect.
   */
  response(operation: string, status: number, body: unknown, closed = true): SpecIssue[] {
    const op = this.operation(operation);
    const responses = op.responses as Json;
    if (!(String(status) in responses))
      return [{ path: '', message: `${operation} does not document status ${status}` }];
    const schema = responses[String(status)];
    if (schema === null)
      return body === undefined || body === ''
        ? []
        : [{ path: '', message: `${operation} ${status} documents no body` }];
    const issues = this.check(
      `${operation} ${status}`,
      `${this.id}#/operations/${pointer(operation)}/responses/${status}`,
      body,
    );
    if (closed) issues.push(...this.extraFields(schema as Json, body));
    return issues;
  }

  private operation(operation: string): Json {
    const op = (this.spec.operations as Json)[operation];
    if (!op) throw new Error(`the spec subset has no operation ${operation}; add it to scripts/extract-spec.ts`);
    return op as Json;
  }

  private check(key: string, ref: string, value: unknown): SpecIssue[] {
    let validate = this.cache.get(key);
    if (!validate) {
      validate = this.ajv.compile({ $ref: ref });
      this.cache.set(key, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => ({ path: e.instancePath, message: e.message ?? 'invalid' }));
  }

  /** Fields in the body (and in each item of a list) that the spec does not name. */
  private extraFields(schema: Json, body: unknown): SpecIssue[] {
    const resolved = this.resolve(schema);
    const properties = resolved.properties as Json | undefined;
    if (!properties || body === null || typeof body !== 'object' || Array.isArray(body)) return [];
    const issues: SpecIssue[] = [];
    for (const [key, value] of Object.entries(body)) {
      if (!(key in properties)) issues.push({ path: `/${key}`, message: 'is not in the spec' });
      const inner = this.resolve(properties[key] as Json | undefined);
      if (key === 'items' && inner.type === 'array' && Array.isArray(value)) {
        value.forEach((item, i) => {
          for (const issue of this.extraFields(inner.items as Json, item))
            issues.push({ path: `/items/${i}${issue.path}`, message: issue.message });
        });
      }
    }
    return issues;
  }

  private resolve(schema: Json | undefined): Json {
    if (!schema) return {};
    const ref = schema.$ref;
    if (typeof ref === 'string') {
      const name = ref.replace('#/components/schemas/', '');
      return this.resolve(((this.spec.components as { schemas: Json }).schemas[name] as Json | undefined) ?? {});
    }
    return schema;
  }
}

/** JSON pointer segment for an operation key like `GET /messages/{messageId}`. */
function pointer(operation: string): string {
  return encodeURIComponent(operation.replace(/~/g, '~0').replace(/\//g, '~1'));
}
