import { describe, expect, it } from 'vitest';
import { realCommandRegistry } from '../support/help-registry.ts';
import { MAX_MARKDOWN_BYTES, adaptiveCard, type CardMessage } from '../../cards/adaptive-card.ts';
import { helpCard } from '../../cards/help-card.ts';
import { locales, translator } from '../../i18n/catalogue.ts';
import { cardValidator } from '../support/card-schema.ts';

const validate = cardValidator();

/** Every card the bot can send, in every language and variant. */
function everyCard(): [string, CardMessage][] {
  const out: [string, CardMessage][] = [];
  for (const locale of locales) {
    const t = translator(locale);
    const commands = realCommandRegistry().helpEntries(t);
    for (const inGroupSpace of [false, true]) {
      out.push([`help ${locale} ${inGroupSpace ? 'group' : 'direct'}`, helpCard({ t, commands, botName: 'Onboarding Bot', inGroupSpace })]);
    }
  }
  return out;
}

describe('cards', () => {
  it.each(everyCard())('%s is valid Adaptive Card 1.3 with a markdown twin Webex accepts', (_name, { card, markdown }) => {
    expect(validate(card)).toEqual([]);
    expect(markdown.length).toBeGreaterThan(0);
    expect(Buffer.byteLength(markdown)).toBeLessThanOrEqual(MAX_MARKDOWN_BYTES);
    expect(card.fallbackText).toBeTruthy();
    expect((card.actions ?? []).length).toBeLessThanOrEqual(5);
  });

  it('the schema check rejects what Webex would not render', () => {
    expect(validate({ type: 'AdaptiveCard', version: '1.3', body: [{ type: 'TextBlock' }] })).not.toEqual([]);
    expect(validate({ type: 'AdaptiveCard', version: '1.3', body: [], actions: [{ type: 'Action.Execute', title: 'x' }] })).not.toEqual([]);
    expect(validate({ type: 'AdaptiveCard', version: '1.4', body: [] })).toContain('version is not 1.3');
  });

  it('a card builder refuses more than the five actions Webex shows', () => {
    const six = Array.from({ length: 6 }, (_, i) => ({ type: 'Action.Submit' as const, title: `b${i}`, data: {} }));
    expect(() => adaptiveCard([], six)).toThrow(/at most 5/);
  });

  it('the help card lists what a person can write, as they read it', () => {
    const t = translator('en');
    const { markdown } = helpCard({ t, commands: realCommandRegistry().helpEntries(t), botName: 'Onboarding Bot', inGroupSpace: true });
    expect(markdown).toMatchInlineSnapshot(`
      "**Wholesale onboarding bot**
      I run Webex Wholesale customer onboarding in this space. Write one of these commands:
      - \`create template\`: Set up an onboarding template, step by step. Every customer is provisioned with one.
      - \`templates\`: List the onboarding templates and their Provisioning IDs.
      - \`template <name>\`: Show one onboarding template.
      - \`cancel\`: Stop what you started in this space; nothing more is saved.
      - \`help\`: Show this list of commands.
      In a group space, mention me first, e.g. \`@Onboarding Bot help\`."
    `);
  });
});
