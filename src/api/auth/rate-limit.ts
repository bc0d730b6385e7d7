import type { Context, MiddlewareHandler } from 'hono';
import type { RateLimit } from '../../shared/api-keys/scopes.js';
import type { Logger } from '../../shared/logger.js';
import { ApiError } from '../errors.js';
import type { SecurityEnv } from './context.js';
import type { RateLimiter } from './rate-limiter.js';

/** Options of {@link rateLimit}. */
export interface RateLimitOptions {
  limiter: RateLimiter;
  logger: Logger;
  /** Limit of keys whose entry has no `rateLimit`; unset = such keys are not limited. */
  defaultLimit?: RateLimit;
}

/**
 * Applies the caller's per-key limit (shared across replicas through Redis). Over the limit →
 * 429 `RateLimited` with `Retry-After` in whole seconds. Accepted responses carry
 * `RateLimit-Limit` and `RateLimit-Remaining`. Runs after `authenticate`; public paths and the
 * unauthenticated never reach it. Redis unreachable → 503 `QueueUnavailable`: failing closed,
 * since an API that cannot count cannot promise the limit.
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler<SecurityEnv> {
  return async (c: Context<SecurityEnv>, next) => {
    const principal = c.get('principal');
    const limit = principal?.rateLimit ?? options.defaultLimit;
    if (!principal || !limit) return next();
    let decision: Awaited<ReturnType<RateLimiter['take']>>;
    try {
      decision = await options.limiter.take(principal.id, limit);
    } catch (err) {
      options.logger.error({ err }, 'rate limiter unavailable');
      throw new ApiError(
        'QueueUnavailable',
        'the service cannot reach its queue store; retry shortly',
        undefined,
        {
          'Retry-After': '1',
        },
      );
    }
    if (!decision.allowed) {
      const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
      throw new ApiError(
        'RateLimited',
        `rate limit of ${limit.requests} requests per ${limit.perSeconds} s exceeded for this key; retry in ${seconds} s`,
        { limit: limit.requests, perSeconds: limit.perSeconds, retryAfterSeconds: seconds },
        {
          'Retry-After': String(seconds),
          'RateLimit-Limit': String(limit.requests),
          'RateLimit-Remaining': '0',
        },
      );
    }
    // Before next(): prepared headers go into the answer as it is built. Set afterwards, Hono
    // would copy the finished Response to change its headers (a measurable cost per request).
    c.header('RateLimit-Limit', String(limit.requests));
    c.header('RateLimit-Remaining', String(decision.remaining));
    await next();
  };
}
