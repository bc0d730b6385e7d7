import { z } from 'zod';
import { duration, strictBoolean } from './config-values.js';
import type { KeyLayout } from './redis-keys.js';

/**
 * The Redis part of the configuration: which deployment to connect to (standalone, Redis Cluster
 * or Sentinel), TLS and ACL credentials for all three, the key layout and the replica
 * confirmation of acknowledgements. `config.ts` spreads {@link redisEnvShape} into its schema,
 * runs {@link checkRedisEnv} among its cross-variable rules and maps with {@link redisSettingsFrom}.
 */

/** One `host:port` of a node or sentinel. */
export interface HostPort {
  host: string;
  port: number;
}

/** Where Redis is and how it is deployed. */
export type RedisTarget =
  | { mode: 'standalone'; url: string }
  | { mode: 'cluster'; nodes: HostPort[] }
  | { mode: 'sentinel'; sentinels: HostPort[]; name: string; sentinelPassword?: string };

export type RedisMode = RedisTarget['mode'];

/** How to connect: the target plus TLS and ACL credentials, which apply to every mode. */
export type RedisConnectionSettings = RedisTarget & {
  /** Present: connect over TLS, certificates verified against `caFile` or the system CAs. */
  tls?: { caFile?: string };
  username?: string;
  password?: string;
};

/** Everything Redis-related the service is configured with. */
export interface RedisSettings {
  connection: RedisConnectionSettings;
  /** How keys are named (docs/scaling.md): `sharded` puts a hash tag on each queue. */
  keyLayout: KeyLayout;
  /** Replica confirmation of what the API acknowledges (`WAIT`); `replicas: 0` is off. */
  wait: { replicas: number; timeoutMs: number };
}

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

const HOST_PORT = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_.-]+):(\d{1,5})$/;

/** `host:port,host:port`, e.g. `redis-0:6379,redis-1:6379`. */
const hostPortList = z.string().transform((v, ctx) => {
  const entries = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const parsed: HostPort[] = [];
  for (const entry of entries) {
    const m = HOST_PORT.exec(entry);
    const port = Number(m?.[2]);
    if (!m || port < 1 || port > 65535) {
      ctx.addIssue({
        code: 'custom',
        message: `expected host:port pairs separated by commas, e.g. redis-0:6379,redis-1:6379 (bad entry ${JSON.stringify(entry)})`,
      });
      return z.NEVER;
    }
    parsed.push({ host: m[1]!.replace(/^\[|\]$/g, ''), port });
  }
  if (parsed.length === 0) {
    ctx.addIssue({ code: 'custom', message: 'expected at least one host:port' });
    return z.NEVER;
  }
  return parsed;
});

const redisUrl = z
  .string()
  .refine((v) => /^rediss?:\/\/[^\s]+$/.test(v) && URL.canParse(v), 'expected a redis:// or rediss:// URL');

// Either no braces at all, or one non-empty hash tag: anything else hashes in ways nobody meant.
const QUEUE_PREFIX = /^(?:[\w:.-]*\{[\w:.-]+\}[\w:.-]*|[\w:.-]+)$/;

/** The REDIS_* variables (and QUEUE_PREFIX), as fields of the config schema. */
export const redisEnvShape = {
  REDIS_URL: redisUrl.optional().meta({
    description:
      'Standalone Redis: redis://, or rediss:// for TLS; user:password@ for ACL. Not with REDIS_CLUSTER_NODES or REDIS_SENTINELS',
    shownDefault: DEFAULT_REDIS_URL,
  }),
  REDIS_CLUSTER_NODES: hostPortList
    .optional()
    .describe(
      'Redis Cluster: some of its nodes as host:port,… (ElastiCache and MemoryDB: the configuration endpoint); the rest are discovered',
    ),
  REDIS_SENTINELS: hostPortList
    .optional()
    .describe(
      'Sentinel: the sentinels as host:port,…; the master REDIS_SENTINEL_NAME is found (and followed) through them',
    ),
  REDIS_SENTINEL_NAME: z
    .string()
    .min(1)
    .optional()
    .describe('The master group name the sentinels monitor (required with REDIS_SENTINELS)'),
  REDIS_SENTINEL_PASSWORD: z
    .string()
    .min(1)
    .optional()
    .describe('Password of the sentinels themselves, when they require one'),
  REDIS_USERNAME: z
    .string()
    .min(1)
    .optional()
    .describe('ACL user on every Redis node, in every mode (ElastiCache RBAC, MemoryDB ACL)'),
  REDIS_PASSWORD: z
    .string()
    .min(1)
    .optional()
    .describe('Password of REDIS_USERNAME (or of the default user: an ElastiCache AUTH token)'),
  REDIS_TLS: strictBoolean.optional().meta({
    description:
      'Connect to every Redis node (and sentinel) over TLS, certificates verified; a rediss:// REDIS_URL implies it',
    shownDefault: 'false',
  }),
  REDIS_TLS_CA_FILE: z
    .string()
    .min(1)
    .optional()
    .describe(
      'PEM file of the CA(s) that sign the Redis certificates; unset: the system CAs (enough for ElastiCache and MemoryDB)',
    ),
  QUEUE_PREFIX: z
    .string()
    .regex(QUEUE_PREFIX, 'expected letters, digits, :, ., _ or -, with at most one {hash tag}')
    .default('eks-jobs')
    .describe(
      'Prefix of every Redis key; needs no hash tag for Redis Cluster (REDIS_KEY_LAYOUT, docs/scaling.md)',
    ),
  REDIS_KEY_LAYOUT: z.enum(['plain', 'sharded']).optional().meta({
    description:
      "Key names: sharded puts a hash tag on each cluster's queue (and the keys used with it), so queues spread over a cluster's shards; plain is the layout of releases before it (docs/scaling.md)",
    shownDefault: 'plain (sharded with REDIS_CLUSTER_NODES)',
  }),
  REDIS_WAIT_REPLICAS: z.coerce
    .number({ message: 'expected a number' })
    .int('expected a whole number')
    .min(0)
    .max(16)
    .optional()
    .meta({
      description:
        'Replicas that must have an enqueue (WAIT) before the API acknowledges it; fewer within REDIS_WAIT_TIMEOUT: 503 ReplicationTimeout. 0: off',
      shownDefault: '0 (1 with REDIS_CLUSTER_NODES or REDIS_SENTINELS)',
    }),
  REDIS_WAIT_TIMEOUT: duration
    .prefault('1s')
    .describe('How long the API waits for REDIS_WAIT_REPLICAS replicas before it answers 503'),
};

type RedisEnv = z.output<z.ZodObject<typeof redisEnvShape>>;

const MODE_VARIABLES = ['REDIS_URL', 'REDIS_CLUSTER_NODES', 'REDIS_SENTINELS'] as const;

function hasCredentials(url: string): boolean {
  // Rules across variables run even when a variable failed its own check.
  if (!URL.canParse(url)) return false;
  const u = new URL(url);
  return u.username !== '' || u.password !== '';
}

/** The rules across REDIS_* variables (called from the config schema's `superRefine`). */
export function checkRedisEnv(env: RedisEnv, ctx: z.RefinementCtx): void {
  const issue = (variable: string, message: string) =>
    ctx.addIssue({ code: 'custom', path: [variable], message });
  const given = MODE_VARIABLES.filter((v) => env[v] !== undefined);
  for (const later of given.slice(1)) {
    issue(
      later,
      `${given[0]} is set too; set only one of ${MODE_VARIABLES.join(', ')} (one way to reach Redis)`,
    );
  }
  if (env.REDIS_SENTINELS && !env.REDIS_SENTINEL_NAME) {
    issue(
      'REDIS_SENTINEL_NAME',
      'required with REDIS_SENTINELS (the master group name the sentinels monitor)',
    );
  }
  for (const v of ['REDIS_SENTINEL_NAME', 'REDIS_SENTINEL_PASSWORD'] as const) {
    if (env[v] && !env.REDIS_SENTINELS) issue(v, 'only used with REDIS_SENTINELS, which is not set');
  }
  const url = env.REDIS_URL;
  if (url && hasCredentials(url)) {
    for (const v of ['REDIS_USERNAME', 'REDIS_PASSWORD'] as const) {
      if (env[v]) issue(v, 'REDIS_URL carries credentials already; give them in one place');
    }
  }
  if (url?.startsWith('rediss:') && env.REDIS_TLS === false) {
    issue('REDIS_TLS', 'false, but REDIS_URL is rediss:// (TLS)');
  }
  if (env.REDIS_TLS_CA_FILE && !tlsOn(env)) {
    issue('REDIS_TLS_CA_FILE', 'needs TLS: set REDIS_TLS=true (or use a rediss:// REDIS_URL)');
  }
  if (env.REDIS_CLUSTER_NODES && env.REDIS_KEY_LAYOUT === 'plain' && !env.QUEUE_PREFIX.includes('{')) {
    issue(
      'REDIS_KEY_LAYOUT',
      'plain keys of one operation fall in different slots of a cluster; use sharded, or give QUEUE_PREFIX a hash tag ({eks-jobs}: every key in one slot)',
    );
  }
  const timeout = env.REDIS_WAIT_TIMEOUT;
  if (typeof timeout === 'number' && (timeout < 1 || timeout > 10_000)) {
    issue('REDIS_WAIT_TIMEOUT', 'expected from 1ms to 10s (the API holds the request meanwhile)');
  }
}

function tlsOn(env: RedisEnv): boolean {
  return env.REDIS_TLS === true || (env.REDIS_URL?.startsWith('rediss:') ?? false);
}

/**
 * A warning to log at start when the key layout works but gives up what a cluster is for: a hash
 * tag in QUEUE_PREFIX comes first in every key, so every key hashes to that one slot (one shard).
 */
export function redisLayoutNote(settings: RedisSettings, prefix: string): string | undefined {
  if (settings.connection.mode !== 'cluster' || !prefix.includes('{')) return undefined;
  return `QUEUE_PREFIX ${JSON.stringify(prefix)} carries a hash tag: every key is in one slot, on one shard of the cluster. Without it (and with REDIS_KEY_LAYOUT=sharded) each cluster's queue gets its own slot (docs/scaling.md)`;
}

/** The {@link RedisSettings} of a parsed environment that passed {@link checkRedisEnv}. */
export function redisSettingsFrom(env: RedisEnv): RedisSettings {
  const target: RedisTarget = env.REDIS_CLUSTER_NODES
    ? { mode: 'cluster', nodes: env.REDIS_CLUSTER_NODES }
    : env.REDIS_SENTINELS
      ? {
          mode: 'sentinel',
          sentinels: env.REDIS_SENTINELS,
          name: env.REDIS_SENTINEL_NAME!,
          ...(env.REDIS_SENTINEL_PASSWORD ? { sentinelPassword: env.REDIS_SENTINEL_PASSWORD } : {}),
        }
      : { mode: 'standalone', url: env.REDIS_URL ?? DEFAULT_REDIS_URL };
  const replicated = target.mode !== 'standalone';
  return {
    connection: {
      ...target,
      ...(tlsOn(env) ? { tls: env.REDIS_TLS_CA_FILE ? { caFile: env.REDIS_TLS_CA_FILE } : {} } : {}),
      ...(env.REDIS_USERNAME ? { username: env.REDIS_USERNAME } : {}),
      ...(env.REDIS_PASSWORD ? { password: env.REDIS_PASSWORD } : {}),
    },
    keyLayout: env.REDIS_KEY_LAYOUT ?? (target.mode === 'cluster' ? 'sharded' : 'plain'),
    wait: { replicas: env.REDIS_WAIT_REPLICAS ?? (replicated ? 1 : 0), timeoutMs: env.REDIS_WAIT_TIMEOUT },
  };
}
