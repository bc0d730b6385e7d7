import { serve } from '@hono/node-server';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { createClusterRegistry, loadClusterSpecs } from '../shared/cluster/index.js';
import { parseConfig } from '../shared/config.js';
import { installShutdown, runMain } from '../shared/lifecycle.js';
import { createLogger } from '../shared/logger.js';
import { createClusterMetrics } from '../shared/metrics/cluster-metrics.js';
import { createQueueMonitor } from '../shared/metrics/queue-monitor.js';
import { createOperations } from '../shared/operations/index.js';
import { createRedis } from '../shared/redis.js';
import { createApp } from './app.js';
import { createSecurityFromConfig } from './auth/index.js';

const USAGE =
  'Usage: node dist/src/api/main.js (npm run start:api)\n\nThe eks-jobs HTTP API: validates requests, enqueues commands, serves live status reads.';

runMain(async () => {
  const config = parseConfig();
  const logger = createLogger({ level: config.logLevel, pretty: config.logPretty, base: { service: 'api' } });
  // One metrics registry for the process: HTTP, queue depth, Kubernetes reads and tokens.
  const metrics = new Registry();
  // Process health (CPU, memory, event-loop lag, GC) under our prefix, next to the service's own metrics.
  collectDefaultMetrics({ register: metrics, prefix: 'eks_jobs_' });
  const clusterMetrics = createClusterMetrics(metrics);
  const clusters = createClusterRegistry(loadClusterSpecs(config), { logger, ...clusterMetrics.observers });
  clusterMetrics.track(clusters);
  const redis = createRedis(config.redisUrl, 'producer');
  const queues = createQueueMonitor({ redis, prefix: config.queuePrefix, clusters: clusters.names() });
  const operations = createOperations({
    redis,
    prefix: config.queuePrefix,
    clusters: clusters.names(),
    retentionMs: config.operationRetentionMs,
    logger,
  });
  const auth = createSecurityFromConfig(config, { redis, logger, defaultCluster: clusters.defaultName });
  const app = createApp({ config, logger, redis, operations, clusters, auth, metrics, queues });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    logger.info({ port: info.port, host: config.host, clusters: clusters.names() }, 'api listening');
  });
  installShutdown(
    logger,
    [
      {
        name: 'http',
        close: () =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            // Idle keep-alive sockets would hold close() open until they time out.
            if ('closeIdleConnections' in server) server.closeIdleConnections();
          }),
      },
      { name: 'operations', close: () => operations.close() },
      { name: 'queue monitor', close: () => queues.close() },
      { name: 'clusters', close: () => clusters.close() },
      { name: 'redis', close: async () => void (await redis.quit().catch(() => redis.disconnect())) },
    ],
    config.shutdownTimeoutMs,
  );
}, USAGE);
