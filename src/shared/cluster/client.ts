import {
  ApiException,
  BatchV1Api,
  CoreV1Api,
  createConfiguration,
  type HttpLibrary,
  IsomorphicFetchHttpLibrary,
  type RequestContext,
  type SecurityAuthentication,
  ServerConfiguration,
  wrapHttpLibrary,
} from '@kubernetes/client-node';
import { Agent, request } from 'undici';
import { type KubeCallEvent, kubeRequestInfo } from '../metrics/kube-call.js';
import type { ClusterEndpoint } from './eks-discovery.js';
import { ClusterAccessError, networkErrorCode, rootCause, TLS_VERIFY_CODES } from './errors.js';
import { type ClusterAccess, createClusterAccess, type ProviderDeps } from './providers.js';
import type { ClusterSpec } from './spec.js';

/** The Kubernetes API clients handed to {@link ClusterClient.run}. */
export interface ClusterApis {
  batch: BatchV1Api;
  core: CoreV1Api;
}

/** Access to one cluster's Kubernetes API. */
export interface ClusterClient {
  readonly name: string;
  readonly spec: ClusterSpec;
  /**
   * Runs fn with ready API clients (discovery and token done). On a 401 it runs fn once more
   * with a new token, transparently, unless the token cache is backing off after repeated
   * refusals (then the 401 is thrown at once, nothing is minted); when the cluster cannot be
   * reached it looks the endpoint up again and runs fn once more if the endpoint changed. Kubernetes errors stay client-node
   * `ApiException`s; network errors stay errors with `cause.code`; a certificate that does not
   * verify against the cluster's CA becomes a {@link ClusterAccessError} naming the cluster.
   */
  run<T>(fn: (apis: ClusterApis) => Promise<T>): Promise<T>;
  /**
   * Opens a streaming GET (a watch, a pod log) on `path` with `query`, with the current token,
   * over the cluster's pool; the caller reads `body` (newline-delimited JSON for a watch) until it
   * ends or `signal` aborts. `body` is read on demand: while the caller does not read, the socket
   * is not read either (TCP flow control holds the server back). A 401 drops the token, so the
   * caller's next open uses a new one.
   */
  stream(
    path: string,
    query: Record<string, string>,
    signal: AbortSignal,
    options?: StreamOptions,
  ): Promise<{ status: number; body: AsyncIterable<Buffer> }>;
  /** Drops the cached token; the next request makes a new one (whatever the refusal backoff). */
  invalidateToken(): void;
  stats(): { presigns: number; tokenRefreshes: number; discoveries: number };
  /** Closes the connection pool (waiting for requests in flight) and the AWS clients. */
  close(): Promise<void>;
}

/** Options of {@link ClusterClient.stream}. */
export interface StreamOptions {
  /** The `Accept` header. @defaultValue 'application/json' */
  accept?: string;
  /** Longest quiet time between body chunks, in ms; 0 waits for ever. @defaultValue 120000 */
  bodyTimeoutMs?: number;
}

/** Dependencies of {@link createClusterClient}. */
export interface ClusterClientDeps extends ProviderDeps {
  /** Keep-alive connections per cluster at most. @defaultValue 64 */
  maxConnections?: number;
  /** An idle pooled connection is closed after this long. @defaultValue 30000 */
  keepAliveTimeoutMs?: number;
  /**
   * Told about every Kubernetes request once its response headers arrive (or it fails), e.g. for
   * metrics. Called synchronously on the request path: keep it cheap; what it throws is ignored.
   */
  onCall?: (event: KubeCallEvent) => void;
  /** Told when no token could be made for a request, so the request was never sent. */
  onTokenFailure?: (cluster: string) => void;
}

// Errors that mean the request never got an answer from the cluster at the address we have.
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  ...TLS_VERIFY_CODES,
]);

/** client-node's fetch-based transport, timing each request for `onCall`. */
function observedHttpLibrary(cluster: string, onCall: NonNullable<ClusterClientDeps['onCall']>): HttpLibrary {
  const inner = new IsomorphicFetchHttpLibrary();
  const report = (request: RequestContext, code: number, started: number) => {
    try {
      const { verb, resource } = kubeRequestInfo(request.getHttpMethod(), request.getUrl());
      onCall({ cluster, verb, resource, code, durationMs: performance.now() - started });
    } catch {
      // An observer must never fail a Kubernetes call.
    }
  };
  return wrapHttpLibrary({
    async send(request) {
      const started = performance.now();
      try {
        const response = await inner.send(request).toPromise();
        report(request, response.httpStatusCode, started);
        return response;
      } catch (err) {
        report(request, 0, started);
        throw err;
      }
    },
  });
}

interface Connection {
  endpoint: ClusterEndpoint;
  agent: Agent;
  /** Long-lived streams (watches, followed logs): their own pool, so they never hold the reads' connections. */
  streams: Agent;
  server: ServerConfiguration<Record<string, string>>;
}

/** Creates the client of one cluster: provider, token cache and one keep-alive pool. */
export function createClusterClient(spec: ClusterSpec, deps: ClusterClientDeps): ClusterClient {
  const logger = deps.logger.child({ cluster: spec.name });
  const access: ClusterAccess = createClusterAccess(spec, { ...deps, logger });
  let connection: Promise<Connection> | undefined;
  const retired: Connection[] = [];
  const httpApi = deps.onCall ? observedHttpLibrary(spec.name, deps.onCall) : undefined;
  const token = async () => {
    try {
      return await access.token();
    } catch (err) {
      try {
        deps.onTokenFailure?.(spec.name);
      } catch {}
      throw err;
    }
  };

  function connect(endpoint: ClusterEndpoint): Connection {
    // One undici Agent per cluster: client-node would otherwise build a new dispatcher (and open a
    // new TLS connection) for every request. `ca` replaces the system store: only the cluster CA is trusted.
    const tls = {
      ...(endpoint.caPem ? { ca: endpoint.caPem } : {}),
      rejectUnauthorized: true,
      keepAlive: true,
      // 30 s as client-go: undici's 60 s default races cloud load balancers' idle timeouts.
      keepAliveInitialDelay: 30_000,
      timeout: 10_000,
    };
    const agent = new Agent({
      connect: tls,
      // undici waits 300 s for headers and between body chunks by default: a blackholed API server
      // would hold a status read or a worker slot that long. 30 s matches the per-attempt budget.
      headersTimeout: 30_000,
      bodyTimeout: 30_000,
      connections: deps.maxConnections ?? 64,
      keepAliveTimeout: deps.keepAliveTimeoutMs ?? 30_000,
    });
    // A stream holds its connection as long as it runs (one per followed log): within the reads'
    // pool, 64 followers would leave no connection for a status read. Streams are not pooled
    // against a limit; their callers bound how many they open.
    const streams = new Agent({
      connect: tls,
      headersTimeout: 30_000,
      keepAliveTimeout: deps.keepAliveTimeoutMs ?? 30_000,
    });
    return {
      endpoint,
      agent,
      streams,
      server: new ServerConfiguration(endpoint.server.replace(/\/+$/, ''), {}),
    };
  }

  function currentConnection(): Promise<Connection> {
    if (!connection) {
      const p = access.endpoint().then(connect);
      p.catch(() => {
        if (connection === p) connection = undefined;
      });
      connection = p;
    }
    return connection;
  }

  async function reconnectIfMoved(): Promise<boolean> {
    let changed: boolean;
    try {
      changed = await access.rediscover();
    } catch (err) {
      logger.warn({ err }, 'could not look the cluster endpoint up again');
      return false;
    }
    if (!changed) return false;
    const old = await connection?.catch(() => undefined);
    if (old) retired.push(old);
    connection = undefined;
    logger.info('cluster endpoint or CA changed; reconnecting');
    return true;
  }

  async function attempt<T>(fn: (apis: ClusterApis) => Promise<T>, used: { token?: string }): Promise<T> {
    const conn = await currentConnection();
    const auth: SecurityAuthentication = {
      getName: () => 'eks-jobs',
      async applySecurityAuthentication(context: RequestContext) {
        const current = await token();
        used.token = current;
        context.setHeaderParam('Authorization', `Bearer ${current}`);
        context.setDispatcher(conn.agent);
      },
    };
    const config = createConfiguration({
      baseServer: conn.server,
      authMethods: { default: auth },
      ...(httpApi ? { httpApi } : {}),
    });
    return fn({ batch: new BatchV1Api(config), core: new CoreV1Api(config) });
  }

  /**
   * Tells the token cache how the cluster took the token of a finished call: a 401 refused it
   * (the cache backs off re-minting), any other answer accepted it (refusals are forgotten).
   * Errors that are not answers (network, token) say nothing.
   */
  function tokenAnswered(used: { token?: string }, err?: unknown): void {
    if (used.token === undefined) return;
    if (err === undefined) access.tokenAccepted(used.token);
    else if (err instanceof ApiException && err.code === 401) access.invalidateToken(used.token);
    else if (err instanceof ApiException) access.tokenAccepted(used.token);
  }

  function describeFailure(err: unknown, endpoint: string): never {
    const code = networkErrorCode(err);
    if (code && TLS_VERIFY_CODES.has(code)) {
      throw new ClusterAccessError(
        spec.name,
        `TLS verification of ${endpoint} failed (${code}): the server's certificate is not valid for the cluster's CA`,
        { cause: rootCause(err) },
      );
    }
    throw err;
  }

  return {
    name: spec.name,
    spec,
    async run(fn) {
      const used: { token?: string } = {};
      try {
        const result = await attempt(fn, used);
        tokenAnswered(used);
        return result;
      } catch (err) {
        tokenAnswered(used, err);
        if (err instanceof ApiException && err.code === 401) {
          // While refused EKS tokens are backing off the cache hands the same token out again:
          // re-sending bytes that were just refused is pointless, the caller gets the 401. A
          // static or service-account token is tried once more as it is (re-read from its file).
          const same = (await token()) === used.token;
          if (used.token === undefined || (same && spec.provider === 'eks')) throw err;
          logger.info('cluster answered 401; trying once more with a new token');
        } else if (!(err instanceof ApiException) && UNREACHABLE_CODES.has(networkErrorCode(err) ?? '')) {
          const endpoint = (await connection?.catch(() => undefined))?.endpoint.server ?? '(unknown)';
          if (!(await reconnectIfMoved())) describeFailure(err, endpoint);
        } else {
          throw err;
        }
      }
      try {
        const result = await attempt(fn, used);
        tokenAnswered(used);
        return result;
      } catch (err) {
        tokenAnswered(used, err);
        const endpoint = (await connection?.catch(() => undefined))?.endpoint.server ?? '(unknown)';
        describeFailure(err, endpoint);
      }
    },
    async stream(path, query, signal, options = {}) {
      const conn = await currentConnection();
      const current = await token();
      const url = `${conn.endpoint.server.replace(/\/+$/, '')}${path}?${new URLSearchParams(query)}`;
      const res = await request(url, {
        dispatcher: conn.streams,
        headers: { authorization: `Bearer ${current}`, accept: options.accept ?? 'application/json' },
        signal,
        // A watch is quiet between events; bookmarks arrive about every minute.
        bodyTimeout: options.bodyTimeoutMs ?? 120_000,
      });
      if (res.statusCode === 401) access.invalidateToken(current);
      else access.tokenAccepted(current);
      return { status: res.statusCode, body: res.body };
    },
    invalidateToken: () => access.invalidateToken(),
    stats: () => access.stats(),
    async close() {
      const conn = await connection?.catch(() => undefined);
      connection = undefined;
      // Reads in flight are waited for; streams (a watch, a followed log) would never end on their own.
      const all = [...retired.splice(0), ...(conn ? [conn] : [])];
      await Promise.all(all.flatMap((c) => [c.agent.close(), c.streams.destroy()]));
      access.close();
    },
  };
}
