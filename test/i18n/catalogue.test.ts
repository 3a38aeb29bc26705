import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { argumentsOf, catalogue, format, type MessageId } from '../../i18n/catalogue.ts';

describe('the message catalogue', () => {
  const ids = Object.keys(catalogue.en) as MessageId[];

  it.each(ids)('%s has a German text with the same placeholders', (id) => {
    expect(catalogue.de[id].trim()).not.toBe('');
    expect(argumentsOf('de', id)).toEqual(argumentsOf('en', id));
  });

  it('says one row and two rows, eine Zeile and zwei Zeilen', () => {
    expect(format('en', 'bulk.badRows.more', { count: 1 })).toBe('…and 1 more row.');
    expect(format('en', 'bulk.badRows.more', { count: 2 })).toBe('…and 2 more rows.');
    expect(format('de', 'bulk.badRows.more', { count: 1 })).toBe('… und 1 weitere Zeile.');
    expect(format('de', 'bulk.badRows.more', { count: 12 })).toBe('… und 12 weitere Zeilen.');
    expect(format('en', 'bulk.badRows.title', { count: 1, total: 1200 })).toBe(
      '1 of 1,200 rows needs a change; nothing was created',
    );
    expect(format('de', 'bulk.badRows.title', { count: 1, total: 1200 })).toBe(
      '1 von 1.200 Zeilen muss geändert werden; es wurde nichts angelegt',
    );
    expect(format('de', 'approval.sent', { subject: 'Acme', required: 1, expires: '12:00' })).toContain(
      'Benötigt 1 Genehmigung bis 12:00',
    );
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('en', 'reply.unknownCommand', { text: 'foo' })).toBe(
      'I did not understand “foo”. Write `help` to see what I can do.',
    );
    expect(format('de', 'reply.internalError', {})).toContain('{reference}');
  });

  it('has no message that nothing shows: each id stands in the code, or under a prefix the code completes', () => {
    const root = new URL('../../', import.meta.url);
    const files = execFileSync('git', ['ls-files', 'bot', 'cards', 'machines'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .filter((f) => f.endsWith('.ts'));
    const code = files.map((f) => readFileSync(new URL(f, root), 'utf8')).join('\n');
    // Ids the code builds from a value: `approval.refused.${reason}`, `bulk.row.${outcome}`, …
    const built = [...code.matchAll(/`([a-zA-Z.]+\.)\$\{/g)].map((m) => m[1]!);
    const unused = ids.filter((id) => !code.includes(`'${id}'`) && !built.some((prefix) => id.startsWith(prefix)));
    expect(unused).toEqual([]);
  });
});
