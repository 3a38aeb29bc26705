import type { CustomerContext } from '../../machines/customer/customer-machine.ts';
import type { CardView } from '../kit/card-view.ts';

/** What a create-customer card is drawn from. */
export interface CustomerCardInput {
  readonly view: CardView;
  readonly context: CustomerContext;
}

export const CUSTOMER_STEPS = 4;

export const fieldOf = (input: CustomerCardInput, id: string) => ({
  t: input.view.t,
  id,
  value: input.context.answers[id],
  error: input.context.errors[id],
});
