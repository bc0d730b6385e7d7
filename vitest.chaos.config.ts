import { defineConfig } from 'vitest/config';

/**
 * `npm run test:chaos`: the chaos suite (test/chaos/README.md). Scenarios run one after the
 * other — each starts its own Redis, devcluster, API and two workers, and two cores are all
 * there is. `CHAOS_SCALE=full` runs the full counts by hand.
 */
export default defineConfig({
  test: {
    include: ['test/chaos/**/*.chaos.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 60_000,
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
