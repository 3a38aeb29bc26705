import { translator, type Locale, type Translate } from '../../i18n/catalogue.ts';
import type { Store } from '../../store/store.ts';

/** The language a reply is written in, and the catalogue's words in it. */
export interface Language {
  readonly t: Translate;
  readonly locale: Locale;
}

const byLocale = new Map<Locale, Language>();

/** The catalogue in one language (built once per language). */
export function languageOf(locale: Locale): Language {
  let language = byLocale.get(locale);
  if (!language) {
    language = { t: translator(locale), locale };
    byLocale.set(locale, language);
  }
  return language;
}

/**
 * Each space's language: the one it chose with `language de` / `sprache en`, otherwise the bot's
 * default (`BOT_LANGUAGE`). Every card and reply is written in the language of the space it goes to.
 */
export class SpaceLanguages {
  constructor(
    private readonly store: Pick<Store, 'getSpace' | 'saveSpace'>,
    readonly fallback: Locale,
  ) {}

  /** The language of a space. */
  async of(roomId: string): Promise<Language> {
    return (await this.read(roomId)).language;
  }

  /** The language of a space, and whether the space chose it itself (a German command word then does not switch the reply). */
  async read(roomId: string): Promise<{ readonly language: Language; readonly chosen: boolean }> {
    const space = await this.store.getSpace(roomId);
    return { language: languageOf(space?.language ?? this.fallback), chosen: space !== undefined };
  }

  async set(roomId: string, locale: Locale, setBy: string, at: Date): Promise<void> {
    await this.store.saveSpace(roomId, { language: locale, setBy, setAt: at.toISOString() });
  }
}
