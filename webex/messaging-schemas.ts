import { z } from 'zod';

/**
 * The parts of Webex messaging resources the bot reads, as zod schemas (shapes from the official
 * spec, spec/webex-messaging.json). Unknown fields are dropped, missing optional ones tolerated.
 */
export const personSchema = z.object({
  id: z.string(),
  emails: z.array(z.string()).default([]),
  displayName: z.string().default(''),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  orgId: z.string().optional(),
  type: z.string().optional(),
});
export type Person = z.infer<typeof personSchema>;

export const roomSchema = z.object({
  id: z.string(),
  title: z.string().optional(),
  /** A type Webex adds is read as a group space (mention needed, nothing 1:1-only) rather than failing the list. */
  type: z.enum(['direct', 'group']).catch('group'),
  isLocked: z.boolean().optional(),
  lastActivity: z.string().optional(),
});
export type Room = z.infer<typeof roomSchema>;

export const membershipSchema = z.object({
  id: z.string(),
  roomId: z.string(),
  personId: z.string(),
  personEmail: z.string().optional(),
  personDisplayName: z.string().optional(),
  isModerator: z.boolean().optional(),
});
export type Membership = z.infer<typeof membershipSchema>;

export const cardContentType = 'application/vnd.microsoft.card.adaptive';

const attachmentSchema = z.object({
  contentType: z.string(),
  content: z.record(z.string(), z.unknown()),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const messageSchema = z.object({
  id: z.string(),
  parentId: z.string().optional(),
  roomId: z.string(),
  /** As a room's `type`: a value Webex adds is read as `group`. */
  roomType: z.enum(['direct', 'group']).optional().catch('group'),
  text: z.string().optional(),
  markdown: z.string().optional(),
  html: z.string().optional(),
  files: z.array(z.string()).optional(),
  personId: z.string(),
  personEmail: z.string().optional(),
  mentionedPeople: z.array(z.string()).optional(),
  attachments: z.array(attachmentSchema).optional(),
  created: z.string().optional(),
});
export type Message = z.infer<typeof messageSchema>;

export const attachmentActionSchema = z.object({
  id: z.string(),
  type: z.literal('submit'),
  messageId: z.string(),
  personId: z.string(),
  roomId: z.string(),
  /** Card inputs arrive as an unchecked map; the router validates them. */
  inputs: z.record(z.string(), z.unknown()).default({}),
  created: z.string().optional(),
});
export type AttachmentAction = z.infer<typeof attachmentActionSchema>;

export const webhookSchema = z.object({
  id: z.string(),
  name: z.string(),
  targetUrl: z.string(),
  resource: z.string(),
  event: z.string(),
  filter: z.string().optional(),
  secret: z.string().optional(),
  /** `active` or `inactive` today; a value Webex adds is kept as given (and is not `active`). */
  status: z.string().optional(),
  created: z.string().optional(),
});
export type Webhook = z.infer<typeof webhookSchema>;
