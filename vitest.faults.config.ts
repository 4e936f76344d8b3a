import { defineConfig } from 'vitest/config';

/**
 * `npm run test:faults`: the long fault tests (test/faults), each breaking something on purpose for
 * tens of seconds. Kept out of `npm test`; one file at a time, since they stop and start servers.
 */
export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts'],
    maxWorkers: 1,
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
