/**
 * Counts and durations of the chaos scenarios. `CHAOS_SCALE=ci` (the default, what `.ci/run`
 * uses) keeps the whole suite within about seven minutes on two cores; `CHAOS_SCALE=full` uses
 * the reliability issue's figures (5-minute outage, 30 s 401 storm, 1,000-item batches) and is
 * run by hand. test/chaos/README.md lists both.
 */

export interface ChaosScale {
  name: 'ci' | 'full';
  /** Worker kill -9 loop: how long the loop runs, the pause between kills, the most requests sent. */
  killLoop: { durationMs: number; everyMs: number; maxRequests: number };
  /** Redis kill -9 mid-stream: how many kills, how long Redis stays down, the most requests sent. */
  redisStream: { kills: number; downMs: number; maxRequests: number };
  /** Redis kill -9 mid-batch: how many batches are cut, items per batch. */
  redisBatch: { batches: number; items: number };
  /** API-server faults: how long they are on, the most requests sent. */
  apiFaults: { durationMs: number; maxRequests: number };
  /** 401 storm: how long every request of the service is refused. */
  storm: { durationMs: number; maxRequests: number };
  /** Cluster outage: how long the devcluster process is stopped. */
  outage: { durationMs: number; maxRequests: number };
  /** SIGTERM of the API under traffic: rounds, the most requests sent. */
  sigterm: { rounds: number; maxRequests: number };
  /** Cancel races: creates each cancelled at once. */
  cancel: { creates: number };
  /** Generated-name collisions: prefixes (each used for two Jobs), batches of generateName items. */
  names: { prefixes: number };
  /** Job watch holder kill -9: how many kills, the workers' JOB_WATCH_LEASE, the most creates sent. */
  watchKill: { kills: number; leaseMs: number; maxRequests: number };
  /** How long the end of a scenario may wait for every acknowledged operation to end. */
  drainTimeoutMs: number;
  /** vitest timeout of one scenario. */
  testTimeoutMs: number;
}

const CI: ChaosScale = {
  name: 'ci',
  killLoop: { durationMs: 10_000, everyMs: 2_500, maxRequests: 300 },
  redisStream: { kills: 2, downMs: 2_000, maxRequests: 400 },
  redisBatch: { batches: 6, items: 200 },
  apiFaults: { durationMs: 8_000, maxRequests: 250 },
  storm: { durationMs: 15_000, maxRequests: 300 },
  outage: { durationMs: 10_000, maxRequests: 250 },
  sigterm: { rounds: 2, maxRequests: 600 },
  cancel: { creates: 150 },
  names: { prefixes: 20 },
  watchKill: { kills: 3, leaseMs: 2_000, maxRequests: 180 },
  drainTimeoutMs: 60_000,
  testTimeoutMs: 180_000,
};

const FULL: ChaosScale = {
  name: 'full',
  killLoop: { durationMs: 120_000, everyMs: 2_000, maxRequests: 3_000 },
  redisStream: { kills: 5, downMs: 5_000, maxRequests: 3_000 },
  redisBatch: { batches: 20, items: 1_000 },
  apiFaults: { durationMs: 60_000, maxRequests: 2_000 },
  storm: { durationMs: 30_000, maxRequests: 1_000 },
  outage: { durationMs: 300_000, maxRequests: 3_000 },
  sigterm: { rounds: 5, maxRequests: 3_000 },
  cancel: { creates: 1_000 },
  names: { prefixes: 200 },
  watchKill: { kills: 20, leaseMs: 2_000, maxRequests: 2_000 },
  drainTimeoutMs: 600_000,
  testTimeoutMs: 1_200_000,
};

function pick(): ChaosScale {
  const raw = process.env.CHAOS_SCALE ?? 'ci';
  if (raw === 'ci') return CI;
  if (raw === 'full') return FULL;
  throw new Error(`CHAOS_SCALE must be "ci" or "full", got "${raw}"`);
}

/** The scale of this run. */
export const SCALE: ChaosScale = pick();
