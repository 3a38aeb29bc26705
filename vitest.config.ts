import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Generous: a bot child process's cold start (tsx compiling the project) can take over 15 s on
    // two shared cores under load; a passing test never waits for these.
    testTimeout: 40_000,
    hookTimeout: 40_000,
    // Flow tests start real HTTP servers and child processes; two cores, so keep forks few.
    maxWorkers: 2,
  },
});
