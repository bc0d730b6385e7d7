import { Queue } from 'bullmq';
import { Counter, Gauge, type Registry } from 'prom-client';
import { queueNameOf } from '../operations/index.js';
import type { RedisClient } from '../redis.js';
import type { KeyLayout } from '../redis-keys.js';

/** The queue states counted for the depth gauge, as BullMQ `getJobCounts` names them. */
export const QUEUE_STATES = ['waiting', 'prioritized', 'delayed', 'active', 'failed', 'completed'] as const;
export type QueueState = (typeof QUEUE_STATES)[number];

/** Job counts of one cluster's queue. */
export interface QueueCounts {
  cluster: string;
  counts: Record<QueueState, number>;
}

/** Options of {@link createQueueMonitor}. */
export interface QueueMonitorOptions {
  /**
   * A connection the process already has (the API's fail-fast one, the worker's health one).
   * Not closed by {@link QueueMonitor.close}.
   */
  redis: RedisClient;
  /** BullMQ key prefix (Config.queuePrefix). */
  prefix: string;
  /** How keys are named (Config.redis.keyLayout). @defaultValue 'plain' */
  layout?: KeyLayout;
  /** Configured cluster names; one queue `ops-{cluster}` each. */
  clusters: readonly string[];
  /** Counts are reused for this long, so a burst of scrapes costs Redis one round per queue. @defaultValue 1000 */
  cacheMs?: number;
  /** A count taking longer is given up for this scrape. @defaultValue 1000 */
  timeoutMs?: number;
}

/** Read-only handles on the cluster queues, for dashboards and gauges. */
export interface QueueMonitor {
  /** One BullMQ Queue per cluster, made on first use (making one talks to Redis). */
  queues(): Queue[];
  /** Counts by state of every cluster queue; cached for `cacheMs`, one Redis round in flight at most. */
  counts(): Promise<QueueCounts[]>;
  /** Closes the queues it made (not the connection). */
  close(): Promise<void>;
}

/** Creates the monitor; does no I/O until {@link QueueMonitor.queues} or `counts()` is called. */
export function createQueueMonitor(options: QueueMonitorOptions): QueueMonitor {
  const { redis, prefix } = options;
  const cacheMs = options.cacheMs ?? 1000;
  const timeoutMs = options.timeoutMs ?? 1000;
  let made: Map<string, Queue> | undefined;
  let cached: { at: number; value: Promise<QueueCounts[]> } | undefined;

  const queues = () => {
    made ??= new Map(
      options.clusters.map((cluster) => [
        cluster,
        new Queue(queueNameOf(cluster, options.layout), {
          connection: redis,
          prefix,
          // Like the producer's queues: never wait for a reconnect, never fail on the version probe.
          skipWaitingForReady: true,
          skipVersionCheck: true,
        }),
      ]),
    );
    return [...made.values()];
  };

  async function read(): Promise<QueueCounts[]> {
    if (redis.status !== 'ready') throw new Error(`redis ${redis.status}`);
    queues();
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        Promise.all(
          [...made!].map(async ([cluster, queue]) => {
            const raw = await queue.getJobCounts(...QUEUE_STATES);
            const counts = Object.fromEntries(QUEUE_STATES.map((s) => [s, raw[s] ?? 0]));
            return { cluster, counts: counts as Record<QueueState, number> };
          }),
        ),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`queue counts took over ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    queues,
    counts() {
      const now = Date.now();
      if (!cached || now - cached.at >= cacheMs) {
        const value = read();
        // A failure is not cached: the next scrape tries again.
        value.catch(() => {
          if (cached?.value === value) cached = undefined;
        });
        cached = { at: now, value };
      }
      return cached.value;
    },
    async close() {
      const open = made ? [...made.values()] : [];
      made = undefined;
      cached = undefined;
      await Promise.allSettled(open.map((q) => q.close()));
    },
  };
}

/**
 * Registers `eks_jobs_queue_depth{cluster,state}` (read from `monitor` on scrape) and
 * `eks_jobs_queue_depth_errors_total` (scrapes that could not count; the gauge is then empty).
 */
export function registerQueueDepth(registry: Registry, monitor: Pick<QueueMonitor, 'counts'>): void {
  // Both read the same cached, single-flight counts: one Redis round per queue per scrape at most.
  new Gauge({
    name: 'eks_jobs_queue_depth',
    help: 'Jobs in each cluster queue by state (waiting, prioritized, delayed, active, failed, completed)',
    labelNames: ['cluster', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      let all: QueueCounts[];
      try {
        all = await monitor.counts();
      } catch {
        return;
      }
      for (const { cluster, counts } of all) {
        for (const state of QUEUE_STATES) this.set({ cluster, state }, counts[state]);
      }
    },
  });
  new Counter({
    name: 'eks_jobs_queue_depth_errors_total',
    help: 'Scrapes whose queue counts could not be read from Redis (eks_jobs_queue_depth is then absent)',
    registers: [registry],
    async collect() {
      try {
        await monitor.counts();
      } catch {
        this.inc();
      }
    },
  });
}
