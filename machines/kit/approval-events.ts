/** What asking for an approval can answer: not needed, sent (and its id), or impossible under the policy. */
export type ApprovalAsk =
  | { readonly required: false }
  | { readonly required: true; readonly approvalId: string }
  | { readonly required: true; readonly impossible: { readonly required: number; readonly eligible: number } };

/** What a procedure waiting for an approval is told. */
export type ApprovalEvent =
  | { readonly type: 'approved' }
  | { readonly type: 'rejected'; readonly by: string; readonly reason: string }
  | { readonly type: 'expired' };

export interface Rejection {
  readonly by: string;
  readonly reason: string;
}
