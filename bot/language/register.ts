import type { Locale } from '../../i18n/catalogue.ts';
import type { FeatureKit } from '../kit/feature-kit.ts';
import { languageOf } from '../engine/languages.ts';

/** What a person may write after `language`, in either language. */
const names: Readonly<Record<string, Locale>> = {
  en: 'en',
  english: 'en',
  englisch: 'en',
  de: 'de',
  deutsch: 'de',
  german: 'de',
};

/** `language de` / `sprache en`: the language of this space, stored; every later card and reply here uses it. */
export function register(kit: FeatureKit): void {
  kit.commands.register({
    words: ['language'],
    german: [['sprache']],
    usage: 'command.language.usage',
    summary: 'command.language.summary',
    needs: 'view',
    run: async (ctx) => {
      const given = ctx.args.trim().toLowerCase();
      if (!given) return ctx.reply({ markdown: ctx.t('language.current') });
      const locale = Object.hasOwn(names, given) ? names[given] : undefined;
      if (!locale) return ctx.reply({ markdown: ctx.t('language.unknown', { given: given.slice(0, 40) }) });
      await kit.languages.set(ctx.roomId, locale, ctx.personEmail ?? ctx.personId, kit.clock());
      kit.log.info('space language set', { roomId: ctx.roomId, language: locale, personId: ctx.personId });
      return ctx.reply({ markdown: languageOf(locale).t('language.set') });
    },
  });
}
