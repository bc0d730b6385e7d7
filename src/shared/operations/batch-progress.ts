import type { RedisClient } from '../redis.js';
import { defineScript } from '../redis-script.js';

/**
 * Batch progress kept by the transitions (docs/architecture.md §5): one Redis hash per batch,
 * `redisKeys(…).batchProgress(cluster, id)` (next to the batch record; with sharded keys in the
 * slot of the batch's queue, whose job hashes and locks the scripts below read with it), with a
 * field per item holding its state (`running`, `succeeded`, `failed`, `cancelled`; queued is
 * the field's absence) and one counter field per state. Every change goes through
 * {@link SET_STATE} inside a script, which moves the item and its counters together: setting
 * a state twice never counts twice, and the counters always equal the item fields. Reading the
 * progress of any batch is one HMGET of the counters.
 */
export const COUNTED_STATES = ['running', 'succeeded', 'failed', 'cancelled'] as const;
export type CountedState = (typeof COUNTED_STATES)[number];
export type BatchItemState = CountedState | 'queued';

/**
 * Lua: `setState(key, item, state, ttlMs)`. Counter fields are named by state; item fields are
 * operation ids (`op_…`), so the two never meet. The hash expires `ttlMs` after its first write.
 */
export const SET_STATE = `
local function setState(key, item, new, ttl)
  local cur = redis.call('HGET', key, item) or 'queued'
  if cur == new then return 0 end
  if cur ~= 'queued' then redis.call('HINCRBY', key, cur, -1) end
  if new == 'queued' then
    redis.call('HDEL', key, item)
  else
    redis.call('HSET', key, item, new)
    redis.call('HINCRBY', key, new, 1)
  end
  if redis.call('PTTL', key) == -1 then redis.call('PEXPIRE', key, ttl) end
  return 1
end
`;

/**
 * Lua: `workerMark(progressKey, lockKey, item, state, token, ttlMs)`, a transition reported by
 * the worker holding the job: applied only while its lock is still the worker's (a stalled or
 * killed worker's late word is dropped), and never taking a succeeded or cancelled item back
 * to running or queued.
 */
export const WORKER_MARK = `
local function workerMark(key, lock, item, new, token, ttl)
  if redis.call('GET', lock) ~= token then return -1 end
  if new == 'running' or new == 'queued' then
    local cur = redis.call('HGET', key, item)
    if cur == 'succeeded' or cur == 'cancelled' then return 0 end
  end
  return setState(key, item, new, ttl)
end
`;

/** A transition reported by the worker holding the job (KEYS: progress, lock; ARGV: item, state, token, ttl). */
export const workerMarkScript = defineScript(
  `${SET_STATE}${WORKER_MARK}return workerMark(KEYS[1], KEYS[2], ARGV[1], ARGV[2], ARGV[3], ARGV[4])`,
);

// A re-driven item leaves failed for what its job is now (BullMQ cleared `finishedOn`): running
// when a worker holds it already, else queued. Anything else (not failed, or finished again) stays.
const redriveScript = defineScript(`${SET_STATE}
if redis.call('HGET', KEYS[1], ARGV[1]) ~= 'failed' then return 0 end
if redis.call('EXISTS', KEYS[2]) == 0 or redis.call('HEXISTS', KEYS[2], 'finishedOn') == 1 then return 0 end
return setState(KEYS[1], ARGV[1], redis.call('EXISTS', KEYS[3]) == 1 and 'running' or 'queued', ARGV[2])`);

// A cancelled item: its job is gone (removed by the cancel). One that exists again is left alone.
const cancelScript = defineScript(`${SET_STATE}
if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
return setState(KEYS[1], ARGV[1], 'cancelled', ARGV[2])`);

/** Where one batch item's job lives: its hash key (`queue.toKey(id)`). */
export interface BatchItemRef {
  progressKey: string;
  jobKey: string;
  operationId: string;
  ttlMs: number;
}

/** After a re-drive of a failed item (`POST /v1/operations/{id}/retry`). */
export function markRedriven(redis: RedisClient, ref: BatchItemRef): Promise<unknown> {
  return redriveScript.run(
    redis,
    [ref.progressKey, ref.jobKey, `${ref.jobKey}:lock`],
    [ref.operationId, ref.ttlMs],
  );
}

/** After a queued item was cancelled (removed). */
export function markCancelled(redis: RedisClient, ref: BatchItemRef): Promise<unknown> {
  return cancelScript.run(redis, [ref.progressKey, ref.jobKey], [ref.operationId, ref.ttlMs]);
}

/** The counters of one batch, in {@link COUNTED_STATES} order (missing counters are 0). */
export function countsFrom(raw: readonly (string | null)[]): Record<CountedState, number> {
  const counts = { running: 0, succeeded: 0, failed: 0, cancelled: 0 };
  COUNTED_STATES.forEach((state, i) => {
    const n = Number(raw[i] ?? 0);
    counts[state] = Number.isSafeInteger(n) && n > 0 ? n : 0;
  });
  return counts;
}
