import { serve } from '@hono/node-server';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { parseConfig } from '../shared/config.js';
import { installShutdown, runMain } from '../shared/lifecycle.js';
import { createLogger } from '../shared/logger.js';
import { composeApi } from './compose.js';

const USAGE =
  'Usage: node dist/src/api/main.js (npm run start:api)\n\nThe eks-jobs HTTP API: validates requests, enqueues commands, serves live status reads.';

runMain(async () => {
  const config = parseConfig();
  const logger = createLogger({ level: config.logLevel, pretty: config.logPretty, base: { service: 'api' } });
  // One metrics registry for the process: HTTP, queue depth, Kubernetes reads and tokens.
  const metrics = new Registry();
  // Process health (CPU, memory, event-loop lag, GC) under our prefix, next to the service's own metrics.
  collectDefaultMetrics({ register: metrics, prefix: 'eks_jobs_' });
  const api = composeApi(config, { logger, metrics });
  const server = serve({ fetch: api.app.fetch, port: config.port, hostname: config.host }, (info) => {
    logger.info({ port: info.port, host: config.host, clusters: api.clusters.names() }, 'api listening');
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
      ...api.steps,
    ],
    config.shutdownTimeoutMs,
  );
}, USAGE);
