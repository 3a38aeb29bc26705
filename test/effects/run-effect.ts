import { createActor, toPromise, type AnyActorLogic, type InputFrom, type OutputFrom } from 'xstate';

/** Runs a provided effect (a `fromPromise` actor) once with `input`, as the machine would invoke it. */
export function runEffect<L extends AnyActorLogic>(logic: L, input: InputFrom<L>): Promise<OutputFrom<L>> {
  return toPromise(createActor(logic, { input }).start());
}
