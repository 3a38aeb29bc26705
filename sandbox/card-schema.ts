import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

const require = createRequire(import.meta.url);

type Json = Record<string, unknown>;

interface CardSchema {
  readonly ajv: Ajv;
  readonly whole: ValidateFunction;
  readonly definitions: Json;
}

let compiled: CardSchema | undefined;

/** The official Adaptive Card 1.3 schema (spec/), compiled once with its draft-06 meta-schema. */
function cardSchema(): CardSchema {
  if (compiled) return compiled;
  const schema = JSON.parse(
    readFileSync(new URL('../spec/adaptive-card-1.3.schema.json', import.meta.url), 'utf8'),
  ) as { definitions: Json };
  const ajv = new Ajv({ strict: false, allErrors: true });
  // ajv-formats ships CommonJS; its default export arrives wrapped under ESM.
  const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
    ajv: Ajv,
  ) => void;
  addFormats(ajv);
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as object);
  ajv.addSchema(schema, 'card');
  compiled = { ajv, whole: ajv.getSchema('card')!, definitions: schema.definitions };
  return compiled;
}

/** The value at a JSON pointer such as `/body/0/items/1`. */
function at(root: unknown, pointer: string): unknown {
  let value = root;
  for (const key of pointer.split('/').slice(1))
    value = (value as Json | undefined)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')];
  return value;
}

/** The pointer of the nearest element (an object with a `type`) at or above `pointer`. */
function elementAt(root: unknown, pointer: string): string | undefined {
  for (let path = pointer; ; path = path.slice(0, path.lastIndexOf('/'))) {
    const value = at(root, path) as Json | null | undefined;
    if (value !== null && typeof value === 'object' && typeof value.type === 'string') return path;
    if (path === '') return undefined;
  }
}

function describe(pointer: string, e: ErrorObject): string {
  const extra =
    e.keyword === 'additionalProperties'
      ? ` (${String((e.params as { additionalProperty?: unknown }).additionalProperty)})`
      : '';
  return `${pointer + e.instancePath || '/'} ${e.message ?? 'is invalid'}${extra}`;
}

/**
 * The schema lists every element type as one `anyOf`, so Ajv says why an element is none of them.
 * What helps is what the schema of the element's own `type` says, so each failing element is
 * checked again against that definition alone, keeping the problems that are its own (its children
 * are elements of their own, reported in turn).
 */
function readable(errors: readonly ErrorObject[], card: unknown, schema: CardSchema): string[] {
  const problems = new Set<string>();
  const elements = new Set(errors.filter((e) => e.keyword !== 'anyOf').map((e) => elementAt(card, e.instancePath)));
  for (const pointer of elements) {
    if (pointer === undefined) continue;
    const element = at(card, pointer) as Json;
    const type = element.type as string;
    if (!(type in schema.definitions)) {
      problems.add(`${pointer || '/'} has type ${type}, which Adaptive Cards 1.3 do not have`);
      continue;
    }
    const own = schema.ajv.getSchema(`card#/definitions/${type}`);
    if (!own || own(element)) continue;
    for (const e of own.errors ?? []) {
      if (e.keyword !== 'anyOf' && elementAt(element, e.instancePath) === '') problems.add(describe(pointer, e));
    }
  }
  return problems.size > 0 ? [...problems] : errors.filter((e) => e.keyword !== 'anyOf').map((e) => describe('', e));
}

/**
 * Why Webex would refuse this card content, or nothing. Webex renders Adaptive Cards up to 1.3, so
 * the content must be a card (the schema leaves the root `type` optional, Webex does not) of a
 * version it knows, and valid against the 1.3 schema.
 */
export function cardProblems(content: unknown): string[] {
  const problems: string[] = [];
  const card = (content ?? {}) as { type?: unknown; version?: unknown };
  if (card.type !== 'AdaptiveCard') problems.push('type must be AdaptiveCard');
  if (typeof card.version !== 'string' || !/^1\.[0-3]$/.test(card.version)) problems.push('version must be 1.0 to 1.3');
  const schema = cardSchema();
  if (!schema.whole(content)) problems.push(...readable(schema.whole.errors ?? [], content, schema));
  return problems;
}
