import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import { Counter, type Registry } from 'prom-client';
import { pruneHistory, type Tables } from '../shared/db/index.js';
import type { Logger } from '../shared/logger.js';
import type { RedisClient } from '../shared/redis.js';

/** Options of {@link createHistoryPruner}. */
export interface HistoryPrunerOptions {
  db: Kysely<Tables>;
  /** A connection that waits for Redis (the worker's). */
  redis: RedisClient;
  /** QUEUE_PREFIX. */
  prefix: string;
  /** HISTORY_RETENTION: rows submitted longer ago than this go. */
  retentionMs: number;
  /** How often one worker prunes. @defaultValue 10 minutes */
  intervalMs?: number;
  /** Rows deleted per statement. @defaultValue 5000 */
  batchSize?: number;
  logger: Logger;
  registry?: Registry;
}

/** The running pruner of one worker process. */
export interface HistoryPruner {
  /** Tries to prune now (when no worker has in this interval); resolves with the rows deleted, or undefined. */
  runOnce(): Promise<{ jobs: number; operations: number } | undefined>;
  /** Stops the timer and waits for a prune in progress. */
  close(): Promise<void>;
}

/**
 * Deletes history older than HISTORY_RETENTION (`pruneHistory`: batched deletes through the
 * retention indexes), once per `intervalMs` across all workers: whoever sets the Redis key
 * `<prefix>:history:prune` first (SET NX, expiring after the interval) prunes, the others skip
 * that round. The key is not released after a prune, so the interval holds however many workers
 * there are; a worker that dies mid-prune leaves the rest to the next round.
 */
export function createHistoryPruner(options: HistoryPrunerOptions): HistoryPruner {
  const intervalMs = options.intervalMs ?? 600_000;
  const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const leaseKey = `${options.prefix}:history:prune`;
  const log = options.logger.child({ component: 'history-pruner' });
  const pruned = new Counter({
    name: 'eks_jobs_history_pruned_rows_total',
    help: 'History rows deleted by retention (HISTORY_RETENTION), by table',
    labelNames: ['table'] as const,
    registers: options.registry ? [options.registry] : [],
  });
  let current: Promise<unknown> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  async function prune() {
    const won = await options.redis.set(leaseKey, owner, 'PX', intervalMs, 'NX');
    if (won !== 'OK') return undefined;
    const before = new Date(Date.now() - options.retentionMs);
    const deleted = await pruneHistory(options.db, {
      before,
      ...(options.batchSize ? { batchSize: options.batchSize } : {}),
    });
    pruned.inc({ table: 'jobs' }, deleted.jobs);
    pruned.inc({ table: 'operations' }, deleted.operations);
    if (deleted.jobs + deleted.operations > 0) log.info({ before, ...deleted }, 'pruned history');
    return deleted;
  }

  const runOnce = () => {
    const run = prune();
    current = run.catch(() => undefined);
    return run;
  };
  const schedule = (ms: number) => {
    if (closed) return;
    timer = setTimeout(() => {
      runOnce()
        .catch((err: unknown) => log.warn({ err }, 'could not prune history; trying next round'))
        .finally(() => schedule(intervalMs));
    }, ms);
  };
  // The first round soon after start (not at once: the worker is busy starting), then every interval.
  schedule(Math.min(intervalMs, 5000));

  return {
    runOnce,
    async close() {
      closed = true;
      clearTimeout(timer);
      await current;
    },
  };
}
