import { Hono } from 'hono';
import type { Redis } from 'ioredis';
import type { Config } from '../shared/config.js';
import type { Logger } from '../shared/logger.js';
import { pingRedis } from '../shared/redis.js';

/** What the HTTP app needs; `main.ts` wires the real ones, tests their own. */
export interface AppDeps {
  config: Config;
  logger: Logger;
  /** The API's fail-fast Redis connection. */
  redis: Redis;
}

/** Builds the Hono app. Does no I/O itself. */
export function createApp(deps: AppDeps) {
  const app = new Hono();
  app.get('/livez', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    const redisOk = await pingRedis(deps.redis, 500);
    return c.json(
      { status: redisOk ? 'ok' : 'unavailable', checks: { redis: redisOk } },
      redisOk ? 200 : 503,
    );
  });
  return app;
}
