import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { Redis } from 'ioredis';
import { pingRedis } from '../shared/redis.js';

/** The worker's own small HTTP server: `/livez` and `/readyz` (Redis reachable). */
export function createWorkerHealthApp(deps: { redis: Redis }) {
  const app = new Hono();
  app.get('/livez', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    const ok = await pingRedis(deps.redis, 500);
    return c.json({ status: ok ? 'ok' : 'unavailable', checks: { redis: ok } }, ok ? 200 : 503);
  });
  return app;
}

/** Serves `app` and returns a close function that stops accepting and drops idle sockets. */
export function serveHealth(app: Hono, port: number, hostname: string, onListen: (port: number) => void) {
  const server = serve({ fetch: app.fetch, port, hostname }, (info) => onListen(info.port));
  return () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      if ('closeIdleConnections' in server) server.closeIdleConnections();
    });
}
