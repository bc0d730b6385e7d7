import type { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { type ApiKeyStore, emptyApiKeyStore, loadApiKeysFile } from '../../shared/api-keys/key-file.js';
import type { RateLimit } from '../../shared/api-keys/scopes.js';
import { type AuditLog, createAuditLog } from '../../shared/audit/audit-log.js';
import type { Config } from '../../shared/config.js';
import type { Logger } from '../../shared/logger.js';
import type { RedisClient } from '../../shared/redis.js';
import { registerAdminLoginRoutes } from './admin-login-routes.js';
import { createAdminSessions } from './admin-session.js';
import { adminSessionPrincipal } from './admin-session-auth.js';
import { createSessionRevocations } from './admin-session-revocations.js';
import { limitAnonymous } from './anonymous-limit.js';
import { createAnonymousRefusals } from './anonymous-refusals.js';
import { auditMutations, createAuditCollector, type ReportedMutation } from './audit-hook.js';
import { registerAuditRoutes } from './audit-routes.js';
import { authenticate, INSECURE_PRINCIPAL_ID } from './authenticate.js';
import { authorizeRequest } from './authorize.js';
import { type ActionRequest, authorizeAction } from './authorize-action.js';
import type { AnyContext, SecurityEnv } from './context.js';
import { type PublicPathOptions, publicPaths } from './public-paths.js';
import { rateLimit } from './rate-limit.js';
import { createRateLimiter, type RateLimiter } from './rate-limiter.js';

/** What {@link createSecurity} needs. No I/O happens until a request arrives. */
export interface SecurityDeps {
  /** Known keys: `loadApiKeysFromConfig()` in main, `parseApiKeys()` in tests. */
  keys: ApiKeyStore;
  /** The API's fail-fast Redis (rate limits, audit stream). */
  redis: RedisClient;
  logger: Logger;
  /** Key prefix for rate-limit keys and the audit stream (the queue prefix). */
  prefix: string;
  /** EKS_JOBS_INSECURE_NO_AUTH. @defaultValue false */
  insecureNoAuth?: boolean;
  /** Cluster of `/v1/…` routes without `/clusters/{cluster}`. */
  defaultCluster?: string;
  /** The configured clusters: a key may use the cross-cluster routes when it may use one of them. */
  clusters?: readonly string[];
  /** Which of `/metrics`, `/docs`, `/openapi.json` are public. @defaultValue all public */
  public?: PublicPathOptions;
  /** Limit for keys without their own `rateLimit`. @defaultValue none */
  defaultRateLimit?: RateLimit;
  /** Per-client-address limit on requests without a valid key. @defaultValue none */
  anonymousRateLimit?: RateLimit;
  /** Proxies trusted to append the client's address to X-Forwarded-For. @defaultValue 0 */
  trustedProxyHops?: number;
  /** Approximate size cap of the audit stream. @defaultValue 100000 */
  auditMaxLen?: number;
  /** Interval of the one log line summing unauthenticated refused mutations. @defaultValue 60000 */
  anonymousSummaryMs?: number;
  /**
   * The dashboard's browser sessions (`/admin/login`): ADMIN_SESSION_SECRET and ADMIN_SESSION_TTL.
   * @defaultValue a random secret of this process, 30 minutes
   */
  adminSession?: { secret?: string; ttlMs?: number };
}

/**
 * Builds the API's security layer, shaped as the app's `AuthSeam` (`deps.auth`):
 *
 * - `guard` — mount on `*` before the rest: the per-address limit on requests without a valid
 *   key (ANONYMOUS_RATE_LIMIT), 429 before any work.
 * - `authenticate` — one middleware for every protected path (mount it on `/v1/*` and
 *   `/api/*`, or on `*`: public paths pass through). Inside, in order: the audit hook (one
 *   record per mutation, refusals included), key check (401), per-key rate limit (429),
 *   path scope check (403: cluster, `…/namespaces/{ns}…`, namespace create/delete, admin routes).
 * - `authorize(principal, {action, cluster, namespace})` — for what only the handler knows
 *   (a body's namespace, a batch item, a seed alias's target): throws 403 naming the scope.
 * - `audit(record)` — a handler's report (operation id, resolved target) merged into the
 *   record the hook writes for the current request.
 * - `registerRoutes(app)` — adds `GET /v1/audit` (admin keys, OpenAPI-documented) to the app:
 *   call it in `createApp` next to the other route modules.
 */
export function createSecurity(deps: SecurityDeps) {
  const open = publicPaths(deps.public);
  const auditLog = createAuditLog({
    redis: deps.redis,
    prefix: deps.prefix,
    logger: deps.logger,
    ...(deps.auditMaxLen ? { maxLen: deps.auditMaxLen } : {}),
  });
  const collector = createAuditCollector(auditLog);
  const anonymous = createAnonymousRefusals({
    logger: deps.logger,
    ...(deps.anonymousSummaryMs ? { intervalMs: deps.anonymousSummaryMs } : {}),
  });
  const limiter = createRateLimiter({ redis: deps.redis, prefix: deps.prefix });
  const defaultCluster = deps.defaultCluster;
  const sessions = createAdminSessions({ keys: deps.keys, ...deps.adminSession });
  const revocations = createSessionRevocations({ redis: deps.redis, prefix: deps.prefix });
  // The dashboard's session cookie: on /admin/queues… only, and only without a bearer header.
  const sessionOptions = { sessions, revocations };
  const authenticateChain = chain([
    auditMutations({
      audit: auditLog,
      collector,
      publicPaths: open,
      anonymous,
      ...(defaultCluster ? { defaultCluster } : {}),
    }),
    adminSessionPrincipal({ ...sessionOptions, redirectToLogin: true }),
    authenticate({ keys: deps.keys, publicPaths: open, insecureNoAuth: deps.insecureNoAuth ?? false }),
    rateLimit({
      limiter,
      logger: deps.logger,
      ...(deps.defaultRateLimit ? { defaultLimit: deps.defaultRateLimit } : {}),
    }),
    authorizeRequest({
      publicPaths: open,
      ...(defaultCluster ? { defaultCluster } : {}),
      ...(deps.clusters ? { clusters: deps.clusters } : {}),
    }),
  ]);
  const noLimit: MiddlewareHandler = (_c, next) => next();
  const limit =
    deps.anonymousRateLimit && !deps.insecureNoAuth
      ? limitAnonymous({
          keys: deps.keys,
          limit: deps.anonymousRateLimit,
          trustedProxyHops: deps.trustedProxyHops ?? 0,
        })
      : undefined;
  return {
    /**
     * Mount first on every path (`*`): the per-address limit on traffic without a valid key
     * (429 before any work), which also resolves the key once for `authenticate`.
     */
    guard: limit
      ? // A valid dashboard session is a valid key: its polling is not anonymous traffic.
        chain([
          adminSessionPrincipal(sessionOptions),
          (c, next) => (c.get('principal') ? next() : limit(c, next)),
        ])
      : noLimit,
    authenticate: authenticateChain,
    authorize: (principal: { id: string }, request: ActionRequest): void =>
      authorizeAction(principal, request),
    audit: (mutation: ReportedMutation, c?: AnyContext): Promise<void> => collector.report(mutation, c),
    // biome-ignore lint/suspicious/noExplicitAny: registers on an app of any Env.
    registerRoutes: (app: OpenAPIHono<any>): void => {
      registerAuditRoutes(app, auditLog);
      registerAdminLoginRoutes(app, {
        keys: deps.keys,
        sessions,
        revocations,
        audit: (record) => collector.report(record),
        anonymous,
      });
    },
    auditLog: auditLog as AuditLog,
    limiter: limiter as RateLimiter,
    /** Mutations refused with 401 (no or unknown key): counted and logged per interval, not audited. */
    anonymousRefusals: anonymous,
    /** The exact paths served without a key. */
    publicPaths: open,
  };
}

/**
 * Runs `handlers` as one middleware. An error thrown by one of them propagates out through the
 * earlier ones (the audit hook records it) and then to the app's `onError`.
 */
function chain(handlers: MiddlewareHandler<SecurityEnv>[]): MiddlewareHandler<SecurityEnv> {
  return (c, next) => {
    const dispatch = async (i: number): Promise<void> => {
      const handler = handlers[i];
      if (!handler) return next();
      // A handler may answer instead of calling next (the dashboard's redirect to its login).
      const answered = await handler(c, () => dispatch(i + 1));
      if (answered instanceof Response) c.res = answered;
    };
    return dispatch(0);
  };
}

/** What {@link createSecurity} returns. */
export type Security = ReturnType<typeof createSecurity>;

/**
 * Logs, on every start, that authentication is off. Called by `loadApiKeysFromConfig`; call it
 * yourself if you build the key store another way.
 */
export function warnInsecureNoAuth(logger: Logger): void {
  logger.warn(
    { insecureNoAuth: true, principal: INSECURE_PRINCIPAL_ID },
    'AUTHENTICATION IS OFF (EKS_JOBS_INSECURE_NO_AUTH): every request acts as an admin with access to every cluster and namespace. Development only.',
  );
}

/**
 * For `main.ts`: loads API_KEYS_FILE (throwing `ConfigError` with one line per problem), or
 * returns an empty store. Logs how authentication is set up: a warning when it is off
 * (`insecureNoAuth`) and when no key file is configured (every `/v1` request is then refused).
 */
export function loadApiKeysFromConfig(
  config: Pick<Config, 'apiKeysFile' | 'insecureNoAuth'>,
  logger: Logger,
): ApiKeyStore {
  if (config.insecureNoAuth) {
    warnInsecureNoAuth(logger);
    return config.apiKeysFile ? loadApiKeysFile(config.apiKeysFile) : emptyApiKeyStore();
  }
  if (!config.apiKeysFile) {
    logger.warn('API_KEYS_FILE is not set: every /v1 request will be refused with 401');
    return emptyApiKeyStore();
  }
  const keys = loadApiKeysFile(config.apiKeysFile);
  logger.info({ keys: keys.size }, 'API keys loaded');
  return keys;
}

/**
 * The security layer as configured by the environment: every option {@link createSecurity} takes
 * from {@link Config} is read here, once, so the API's main and the tests that build the real app
 * cannot wire it differently. `keys` defaults to API_KEYS_FILE.
 */
export function createSecurityFromConfig(
  config: Config,
  deps: {
    redis: RedisClient;
    logger: Logger;
    defaultCluster: string;
    clusters?: readonly string[];
    keys?: ApiKeyStore;
  },
) {
  return createSecurity({
    keys: deps.keys ?? loadApiKeysFromConfig(config, deps.logger),
    redis: deps.redis,
    logger: deps.logger,
    prefix: config.queuePrefix,
    insecureNoAuth: config.insecureNoAuth,
    defaultCluster: deps.defaultCluster,
    ...(deps.clusters ? { clusters: deps.clusters } : {}),
    public: config.publicEndpoints,
    ...(config.defaultRateLimit ? { defaultRateLimit: config.defaultRateLimit } : {}),
    ...(config.anonymousRateLimit ? { anonymousRateLimit: config.anonymousRateLimit } : {}),
    trustedProxyHops: config.trustedProxyHops,
    adminSession: config.adminSession,
  });
}
