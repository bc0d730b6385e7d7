import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { ApiError } from './errors.js';

/** Outcome of {@link IdempotencyStore.claim}. */
export type IdempotencyClaim =
  /** The key is new: go ahead and create `id`. */
  | { fresh: true; id: string }
  /**
   * The key was used before with the same request: answer with what `id` names. `committed` once
   * that request enqueued its operation; before, a concurrent duplicate may still be enqueueing.
   */
  | { fresh: false; id: string; committed: boolean };

/**
 * `Idempotency-Key` records (IETF draft `httpapi-idempotency-key-header`). A key is scoped to
 * its principal; it remembers the fingerprint of the first request and the id that request
 * created. `SET NX` decides which of several concurrent duplicates creates the resource, so
 * they all resolve to one id.
 */
export interface IdempotencyStore {
  /** Claims `key` for a request with `fingerprint`, proposing `id`; 422 if the key was used with another body. */
  claim(principal: string, key: string, fingerprint: string, id: string): Promise<IdempotencyClaim>;
  /** Marks the claim of `id` as done: its operation is enqueued, so from now on it must exist. */
  commit(principal: string, key: string, fingerprint: string, id: string): Promise<void>;
  /**
   * Forgets the claim of `id`: its request failed before it created anything, or its operation
   * is gone (cancelled, expired), so the key can be claimed again.
   */
  release(principal: string, key: string, id: string): Promise<void>;
}

/** Options of {@link createIdempotencyStore}. */
export interface IdempotencyStoreOptions {
  /** Key prefix in Redis. */
  prefix: string;
  /** How long a key is remembered: at least as long as operations are retained. */
  ttlMs: number;
}

// Deletes the record only while it still names our id: never drop a concurrent winner's claim.
const RELEASE = `local v = redis.call('GET', KEYS[1])
if v and cjson.decode(v).id == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
// Rewrites the claim as committed only while it is still ours, keeping its expiry.
const COMMIT = `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL') end return 0`;

/** Stable JSON: object keys sorted, so `{a,b}` and `{b,a}` fingerprint the same. */
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
export function createIdempotencyStore(redis: Redis, options: IdempotencyStoreOptions): IdempotencyStore {
  const keyOf = (principal: string, key: string) =>
    `${options.prefix}:idempotency:${createHash('sha256').update(`${principal}\n${key}`).digest('base64url')}`;
  const record = (fingerprint: string, id: string, committed?: true) =>
    JSON.stringify({ fingerprint, id, ...(committed ? { committed } : {}) });

  return {
    async claim(principal, key, fingerprint, id) {
      const redisKey = keyOf(principal, key);
      // Two rounds: the record can expire between a failed SET NX and the GET.
      for (let round = 0; round < 2; round++) {
        const set = await redis.set(redisKey, record(fingerprint, id), 'PX', options.ttlMs, 'NX');
        if (set === 'OK') return { fresh: true, id };
        const existing = await redis.get(redisKey);
        if (existing === null) continue;
        const parsed = JSON.parse(existing) as { fingerprint: string; id: string; committed?: boolean };
        if (parsed.fingerprint !== fingerprint) {
          throw new ApiError(
            'IdempotencyKeyReused',
            'this Idempotency-Key was already used with a different request',
            { originalId: parsed.id },
          );
        }
        return { fresh: false, id: parsed.id, committed: parsed.committed === true };
      }
      return { fresh: true, id };
    },
    async commit(principal, key, fingerprint, id) {
      await redis.eval(
        COMMIT,
        1,
        keyOf(principal, key),
        record(fingerprint, id),
        record(fingerprint, id, true),
      );
    },
    async release(principal, key, id) {
      await redis.eval(RELEASE, 1, keyOf(principal, key), id);
    },
  };
}
