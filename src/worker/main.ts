import { collectDefaultMetrics, Registry } from 'prom-client';
import { emptyApiKeyStore, loadApiKeysFile } from '../shared/api-keys/index.js';
import { createClusterRegistry, loadClusterSpecs } from '../shared/cluster/index.js';
import { parseConfig } from '../shared/config.js';
import { openDatabase } from '../shared/db/index.js';
import { createEventPublisher } from '../shared/events/event-log.js';
import { installShutdown, runMain } from '../shared/lifecycle.js';
import { createLogger } from '../shared/logger.js';
import { createClusterMetrics } from '../shared/metrics/cluster-metrics.js';
import { createQueueMonitor, registerQueueDepth } from '../shared/metrics/queue-monitor.js';
import { closeRedis, createRedisConnector } from '../shared/redis.js';
import { redisLayoutNote } from '../shared/redis-config.js';
import { createDeliveryQueue } from '../shared/webhooks/delivery-queue.js';
import { createCommandWorkers } from './command-workers.js';
import { createWorkerHealthApp, serveHealth } from './health.js';
import { createHistoryPruner } from './history-pruner.js';
import { createHistoryRecorder } from './history-recorder.js';
import { createWorkerMetrics } from './metrics.js';
import { createWebhookDeliveries } from './webhook-deliveries.js';

const USAGE =
  'Usage: node dist/src/worker/main.js (npm run start:worker)\n\nThe eks-jobs worker: runs queued commands against each configured cluster; health and metrics on WORKER_PORT.';

runMain(async () => {
  const config = parseConfig();
  const logger = createLogger({
    level: config.logLevel,
    pretty: config.logPretty,
    base: { service: 'worker' },
  });
  // PostgreSQL (history) when DATABASE_URL is set, migrated before any command runs.
  const database = await openDatabase(config, { applicationName: 'eks-jobs-worker', logger });
  const specs = loadClusterSpecs(config);
  // One metrics registry for the process, served on the health port's /metrics.
  const registry = new Registry();
  // Process health (CPU, memory, event-loop lag, GC) under our prefix, next to the service's own metrics.
  collectDefaultMetrics({ register: registry, prefix: 'eks_jobs_' });
  const clusterMetrics = createClusterMetrics(registry);
  const clusters = createClusterRegistry(specs, { logger, ...clusterMetrics.observers });
  clusterMetrics.track(clusters);
  const connector = createRedisConnector(config.redis.connection);
  const redis = connector.connect('worker');
  const keyLayout = { prefix: config.queuePrefix, layout: config.redis.keyLayout };
  const layoutNote = redisLayoutNote(config.redis, config.queuePrefix);
  if (layoutNote) logger.warn(layoutNote);
  const queues = createQueueMonitor({ redis, ...keyLayout, clusters: clusters.names() });
  registerQueueDepth(registry, queues);
  // Operation events: into the event log (GET /v1/events) and, with a callback, to its webhooks.
  // The keys' webhook secrets sign the deliveries; without API_KEYS_FILE no key has one.
  const keys = config.apiKeysFile ? loadApiKeysFile(config.apiKeysFile) : emptyApiKeyStore();
  const deliveryQueue = createDeliveryQueue({
    connection: redis,
    ...keyLayout,
    retentionMs: config.operationRetentionMs,
    retryForMs: config.webhooks.retryForMs,
  });
  const deliveries = createWebhookDeliveries({
    connector,
    ...keyLayout,
    secretOf: (id) => keys.webhookSecretOf(id),
    policy: config.webhooks,
    logger,
    registry,
    retentionMs: config.operationRetentionMs,
    backoff: config.webhooks.backoff,
  });
  const events = createEventPublisher({
    redis,
    ...keyLayout,
    historyLength: config.eventsHistory,
    dedupTtlMs: config.operationRetentionMs,
    enqueueDelivery: deliveryQueue.enqueue,
  });
  let workers: ReturnType<typeof createCommandWorkers> | undefined;
  const metrics = createWorkerMetrics(registry, () => workers?.active() ?? 0);
  workers = createCommandWorkers({
    connector,
    ...keyLayout,
    clusters,
    logger,
    concurrency: config.workerConcurrency,
    retentionMs: config.operationRetentionMs,
    lockDurationMs: config.workerLockDurationMs,
    stalledIntervalMs: config.workerStalledIntervalMs,
    retry: { deadlineMs: config.retryDeadlineMs },
    nameSuffix: config.nameSuffix,
    onAttempt: metrics.onAttempt,
    events,
    jobWatchLeaseMs: config.jobWatchLeaseMs,
  });
  const running = workers;
  // History (docs/history.md): every worker records the event log into PostgreSQL, sharing the
  // work through one consumer group, and one of them at a time prunes by HISTORY_RETENTION.
  const recorder =
    database &&
    createHistoryRecorder({
      connector,
      ...keyLayout,
      db: database.db,
      logger,
      registry,
      // A killed worker's commands are taken over after WORKER_LOCK_DURATION; its unwritten events
      // after five times that (30 s by default), as a live recorder holds a batch while it commits.
      claimIdleMs: 5 * config.workerLockDurationMs,
    });
  const pruner =
    database &&
    createHistoryPruner({
      db: database.db,
      redis,
      prefix: config.queuePrefix,
      retentionMs: config.historyRetentionMs,
      logger,
      registry,
    });
  const closeHealth = serveHealth(
    createWorkerHealthApp({ redis, workersRunning: () => running.isRunning(), metrics: registry }),
    config.workerPort,
    config.host,
    (port) => logger.info({ port, clusters: clusters.names() }, 'worker health server listening'),
  );
  installShutdown(
    logger,
    [
      // Stop fetching and let active operations finish first; health goes last so /livez answers meanwhile.
      { name: 'workers', close: () => running.close() },
      // After the workers: recording goes on while they finish their active operations.
      ...(recorder ? [{ name: 'history recorder', close: () => recorder.close() }] : []),
      ...(pruner ? [{ name: 'history pruner', close: () => pruner.close() }] : []),
      { name: 'webhook deliveries', close: () => deliveries.close() },
      { name: 'delivery queue', close: () => deliveryQueue.close() },
      { name: 'clusters', close: () => clusters.close() },
      { name: 'health', close: closeHealth },
      { name: 'queue monitor', close: () => queues.close() },
      ...(database ? [{ name: 'database', close: () => database.close() }] : []),
      { name: 'redis', close: () => closeRedis(redis) },
    ],
    config.shutdownTimeoutMs,
  );
  await Promise.all([running.ready(), deliveries.ready(), recorder?.ready()]);
  logger.info({ clusters: clusters.names() }, 'workers ready');
}, USAGE);
