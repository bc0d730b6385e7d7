import { Registry } from 'prom-client';
import type { ApiKeyStore } from '../shared/api-keys/key-file.js';
import { type ClusterSpec, createClusterRegistry, loadClusterSpecs } from '../shared/cluster/index.js';
import type { Config } from '../shared/config.js';
import type { Database } from '../shared/db/index.js';
import { closeInOrder, type ShutdownStep } from '../shared/lifecycle.js';
import { createLogger, type Logger } from '../shared/logger.js';
import { createClusterMetrics } from '../shared/metrics/cluster-metrics.js';
import { createQueueMonitor } from '../shared/metrics/queue-monitor.js';
import { createOperations } from '../shared/operations/index.js';
import { closeRedis, createRedisConnector } from '../shared/redis.js';
import { redisLayoutNote } from '../shared/redis-config.js';
import { redisKeys } from '../shared/redis-keys.js';
import { createDeliveryStore } from '../shared/webhooks/delivery-store.js';
import { createApp } from './app.js';
import { createSecurityFromConfig } from './auth/index.js';
import { createEventFeed, type EventFeedOptions } from './event-feed.js';
import { createReplicaAck } from './replica-ack.js';
import { createTemplateStore } from './templates/store.js';

/** Options of {@link composeApi}: what an entry point or a test brings instead of the default. */
export interface ComposeApiOptions {
  /** @defaultValue a JSON logger at LOG_LEVEL with `service: "api"` */
  logger?: Logger;
  /** Registry for the HTTP, queue, Kubernetes and token metrics. @defaultValue a new Registry */
  metrics?: Registry;
  /** The clusters to serve. @defaultValue `loadClusterSpecs(config)` (CLUSTERS_FILE or EKS_CLUSTER_NAME) */
  clusterSpecs?: ClusterSpec[];
  /** The API keys. @defaultValue API_KEYS_FILE, as `loadApiKeysFromConfig` reads it */
  keys?: ApiKeyStore;
  /** True while the server drains on shutdown: `/readyz` then answers 503. @defaultValue never */
  draining?: () => boolean;
  /**
   * PostgreSQL, migrated (`openDatabase`), when DATABASE_URL is set; closed with the rest.
   * @defaultValue none: history and templates are off
   */
  database?: Database;
  /** Tuning of the `GET /v1/events` feed (tests shorten the heartbeat). @defaultValue the feed's defaults */
  eventFeed?: Partial<Pick<EventFeedOptions, 'heartbeatMs' | 'maxQueue' | 'pageSize' | 'blockMs'>>;
}

/**
 * Builds the whole API from `config`, the one way `main.ts`, the benchmark and the tests do it:
 * cluster registry, the API's fail-fast Redis connection, queue monitor, operations, the security
 * layer and `createApp`. Serves nothing (see `createHttpServer`). Connects to Redis lazily, in
 * the background; `steps` (or `close()`) closes everything it built, in order, after the HTTP
 * server has stopped.
 */
export function composeApi(config: Config, options: ComposeApiOptions = {}) {
  const logger =
    options.logger ??
    createLogger({ level: config.logLevel, pretty: config.logPretty, base: { service: 'api' } });
  const metrics = options.metrics ?? new Registry();
  const clusterMetrics = createClusterMetrics(metrics);
  const clusters = createClusterRegistry(options.clusterSpecs ?? loadClusterSpecs(config), {
    logger,
    ...clusterMetrics.observers,
  });
  clusterMetrics.track(clusters);
  const connector = createRedisConnector(config.redis.connection);
  const redis = connector.connect('producer');
  const keyLayout = { prefix: config.queuePrefix, layout: config.redis.keyLayout };
  const layoutNote = redisLayoutNote(config.redis, config.queuePrefix);
  if (layoutNote) logger.warn(layoutNote);
  const queues = createQueueMonitor({ redis, ...keyLayout, clusters: clusters.names() });
  const operations = createOperations({
    redis,
    ...keyLayout,
    clusters: clusters.names(),
    retentionMs: config.operationRetentionMs,
    logger,
  });
  const security = createSecurityFromConfig(config, {
    redis,
    logger,
    defaultCluster: clusters.defaultName,
    clusters: clusters.names(),
    ...(options.keys ? { keys: options.keys } : {}),
  });
  const events = createEventFeed({ redis, ...keyLayout, logger, ...options.eventFeed });
  // WAIT blocks its connection: it gets one of its own, never the one every request reads on.
  const { wait } = config.redis;
  const ackConnection =
    wait.replicas > 0 ? connector.connect('producer', { commandTimeout: wait.timeoutMs + 1000 }) : undefined;
  const replicaAck = ackConnection
    ? createReplicaAck({
        connection: ackConnection,
        keys: redisKeys(config.queuePrefix, config.redis.keyLayout),
        replicas: wait.replicas,
        timeoutMs: wait.timeoutMs,
      })
    : undefined;
  const webhooks = createDeliveryStore({
    redis,
    ...keyLayout,
    retentionMs: config.operationRetentionMs,
    retryForMs: config.webhooks.retryForMs,
  });
  const app = createApp({
    config,
    logger,
    redis,
    operations,
    ...(replicaAck ? { replicaAck } : {}),
    clusters,
    auth: security,
    metrics,
    queues,
    events,
    webhooks,
    // Job templates live in PostgreSQL: without it their routes say so (docs/templates.md).
    ...(options.database ? { templates: createTemplateStore(options.database.db) } : {}),
    ...(options.draining ? { draining: options.draining } : {}),
    ...(options.database ? { database: options.database } : {}),
  });
  const steps: ShutdownStep[] = [
    { name: 'event streams', close: () => events.close() },
    { name: 'operations', close: () => operations.close() },
    { name: 'webhook deliveries', close: () => webhooks.close() },
    { name: 'queue monitor', close: () => queues.close() },
    { name: 'clusters', close: () => clusters.close() },
    ...(options.database ? [{ name: 'database', close: () => options.database!.close() }] : []),
    { name: 'redis', close: () => closeRedis(redis) },
    ...(ackConnection
      ? [
          {
            name: 'redis (replica confirmations)',
            close: () => closeRedis(ackConnection),
          },
        ]
      : []),
  ];
  return {
    app,
    config,
    logger,
    metrics,
    clusters,
    redis,
    queues,
    operations,
    security,
    events,
    /** PostgreSQL, when configured (`options.database`). */
    database: options.database,
    /**
     * Ends every open `GET /v1/events` stream (idempotent). An SSE answer never ends by itself, so
     * `main.ts` runs this as the HTTP drain starts, not after it: the drain would wait its timeout.
     */
    endStreams: (): Promise<void> => events.close(),
    /** What to close on shutdown, in order; `main.ts` hands them to `installShutdown`. */
    steps,
    /** Closes everything {@link composeApi} built; rejects with the first error, after trying every step. */
    async close(): Promise<void> {
      const errors = await closeInOrder(steps, logger);
      if (errors.length > 0) throw errors[0];
    },
  };
}

/** What {@link composeApi} returns. */
export type ComposedApi = ReturnType<typeof composeApi>;
