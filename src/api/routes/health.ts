import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Registry } from 'prom-client';
import { pingRedis } from '../../shared/redis.js';
import type { AppEnv, RouteContext } from '../context.js';
import { noSecurity, openJson, openRouteErrors, responseHeaders, security } from './openapi-helpers.js';

const ClusterHealth = z.object({
  status: z.enum(['ok', 'unreachable']),
  latencyMs: z.number().optional(),
  error: z.string().optional(),
});

const Health = z
  .object({
    status: z.enum(['healthy', 'unhealthy']),
    redis: z.enum(['ok', 'unavailable']),
    defaultCluster: z.string(),
    clusters: z.record(z.string(), ClusterHealth),
  })
  .openapi('Health');

const Ready = z.object({
  status: z.enum(['ok', 'unavailable']),
  checks: z.object({
    redis: z.boolean(),
    draining: z.boolean().describe('The server is shutting down: finish, then go elsewhere'),
  }),
});

/**
 * How long `/health` reuses a cluster's probe. `/health` is open, so without this every anonymous
 * request would cost a call to each cluster; concurrent requests share one probe in flight.
 */
export const HEALTH_PROBE_CACHE_MS = 5000;

/** Liveness, readiness, seed-style health with cluster status, and Prometheus metrics. */
export function registerHealthRoutes(app: OpenAPIHono<AppEnv>, ctx: RouteContext, metrics: Registry): void {
  const tags = ['Health'];
  const probes = new Map<string, { at: number; result: Promise<z.infer<typeof ClusterHealth>> }>();
  const probe = (name: string) => {
    const now = performance.now();
    const cached = probes.get(name);
    if (cached && now - cached.at < HEALTH_PROBE_CACHE_MS) return cached.result;
    // Stored before it settles: requests during the probe wait for the same answer.
    const result = ctx.reads.run(`health\n${name}`, () => checkCluster(ctx, name));
    probes.set(name, { at: now, result });
    return result;
  };
  app.openapi(
    createRoute({
      method: 'get',
      path: '/livez',
      operationId: 'getLiveness',
      summary: 'Liveness',
      tags,
      security: noSecurity,
      responses: {
        200: openJson(z.object({ status: z.literal('ok') }), 'The process is up'),
        ...openRouteErrors({ anonymousLimit: false }),
      },
    }),
    (c) => c.json({ status: 'ok' as const }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/readyz',
      operationId: 'getReadiness',
      summary: 'Readiness: Redis answers and the server is not shutting down',
      tags,
      security: noSecurity,
      responses: {
        200: openJson(Ready, 'Ready'),
        503: openJson(Ready, 'Not ready'),
        ...openRouteErrors({ anonymousLimit: false }),
      },
    }),
    async (c) => {
      const draining = ctx.deps.draining?.() ?? false;
      const redisOk = await pingRedis(ctx.deps.redis, 500);
      const checks = { redis: redisOk, draining };
      return redisOk && !draining
        ? c.json({ status: 'ok' as const, checks }, 200)
        : c.json({ status: 'unavailable' as const, checks }, 503);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/health',
      operationId: 'getHealth',
      summary: 'Health with cluster status (compatible with the original service’s /health)',
      description:
        'Checks Redis and asks each configured cluster for its API resources (2 s timeout each); a cluster’s answer is reused for 5 s.',
      tags,
      security: noSecurity,
      responses: {
        200: openJson(Health, 'Healthy'),
        503: openJson(Health, 'Redis or a cluster is unavailable'),
        ...openRouteErrors({ anonymousLimit: true }),
      },
    }),
    async (c) => {
      const names = ctx.deps.clusters.names();
      const [redisOk, ...clusterHealth] = await Promise.all([
        pingRedis(ctx.deps.redis, 500),
        ...names.map(probe),
      ]);
      const clusters = Object.fromEntries(names.map((n, i) => [n, clusterHealth[i]!]));
      const healthy = redisOk && clusterHealth.every((h) => h.status === 'ok');
      const body = {
        status: healthy ? ('healthy' as const) : ('unhealthy' as const),
        redis: redisOk ? ('ok' as const) : ('unavailable' as const),
        defaultCluster: ctx.deps.clusters.defaultName,
        clusters,
      };
      return healthy ? c.json(body, 200) : c.json(body, 503);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/metrics',
      operationId: 'getMetrics',
      summary: 'Prometheus metrics',
      tags,
      ...(ctx.deps.config.publicEndpoints.metrics ? { security: noSecurity } : { security }),
      responses: {
        200: {
          description: 'Prometheus text format',
          headers: responseHeaders(),
          content: { 'text/plain': { schema: z.string() } },
        },
        ...openRouteErrors({ anonymousLimit: true }),
      },
    }),
    async (c) => {
      c.header('Content-Type', metrics.contentType);
      return c.text(await metrics.metrics(), 200);
    },
  );
}

async function checkCluster(ctx: RouteContext, name: string): Promise<z.infer<typeof ClusterHealth>> {
  const cluster = ctx.deps.clusters.get(name);
  if (!cluster) return { status: 'unreachable', error: 'not configured' };
  const start = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      cluster.run((apis) => apis.core.getAPIResources()),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timed out after 2 s')), 2000);
      }),
    ]);
    return { status: 'ok', latencyMs: Math.round(performance.now() - start) };
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    return {
      status: 'unreachable',
      error: typeof code === 'number' ? `answered ${code}` : 'cannot be reached',
    };
  } finally {
    clearTimeout(timer);
  }
}
