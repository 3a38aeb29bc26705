import { z } from 'zod';

/** The buttons of an approval card: they name the approval, not a conversation, since many people press them. */
export const approvalCardDataSchema = z.object({ approvalId: z.string().min(1), vote: z.enum(['approve', 'reject']) });
export type ApprovalCardData = z.infer<typeof approvalCardDataSchema>;

/** The comment box takes this many characters; the service keeps no more of a forged longer one. */
export const MAX_COMMENT_CHARS = 500;
