import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';

const require = createRequire(import.meta.url);

/** The official Adaptive Card 1.3 schema (spec/), compiled with its draft-06 meta-schema. */
export function cardValidator(): (card: unknown) => string[] {
  const schema = JSON.parse(
    readFileSync(new URL('../../spec/adaptive-card-1.3.schema.json', import.meta.url), 'utf8'),
  ) as object;
  const ajv = new Ajv({ strict: false, allErrors: true });
  const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
    ajv: Ajv,
  ) => void;
  addFormats(ajv);
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as object);
  const validate = ajv.compile(schema);
  return (card) => {
    const problems: string[] = [];
    const c = card as { type?: unknown; version?: unknown };
    if (c.type !== 'AdaptiveCard') problems.push('type is not AdaptiveCard');
    if (c.version !== '1.3') problems.push('version is not 1.3');
    if (!validate(card)) problems.push(...(validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));
    return problems;
  };
}
