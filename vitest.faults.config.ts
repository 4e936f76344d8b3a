import { defineConfig } from 'vitest/config';

/**
 * `npm run test:faults`: the fault tests of test/faults (README → Testing), which break things on
 * purpose (kill -9, SIGTERM under load, replicas, a Postgres outage) and take minutes, not seconds, so
 * `npm test` leaves them out. They run the compiled app (`dist/`, built once by the global setup)
 * in processes of its own, against Postgres (DATABASE_URL, set by the npm script).
 */
export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts'],
    globalSetup: ['test/faults/support/build.ts'],
    // One file at a time: each starts app processes of its own and times them (2 cores).
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
