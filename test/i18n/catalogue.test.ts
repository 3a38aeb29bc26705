import { describe, expect, it } from 'vitest';
import { catalogue, format, type MessageId } from '../../i18n/catalogue.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the message catalogue', () => {
  const ids = Object.keys(catalogue.en) as MessageId[];

  it.each(ids)('%s has a German text with the same placeholders', (id) => {
    expect(catalogue.de[id].trim()).not.toBe('');
    expect(placeholders(catalogue.de[id])).toEqual(placeholders(catalogue.en[id]));
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('en', 'reply.unknownCommand', { text: 'foo' })).toBe('I did not understand “foo”. Write `help` to see what I can do.');
    expect(format('de', 'reply.internalError', {})).toContain('{reference}');
  });
});
