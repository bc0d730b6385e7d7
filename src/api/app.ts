import type { OpenAPIHono } from '@hono/zod-openapi';
import { ApiException } from '@kubernetes/client-node';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { Registry } from 'prom-client';
import {
  createQueueMonitor,
  type QueueMonitor,
  registerQueueDepth,
} from '../shared/metrics/queue-monitor.js';
import { isRedisUnavailable, OperationsError } from '../shared/operations/index.js';
import { redisKeys } from '../shared/redis-keys.js';
import { saneRequestId } from './auth/request-id.js';
import { scrubErrorBodies } from './auth/scrub-errors.js';
import type { AppEnv, RouteContext } from './context.js';
import type { AppDeps, AuthSeam } from './deps.js';
import { ApiError, type ErrorCode, errorBody } from './errors.js';
import { createIdempotencyStore } from './idempotency.js';
import { fromKubeError } from './kube-errors.js';
import { bodyAdmission, refuseOversizedBodies } from './large-bodies.js';
import { httpMetrics } from './metrics.js';
import { createNamespaceLevels } from './policy/namespace-levels.js';
import { rejectRewrittenPaths } from './raw-path.js';
import { noReplicaAck } from './replica-ack.js';
import { registerAdminRoutes } from './routes/admin.js';
import { addBatchRoutes } from './routes/batches/batches.index.js';
import { registerDocsRoutes } from './routes/docs.js';
import { registerEventWebhooks } from './routes/event-webhooks.js';
import { registerEventRoutes } from './routes/events/events.index.js';
import { registerHealthRoutes } from './routes/health.js';
import { addHistoryRoutes } from './routes/history/history.index.js';
import { addJobRoutes } from './routes/jobs/jobs.index.js';
import { addNamespaceRoutes } from './routes/namespaces/namespaces.index.js';
import { addOperationRoutes } from './routes/operations/operations.index.js';
import { registerPythonServiceRoutes } from './routes/python-service.js';
import { createRouter, mountClusterScoped } from './routes/router.js';
import { registerTemplateRoutes } from './routes/templates/templates.index.js';
import { registerWebhookRoutes } from './routes/webhooks/webhooks.index.js';
import { securityHeaders } from './security-headers.js';
import { createSingleFlight } from './single-flight.js';
import { queueUnavailable } from './submit.js';
import { createTemplateService } from './templates/template-service.js';

export type { AppDeps } from './deps.js';

/**
 * Turns anything thrown into the one envelope's error; `cluster` is named in Kubernetes errors.
 * Unknown errors never leak internals.
 */
export function toApiError(err: unknown, cluster: string): ApiError | undefined {
  if (err instanceof ApiError) return err;
  if (err instanceof HTTPException) {
    if (err.status === 413) return new ApiError('PayloadTooLarge', 'the request body is too large');
    if (err.status === 415) {
      return new ApiError('UnsupportedMediaType', 'send the body as application/json');
    }
    if (err.status === 400) {
      return /json/i.test(err.message)
        ? new ApiError('MalformedJson', 'the request body is not valid JSON')
        : new ApiError('BadRequest', err.message || 'bad request');
    }
    return undefined;
  }
  if (isRedisUnavailable(err)) return queueUnavailable();
  // The pipeline's own errors (OperationNotFound, OperationRunning, …) are codes of the one table.
  if (err instanceof OperationsError) {
    return new ApiError(err.code satisfies ErrorCode, err.message, err.details, undefined, { cause: err });
  }
  if (err instanceof ApiException) return fromKubeError(err, cluster);
  return undefined;
}

/** The authentication seam when the security module is not wired: explicit, never silent. */
function fallbackAuth(deps: AppDeps): AuthSeam {
  return {
    authenticate: async (c, next) => {
      if (!deps.config.insecureNoAuth) {
        throw new ApiError('Unauthorized', 'authentication is not configured on this server', undefined, {
          'WWW-Authenticate': 'Bearer',
        });
      }
      c.set('principal', { id: 'anonymous' });
      await next();
    },
    authorize: () => {},
  };
}

/**
 * Builds the Hono app with every route of docs/architecture.md §4. Does no I/O itself. `queues` feeds the
 * queue-depth gauge and the dashboard; main passes its own (to close it on shutdown), else one is
 * made on the app's Redis connection.
 */
export function createApp(deps: AppDeps & { queues?: QueueMonitor }) {
  const app: OpenAPIHono<AppEnv> = createRouter();
  const metrics = deps.metrics ?? new Registry();
  const { queuePrefix, redis: redisSettings } = deps.config;
  const keys = redisKeys(queuePrefix, redisSettings.keyLayout);
  const queues =
    deps.queues ??
    createQueueMonitor({
      redis: deps.redis,
      prefix: queuePrefix,
      layout: redisSettings.keyLayout,
      clusters: deps.clusters.names(),
    });
  registerQueueDepth(metrics, queues);
  const auth = deps.auth ?? fallbackAuth(deps);
  const reads = createSingleFlight();
  const ctx: RouteContext = {
    deps,
    auth,
    idempotency: createIdempotencyStore(deps.redis, {
      keyOf: keys.idempotency,
      ttlMs: deps.config.operationRetentionMs,
    }),
    reads,
    namespaceLevels: createNamespaceLevels(reads),
    keys,
    replicas: deps.replicaAck ?? noReplicaAck,
    ...(deps.templates ? { templates: createTemplateService(deps.templates) } : {}),
  };

  // First, so every answer carries them, errors and 404s included.
  app.use(securityHeaders());
  // A caller's X-Request-Id only when it is plain and not shaped like a key or token.
  app.use(saneRequestId('X-Request-Id'));
  app.use(scrubErrorBodies());
  app.use(httpMetrics(metrics));
  app.use(rejectRewrittenPaths());
  app.use(async (c, next) => {
    const start = performance.now();
    await next();
    deps.logger.info(
      {
        requestId: c.var.requestId,
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - start),
      },
      'request',
    );
  });
  // Traffic without a valid key is limited per client address before it costs anything more.
  if (auth.guard) app.use(auth.guard);
  // A declared Content-Length over MAX_BODY_BYTES is refused before anything is read.
  app.use(refuseOversizedBodies(deps.config.maxBodyBytes));
  // The operational endpoints are listed too: the security layer lets them through unless
  // PUBLIC_METRICS / PUBLIC_DOCS say they need a key.
  for (const path of ['/v1/*', '/api/*', '/admin/*', '/metrics', '/docs', '/docs/*', '/openapi.json']) {
    app.use(path, auth.authenticate);
    if (auth.rateLimit) app.use(path, auth.rateLimit);
  }
  // Bodies are read (chunked ones counted) and large ones handled a few at a time, so memory
  // stays within the heap cap — only after the key was checked.
  app.use(
    bodyAdmission({ maxBodyBytes: deps.config.maxBodyBytes, slots: deps.config.maxLargeRequests, metrics }),
  );

  app.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key from API_KEYS_FILE',
  });

  registerHealthRoutes(app, ctx, metrics);
  // The cluster-scoped resources: one router, mounted under /v1 and /v1/clusters/{cluster}.
  const clusterScoped = createRouter();
  addJobRoutes(clusterScoped, ctx);
  addNamespaceRoutes(clusterScoped, ctx);
  addOperationRoutes(clusterScoped, ctx);
  addBatchRoutes(clusterScoped, ctx);
  addHistoryRoutes(clusterScoped, ctx);
  mountClusterScoped(app, clusterScoped);
  registerPythonServiceRoutes(app, ctx);
  registerEventRoutes(app, ctx);
  registerWebhookRoutes(app, ctx);
  registerTemplateRoutes(app, ctx);
  registerEventWebhooks(app);
  // The security module's own routes (GET /v1/audit for admin keys), when the seam brings them.
  auth.registerRoutes?.(app);
  registerAdminRoutes(app, queues);
  registerDocsRoutes(app);

  const render = (c: Context<AppEnv>, err: ApiError) => {
    for (const [name, value] of Object.entries(err.headers ?? {})) c.header(name, value);
    return c.json(errorBody(err, c.var.requestId ?? ''), err.status);
  };

  app.onError((err, c) => {
    const pathCluster = /^\/v1\/clusters\/([^/]+)/.exec(c.req.path)?.[1];
    const apiError = toApiError(err, pathCluster ?? deps.clusters.defaultName);
    if (apiError) return render(c, apiError);
    deps.logger.error({ err, requestId: c.var.requestId, path: c.req.path }, 'unhandled error');
    return render(c, new ApiError('Internal', 'internal error; the request id identifies it in the logs'));
  });

  let allowed: ((path: string) => string[]) | undefined;
  app.notFound((c) => {
    allowed ??= methodsByPath(app.routes);
    const methods = allowed(c.req.path);
    if (methods.length > 0) {
      c.header('Allow', methods.join(', '));
      return render(
        c,
        new ApiError('MethodNotAllowed', `${c.req.method} is not allowed here; use ${methods.join(', ')}`),
      );
    }
    return render(c, new ApiError('RouteNotFound', `no route for ${c.req.method} ${c.req.path}`));
  });

  return app;
}

/** Matches a path against the app's routes and lists the methods it has there (for 405 + Allow). */
function methodsByPath(routes: ReadonlyArray<{ method: string; path: string }>): (path: string) => string[] {
  const patterns = new Map<string, { re: RegExp; methods: Set<string> }>();
  for (const { method, path } of routes) {
    if (method === 'ALL' || path.includes('*')) continue;
    let entry = patterns.get(path);
    if (!entry) {
      const re = new RegExp(`^${path.replace(/[.+?^$()[\]\\]/g, '\\$&').replace(/:[^/]+/g, '[^/]+')}$`);
      entry = { re, methods: new Set() };
      patterns.set(path, entry);
    }
    entry.methods.add(method);
    if (method === 'GET') entry.methods.add('HEAD');
  }
  return (path) => {
    const methods = new Set<string>();
    for (const { re, methods: m } of patterns.values()) if (re.test(path)) for (const x of m) methods.add(x);
    return [...methods].sort();
  };
}
