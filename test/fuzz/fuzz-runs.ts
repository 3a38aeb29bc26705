import fc from 'fast-check';

/**
 * How many runs a property makes: its own default under `npm test`, or `FUZZ_RUNS` times its
 * share under `npm run fuzz` (slow properties over HTTP take a smaller share).
 */
export function fuzzRuns(defaultRuns: number, share = 1): number {
  const asked = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(asked) && asked > 0 ? Math.max(1, Math.round(asked * share)) : defaultRuns;
}

/** A vitest timeout for `runs` runs of about `msPerRun` each, never below the suite's 20 s. */
export function fuzzTimeout(runs: number, msPerRun: number): number {
  return Math.max(20_000, runs * msPerRun * 3);
}

/** `FUZZ_SEED` replays a failure that a run printed. */
const seed =
  Number.isInteger(Number(process.env.FUZZ_SEED)) && process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

/**
 * Checks a property and prints one line with its figures (runs, time, seed), also when it fails,
 * so `npm run fuzz` shows what was tried. A failure throws the property's error with the shrunk
 * counterexample (long runs of one character abbreviated) and the seed to replay it.
 */
export async function checkProperty<Ts>(
  name: string,
  property: fc.IAsyncProperty<Ts>,
  numRuns: number,
  options: { readonly endOnFailure?: boolean } = {},
): Promise<void> {
  const started = performance.now();
  const details = await fc.check(property, { numRuns, ...options, ...(seed !== undefined ? { seed } : {}) });
  const ms = Math.round(performance.now() - started);
  console.log(
    `[fuzz] ${name}: ${details.numRuns} runs${details.failed ? `, FAILED (shrunk ${details.numShrinks} times)` : ''} in ${ms} ms (seed ${details.seed})`,
  );
  if (!details.failed) return;
  const error =
    details.errorInstance instanceof Error
      ? details.errorInstance.message
      : // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a property may throw any value; String() is the fallback for those that are not Errors
        String(details.errorInstance ?? 'too many skipped runs');
  const counterexample = fc
    .stringify(details.counterexample)
    .replace(/(.{1,3}?)\1{20,}/gu, (run, unit: string) => `${unit}…(${run.length} chars)`);
  throw new Error(
    `${name}: ${error}\ncounterexample (replay with FUZZ_SEED=${details.seed}, path ${details.counterexamplePath}): ${counterexample.slice(0, 3000)}`,
  );
}
