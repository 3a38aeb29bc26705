import { fromPromise } from 'xstate';
import type { Locale, Translate } from '../../i18n/catalogue.ts';
import type { ApprovalAsk } from '../../machines/kit/approval-events.ts';
import type { Actor } from '../../store/records.ts';
import type { Language } from '../engine/languages.ts';
import type { GuardedAction } from './approval-policy.ts';
import type { ApprovalService } from './approval-service.ts';

/** What every procedure's context holds for an approval: who asked, where. */
interface AskingContext {
  readonly conversationId: string;
  readonly roomId: string;
  readonly startedBy: Actor;
}

/** What one procedure asks approval for; the request's other fields come from the context. */
export interface ApprovalAskOf<C extends AskingContext> {
  readonly action: GuardedAction | ((context: C) => GuardedAction);
  /** The customer it concerns, so `status <customer>` can show it waiting. */
  readonly externalId?: (context: C) => string | undefined;
  /** What is asked, in the requester's space's language. */
  readonly subject: (context: C, language: Language) => string;
  /** The procedure's own summary: the approval card shows the same lines. */
  readonly summary: (context: C, t: Translate, locale: Locale) => readonly string[];
}

/** The `requestApproval` actor every guarded procedure provides, written once. */
export function requestApprovalActor<C extends AskingContext>(approvals: ApprovalService, ask: ApprovalAskOf<C>) {
  return fromPromise(async ({ input }: { input: { context: C } }): Promise<ApprovalAsk> => {
    const { context } = input;
    const externalId = ask.externalId?.(context);
    return approvals.request({
      action: typeof ask.action === 'function' ? ask.action(context) : ask.action,
      ...(externalId !== undefined ? { externalId } : {}),
      conversationId: context.conversationId,
      roomId: context.roomId,
      requester: context.startedBy,
      subject: (language) => ask.subject(context, language),
      summary: ({ t, locale }) => ask.summary(context, t, locale).join('\n'),
    });
  });
}
