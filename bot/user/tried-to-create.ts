import type { UserContext } from '../../machines/user/user-machine.ts';
import type { Store } from '../../store/store.ts';
import { stepsRecorded } from '../kit/recorded-steps.ts';

/** Whether this conversation has already sent the create for the email it holds now. */
export async function triedToCreate(store: Pick<Store, 'listAudit'>, context: UserContext): Promise<boolean> {
  return (await stepsRecorded(store, context.conversationId, 'email', context.answers.email ?? '')).has(
    'user.creating',
  );
}
