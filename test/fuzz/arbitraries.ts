import fc from 'fast-check';

/** Strings a person, a broken client or someone calling the API by hand might put in a card input. */
const oddStrings = [
  '',
  ' ',
  '   ',
  '\t',
  '\r\n',
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\u007f',
  '\u200b',
  '\u202e',
  '\ufeff',
  '\u2028',
  '\ud800',
  '\udfff',
  'e\u0301',
  'null',
  'undefined',
  'true',
  'false',
  '0',
  '-1',
  'NaN',
  'Infinity',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  'toString',
  '<b>x</b>',
  '<script>alert(1)</script>',
  '${x}',
  '{{name}}',
  '%s%n',
  "'; drop table templates; --",
  'a,b',
  ',,,',
  ' , ',
  '\\',
  '"',
  '💥',
  'Ä',
  'ß',
  'webex_calling,webex_calling',
  'webex_calling, attendant_console',
  'WEBEX_CALLING',
  'true ',
  'TRUE',
  '1',
  'on',
  '+',
  '+49',
  '00',
  '1'.repeat(11),
  'x@y',
  '@',
  'a@b.c',
  'mailto:a@b.example',
  'https://',
  'urn:',
  'Europe/Nowhere',
  'UTC',
  'de-DE',
  'DE ',
  'XX',
  'ZZ',
];

/** Long strings: past every field's maximum, some past what a card can carry back. */
const longString: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('x', 'é', '💥', '\u0000', ' ', 'ab,'),
    fc.oneof(fc.integer({ min: 33, max: 300 }), fc.integer({ min: 300, max: 40_000 })),
  )
  .map(([unit, count]) => unit.repeat(count));

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...oddStrings) },
  { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  {
    weight: 1,
    arbitrary: fc.string({
      unit: fc.constantFrom('\u0000', '\u0008', '\u001f', '\u007f', '\u0085', '\u2028', '\ud800', '\udfff', '\u0301'),
      maxLength: 12,
    }),
  },
  { weight: 1, arbitrary: longString },
);

/** What a client may send instead of a string. */
const notAString: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

/** One input of a submission: a valid answer (possibly dressed up), something odd, or nothing. */
type Cell =
  | { readonly kind: 'valid'; readonly alternative: number; readonly dress: number; readonly suffix: string }
  | { readonly kind: 'raw'; readonly value: unknown }
  | { readonly kind: 'missing' };

const cell: fc.Arbitrary<Cell> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('valid' as const),
      alternative: fc.nat(7),
      dress: fc.nat(4),
      suffix: nastyString,
    }),
  },
  { weight: 3, arbitrary: nastyString.map((value): Cell => ({ kind: 'raw', value })) },
  { weight: 1, arbitrary: notAString.map((value): Cell => ({ kind: 'raw', value })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'missing' as const }) },
);

/**
 * How to fill a card's inputs: all valid, valid but one, or every input its own cell; plus keys
 * the card does not have (other cards' fields, prototype names, anything).
 */
export interface Recipe {
  readonly mode: 'valid' | 'one' | 'any';
  readonly pick: number;
  readonly cells: readonly Cell[];
  readonly extras: readonly (readonly [string, Cell])[];
}

const extraKey = (foreign: readonly string[]) =>
  fc.oneof(
    fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'answers', 'errors', ...foreign),
    fc.string({ maxLength: 12 }),
  );

export function recipe(
  foreign: readonly string[],
  modes: readonly Recipe['mode'][] = ['valid', 'one', 'one', 'any', 'any'],
): fc.Arbitrary<Recipe> {
  return fc.record({
    mode: fc.constantFrom(...modes),
    pick: fc.nat(),
    cells: fc.array(cell, { minLength: 1, maxLength: 12 }),
    extras: fc.array(fc.tuple(extraKey(foreign), cell), { maxLength: 4 }),
  });
}

function dressed(value: string, c: Extract<Cell, { kind: 'valid' }>): string {
  switch (c.dress) {
    case 0:
      return value;
    case 1:
      return ` \t${value}\n `;
    case 2:
      return value.toUpperCase();
    case 3:
      return `${value}${c.suffix}`;
    default:
      return `${c.suffix}${value}`;
  }
}

function valueOf(
  c: Cell,
  valid: readonly string[] | undefined,
): { readonly present: boolean; readonly value?: unknown } {
  if (c.kind === 'missing') return { present: false };
  if (c.kind === 'raw') return { present: true, value: c.value };
  if (!valid || valid.length === 0) return { present: true, value: c.suffix };
  return { present: true, value: dressed(valid[c.alternative % valid.length]!, c) };
}

/**
 * The inputs a submission carries for a card with these input ids. Built with `Object.fromEntries`
 * so a `__proto__` key is an own key, as in parsed JSON.
 */
export function inputsFor(
  ids: readonly string[],
  answers: Readonly<Record<string, readonly string[]>>,
  r: Recipe,
): Record<string, unknown> {
  const valid = (key: string) => (Object.hasOwn(answers, key) ? answers[key] : undefined);
  const entries: [string, unknown][] = [];
  const chosen = ids.length > 0 ? r.pick % ids.length : -1;
  ids.forEach((id, i) => {
    const first = valid(id)?.[0];
    let c: Cell;
    if (r.mode === 'valid' || (r.mode === 'one' && i !== chosen))
      c = { kind: 'valid', alternative: r.pick, dress: 0, suffix: '' };
    else c = r.cells[i % r.cells.length]!;
    const v = first === undefined && c.kind === 'valid' ? { present: false } : valueOf(c, valid(id));
    if (v.present) entries.push([id, v.value]);
  });
  for (const [key, c] of r.extras) {
    const v = valueOf(c, valid(key));
    if (v.present) entries.push([key, v.value]);
  }
  return Object.fromEntries(entries);
}
