import { parseApprovalPolicy, type ApprovalPolicy } from '../approvals/approval-policy.ts';

/** The sandbox's seeded spaces and approvers the built-in policy names (their room ids change at every start). */
export interface SandboxApprovalPlaces {
  /** The seeded approvers' emails (Bea, Chen and Dana). */
  readonly approvers: readonly string[];
  /** Where the card goes: a space the approvers are members of, so they can see and press it. */
  readonly space: string;
  /** The on-call space an expiry is told in. */
  readonly escalateTo: string;
}

/**
 * The policy `npm start` uses on the sandbox when no APPROVAL_POLICY_FILE is set, so a new user
 * meets an approval card: create and offboard customer need two of the approvers. Written as a
 * policy file's JSON and read by the same parser, so it is checked as a file would be.
 * @throws ConfigError if the places do not make a valid policy.
 */
export function sandboxApprovalPolicy(places: SandboxApprovalPlaces): ApprovalPolicy {
  const rule = {
    approvers: places.approvers,
    required: 2,
    requesterMayApprove: false,
    space: places.space,
    openFor: '24h',
    remindAfter: '4h',
    escalateTo: places.escalateTo,
  };
  return parseApprovalPolicy({ 'create-customer': rule, 'offboard-customer': rule });
}
