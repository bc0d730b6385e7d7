import { Redis, type RedisOptions } from 'ioredis';

/**
 * Who a Redis connection is for. The two roles must never share a connection (docs/architecture.md §5):
 * - `producer` (the API): fails fast — no offline queue, one try per command, short connect
 *   timeout — so an outage becomes a 503 within milliseconds instead of a hanging request;
 * - `worker`: waits — BullMQ workers need `maxRetriesPerRequest: null` and reconnect forever.
 */
export type RedisRole = 'producer' | 'worker';

/** Creates a Redis connection configured for `role`. The caller owns it and must `quit()` it. */
export function createRedis(url: string, role: RedisRole, extra: RedisOptions = {}): Redis {
  const common: RedisOptions = {
    lazyConnect: false,
    // Reconnect quickly after an outage, but never in a tight loop.
    retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 6), 2000),
    ...extra,
  };
  const options: RedisOptions =
    role === 'producer'
      ? {
          ...common,
          enableOfflineQueue: false,
          maxRetriesPerRequest: 1,
          connectTimeout: 2000,
          commandTimeout: 2000,
        }
      : { ...common, maxRetriesPerRequest: null, enableReadyCheck: true };
  const redis = new Redis(url, options);
  // Without a listener ioredis prints every reconnect error as an unhandled 'error' event.
  redis.on('error', () => {});
  return redis;
}

/** True when Redis answers PING within `timeoutMs`. Never throws, never hangs. */
export async function pingRedis(redis: Redis, timeoutMs = 500): Promise<boolean> {
  if (redis.status !== 'ready') return false;
  let timer: NodeJS.Timeout | undefined;
  try {
    const pong = await Promise.race([
      redis.ping(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
      }),
    ]);
    return pong === 'PONG';
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
