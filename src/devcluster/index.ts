/**
 * The devcluster: a local HTTPS server speaking enough of the Kubernetes API (namespaces,
 * batch/v1 Jobs, pods, logs, watch, discovery, OpenAPI) that kubectl and client-node cannot
 * tell it from a real cluster for what eks-jobs uses. See docs/architecture.md §7 and src/devcluster/README.md.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeApi } from './api.js';
import { ADMIN_IDENTITY, type PolicyRule, TokenRevocations } from './auth.js';
import { ObjectPersister, serverCredentials, TokenState, writeCaFile } from './cluster-state.js';
import { Counters, type DevClusterCounters } from './counters.js';
import { EventExpiry } from './event-expiry.js';
import { type FaultController, Faults } from './faults.js';
import { JobController } from './job-controller.js';
import { NamespaceController } from './namespace-controller.js';
import { openApiDocuments, openApiIndex } from './openapi.js';
import type { DevClusterPlugin } from './plugin.js';
import { Scheduler } from './scheduler.js';
import { createHandler } from './server.js';
import { StateDir } from './state-dir.js';
import { Store, type StoreReader } from './store.js';
import type { Namespace } from './types.js';

export type { PolicyRule } from './auth.js';
export type { CounterFilter, CounterSnapshot, DevClusterCounters } from './counters.js';
export type { FaultController, FaultInfo, FaultRule, Verb } from './faults.js';
export type { DevClusterPlugin, PluginRequest, PluginResponse } from './plugin.js';
export type { StoreReader } from './store.js';
export type { Job, KObject, Namespace, Pod } from './types.js';

export interface DevClusterOptions {
  /** @defaultValue '127.0.0.1' */
  host?: string;
  /** @defaultValue 0 (a random free port) */
  port?: number;
  /** @defaultValue 'dev' */
  clusterName?: string;
  /**
   * Multiplies simulated durations: pod start, `sleep N`, the default run time, back-off delays,
   * `activeDeadlineSeconds` and `ttlSecondsAfterFinished`. Tests use 0.01–0.05.
   * @defaultValue 1
   */
  timeScale?: number;
  /** Added to every API request, to behave like a remote EKS endpoint. @defaultValue 0 */
  baseLatencyMs?: number;
  /** Static bearer token → identity name. A random admin token is always generated as well. */
  tokens?: Record<string, string>;
  /** Who may do what; without a policy every authenticated identity may do everything. */
  policy?: PolicyRule[];
  /** Serve /_devcluster/* (faults, counters, revoke-tokens) to the admin token. @defaultValue false */
  adminEndpoint?: boolean;
  /** Extensions: the AWS side (EKS DescribeCluster, STS, IAM bearer tokens). */
  plugins?: DevClusterPlugin[];
  /** Seed of the fault-injection random generator, for reproducible fault mixes. @defaultValue 24301 */
  faultSeed?: number;
  /** Seconds (before scaling) a pod stays Pending. @defaultValue 1 */
  podStartSeconds?: number;
  /** Seconds (before scaling) a container runs when its command is not interpreted. @defaultValue 2 */
  defaultRunSeconds?: number;
  /** Watch events retained per resource for resuming watches; older resourceVersions get 410 Expired. @defaultValue 20000 */
  watchHistory?: number;
  /**
   * Seconds (before scaling) an Event lives after its last write, the API server's `--event-ttl`;
   * keeps a long run's events bounded. @defaultValue 3600
   */
  eventTtlSeconds?: number;
  /**
   * A directory that keeps the cluster between runs: CA and server certificate, admin token,
   * stored objects, the resourceVersion counter and the pod simulation (with logs). Loaded at
   * start when present, written after changes (at most every `persistIntervalMs`) and on
   * `stop()`. Start again with the same directory and `port` to get the same cluster back.
   * See README.md "State directory". @defaultValue none: everything lives in memory
   */
  stateDir?: string;
  /** With `stateDir`: the longest a change waits before it is written. @defaultValue 200 */
  persistIntervalMs?: number;
}

export interface RevokeOptions {
  /** Only tokens of this identity; all identities when omitted. */
  identity?: string;
  /** Reject these tokens for good instead of failing each once. @defaultValue false */
  permanent?: boolean;
}

export interface DevCluster {
  /** `https://HOST:PORT` */
  url: string;
  /** CA certificate (PEM) that signed the server certificate; SANs cover 127.0.0.1, ::1 and localhost. */
  caPem: string;
  /** The CA written to a file: temporary (removed by `stop()`), or `ca.crt` in the state directory. */
  caFile: string;
  /** The admin bearer token (identity `kubernetes-admin`, allowed everything). */
  token: string;
  clusterName: string;
  faults: FaultController;
  counters: DevClusterCounters;
  /** Direct read access to stored objects, bypassing HTTP. */
  store: StoreReader;
  /**
   * Makes every token that has authenticated so far fail with 401 — once (the next request
   * bearing it), or for good with `permanent`. Returns how many tokens were revoked.
   */
  revokeTokens(options?: RevokeOptions): number;
  /** Adds a static token at runtime. */
  addToken(token: string, identity: string): void;
  stop(): Promise<void>;
}

function createSystemNamespaces(store: Store): void {
  for (const name of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
    store.create<Namespace>('namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  }
  for (const ns of store.list('namespaces')) delete ns.metadata.generation;
}

/** Starts a devcluster; the system namespaces `default`, `kube-system`, `kube-public` and `kube-node-lease` exist. */
export async function startDevCluster(options: DevClusterOptions = {}): Promise<DevCluster> {
  const host = options.host ?? '127.0.0.1';
  const clusterName = options.clusterName ?? 'dev';
  const timeScale = options.timeScale ?? 1;
  if (!(timeScale >= 0)) throw new Error('timeScale must be >= 0');
  const sans = [
    ...new Set(['127.0.0.1', '::1', 'localhost', host].filter((h) => h !== '0.0.0.0' && h !== '::')),
  ];
  const stateDir = options.stateDir === undefined ? undefined : new StateDir(options.stateDir);
  const creds = await serverCredentials(stateDir, sans, clusterName);
  const tokenState = new TokenState(stateDir);
  const adminToken = tokenState.admin;
  const tokens = new Map<string, string>([
    ...Object.entries(options.tokens ?? {}),
    ...Object.entries(tokenState.addedTokens()),
  ]);
  tokens.set(adminToken, ADMIN_IDENTITY);

  const scheduler = new Scheduler();
  const store = new Store(options.watchHistory ?? 20000);
  const jobs = new JobController(store, scheduler, {
    timeScale,
    podStartSeconds: options.podStartSeconds ?? 1,
    defaultRunSeconds: options.defaultRunSeconds ?? 2,
  });
  const namespaces = new NamespaceController(store, scheduler, jobs, 1000 * timeScale);
  const eventExpiry = new EventExpiry(store, scheduler, (options.eventTtlSeconds ?? 3600) * 1000 * timeScale);
  const api = new KubeApi(store, jobs, namespaces);
  const persister = stateDir
    ? new ObjectPersister(stateDir, store, jobs, options.persistIntervalMs ?? 200)
    : undefined;
  const restored = persister?.load();
  if (restored) {
    jobs.restore(restored.simulation, restored.downtimeMs);
    namespaces.resume();
    eventExpiry.resume();
  } else createSystemNamespaces(store);
  persister?.start();
  const faults = new Faults(options.faultSeed ?? 24301);
  const counters = new Counters();
  const revocations = new TokenRevocations();
  const docs = openApiDocuments();
  let address = '';
  const handler = createHandler({
    store,
    api,
    jobs,
    faults,
    counters,
    tokens,
    revocations,
    policy: options.policy,
    plugins: options.plugins ?? [],
    baseLatencyMs: options.baseLatencyMs ?? 0,
    adminEndpoint: options.adminEndpoint ?? false,
    serverAddress: () => address,
    openapiIndex: JSON.stringify(openApiIndex(docs)),
    openapiDocs: docs,
    bookmarkIntervalMs: Math.max(50, 60_000 * timeScale),
  });

  const server = createServer({ key: creds.keyPem, cert: creds.certPem }, handler.handle);
  // Clients keep connections alive for long; let idle ones live as a real API server does.
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 125_000;
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.setNoDelay(true);
    s.on('close', () => sockets.delete(s));
  });
  server.on('secureConnection', () => counters.recordTlsConnection());
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  address = `${urlHost}:${port}`;
  const dir = stateDir ? undefined : mkdtempSync(join(tmpdir(), 'devcluster-'));
  const caFile = dir ? join(dir, 'ca.crt') : writeCaFile(stateDir as StateDir, creds.caPem);
  if (dir) writeFileSync(caFile, creds.caPem);

  let stopped = false;
  return {
    url: `https://${address}`,
    caPem: creds.caPem,
    caFile,
    token: adminToken,
    clusterName,
    faults,
    counters,
    store,
    revokeTokens: (opts = {}) => revocations.revoke(opts),
    addToken: (token, identity) => {
      tokens.set(token, identity);
      tokenState.add(token, identity);
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      scheduler.stop();
      jobs.stop();
      eventExpiry.stop();
      handler.closeStreams();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
      persister?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
