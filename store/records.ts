import { z } from 'zod';

/** Who did something: the Webex person, with the email it had then. */
export const actorSchema = z.object({ personId: z.string(), email: z.string() });
export type Actor = z.infer<typeof actorSchema>;

export const procedureKinds = ['template'] as const;
export type ProcedureKind = (typeof procedureKinds)[number];

/**
 * One run of one procedure in one space. The machine's persisted snapshot is kept as the
 * machine wrote it; `machineVersion` says which machine wrote it. `nonce` is the id of the
 * only card that may move the conversation on.
 */
export const conversationSchema = z.object({
  id: z.string(),
  kind: z.enum(procedureKinds),
  machineVersion: z.number().int().positive(),
  roomId: z.string(),
  startedBy: actorSchema,
  status: z.enum(['active', 'done', 'cancelled', 'expired']),
  /** The machine state the current card shows. */
  step: z.string(),
  nonce: z.string(),
  /** Whether the card of `nonce` reached the space; a restart posts it if not. */
  cardPosted: z.boolean(),
  cardMessageId: z.string().optional(),
  snapshot: z.unknown(),
  /** Grows by one on every save; a save that does not build on the stored revision is refused. */
  revision: z.number().int().nonnegative(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Conversation = z.infer<typeof conversationSchema>;

export const authenticationSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('webex') }),
  z.object({ method: z.literal('partner'), idpEntityId: z.string() }),
]);

/** An onboarding template: the settings customers are provisioned with, and its Provisioning ID. */
export const templateSchema = z.object({
  id: z.string(),
  name: z.string(),
  provisioningId: z.string(),
  serviceProviderAdmin: z.string(),
  country: z.string().length(2),
  emailLanguage: z.string(),
  subscriptionId: z.string(),
  pstnProvider: z.string().optional(),
  authentication: authenticationSchema,
  email: z.object({ welcomeAdmins: z.boolean(), welcomeUsers: z.boolean() }),
  calling: z.object({ extensionLength: z.number().int(), internationalCalls: z.enum(['allow', 'block']) }),
  createdBy: actorSchema,
  createdAt: z.iso.datetime(),
  /** The conversation that created it, so a repeated save is recognised as the same one. */
  conversationId: z.string(),
});
export type Template = z.infer<typeof templateSchema>;
