import type { Translate } from '../../i18n/catalogue.ts';
import type { SpaceLanguages } from '../engine/languages.ts';
import type { Logger } from '../engine/logger.ts';
import type { Messenger } from '../engine/messenger.ts';

/** Posts a notice to the on-call space, in its language; nothing when no space is set. Never throws. */
export function alertPoster(deps: {
  readonly alertRoomId: string | undefined;
  readonly languages: Pick<SpaceLanguages, 'of'>;
  readonly messenger: Messenger;
  readonly log: Logger;
}): (say: (t: Translate) => string) => void {
  return (say) => {
    const room = deps.alertRoomId;
    if (room === undefined) return;
    void deps.languages
      .of(room)
      .then(({ t }) => deps.messenger.post(room, { markdown: say(t) }))
      .catch((error: unknown) => deps.log.error('could not post the alert', { error }));
  };
}
