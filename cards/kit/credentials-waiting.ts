import type { Translate } from '../../i18n/catalogue.ts';
import type { Reply } from './reply.ts';

/**
 * What a procedure shows while it waits for the partner credentials: what waits, and, when
 * nothing has been made yet, that `cancel` ends it.
 */
export function credentialsWaiting(t: Translate, subject: string, cancellable: boolean): Reply {
  return {
    markdown: [t('credentials.waiting', { subject }), ...(cancellable ? [t('credentials.waitingCancel')] : [])].join(
      ' ',
    ),
  };
}
