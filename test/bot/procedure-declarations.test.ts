import { describe, expect, it } from 'vitest';
import type { AnyStateNode } from 'xstate';
import { CREDENTIALS_TAG } from '../../machines/kit/credentials-wait.ts';
import { realFeatures } from '../support/help-registry.ts';

/** A machine's states with their step names as the engine stores them (top-level states by name). */
function topLevelStates(root: AnyStateNode): AnyStateNode[] {
  return Object.values(root.states);
}

describe('what each procedure declares to the engine', () => {
  const { procedures } = realFeatures();

  it('registers every procedure once, under a kind of its own', () => {
    const kinds = procedures.map((p) => p.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    expect(kinds).toEqual(expect.arrayContaining(['customer', 'user', 'userChange', 'bulk', 'offboard']));
  });

  it('declares the state that waits for the partner credentials wherever its machine has one, so it goes on when they are back', () => {
    const waiting = procedures.flatMap((procedure) =>
      topLevelStates(procedure.machine.root)
        .filter((state) => state.tags.includes(CREDENTIALS_TAG))
        .map((state) => ({
          kind: procedure.kind,
          state: state.key,
          declared: procedure.waitsForCredentials(state.key),
        })),
    );
    expect(waiting.length).toBeGreaterThanOrEqual(7);
    expect(waiting.filter((w) => !w.declared)).toEqual([]);
  });
});
