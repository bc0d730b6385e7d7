import { FlowProducer, Queue } from 'bullmq';
import type { CommandEnvelope } from '../commands/index.js';
import type { Logger } from '../logger.js';
import type { RedisClient } from '../redis.js';
import { type RedisKeys, redisKeys } from '../redis-keys.js';
import { isRedisUnavailable, OperationsError } from './errors.js';
import { createClusterTagIndex } from './operation-id.js';
import type { OperationResult } from './operation-record.js';
import type { OperationsOptions } from './types.js';

/** A producer-side queue of one cluster. */
export type OpQueue = Queue<CommandEnvelope, OperationResult, string>;

/** What the parts of the producer share: the queues, the fail-fast guard, the id → cluster index. */
export interface ProducerContext {
  redis: RedisClient;
  prefix: string;
  /** The names of the keys used with the queues (Config.redis.keyLayout). */
  keys: RedisKeys;
  logger: Logger;
  clusters: readonly string[];
  retentionSeconds: number;
  /** The flow producer: the one way to add several jobs in one MULTI/EXEC. */
  flows: FlowProducer;
  clusterOf(id: string): string | undefined;
  /** The cluster's queue; `ClusterNotFound` when it is not configured. */
  queueOf(cluster: string): OpQueue;
  /** Runs a Redis call, failing fast with `QueueUnavailable` when Redis is down or drops meanwhile. */
  guard<T>(what: string, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Builds the queues on the fail-fast producer connection, with `skipWaitingForReady` and
 * `skipVersionCheck` so nothing ever waits for a reconnect. (`skipVersionCheck` makes BullMQ
 * pick its legacy job-state script, which scans the wait list: the producer never asks BullMQ
 * for a job's state — see operation-state.ts.)
 */
export function createProducerContext(options: OperationsOptions): ProducerContext {
  const { redis, prefix, logger } = options;
  const clusters = [...options.clusters];
  const keys = redisKeys(prefix, options.layout);
  const queues = new Map<string, OpQueue>();
  const connectionOptions = { connection: redis, prefix, skipWaitingForReady: true, skipVersionCheck: true };
  for (const cluster of clusters) {
    const queue: OpQueue = new Queue(keys.queueName(cluster), connectionOptions);
    queue.on('error', (err) => logger.warn({ err, cluster }, 'queue error'));
    queues.set(cluster, queue);
  }
  const flows = new FlowProducer(connectionOptions);
  flows.on('error', (err) => logger.warn({ err }, 'flow producer error'));

  return {
    redis,
    prefix,
    keys,
    logger,
    clusters,
    retentionSeconds: Math.max(1, Math.ceil(options.retentionMs / 1000)),
    flows,
    clusterOf: createClusterTagIndex(clusters),
    queueOf(cluster) {
      const queue = queues.get(cluster);
      if (!queue) throw new OperationsError('ClusterNotFound', `unknown cluster ${JSON.stringify(cluster)}`);
      return queue;
    },
    async guard(what, fn) {
      if (redis.status !== 'ready') {
        throw new OperationsError('QueueUnavailable', `queue unavailable (redis ${redis.status})`);
      }
      try {
        return await fn();
      } catch (err) {
        if (err instanceof OperationsError) throw err;
        if (isRedisUnavailable(err)) {
          logger.warn({ err, what }, 'redis unavailable');
          throw new OperationsError('QueueUnavailable', 'queue unavailable', undefined, { cause: err });
        }
        throw err;
      }
    },
    async close() {
      await Promise.allSettled([...queues.values()].map((q) => q.close()));
      await flows.close().catch(() => {});
    },
  };
}
