import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Flow tests start real HTTP servers and child processes; two cores, so keep forks few.
    maxWorkers: 2,
  },
});
