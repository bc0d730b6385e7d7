import { z } from 'zod';
import {
  duration,
  logLevel,
  maskUrlPassword,
  port,
  positiveInt,
  postgresUrl,
  rate,
  redisUrl,
  strictBoolean,
} from './config-values.js';
import { NAME_SUFFIX_ALPHABET, NAME_SUFFIX_LENGTH, type NameSuffix } from './kube/names.js';

/**
 * The whole runtime configuration, read from the environment once at start by each entry point
 * and passed down. No other module reads `process.env`.
 */

/** Schema of the environment variables eks-jobs reads. The README's configuration table is checked against it. */
export const envSchema = z
  .object({
    PORT: port.default(8080).describe('HTTP port of the API'),
    HOST: z
      .string()
      .min(1)
      .default('0.0.0.0')
      .describe('Address the API and the worker health server bind to'),
    WORKER_PORT: port.default(8081).describe('Port of the worker health and metrics server'),
    REDIS_URL: redisUrl
      .default('redis://127.0.0.1:6379')
      .describe('Redis holding the queues and operation records'),
    QUEUE_PREFIX: z
      .string()
      .regex(/^[\w{}:.-]+$/, 'expected letters, digits, {, }, :, ., _ or -')
      .default('eks-jobs')
      .describe('BullMQ key prefix; wrap in braces ({eks-jobs}) for Redis Cluster'),
    EKS_CLUSTER_NAME: z
      .string()
      .min(1)
      .optional()
      .describe('Default EKS cluster (used when CLUSTERS_FILE is not set)'),
    EKS_REGION: z.string().min(1).optional().describe('Region of EKS_CLUSTER_NAME; falls back to AWS_REGION'),
    AWS_REGION: z
      .string()
      .min(1)
      .optional()
      .describe('Standard AWS region variable, fallback for EKS_REGION'),
    CLUSTERS_FILE: z
      .string()
      .min(1)
      .optional()
      .describe('JSON file listing several clusters and their providers'),
    API_KEYS_FILE: z.string().min(1).optional().describe('JSON file of hashed API keys with their scopes'),
    LOG_LEVEL: logLevel.default('info').describe('pino log level'),
    LOG_PRETTY: strictBoolean.default(false).describe('Human-readable logs instead of JSON'),
    WORKER_CONCURRENCY: positiveInt
      .max(1000)
      .default(32)
      .describe('Commands run at once per cluster per worker'),
    MAX_BATCH_ITEMS: positiveInt
      .max(100_000)
      .default(1000)
      .describe('Most job creates in one POST /v1/batches'),
    // A full default batch (1,000 items) of realistic ~1-2 KB manifests is 1-2.5 MB.
    MAX_BODY_BYTES: positiveInt
      .default(4_194_304)
      .describe('Largest accepted request body in bytes (fits a MAX_BATCH_ITEMS batch of ~4 KB manifests)'),
    MAX_LARGE_REQUESTS: positiveInt
      .max(1000)
      .default(2)
      .describe(
        'Requests with bodies over 256 KiB (batches) handled at once per API replica; more wait, then 503',
      ),
    MAX_QUEUE_DEPTH: positiveInt
      .default(100_000)
      .describe('Waiting commands per cluster before the API answers 429'),
    OPERATION_RETENTION: duration.prefault('7d').describe('How long finished operations are kept'),
    SHUTDOWN_TIMEOUT: duration.prefault('25s').describe('How long SIGTERM waits for in-flight work'),
    PUBLIC_METRICS: strictBoolean.default(true).describe('Serve /metrics without an API key'),
    PUBLIC_DOCS: strictBoolean.default(true).describe('Serve /docs and /openapi.json without an API key'),
    DEFAULT_RATE_LIMIT: rate
      .optional()
      .describe(
        'Per-key rate limit for keys without their own rateLimit (REQUESTS/SECONDS); unset: unlimited',
      ),
    ANONYMOUS_RATE_LIMIT: z
      .union([z.literal('off'), rate])
      .prefault('300/60')
      .describe(
        'Per-client-IP limit, per API replica, on requests without a valid key (REQUESTS/SECONDS, or off); /livez and /readyz are exempt',
      ),
    TRUSTED_PROXY_HOPS: z.coerce
      .number({ message: 'expected a number' })
      .int('expected a whole number')
      .min(0)
      .max(10)
      .default(0)
      .describe(
        'Proxies in front of the API that append to X-Forwarded-For (1 behind an ALB); 0: the client IP is the peer address',
      ),
    OPERATION_RETRY_DEADLINE: duration
      .prefault('24h')
      .describe(
        'How long a failing operation is retried (from when it was enqueued or re-driven) before it fails',
      ),
    // Renewed every half of it: a worker killed with SIGKILL loses its commands 3–6 s later.
    WORKER_LOCK_DURATION: duration
      .prefault('6s')
      .describe('How long a worker holds a command before another may take it over (stall detection)'),
    WORKER_STALLED_INTERVAL: duration
      .prefault('2s')
      .describe('How often workers look for commands whose worker died'),
    EVENTS_HISTORY: positiveInt
      .max(10_000_000)
      .default(100_000)
      .describe('Events kept in the Redis event log, the window GET /v1/events resumes over (Last-Event-ID)'),
    WEBHOOK_ALLOW_PRIVATE: strictBoolean
      .default(false)
      .describe(
        'Let callbacks reach loopback, private, link-local and metadata addresses (npm run dev sets it)',
      ),
    WEBHOOK_ALLOW_HTTP: strictBoolean
      .default(false)
      .describe('Let callbacks use plain http:// URLs (npm run dev sets it); https only otherwise'),
    WEBHOOK_TIMEOUT: duration.prefault('10s').describe('How long one webhook delivery attempt may take'),
    WEBHOOK_RETRY_FOR: duration
      .prefault('25h')
      .describe('How long a failing webhook delivery is retried, with backoff, before it ends failed'),
    WEBHOOK_BACKOFF_INITIAL: duration
      .prefault('1s')
      .describe(
        'Wait before the second attempt of a failing webhook delivery; doubles each attempt (jittered: half to all of it)',
      ),
    WEBHOOK_BACKOFF_MAX: duration
      .prefault('1h')
      .describe('Longest wait between attempts of a failing webhook delivery'),
    JOB_WATCH_LEASE: duration
      .prefault('10s')
      .describe(
        'Lease of the per-cluster Job watch; when its worker dies, another takes the watch over within it',
      ),
    ADMIN_SESSION_SECRET: z
      .string()
      .min(32, 'expected at least 32 characters (e.g. openssl rand -base64 48)')
      .optional()
      .describe(
        'Signs the admin dashboard session cookies; set the same value on every API replica. Unset: a random secret per process (sessions end when it restarts)',
      ),
    ADMIN_SESSION_TTL: duration
      .prefault('30m')
      .describe('How long an admin dashboard session (browser login at /admin/login) lasts'),
    DATABASE_URL: postgresUrl
      .optional()
      .describe('PostgreSQL for job history and templates; unset: neither is served (Redis stays the queue)'),
    DATABASE_POOL_SIZE: positiveInt
      .max(1000)
      .default(10)
      .describe('Connections each API or worker process keeps to DATABASE_URL at most'),
    DATABASE_SSL: strictBoolean
      .default(false)
      .describe('TLS to DATABASE_URL, certificate and host name verified (RDS for PostgreSQL 15+ needs it)'),
    DATABASE_SSL_CA: z
      .string()
      .min(1)
      .optional()
      .describe(
        "PEM file of the CAs that sign DATABASE_URL's certificate instead of Node's, e.g. RDS's global-bundle.pem",
      ),
    HISTORY_RETENTION: duration
      .prefault('90d')
      .describe('How long job and operation history is kept in PostgreSQL'),
    EKS_JOBS_TEST_NAME_SUFFIX_ALPHABET: z
      .string()
      .regex(/^[a-z0-9]+$/, 'lowercase letters and digits')
      .default(NAME_SUFFIX_ALPHABET)
      .describe(
        'Tests only: the characters generated name suffixes are drawn from (a tiny one forces collisions)',
      ),
    EKS_JOBS_TEST_NAME_SUFFIX_LENGTH: z.coerce
      .number()
      .int()
      .min(1)
      .max(10)
      .default(NAME_SUFFIX_LENGTH)
      .describe('Tests only: the length of generated name suffixes'),
    EKS_JOBS_INSECURE_NO_AUTH: strictBoolean
      .default(false)
      .describe('Development only: serve /v1 without API keys (logged as a warning on every start)'),
    KUBERNETES_SERVICE_HOST: z
      .string()
      .optional()
      .describe('Set by Kubernetes; used by the in-cluster provider'),
    KUBERNETES_SERVICE_PORT: z
      .string()
      .optional()
      .describe('Set by Kubernetes; used by the in-cluster provider'),
  })
  .superRefine((env, ctx) => {
    // A zero wait retries a failing receiver in a tight loop.
    if (env.WEBHOOK_BACKOFF_INITIAL <= 0) {
      ctx.addIssue({ code: 'custom', path: ['WEBHOOK_BACKOFF_INITIAL'], message: 'expected more than 0' });
    }
    if (env.WEBHOOK_BACKOFF_MAX < env.WEBHOOK_BACKOFF_INITIAL) {
      ctx.addIssue({
        code: 'custom',
        path: ['WEBHOOK_BACKOFF_MAX'],
        message: 'expected at least WEBHOOK_BACKOFF_INITIAL',
      });
    }
    // A session outliving a working day defeats revoking it by letting it expire.
    if (env.ADMIN_SESSION_TTL < 60_000 || env.ADMIN_SESSION_TTL > 43_200_000) {
      ctx.addIssue({ code: 'custom', path: ['ADMIN_SESSION_TTL'], message: 'expected from 1m to 12h' });
    }
    if (env.DATABASE_SSL_CA && !env.DATABASE_SSL) {
      ctx.addIssue({ code: 'custom', path: ['DATABASE_SSL_CA'], message: 'needs DATABASE_SSL=true' });
    }
    // node-postgres lets TLS parameters in the URL override the TLS options it is given.
    if (env.DATABASE_SSL && env.DATABASE_URL && /[?&](ssl|sslmode|sslrootcert)=/i.test(env.DATABASE_URL)) {
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_URL'],
        message: 'has TLS parameters (ssl, sslmode, sslrootcert) and DATABASE_SSL is set: use one of the two',
      });
    }
    if (env.EKS_CLUSTER_NAME && !env.EKS_REGION && !env.AWS_REGION) {
      ctx.addIssue({
        code: 'custom',
        path: ['EKS_REGION'],
        message: 'required when EKS_CLUSTER_NAME is set (or set AWS_REGION)',
      });
    }
  });

export type Env = z.output<typeof envSchema>;

/** Parsed, typed configuration handed to every part of the service. */
export interface Config {
  port: number;
  host: string;
  workerPort: number;
  redisUrl: string;
  queuePrefix: string;
  /** Default EKS cluster from EKS_CLUSTER_NAME / EKS_REGION, if set. */
  defaultEksCluster?: { name: string; region: string };
  clustersFile?: string;
  apiKeysFile?: string;
  logLevel: z.infer<typeof logLevel>;
  logPretty: boolean;
  workerConcurrency: number;
  maxBatchItems: number;
  /** How generated names end (Kubernetes' suffix unless a test shrinks it). */
  nameSuffix: NameSuffix;
  /** How long a failing operation is retried before it fails. */
  retryDeadlineMs: number;
  maxBodyBytes: number;
  /** Large requests (bodies over 256 KiB) handled at once per API replica. */
  maxLargeRequests: number;
  maxQueueDepth: number;
  operationRetentionMs: number;
  shutdownTimeoutMs: number;
  insecureNoAuth: boolean;
  /** Which operational endpoints are served without an API key. */
  publicEndpoints: { metrics: boolean; docs: boolean };
  /** Rate limit for keys that have none of their own; undefined = unlimited. */
  defaultRateLimit?: { requests: number; perSeconds: number };
  /** Per-client-IP limit on requests without a valid key; undefined = off. */
  anonymousRateLimit?: { requests: number; perSeconds: number };
  /** Proxies trusted to append the client address to X-Forwarded-For. */
  trustedProxyHops: number;
  workerLockDurationMs: number;
  workerStalledIntervalMs: number;
  /** Entries kept in the event log (GET /v1/events history). */
  eventsHistory: number;
  /** Outbound URL policy of webhooks (src/shared/webhooks/url-policy.ts). */
  webhooks: {
    allowPrivate: boolean;
    allowHttp: boolean;
    timeoutMs: number;
    retryForMs: number;
    /** Wait between delivery attempts: `initialMs` doubling, capped at `maxMs`, jittered. */
    backoff: { initialMs: number; maxMs: number };
  };
  /** Lease of each cluster's Job watch. */
  jobWatchLeaseMs: number;
  /** The admin dashboard's browser sessions: `secret` signs them (random per process when unset). */
  adminSession: { secret?: string; ttlMs: number };
  kubernetesService?: { host: string; port: string };
  /**
   * PostgreSQL for job history and templates; absent without DATABASE_URL. With `ssl` the
   * connection is TLS with a verified certificate, against `ssl.caFile`'s CAs when given.
   */
  database?: { url: string; poolSize: number; ssl?: { caFile?: string } };
  /** How long history rows are kept. */
  historyRetentionMs: number;
}

/** Thrown by {@link parseConfig}; `message` has one line per bad variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

/** Parses the environment (default `process.env`) into a {@link Config}, or throws {@link ConfigError}. */
export function parseConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "unset": shells and compose files often export VAR= for "not given".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const key = issue.path.join('.') || '(environment)';
      const given = typeof issue.path[0] === 'string' ? cleaned[issue.path[0]] : undefined;
      const shown =
        given === undefined || /SECRET|TOKEN|KEY_ID/i.test(key)
          ? ''
          : ` (got ${JSON.stringify(maskUrlPassword(given))})`;
      return `${key}: ${issue.message}${shown}`;
    });
    throw new ConfigError(problems);
  }
  const e = result.data;
  const region = e.EKS_REGION ?? e.AWS_REGION;
  return {
    port: e.PORT,
    host: e.HOST,
    workerPort: e.WORKER_PORT,
    redisUrl: e.REDIS_URL,
    queuePrefix: e.QUEUE_PREFIX,
    ...(e.EKS_CLUSTER_NAME && region ? { defaultEksCluster: { name: e.EKS_CLUSTER_NAME, region } } : {}),
    ...(e.CLUSTERS_FILE ? { clustersFile: e.CLUSTERS_FILE } : {}),
    ...(e.API_KEYS_FILE ? { apiKeysFile: e.API_KEYS_FILE } : {}),
    logLevel: e.LOG_LEVEL,
    logPretty: e.LOG_PRETTY,
    workerConcurrency: e.WORKER_CONCURRENCY,
    maxBatchItems: e.MAX_BATCH_ITEMS,
    maxBodyBytes: e.MAX_BODY_BYTES,
    maxLargeRequests: e.MAX_LARGE_REQUESTS,
    maxQueueDepth: e.MAX_QUEUE_DEPTH,
    operationRetentionMs: e.OPERATION_RETENTION,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT,
    insecureNoAuth: e.EKS_JOBS_INSECURE_NO_AUTH,
    publicEndpoints: { metrics: e.PUBLIC_METRICS, docs: e.PUBLIC_DOCS },
    ...(e.DEFAULT_RATE_LIMIT ? { defaultRateLimit: e.DEFAULT_RATE_LIMIT } : {}),
    ...(e.ANONYMOUS_RATE_LIMIT !== 'off' ? { anonymousRateLimit: e.ANONYMOUS_RATE_LIMIT } : {}),
    trustedProxyHops: e.TRUSTED_PROXY_HOPS,
    nameSuffix: {
      alphabet: e.EKS_JOBS_TEST_NAME_SUFFIX_ALPHABET,
      length: e.EKS_JOBS_TEST_NAME_SUFFIX_LENGTH,
    },
    retryDeadlineMs: e.OPERATION_RETRY_DEADLINE,
    workerLockDurationMs: e.WORKER_LOCK_DURATION,
    workerStalledIntervalMs: e.WORKER_STALLED_INTERVAL,
    eventsHistory: e.EVENTS_HISTORY,
    webhooks: {
      allowPrivate: e.WEBHOOK_ALLOW_PRIVATE,
      allowHttp: e.WEBHOOK_ALLOW_HTTP,
      timeoutMs: e.WEBHOOK_TIMEOUT,
      retryForMs: e.WEBHOOK_RETRY_FOR,
      backoff: { initialMs: e.WEBHOOK_BACKOFF_INITIAL, maxMs: e.WEBHOOK_BACKOFF_MAX },
    },
    jobWatchLeaseMs: e.JOB_WATCH_LEASE,
    adminSession: {
      ...(e.ADMIN_SESSION_SECRET ? { secret: e.ADMIN_SESSION_SECRET } : {}),
      ttlMs: e.ADMIN_SESSION_TTL,
    },
    ...(e.DATABASE_URL
      ? {
          database: {
            url: e.DATABASE_URL,
            poolSize: e.DATABASE_POOL_SIZE,
            ...(e.DATABASE_SSL ? { ssl: e.DATABASE_SSL_CA ? { caFile: e.DATABASE_SSL_CA } : {} } : {}),
          },
        }
      : {}),
    historyRetentionMs: e.HISTORY_RETENTION,
    ...(e.KUBERNETES_SERVICE_HOST
      ? { kubernetesService: { host: e.KUBERNETES_SERVICE_HOST, port: e.KUBERNETES_SERVICE_PORT ?? '443' } }
      : {}),
  };
}

/**
 * The current environment with `overrides` (undefined removes a variable), for starting child
 * processes (`npm run dev`).
 * Kept here so that this module stays the only one that reads `process.env`.
 */
export function environmentWith(
  overrides: Record<string, string | undefined>,
): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}
