import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration tests start redis-server, the devcluster and real processes; two cores here.
    pool: 'forks',
    // vitest's default is one fewer than the cores: on these two-core machines one file at a time,
    // while most of a file's time is spent waiting on the processes it started. Three at once keep
    // the suite inside CI's budget (on 2 cores: 516 s with three, about 13 min with two); tests
    // assert guarantees, not speed, so a busier machine is fine, and the timeouts leave room for it.
    maxWorkers: 3,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
