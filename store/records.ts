import { z } from 'zod';

/** Who did something: the Webex person, with the email it had then. */
const actorSchema = z.object({ personId: z.string(), email: z.string() });
export type Actor = z.infer<typeof actorSchema>;

/**
 * One run of one procedure in one space. The machine's persisted snapshot is kept as the
 * machine wrote it; `machineVersion` says which machine wrote it. `nonce` is the id of the
 * only card that may move the conversation on.
 */
export const conversationSchema = z.object({
  id: z.string(),
  /** Which procedure runs it (the engine knows them; the store does not). */
  kind: z.string().min(1),
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
  /** When the machine wants to be woken (a deadline it keeps in its context); swept by a timer. */
  wakeAt: z.iso.datetime().optional(),
  /**
   * What the conversation concerns, as its procedure declares (e.g. `template` → a template id),
   * written with each save and indexed so features look each other's conversations up by it.
   * Absent on conversations saved before keys existed until the engine's start-up adds them.
   */
  keys: z.record(z.string(), z.string()).optional(),
  snapshot: z.unknown(),
  /** Grows by one on every save; a save that does not build on the stored revision is refused. */
  revision: z.number().int().nonnegative(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Conversation = z.infer<typeof conversationSchema>;

const authenticationSchema = z.discriminatedUnion('method', [
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
  /**
   * Made in Partner Hub and registered with `add template`: only its Provisioning ID, country, email
   * language and subscription are known; its other settings are Partner Hub's and are not shown.
   */
  registered: z.boolean().optional(),
});
export type Template = z.infer<typeof templateSchema>;

const packageStateSchema = z.object({
  name: z.string(),
  status: z.string(),
  errors: z.array(z.object({ errorCode: z.number().optional(), description: z.string().optional() })).default([]),
});
export type PackageState = z.infer<typeof packageStateSchema>;

/** A customer this bot created or adopted, as last seen in the Wholesale API, with its history. */
export const customerRecordSchema = z.object({
  externalId: z.string(),
  /** The Wholesale customer id, once the create was accepted. */
  id: z.string().optional(),
  orgId: z.string().optional(),
  name: z.string(),
  adminEmail: z.string(),
  country: z.string(),
  templateId: z.string(),
  templateName: z.string(),
  packages: z.array(z.string()),
  status: z.string(),
  packageStates: z.array(packageStateSchema).default([]),
  errors: z.array(z.object({ errorCode: z.number().optional(), description: z.string().optional() })).default([]),
  conversationId: z.string(),
  roomId: z.string(),
  createdBy: actorSchema,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  history: z.array(z.object({ at: z.iso.datetime(), status: z.string() })).default([]),
  /**
   * Made outside this bot (Partner Hub, another tool) and adopted from the Wholesale API's list:
   * the API has no name or administrator for it, so the name is its external ID.
   */
  createdOutside: z.boolean().optional(),
  /** Deleted at Webex by `offboard customer`: when, who asked and who approved (kept for the audit). */
  offboarded: z.object({ at: z.iso.datetime(), requestedBy: actorSchema, approvedBy: z.array(z.string()) }).optional(),
});
export type CustomerRecord = z.infer<typeof customerRecordSchema>;

/** Who did what, when: every step of every procedure, and what the bot did on its own. */
export const auditEntrySchema = z.object({
  at: z.iso.datetime(),
  action: z.string(),
  actor: actorSchema.optional(),
  conversationId: z.string().optional(),
  externalId: z.string().optional(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

const voteSchema = z.object({
  email: z.string(),
  personId: z.string(),
  vote: z.enum(['approve', 'reject']),
  comment: z.string().optional(),
  at: z.iso.datetime(),
});
export type Vote = z.infer<typeof voteSchema>;

/** One request for approval of a guarded step, its votes and its outcome. */
export const approvalSchema = z.object({
  id: z.string(),
  /** The guarded action, e.g. `create-customer`. */
  action: z.string(),
  /** The conversation that waits for the outcome. */
  conversationId: z.string(),
  roomId: z.string(),
  requester: actorSchema,
  /** What will happen when it is approved, as shown on the card. */
  subject: z.string(),
  summary: z.string(),
  /** The external ID of the customer it concerns, when it concerns one. */
  externalId: z.string().optional(),
  /** Where the approval card is. */
  space: z.string(),
  cardMessageId: z.string().optional(),
  /** Whose votes count (emails, fixed when requested). */
  eligible: z.array(z.string()),
  required: z.number().int().positive(),
  requesterMayApprove: z.boolean(),
  votes: z.array(voteSchema).default([]),
  status: z.enum(['pending', 'approved', 'rejected', 'expired', 'withdrawn']),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  remindAt: z.iso.datetime().optional(),
  reminded: z.boolean().default(false),
  escalateTo: z.string().optional(),
  decidedAt: z.iso.datetime().optional(),
  revision: z.number().int().nonnegative(),
});
export type Approval = z.infer<typeof approvalSchema>;

/** What a space chose for itself (`language de`); absent until someone chooses. */
export const spaceSettingsSchema = z.object({
  language: z.enum(['en', 'de']),
  /** Who chose it, and when. */
  setBy: z.string(),
  setAt: z.iso.datetime(),
});
export type SpaceSettings = z.infer<typeof spaceSettingsSchema>;

/** The partner integration's newest tokens, as replicas share them (secrets: never logged or shown). */
export const sharedTokenRecordSchema = z.object({
  origin: z.string(),
  refreshToken: z.string().min(1),
  refreshTokenExpiresAt: z.number().optional(),
  accessToken: z.string().min(1),
  refreshAt: z.number(),
  expiresAt: z.number(),
});
export type SharedTokenRecord = z.infer<typeof sharedTokenRecordSchema>;
