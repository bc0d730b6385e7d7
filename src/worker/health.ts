import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { Registry } from 'prom-client';
import type { RedisClient } from '../shared/redis.js';
import { pingRedis } from '../shared/redis.js';

/** Dependencies of {@link createWorkerHealthApp}. */
export interface WorkerHealthDeps {
  redis: RedisClient;
  /** Whether the command workers are running; absent means "not started". */
  workersRunning?: () => boolean;
  /** Served on `/metrics` when given. */
  metrics?: Registry;
}

/** The worker's own small HTTP server: `/livez`, `/readyz` (Redis reachable, workers running), `/metrics`. */
export function createWorkerHealthApp(deps: WorkerHealthDeps) {
  const app = new Hono();
  app.get('/livez', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    const redis = await pingRedis(deps.redis, 500);
    const workers = deps.workersRunning ? deps.workersRunning() : true;
    const ok = redis && workers;
    return c.json({ status: ok ? 'ok' : 'unavailable', checks: { redis, workers } }, ok ? 200 : 503);
  });
  const { metrics } = deps;
  if (metrics) {
    app.get('/metrics', async (c) =>
      c.text(await metrics.metrics(), 200, { 'Content-Type': metrics.contentType }),
    );
  }
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
