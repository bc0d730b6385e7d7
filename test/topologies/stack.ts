/**
 * The service against one Redis topology, as it ships: the API built by `composeApi` (requests
 * through `app.request`) and a real worker process (`src/worker/main.ts`), both configured only
 * through the environment the topology gives (REDIS_CLUSTER_NODES, or REDIS_SENTINELS and
 * REDIS_SENTINEL_NAME, or REDIS_URL), against a devcluster over HTTPS.
 *
 * Two clusters: `dev` (the default; the worker runs its commands) and `staging` (no worker runs
 * it, so its operations stay queued — for cancel and the WAIT test). With the 3-shard layout of
 * `redis-cli --cluster create`, `{ops-dev}` (slot 11478) and `{ops-staging}` (slot 1212) are on
 * different shards. Two keys: `main` (no limit) and `limited` (2 requests a minute).
 */
import { composeApi } from '../../src/api/compose.js';
import { generateApiKey } from '../../src/shared/api-keys/index.js';
import { parseApiKeys } from '../../src/shared/api-keys/key-file.js';
import type { ClusterSpec } from '../../src/shared/cluster/index.js';
import { parseConfig } from '../../src/shared/config.js';
import { createLogger } from '../../src/shared/logger.js';
import { type DevCluster, startTestDevCluster } from '../support/devcluster.js';
import { testPrefix } from '../support/redis.js';
import { waitFor } from '../support/wait-for.js';
import { startWorkerProcess, type WorkerProcess, writeClustersFile } from '../worker/worker-process.js';

export const SCOPES = { clusters: ['*'], namespaces: ['*'], namespaceCreate: true, namespaceDelete: true };

/** A running API and worker on one topology. */
export interface TopologyStack {
  prefix: string;
  api: ReturnType<typeof composeApi>;
  worker: WorkerProcess;
  devcluster: DevCluster;
  /** A request through the API as key `main` (or `as`), JSON body from `json`. */
  call(
    method: string,
    path: string,
    init?: { json?: unknown; headers?: Record<string, string>; as?: 'main' | 'limited' },
  ): Promise<Response>;
  close(): Promise<void>;
}

function specs(devcluster: DevCluster): ClusterSpec[] {
  const base = {
    provider: 'static' as const,
    server: devcluster.url,
    caData: Buffer.from(devcluster.caPem).toString('base64'),
    token: devcluster.token,
  };
  return [
    { ...base, name: 'dev', default: true },
    { ...base, name: 'staging' },
  ];
}

/**
 * Starts the stack on the topology of `redisEnv`; `env` adds to both processes' environment.
 * Resolves once the API's connection is ready and the worker's /readyz answers 200.
 */
export async function startTopologyStack(
  redisEnv: Record<string, string>,
  env: Record<string, string> = {},
): Promise<TopologyStack> {
  const prefix = testPrefix();
  const devcluster = await startTestDevCluster();
  const main = generateApiKey();
  const limited = generateApiKey();
  const keys = parseApiKeys({
    keys: [
      { id: 'main', hash: main.hash, scopes: SCOPES },
      { id: 'limited', hash: limited.hash, scopes: SCOPES, rateLimit: { requests: 2, perSeconds: 60 } },
    ],
  });
  const common = { ...redisEnv, QUEUE_PREFIX: prefix, ...env };
  // LOG_LEVEL in `env` (say `error`) shows the API's log too; silent otherwise.
  const config = parseConfig({ LOG_LEVEL: 'silent', ...common });
  const all = specs(devcluster);
  const api = composeApi(config, {
    logger: createLogger({ level: config.logLevel }),
    clusterSpecs: all,
    keys,
  });
  const clustersFile = writeClustersFile(all.slice(0, 1));
  let worker: WorkerProcess | undefined;
  const close = async () => {
    await worker?.kill();
    await api.close();
    await devcluster.stop();
    clustersFile.remove();
  };
  try {
    await waitFor(() => api.redis.status === 'ready', {
      message: 'the API connected to Redis',
      timeoutMs: 20_000,
    });
    worker = await startWorkerProcess({
      ...common,
      CLUSTERS_FILE: clustersFile.path,
      JOB_WATCH_LEASE: '2s',
    });
  } catch (err) {
    await close();
    throw err;
  }
  const bearer = { main: `Bearer ${main.key}`, limited: `Bearer ${limited.key}` };
  return {
    prefix,
    api,
    worker,
    devcluster,
    call(method, path, init = {}) {
      const headers: Record<string, string> = { authorization: bearer[init.as ?? 'main'], ...init.headers };
      let body: string | undefined;
      if (init.json !== undefined) {
        body = JSON.stringify(init.json);
        headers['content-type'] ??= 'application/json';
      }
      return Promise.resolve(
        api.app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) }),
      );
    },
    close,
  };
}
