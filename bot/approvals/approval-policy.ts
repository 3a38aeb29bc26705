import { readFile } from 'node:fs/promises';
import ms, { type StringValue } from 'ms';
import { z } from 'zod';
import { ConfigError } from '../engine/config-error.ts';

/** The steps a policy can guard. */
const guardedActions = [
  'create-template',
  'create-customer',
  'add-users',
  'add-location',
  'change-packages',
  'offboard-customer',
  'change-user',
  'remove-user',
  'remove-template',
] as const;
export type GuardedAction = (typeof guardedActions)[number];

/** `30m`, `4h`, `2d` → milliseconds (the `ms` package reads them; the pattern keeps policies to these three units). */
const durationSchema = z
  .string()
  .regex(/^\d+[mhd]$/, 'a duration such as 30m, 4h or 2d')
  .transform((v) => ms(v as StringValue));

const ruleSchema = z
  .strictObject({
    /** Who may approve, by email. */
    approvers: z.array(z.email('not an email address')).default([]),
    /** And/or everyone in these Webex spaces (room ids), looked up when the approval is requested. */
    approverSpaces: z.array(z.string().min(10, 'not a Webex room id')).default([]),
    /** How many approvals are needed: a number, or "all" of the approvers. */
    required: z.union([z.number().int().min(1), z.literal('all')]).default(1),
    requesterMayApprove: z.boolean().default(false),
    /** Where the approval card goes (a room id); the requester's space when absent. */
    space: z.string().min(10, 'not a Webex room id').optional(),
    openFor: durationSchema.prefault('24h'),
    remindAfter: durationSchema.optional(),
    /** Where to say that an approval expired, besides the requester's space. */
    escalateTo: z.string().min(10, 'not a Webex room id').optional(),
  })
  .refine(
    (r) => r.approvers.length > 0 || r.approverSpaces.length > 0,
    'names no approvers (approvers or approverSpaces)',
  )
  .refine(
    (r) => r.required === 'all' || r.approverSpaces.length > 0 || r.required <= r.approvers.length,
    'needs more approvals than it names approvers',
  );

type ApprovalRule = z.infer<typeof ruleSchema>;

const policySchema = z.record(z.string(), z.unknown()).superRefine((value, ctx) => {
  for (const key of Object.keys(value)) {
    if (!(guardedActions as readonly string[]).includes(key))
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: `is not an action that can be guarded; use one of ${guardedActions.join(', ')}`,
      });
  }
});

export type ApprovalPolicy = Partial<Record<GuardedAction, ApprovalRule>>;

/**
 * Reads the approval policy. No file (or no path) means no approvals. Anything wrong stops
 * start-up with a message naming the action and the field.
 * @throws ConfigError
 */
export async function loadApprovalPolicy(path: string | undefined): Promise<ApprovalPolicy> {
  if (!path) return {};
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new ConfigError([`APPROVAL_POLICY_FILE ${path} cannot be read (${(error as Error).message}).`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ConfigError([`APPROVAL_POLICY_FILE ${path} is not valid JSON.`]);
  }
  return parseApprovalPolicy(json);
}

/**
 * Checks a policy given as data (a file's JSON, or a built-in one) and reads its durations.
 * @throws ConfigError naming the action and the field of every problem.
 */
export function parseApprovalPolicy(json: unknown): ApprovalPolicy {
  const problems: string[] = [];
  const top = policySchema.safeParse(json);
  if (!top.success) {
    for (const issue of top.error.issues)
      problems.push(`approval policy: "${issue.path.join('.') || '(root)'}" ${issue.message}.`);
    throw new ConfigError(problems);
  }
  const policy: ApprovalPolicy = {};
  for (const [action, raw] of Object.entries(top.data)) {
    const rule = ruleSchema.safeParse(raw);
    if (!rule.success) {
      for (const issue of rule.error.issues) {
        const where = issue.path.length > 0 ? `${action}.${issue.path.join('.')}` : action;
        const value = issue.path.length > 0 ? valueAt(raw, issue.path) : undefined;
        problems.push(`approval policy: ${where}${typeof value === 'string' ? ` ("${value}")` : ''} ${issue.message}.`);
      }
    } else {
      policy[action as GuardedAction] = rule.data;
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return policy;
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let at: unknown = value;
  for (const key of path)
    at = at !== null && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[key] : undefined;
  return at;
}
