import type { AnyStateMachine, EventFromLogic, EventObject } from 'xstate';

/**
 * The events XState sends a machine when one of its invoked actors ends, so pure `transition()`
 * tests can say what a call answered without running it. An invoke without an id is named
 * `<index>.<machine id>.<state>` by XState.
 */
export const done = <TMachine extends AnyStateMachine>(machine: TMachine, state: string, output: unknown) =>
  // XState's own actor events are not in a machine's event type, which transition() takes.
  ({ type: `xstate.done.actor.0.${machine.id}.${state}`, output }) as EventObject as EventFromLogic<TMachine>;
export const failed = <TMachine extends AnyStateMachine>(machine: TMachine, state: string, error: unknown) =>
  ({ type: `xstate.error.actor.0.${machine.id}.${state}`, error }) as EventObject as EventFromLogic<TMachine>;

/** How the error funnel marks a call refused because the partner credentials are gone. */
export const credentialsRefused = Object.assign(new Error('refused'), { code: 'webex_credentials_refused' });
export const startedBy = { personId: 'p1', email: 'alice@partner.example' };
export const customer = {
  externalId: 'acme-1',
  id: 'cust-1',
  orgId: 'org-1',
  name: 'Acme',
  adminEmail: 'admin@acme.example',
  country: 'DE',
  packages: ['webex_calling', 'webex_meetings'],
};
