/**
 * The service as users run it: `src/api/main.ts` and `src/worker/main.ts` as their own
 * processes, configured only through the environment (CLUSTERS_FILE pointing at a devcluster,
 * API_KEYS_FILE with keys made for the run), against the suite's redis-server.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateApiKey, newWebhookSecret } from '../../src/shared/api-keys/index.js';
import { type DevCluster, startTestDevCluster } from './devcluster.js';
import { type ServiceProcess, startService, waitForHttp } from './process.js';
import { freePort, type TestRedis, testPrefix } from './redis.js';

/** Scopes of a key allowed every cluster and namespace (admin routes only with `admin`). */
export const EVERYTHING = {
  clusters: ['*'],
  namespaces: ['*'],
  namespaceCreate: true,
  namespaceDelete: true,
};

/** Options of {@link startProcessStack}. */
export interface ProcessStackOptions {
  /** Keys to put in API_KEYS_FILE, by id. @defaultValue one key `e2e` allowed everything */
  keys?: Record<string, Record<string, unknown>>;
  /** LOG_LEVEL of both processes. @defaultValue 'warn' */
  logLevel?: string;
  /** Devcluster time scale. @defaultValue 0.02 */
  timeScale?: number;
  /** Give every key a webhook secret (`secrets`), so its submissions may carry a callback. @defaultValue false */
  webhookSecrets?: boolean;
  /** More environment of both processes (WEBHOOK_*, …). */
  env?: Record<string, string>;
}

export interface ProcessStack {
  /** Base URL of the API process. */
  url: string;
  /** Base URL of the worker's health server. */
  workerUrl: string;
  /** The first key of `keys` (by default allowed everything). */
  key: string;
  /** Every key, by id. */
  keys: Record<string, string>;
  /** Every key's webhook secret, by id (with `webhookSecrets`). */
  secrets: Record<string, string>;
  /** QUEUE_PREFIX of both processes. */
  prefix: string;
  devcluster: DevCluster;
  api: ServiceProcess;
  worker: ServiceProcess;
  stop(): Promise<void>;
}

/**
 * Starts a devcluster, then an API and a worker process pointed at it and at `redis` (the suite's
 * redis-server, or a Redis Cluster or Sentinel group of test/support/redis-topology.ts); resolves
 * when both are ready.
 */
export async function startProcessStack(
  redis: TestRedis | { env: Record<string, string> },
  options: ProcessStackOptions = {},
): Promise<ProcessStack> {
  const devcluster = await startTestDevCluster({ timeScale: options.timeScale ?? 0.02 });
  const dir = mkdtempSync(join(tmpdir(), 'eks-jobs-stack-'));
  const clustersFile = join(dir, 'clusters.json');
  writeFileSync(
    clustersFile,
    JSON.stringify({
      clusters: [
        {
          name: 'dev',
          provider: 'static',
          server: devcluster.url,
          caFile: devcluster.caFile,
          token: devcluster.token,
        },
      ],
    }),
  );
  const keys: Record<string, string> = {};
  const secrets: Record<string, string> = {};
  const entries = Object.entries(options.keys ?? { e2e: EVERYTHING }).map(([id, scopes]) => {
    const { key, hash } = generateApiKey();
    keys[id] = key;
    if (!options.webhookSecrets) return { id, hash, scopes };
    secrets[id] = newWebhookSecret();
    return { id, hash, scopes, webhookSecret: secrets[id] };
  });
  const keysFile = join(dir, 'keys.json');
  writeFileSync(keysFile, JSON.stringify({ keys: entries }), { mode: 0o600 });
  const [apiPort, workerPort] = [await freePort(), await freePort()];
  const prefix = testPrefix();
  const env = {
    // A topology (test/support/redis-topology.ts) brings its own: REDIS_CLUSTER_NODES, REDIS_SENTINELS….
    ...('env' in redis ? redis.env : { REDIS_URL: redis.url }),
    QUEUE_PREFIX: prefix,
    CLUSTERS_FILE: clustersFile,
    API_KEYS_FILE: keysFile,
    HOST: '127.0.0.1',
    PORT: String(apiPort),
    WORKER_PORT: String(workerPort),
    LOG_LEVEL: options.logLevel ?? 'warn',
    ...options.env,
  };
  const api = startService('src/api/main.ts', env);
  const worker = startService('src/worker/main.ts', env);
  const url = `http://127.0.0.1:${apiPort}`;
  const workerUrl = `http://127.0.0.1:${workerPort}`;
  const stop = async () => {
    await Promise.all([api.kill(), worker.kill()]);
    await devcluster.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // A deadline, not a speed check: on a fresh clone tsx compiles both processes' sources first,
    // and on a busy two-core machine that alone has taken over 20 s.
    await Promise.all([
      waitForHttp(`${url}/readyz`, 200, 60_000),
      waitForHttp(`${workerUrl}/readyz`, 200, 60_000),
    ]);
  } catch (err) {
    const logs = `api:\n${api.output()}\nworker:\n${worker.output()}`;
    await stop();
    throw new Error(`${String(err)}\n${logs}`);
  }
  const key = Object.values(keys)[0]!;
  return { url, workerUrl, key, keys, secrets, prefix, devcluster, api, worker, stop };
}
