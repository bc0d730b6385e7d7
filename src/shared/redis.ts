import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { Cluster, type ClusterOptions, Redis, type RedisOptions } from 'ioredis';
import { ConfigError } from './config.js';
import type { RedisConnectionSettings, RedisMode } from './redis-config.js';

/** A connection to Redis in any mode: one server (standalone or found through Sentinel) or a Redis Cluster. */
export type RedisClient = Redis | Cluster;

/**
 * Who a Redis connection is for. The two roles must never share a connection (docs/architecture.md §5):
 * - `producer` (the API): fails fast — no offline queue, one try per command, short connect
 *   timeout — so an outage becomes a 503 within milliseconds instead of a hanging request;
 * - `worker`: waits — BullMQ workers need `maxRetriesPerRequest: null` and reconnect forever.
 */
export type RedisRole = 'producer' | 'worker';

/** Per-connection adjustments of a role's options. */
export interface ConnectOptions {
  /** Longest a command may take before it fails. @defaultValue the role's (2 s for producers, none for workers) */
  commandTimeout?: number;
}

/** Makes connections to the configured Redis, in its mode, for a role. */
export interface RedisConnector {
  readonly mode: RedisMode;
  /** A new connection for `role`; the caller owns it and must `quit()` it. Connects in the background. */
  connect(role: RedisRole, options?: ConnectOptions): RedisClient;
}

// Reconnect quickly after an outage, but never in a tight loop.
const backoff = (times: number) => Math.min(50 * 2 ** Math.min(times, 6), 2000);

const PRODUCER = { connectTimeout: 2000, commandTimeout: 2000, maxRetriesPerRequest: 1 } as const;

/** The options of one server's connection for `role`. */
function serverOptions(role: RedisRole, options: ConnectOptions = {}): RedisOptions {
  const base: RedisOptions =
    role === 'producer'
      ? { ...PRODUCER, enableOfflineQueue: false }
      : { maxRetriesPerRequest: null, enableReadyCheck: true };
  return {
    lazyConnect: false,
    retryStrategy: backoff,
    ...base,
    ...(options.commandTimeout !== undefined ? { commandTimeout: options.commandTimeout } : {}),
  };
}

function quiet<T extends RedisClient>(client: T): T {
  // Without a listener ioredis prints every reconnect error as an unhandled 'error' event.
  client.on('error', () => {});
  return client;
}

/** Creates a standalone Redis connection configured for `role`. The caller owns it and must `quit()` it. */
export function createRedis(url: string, role: RedisRole, extra: RedisOptions = {}): Redis {
  return quiet(new Redis(url, { ...serverOptions(role), ...extra }));
}

/** The cluster options for `role`: BullMQ's blocking connections need `maxRetriesPerRequest: null` on every node. */
function clusterOptions(role: RedisRole, node: RedisOptions, options: ConnectOptions = {}): ClusterOptions {
  const {
    lazyConnect: _lazy,
    retryStrategy: _retry,
    enableOfflineQueue,
    ...perNode
  } = serverOptions(role, options);
  return {
    enableOfflineQueue: enableOfflineQueue ?? true,
    enableReadyCheck: true,
    clusterRetryStrategy: backoff,
    slotsRefreshTimeout: 2000,
    redisOptions: { ...perNode, ...node },
  };
}

/**
 * The connector of `settings` (Config.redis.connection): standalone `new Redis(url)`, a
 * Sentinel-managed `new Redis({ sentinels, name })` that follows failovers, or an ioredis
 * `Cluster` over the startup nodes. TLS (`tls: { ca? }`; certificates always verified) and the
 * ACL user and password apply to every node in every mode. Reads REDIS_TLS_CA_FILE once, here.
 * @throws ConfigError when the CA file cannot be read
 */
export function createRedisConnector(settings: RedisConnectionSettings): RedisConnector {
  let tls: ConnectionOptions | undefined;
  if (settings.tls) {
    tls = {};
    if (settings.tls.caFile) {
      try {
        tls.ca = readFileSync(settings.tls.caFile);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? 'error';
        throw new ConfigError([`REDIS_TLS_CA_FILE: cannot read ${settings.tls.caFile} (${code})`]);
      }
    }
  }
  const node: RedisOptions = {
    ...(settings.username ? { username: settings.username } : {}),
    ...(settings.password ? { password: settings.password } : {}),
    ...(tls ? { tls } : {}),
  };
  switch (settings.mode) {
    case 'standalone':
      return {
        mode: 'standalone',
        connect: (role, options) =>
          createRedis(settings.url, role, { ...serverOptions(role, options), ...node }),
      };
    case 'sentinel':
      return {
        mode: 'sentinel',
        connect: (role, options) =>
          quiet(
            new Redis({
              ...serverOptions(role, options),
              ...node,
              sentinels: settings.sentinels,
              name: settings.name,
              ...(settings.sentinelPassword ? { sentinelPassword: settings.sentinelPassword } : {}),
              ...(tls ? { enableTLSForSentinelMode: true, sentinelTLS: tls } : {}),
              // Subscribes to the sentinels' +switch-master: a failover is followed at once, not
              // only when the old master's connection breaks.
              failoverDetector: true,
            }),
          ),
      };
    case 'cluster':
      return {
        mode: 'cluster',
        connect: (role, options) =>
          quiet(
            new Cluster(settings.nodes, {
              ...clusterOptions(role, node, options),
              // TLS certificates name the nodes' host names (ElastiCache, MemoryDB): keep the names
              // instead of resolving them to addresses the certificates do not list.
              ...(tls ? { dnsLookup: (address, callback) => callback(null, address) } : {}),
            }),
          ),
      };
  }
}

/** A connector for one standalone Redis URL (tools, benchmarks and tests). */
export function connectorForUrl(url: string): RedisConnector {
  return createRedisConnector({ mode: 'standalone', url });
}

/** Whether `client` is a Redis Cluster connection. */
export function isCluster(client: RedisClient): client is Cluster {
  return client instanceof Cluster;
}

/**
 * A twin of `client` (same server, cluster or sentinels, same credentials) that waits instead of
 * failing fast: for BullMQ's QueueEvents, whose blocking reads need `maxRetriesPerRequest: null`.
 */
export function waitingTwin(client: RedisClient, options: ConnectOptions = {}): RedisClient {
  const waiting = { maxRetriesPerRequest: null, commandTimeout: options.commandTimeout };
  if (isCluster(client)) {
    const { redisOptions } = client.options;
    return quiet(
      client.duplicate([], {
        ...client.options,
        enableOfflineQueue: true,
        redisOptions: { ...redisOptions, ...waiting },
      }),
    );
  }
  return quiet(client.duplicate({ ...waiting, enableOfflineQueue: true }));
}

/**
 * Closes `client`: QUIT (what was sent is answered first), then a disconnect, which also ends
 * what QUIT leaves open — with Sentinel, ioredis' subscriptions to the sentinels (its failover
 * detector), which would keep the process alive after shutdown. Never throws.
 */
export async function closeRedis(client: RedisClient): Promise<void> {
  await client.quit().catch(() => {});
  client.disconnect();
}

/** True when Redis answers PING within `timeoutMs`. Never throws, never hangs. */
export async function pingRedis(redis: RedisClient, timeoutMs = 500): Promise<boolean> {
  if (redis.status !== 'ready') return false;
  let timer: NodeJS.Timeout | undefined;
  try {
    const pong = await Promise.race([
      redis.ping(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
      }),
    ]);
    return pong === 'PONG';
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
