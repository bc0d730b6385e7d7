import { Writable } from 'node:stream';
import { OpenAPIHono } from '@hono/zod-openapi';
import { Redis } from 'ioredis';
import type { SecurityEnv } from '../../../src/api/auth/context.js';
import { requireBatchTargets, requireNamespaceCreate, setAuditInfo } from '../../../src/api/auth/index.js';
import { createSecurity, type SecurityDeps } from '../../../src/api/auth/security.js';
import { ApiError, errorBody } from '../../../src/api/errors.js';
import { type ApiKeyEntry, parseApiKeys } from '../../../src/shared/api-keys/key-file.js';
import { generateApiKey } from '../../../src/shared/api-keys/key-format.js';
import { createLogger } from '../../../src/shared/logger.js';

/** A key made at test time, with its entry for API_KEYS_FILE. */
export interface TestKey {
  key: string;
  entry: ApiKeyEntry;
}

/** Makes a key with the given scopes (defaults: every cluster, `team-*`, nothing else). */
export function makeKey(id: string, over: Partial<Omit<ApiKeyEntry, 'id' | 'hash'>> = {}): TestKey {
  const { key, hash } = generateApiKey();
  return {
    key,
    entry: { id, hash, scopes: { clusters: ['*'], namespaces: ['team-*'] }, ...over },
  };
}

/** A logger writing JSON lines into an array, to assert on what was logged. */
export function memoryLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      cb();
    },
  });
  return { logger: createLogger({ level: 'debug', destination }), lines };
}

/**
 * A minimal app shaped like the real one (request id, onError with the envelope, a few routes)
 * around the security layer, to test it alone.
 */
export async function securityTestApp(
  redisUrl: string,
  prefix: string,
  keys: TestKey[],
  over: Partial<SecurityDeps> = {},
) {
  const redis = new Redis(redisUrl, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    lazyConnect: true,
  });
  redis.on('error', () => {});
  await redis.connect();
  const { logger, lines } = memoryLogger();
  const security = createSecurity({
    keys: parseApiKeys({ keys: keys.map((k) => k.entry) }),
    redis,
    logger,
    prefix,
    defaultCluster: 'main',
    ...over,
  });
  let seq = 0;
  const app = new OpenAPIHono<SecurityEnv>();
  app.use('*', async (c, next) => {
    c.set('requestId', `req-${++seq}`);
    await next();
    c.header('X-Request-Id', c.get('requestId'));
  });
  app.use('*', security.authenticate);
  app.onError((err, c) => {
    const e = err instanceof ApiError ? err : new ApiError('Internal', 'internal error');
    for (const [k, v] of Object.entries(e.headers ?? {})) c.header(k, v);
    return c.json(errorBody(e, c.get('requestId')), e.status);
  });
  app.notFound((c) =>
    c.json(errorBody(new ApiError('RouteNotFound', 'no such route'), c.get('requestId')), 404),
  );
  app.get('/livez', (c) => c.json({ status: 'ok' }));
  app.get('/metrics', (c) => c.text('# metrics'));
  security.registerRoutes(app);
  for (const base of ['/v1', '/v1/clusters/:cluster']) {
    app.get(`${base}/namespaces/:ns/jobs`, (c) => c.json({ items: [], ns: c.req.param('ns') }));
    app.post(`${base}/namespaces/:ns/jobs`, (c) => {
      setAuditInfo(c, { operationIds: [`op-${seq}`], target: { name: 'job-x' } });
      return c.json({ id: `op-${seq}` }, 202);
    });
    app.delete(`${base}/namespaces/:ns/jobs/:name`, (c) => c.json({ operationId: `op-${seq}` }, 202));
    app.post(`${base}/namespaces`, async (c) => {
      const body = (await c.req.json()) as { name: string };
      requireNamespaceCreate(c, c.req.param('cluster') ?? 'main', body.name);
      return c.json({ id: `op-${seq}` }, 202);
    });
    app.delete(`${base}/namespaces/:ns`, (c) => c.json({ id: `op-${seq}` }, 202));
    app.post(`${base}/batches`, async (c) => {
      const body = (await c.req.json()) as { items: Array<{ namespace: string }> };
      requireBatchTargets(
        c,
        body.items.map((i) => ({ cluster: c.req.param('cluster') ?? 'main', namespace: i.namespace })),
      );
      return c.json({ id: 'batch-1', operationIds: body.items.map((_, i) => `op-b${i}`) }, 202);
    });
    app.get(`${base}/operations/:id`, (c) => c.json({ id: c.req.param('id') }));
    app.post(`${base}/operations/:id/retry`, async (c) => {
      security.authorize(c.var.principal, {
        action: 'operation.write',
        cluster: 'main',
        namespace: 'team-a',
      });
      await security.audit({
        action: 'operation.retry',
        operationId: c.req.param('id'),
        target: { namespace: 'team-a' },
      });
      return c.body(null, 202);
    });
  }
  return { app, security, redis, lines, close: () => redis.quit().catch(() => redis.disconnect()) };
}
