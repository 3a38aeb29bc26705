/**
 * Every sentence a person reads comes from here, keyed by id. English is the reference; German
 * must carry every key (the `satisfies` below makes a missing translation a type error).
 * Placeholders are `{name}`; `format` fills them.
 */
const en = {
  'help.title': 'Wholesale onboarding bot',
  'help.intro': 'I run Webex Wholesale customer onboarding in this space. Write one of these commands:',
  'help.groupNote': 'In a group space, mention me first, e.g. `@{botName} help`.',
  'help.fallback': 'Commands I understand:',
  'command.help.usage': 'help',
  'command.help.summary': 'Show this list of commands.',
  'reply.unknownCommand': 'I did not understand “{text}”. Write `help` to see what I can do.',
  'reply.emptyCommand': 'Yes? Write `help` to see what I can do.',
  'reply.cardInactive': 'This card is no longer active. Nothing was changed.',
  'reply.internalError': 'Something went wrong on my side and nothing was changed. Please try again; if it keeps happening, tell your bot operator (reference {reference}).',
} as const;

export type MessageId = keyof typeof en;
export type Locale = 'en' | 'de';

const de = {
  'help.title': 'Wholesale-Onboarding-Bot',
  'help.intro': 'Ich führe in diesem Bereich das Webex-Wholesale-Kunden-Onboarding durch. Schreiben Sie einen dieser Befehle:',
  'help.groupNote': 'Erwähnen Sie mich in einem Gruppenbereich zuerst, z. B. `@{botName} help`.',
  'help.fallback': 'Befehle, die ich verstehe:',
  'command.help.usage': 'help',
  'command.help.summary': 'Diese Liste der Befehle anzeigen.',
  'reply.unknownCommand': 'Ich habe „{text}“ nicht verstanden. Schreiben Sie `help`, um zu sehen, was ich kann.',
  'reply.emptyCommand': 'Ja? Schreiben Sie `help`, um zu sehen, was ich kann.',
  'reply.cardInactive': 'Diese Karte ist nicht mehr aktiv. Es wurde nichts geändert.',
  'reply.internalError': 'Bei mir ist etwas schiefgegangen, und es wurde nichts geändert. Bitte versuchen Sie es erneut; wenn es wieder passiert, wenden Sie sich an den Betreiber des Bots (Referenz {reference}).',
} as const satisfies Record<MessageId, string>;

export const catalogue: Readonly<Record<Locale, Readonly<Record<MessageId, string>>>> = { en, de };

export const locales = ['en', 'de'] as const satisfies readonly Locale[];

/** Looks a message up in the locale's catalogue and fills its `{placeholders}`. */
export function format(locale: Locale, id: MessageId, params: Readonly<Record<string, string | number>> = {}): string {
  const template = catalogue[locale][id];
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = params[key];
    return value === undefined ? whole : String(value);
  });
}

/** A translator bound to one locale, handed to card builders so they never choose words. */
export type Translate = (id: MessageId, params?: Readonly<Record<string, string | number>>) => string;

export function translator(locale: Locale): Translate {
  return (id, params) => format(locale, id, params);
}
