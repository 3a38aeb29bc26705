import type { TemplateContext } from '../../machines/template/template-machine.ts';
import type { CardView } from '../kit/card-view.ts';

/** What a template card is drawn from: the machine's context, and the ids its buttons carry. */
export interface TemplateCardInput {
  readonly view: CardView;
  readonly context: TemplateContext;
}

export const TEMPLATE_STEPS = 3;
