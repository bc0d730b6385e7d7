import { describe } from 'vitest';
import { expect, test } from '../support/fixtures.js';
import { runHistoryAcceptance } from './acceptance.js';

// Issue 19, acceptance 1: 1,000 Jobs through the real API and worker processes (the devcluster at
// 1/50 time, about half a minute on two cores), a worker killed with kill -9 mid-run; once the
// operations have expired from Redis and the Jobs were deleted by their TTL, GET /v1/history/jobs
// has one row per Job with its outcome, submitter, batch, image and labels.

describe('history end to end', () => {
  test('Jobs through the pipeline, a worker kill -9 mid-run: one history row each, with its outcome, after operations and Jobs are gone', async ({
    redis,
    postgres,
  }) => {
    const result = await runHistoryAcceptance(redis, postgres, { jobs: 1000 });
    console.info(
      `history e2e: ${result.jobs} Jobs, ${result.rows} rows, ${result.inFlightAtKill} operations running at the kill, ${result.seconds.toFixed(1)} s`,
    );
    expect(result.wrong).toEqual([]);
    expect(result.extra).toBe(0);
    expect(result.rows).toBe(result.jobs);
  }, 300_000);
});
