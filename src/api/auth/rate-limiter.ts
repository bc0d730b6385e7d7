import { createHash, randomBytes } from 'node:crypto';
import type { RateLimit } from '../../shared/api-keys/scopes.js';
import type { RedisClient } from '../../shared/redis.js';

/**
 * Sliding-window log, atomic in one Lua call: the sorted set holds the times of the requests
 * accepted in the last window; a request is accepted while fewer than `limit` remain. Exact —
 * no window of `perSeconds` ever holds more than `requests` accepted requests, whichever API
 * replica served them — at O(limit) memory per key. Time is Redis's own (`TIME`), so replicas
 * with skewed clocks still share one window. Rejected requests are not recorded, so a client
 * hammering at 429 recovers as soon as the window slides.
 */
const SLIDING_WINDOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return {1, limit - count - 1, 0}
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
local retry = window
if oldest[2] then retry = tonumber(oldest[2]) + window - now end
return {0, 0, retry}
`;

const SCRIPT_SHA = createHash('sha1').update(SLIDING_WINDOW).digest('hex');

/** Answer of {@link RateLimiter.take}. */
export interface RateLimitDecision {
  allowed: boolean;
  /** Requests left in the current window after this one. */
  remaining: number;
  /** When refused: milliseconds until a request would be accepted. */
  retryAfterMs: number;
}

/** A per-key limiter shared by every API replica on one Redis. */
export interface RateLimiter {
  /** Counts one request of `id` against `limit`. Rejects when Redis is unreachable. */
  take(id: string, limit: RateLimit): Promise<RateLimitDecision>;
}

/** Options of {@link createRateLimiter}. */
export interface RateLimiterOptions {
  redis: RedisClient;
  /** Key prefix (the queue prefix): keys are `<prefix>:ratelimit:<id>`. */
  prefix: string;
}

/** Creates the Redis-backed sliding-window limiter. */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { redis, prefix } = options;
  // Members must be unique per request, also across replicas: a random process tag plus a counter.
  const tag = randomBytes(6).toString('base64url');
  let seq = 0;
  return {
    async take(id, limit) {
      seq = (seq + 1) % Number.MAX_SAFE_INTEGER;
      const args = [String(limit.requests), String(limit.perSeconds * 1000), `${tag}:${seq}`];
      const key = `${prefix}:ratelimit:${id}`;
      let reply: unknown;
      try {
        reply = await redis.evalsha(SCRIPT_SHA, 1, key, ...args);
      } catch (err) {
        if (!String((err as Error).message).includes('NOSCRIPT')) throw err;
        reply = await redis.eval(SLIDING_WINDOW, 1, key, ...args);
      }
      const [allowed, remaining, retry] = reply as [number, number, number];
      return { allowed: allowed === 1, remaining, retryAfterMs: Math.max(0, retry) };
    },
  };
}
