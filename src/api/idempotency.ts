import { createHash } from 'node:crypto';
import type { RedisClient } from '../shared/redis.js';
import { ApiError } from './errors.js';

/** Outcome of {@link IdempotencyStore.claim}. */
export interface IdempotencyClaim {
  /** True when this request is the first with the key. */
  fresh: boolean;
  /**
   * The id the key stands for, for good: the first request's. Every request with the key (and
   * the same body) enqueues under this id, so however many race or retry after a failure, one
   * operation exists — BullMQ keeps the first job of an id and ignores later adds of it.
   */
  id: string;
}

/** `Idempotency-Key` records (IETF draft semantics), per principal. */
export interface IdempotencyStore {
  /**
   * Claims `key` for `id`, or answers the id it was claimed for. 422 when the body differs.
   * `cluster`: the one the request enqueues on; with sharded keys the claim is kept in the slot
   * of that cluster's queue (one key per cluster), so one `WAIT` there covers claim and enqueue.
   */
  claim(
    principal: string,
    key: string,
    fingerprint: string,
    id: string,
    cluster: string,
  ): Promise<IdempotencyClaim>;
}

export interface IdempotencyStoreOptions {
  /** The key of a claim, from the digest of principal and key (`RedisKeys.idempotency`). */
  keyOf(cluster: string, digest: string): string;
  /** How long a key is remembered: at least as long as operations are retained. */
  ttlMs: number;
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Fingerprint of a request: method, path and canonical body. */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${path}\n${canonicalJson(body)}`)
    .digest('base64url');
}

/** Creates the Redis-backed {@link IdempotencyStore}. */
export function createIdempotencyStore(
  redis: RedisClient,
  options: IdempotencyStoreOptions,
): IdempotencyStore {
  const keyOf = (principal: string, key: string, cluster: string) =>
    options.keyOf(cluster, createHash('sha256').update(`${principal}\n${key}`).digest('base64url'));
  return {
    async claim(principal, key, fingerprint, id, cluster) {
      // One round trip: SET NX GET answers the record that was there, or sets ours.
      const existing = await redis.set(
        keyOf(principal, key, cluster),
        JSON.stringify({ fingerprint, id }),
        'PX',
        options.ttlMs,
        'NX',
        'GET',
      );
      if (existing === null) return { fresh: true, id };
      const parsed = JSON.parse(existing) as { fingerprint: string; id: string };
      if (parsed.fingerprint !== fingerprint) {
        throw new ApiError(
          'IdempotencyKeyReused',
          'this Idempotency-Key was already used with a different request',
          {
            originalId: parsed.id,
          },
        );
      }
      return { fresh: false, id: parsed.id };
    },
  };
}
