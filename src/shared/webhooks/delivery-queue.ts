import { Queue } from 'bullmq';
import type { EnqueueDelivery } from '../events/event-log.js';
import type { RedisClient } from '../redis.js';
import { type KeyLayout, webhookQueueName } from '../redis-keys.js';
import { DELIVERY_JOB, type DeliveryData, deliveryJobId } from './deliveries.js';
import { deliveryIndexTtlMs, indexDelivery } from './delivery-index.js';

/** The custom BullMQ backoff type of deliveries (the worker's backoffStrategy computes it). */
export const DELIVERY_BACKOFF = 'webhook';
/** Attempts of a delivery: effectively unbounded; the worker stops at `retryForMs`. */
export const DELIVERY_ATTEMPTS = 1_000_000;

/** Options of {@link createDeliveryQueue}. */
export interface DeliveryQueueOptions {
  /** A Redis connection for the queue (the caller keeps owning it). */
  connection: RedisClient;
  /** QUEUE_PREFIX. */
  prefix: string;
  /** How keys are named (Config.redis.keyLayout). @defaultValue 'plain' */
  layout?: KeyLayout;
  /** Finished deliveries are kept this long. @defaultValue 7 days */
  retentionMs?: number;
  /** WEBHOOK_RETRY_FOR: how long a delivery may stay pending (sizes the indexes' lifetime). @defaultValue 25 h */
  retryForMs?: number;
}

/** The producer side of webhook deliveries. */
export interface DeliveryQueue {
  /** Adds one delivery per event id (again: nothing added). Pass to `createEventPublisher`. */
  enqueue: EnqueueDelivery;
  close(): Promise<void>;
}

export function createDeliveryQueue(options: DeliveryQueueOptions): DeliveryQueue {
  const queue = new Queue<DeliveryData, unknown, string>(webhookQueueName(options.layout), {
    connection: options.connection,
    prefix: options.prefix,
  });
  const retentionMs = options.retentionMs ?? 7 * 86_400_000;
  const age = Math.ceil(retentionMs / 1000);
  const ttlMs = deliveryIndexTtlMs(retentionMs, options.retryForMs ?? 25 * 3_600_000);
  return {
    async enqueue(event, callback) {
      const data: DeliveryData = { event, url: callback.url, principal: event.data.principal };
      const jobId = deliveryJobId(event);
      await queue.add(DELIVERY_JOB, data, {
        jobId,
        attempts: DELIVERY_ATTEMPTS,
        backoff: { type: DELIVERY_BACKOFF },
        removeOnComplete: { age },
        removeOnFail: { age },
      });
      // Indexed after the job exists: readers prune entries whose job is gone, so an entry written
      // first could be pruned before its job was added. A crash in between leaves the job out of
      // its indexes until the event is published again, which the publisher's callers guarantee.
      await indexDelivery(options.connection, options.prefix, jobId, data, { ttlMs, mode: 'enqueue' });
    },
    close: () => queue.close(),
  };
}
