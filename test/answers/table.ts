import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { OPERATIONS, type Operation } from '../../webex/operations.ts';
import { READS } from './reads.ts';

/**
 * The answers table's rows, from spec/ (what Webex documents) and the bot's zod schemas (which
 * fields it reads): each used operation × each documented status, and × each enum value of each
 * response field the bot reads.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export type Row =
  | { readonly kind: 'status'; readonly operation: Operation; readonly status: string }
  | { readonly kind: 'enum'; readonly operation: Operation; readonly field: string; readonly value: string };

export function rowKey(row: Row): string {
  return row.kind === 'status' ? `${row.operation} → ${row.status}` : `${row.operation} → ${row.field} = ${row.value}`;
}

const specFiles = ['webex-messaging.json', 'webex-wholesale.json', 'webex-admin.json'] as const;

interface SpecOperation {
  readonly source: string;
  readonly statuses: readonly string[];
  readonly enums: ReadonlyMap<string, readonly string[]>;
}

function obj(value: Json | undefined): JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

/** Enum fields of a response schema, by path (`items[].status`), following `$ref`s. */
function enumsOf(schema: Json, components: JsonObject, path = '', seen = new Set<string>()): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (inner: Map<string, string[]>) => {
    for (const [p, values] of inner) out.set(p, [...new Set([...(out.get(p) ?? []), ...values])]);
  };
  const node = obj(schema);
  if (typeof node.$ref === 'string') {
    const name = node.$ref.replace('#/components/schemas/', '');
    if (seen.has(name)) return out;
    return enumsOf(components[name] ?? null, components, path, new Set([...seen, name]));
  }
  if (Array.isArray(node.enum)) out.set(path, node.enum.map(String));
  for (const key of ['allOf', 'oneOf', 'anyOf'])
    if (Array.isArray(node[key])) for (const inner of node[key]) add(enumsOf(inner, components, path, seen));
  if (node.items !== undefined) add(enumsOf(node.items, components, `${path}[]`, seen));
  for (const [name, inner] of Object.entries(obj(node.properties)))
    add(enumsOf(inner, components, path ? `${path}.${name}` : name, seen));
  return out;
}

/**
 * A hand-written spec file (spec/webex-calling-pstn.json): each operation's `responses` names its
 * success status and the schema by name (`"Name"`, `"Name[]"`, or an object of such fields); every
 * operation answers the file's `errorStatuses`; a schema's property whose type names an entry of
 * `enums` is an enum field.
 */
function handWritten(file: string): Map<string, SpecOperation> {
  const spec = obj(JSON.parse(readFileSync(`${root}spec/${file}`, 'utf8')) as Json);
  const schemas = obj(spec.schemas);
  const enumValues = obj(spec.enums);
  const errors = Array.isArray(spec.errorStatuses) ? spec.errorStatuses.map(String) : [];
  const fields = (type: Json, path: string, out: Map<string, string[]>, seen: Set<string>): void => {
    if (typeof type !== 'string') {
      for (const [name, inner] of Object.entries(obj(type))) fields(inner, path ? `${path}.${name}` : name, out, seen);
      return;
    }
    const name = type.replace(/\[\]$/, '');
    const at = type.endsWith('[]') ? `${path}[]` : path;
    const values = enumValues[name];
    if (Array.isArray(values)) out.set(at, values.map(String));
    else if (name in schemas && !seen.has(name))
      fields(obj(schemas[name]).properties ?? null, at, out, new Set([...seen, name]));
  };
  const out = new Map<string, SpecOperation>();
  for (const [operation, entry] of Object.entries(obj(spec.operations))) {
    const responses = Object.entries(obj(obj(entry).responses));
    const enums = new Map<string, string[]>();
    for (const [status, schema] of responses)
      if (status.startsWith('2') && schema !== null) fields(schema, '', enums, new Set());
    out.set(operation, {
      source: `spec/${file}`,
      statuses: [...responses.map(([status]) => status), ...errors],
      enums,
    });
  }
  return out;
}

/** What spec/ documents for each operation it holds. */
export function documented(): Map<string, SpecOperation> {
  const out = new Map<string, SpecOperation>();
  for (const file of specFiles) {
    const spec = obj(JSON.parse(readFileSync(`${root}spec/${file}`, 'utf8')) as Json);
    const components = obj(obj(spec.components).schemas);
    for (const [operation, entry] of Object.entries(obj(spec.operations))) {
      if (out.has(operation)) continue;
      const op = obj(entry);
      const enums = new Map<string, string[]>();
      for (const [status, schema] of Object.entries(obj(op.responses)))
        if (status.startsWith('2') && schema !== null)
          for (const [p, values] of enumsOf(schema, components)) enums.set(p, values);
      const statuses = Array.isArray(op.statuses) ? op.statuses.map(String) : [];
      out.set(operation, { source: `spec/${file}`, statuses, enums });
    }
  }
  for (const [operation, op] of handWritten('webex-calling-pstn.json')) if (!out.has(operation)) out.set(operation, op);
  const other = obj(JSON.parse(readFileSync(`${root}spec/webex-other-answers.json`, 'utf8')) as Json);
  for (const [operation, entry] of Object.entries(obj(other.operations))) {
    if (out.has(operation)) continue;
    const op = obj(entry);
    const enums = new Map(Object.entries(obj(op.enums)).map(([p, v]) => [p, Array.isArray(v) ? v.map(String) : []]));
    const statuses = Array.isArray(op.statuses) ? op.statuses.map(String) : [];
    out.set(operation, { source: 'spec/webex-other-answers.json', statuses, enums });
  }
  return out;
}

/** The paths a zod schema reads (`items[].status`), each with whether it is a closed enum. */
export function readPaths(schema: z.ZodType, path = '', out = new Map<string, boolean>()): Map<string, boolean> {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  const type = def.type as string;
  if (path) out.set(path, type === 'enum' || type === 'literal' || out.get(path) === true);
  if (type === 'object') {
    for (const [name, inner] of Object.entries(def.shape as Record<string, z.ZodType>))
      readPaths(inner, path ? `${path}.${name}` : name, out);
  } else if (type === 'array') readPaths(def.element as z.ZodType, `${path}[]`, out);
  else if (['optional', 'default', 'nullable', 'prefault', 'catch', 'readonly'].includes(type)) {
    out.delete(path);
    readPaths(def.innerType as z.ZodType, path, out);
    // A value outside the enum is caught (read as a fallback), never a failed parse.
    if (type === 'catch' && path) out.set(path, false);
  }
  return out;
}

function usedOperations(): Operation[] {
  return [...new Set(Object.values(OPERATIONS).flat())];
}

/** Every row the table must have, in a stable order. */
export function rows(): Row[] {
  const spec = documented();
  const out: Row[] = [];
  for (const operation of usedOperations()) {
    const op = spec.get(operation);
    for (const status of op?.statuses ?? []) out.push({ kind: 'status', operation, status });
    const reads = READS[operation];
    const read = reads ? readPaths(reads) : new Map<string, boolean>();
    for (const [field, values] of op?.enums ?? [])
      if (read.has(field)) for (const value of values) out.push({ kind: 'enum', operation, field, value });
  }
  return out;
}

/** Operations with no entry in spec/ at all (the guard fails on them). */
export function undocumented(): Operation[] {
  const spec = documented();
  return usedOperations().filter((op) => !spec.has(op));
}

export { root };
