import type { Locale, Translate } from '../../i18n/catalogue.ts';
import type { CardData } from './card-data.ts';
import type { SubmitAction } from './adaptive-card.ts';

/** What every procedure card needs besides its state: words, and the ids its buttons carry. */
export interface CardView {
  readonly t: Translate;
  readonly locale: Locale;
  readonly conversationId: string;
  readonly step: string;
  readonly nonce: string;
}

/** A button that names its conversation, step and card, so a stale click can be recognised. */
export function submit(view: CardView, action: string, title: string, style?: SubmitAction['style']): SubmitAction {
  const data: CardData = { conversationId: view.conversationId, step: view.step, action, nonce: view.nonce };
  return { type: 'Action.Submit', title, data, ...(style ? { style } : {}) };
}
