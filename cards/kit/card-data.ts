import { z } from 'zod';

/**
 * What every `Action.Submit` carries, so a click can be routed to its conversation and step, and a
 * stale or repeated click recognised. Card inputs arrive beside these keys in the same map.
 */
export const cardDataSchema = z.object({
  conversationId: z.string().min(1),
  step: z.string().min(1),
  action: z.string().min(1),
  nonce: z.string().min(1),
});
export type CardData = z.infer<typeof cardDataSchema>;
