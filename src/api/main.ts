import { collectDefaultMetrics, Registry } from 'prom-client';
import { parseConfig } from '../shared/config.js';
import { openDatabase } from '../shared/db/index.js';
import { installShutdown, runMain } from '../shared/lifecycle.js';
import { createLogger } from '../shared/logger.js';
import { composeApi } from './compose.js';
import { createHttpServer } from './http-server.js';

const USAGE =
  'Usage: node dist/src/api/main.js (npm run start:api)\n\nThe eks-jobs HTTP API: validates requests, enqueues commands, serves live status reads.';

/** Of SHUTDOWN_TIMEOUT, what the steps after the HTTP drain keep: closing queues and Redis takes milliseconds. */
const AFTER_DRAIN_MS = 2000;

runMain(async () => {
  const config = parseConfig();
  const logger = createLogger({ level: config.logLevel, pretty: config.logPretty, base: { service: 'api' } });
  // One metrics registry for the process: HTTP, queue depth, Kubernetes reads and tokens.
  const metrics = new Registry();
  // Process health (CPU, memory, event-loop lag, GC) under our prefix, next to the service's own metrics.
  collectDefaultMetrics({ register: metrics, prefix: 'eks_jobs_' });
  const http = createHttpServer({
    logger,
    drainTimeoutMs: Math.max(config.shutdownTimeoutMs - AFTER_DRAIN_MS, config.shutdownTimeoutMs / 2),
  });
  // PostgreSQL (history, templates) when DATABASE_URL is set, migrated before anything is served.
  const database = await openDatabase(config, { applicationName: 'eks-jobs-api', logger });
  const api = composeApi(config, {
    logger,
    metrics,
    draining: http.draining,
    ...(database ? { database } : {}),
  });
  const address = await http.listen(api.app.fetch, { port: config.port, hostname: config.host });
  logger.info({ port: address.port, host: config.host, clusters: api.clusters.names() }, 'api listening');
  // The HTTP server drains first (readiness 503, answers in flight), then what the app uses closes.
  // Event streams never end by themselves: they are ended as the drain starts, so it need not time out.
  const drain = async () => void (await Promise.all([http.close(), api.endStreams()]));
  installShutdown(logger, [{ name: 'http', close: drain }, ...api.steps], config.shutdownTimeoutMs);
}, USAGE);
