import type { RedisClient } from '../redis.js';
import { type DeliveryData, WEBHOOK_QUEUE } from './deliveries.js';

/**
 * The indexes that list deliveries without scanning the queue: one sorted set per operation, per
 * batch and per principal (the key id), members the delivery job ids, scores the time a delivery
 * was enqueued or last re-driven (ms). Their keys are `<prefix>:webhooks:idx:…` (no `dlv_` job id
 * can collide with them) in either key layout: every write touches one key, and every read one
 * key, so on a Redis Cluster they spread over the slots.
 *
 * An entry can outlive its job (retention removes jobs one by one); readers skip and prune those.
 */
export type DeliveryIndexKind = 'operation' | 'batch' | 'principal';

const SEGMENT: Record<DeliveryIndexKind, string> = { operation: 'op', batch: 'batch', principal: 'key' };

/** The Redis key of one index. */
export function deliveryIndexKey(prefix: string, kind: DeliveryIndexKind, id: string): string {
  return `${prefix}:${WEBHOOK_QUEUE}:idx:${SEGMENT[kind]}:${id}`;
}

/** The indexes a delivery belongs to. */
export function indexesOf(prefix: string, data: Pick<DeliveryData, 'event' | 'principal'>): string[] {
  const { operationId, batchId } = data.event.data;
  return [
    deliveryIndexKey(prefix, 'principal', data.principal),
    ...(operationId ? [deliveryIndexKey(prefix, 'operation', operationId)] : []),
    ...(batchId ? [deliveryIndexKey(prefix, 'batch', batchId)] : []),
  ];
}

/**
 * How long an index entry must last: a delivery is retried for `retryForMs`, waits at most one
 * backoff more before it fails (a day covers the longest WEBHOOK_BACKOFF_MAX anyone sets), and is
 * then kept for `retentionMs`.
 */
export function deliveryIndexTtlMs(retentionMs: number, retryForMs: number): number {
  return retentionMs + retryForMs + 86_400_000;
}

/** Options of {@link indexDelivery}. */
export interface IndexDeliveryOptions {
  /** When the delivery was enqueued or re-driven (the score). @defaultValue now */
  at?: number;
  /** {@link deliveryIndexTtlMs}. */
  ttlMs: number;
  /**
   * `enqueue`: keep the first score (publishing an event again is a no-op); `redrive`: move the
   * entry up to `at`, so it lasts another `ttlMs` and lists as recent.
   */
  mode: 'enqueue' | 'redrive';
}

/**
 * Adds delivery `id` to its indexes. Each index is one pipeline on one key: the entry, the
 * key's expiry, and entries old enough that their jobs are surely gone (the per-principal index
 * would otherwise grow for as long as the key submits).
 */
export async function indexDelivery(
  redis: RedisClient,
  prefix: string,
  id: string,
  data: Pick<DeliveryData, 'event' | 'principal'>,
  options: IndexDeliveryOptions,
): Promise<void> {
  const at = options.at ?? Date.now();
  const flag = options.mode === 'enqueue' ? 'NX' : 'GT';
  await Promise.all(
    indexesOf(prefix, data).map(async (key) => {
      const results = await redis
        .pipeline()
        .zadd(key, flag, at, id)
        .pexpire(key, options.ttlMs)
        .zremrangebyscore(key, '-inf', `(${at - options.ttlMs}`)
        .exec();
      const failed = results?.find(([err]) => err);
      if (failed) throw failed[0];
    }),
  );
}
