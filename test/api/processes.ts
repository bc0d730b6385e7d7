/**
 * The service as users run it: `src/api/main.ts` and `src/worker/main.ts` as their own
 * processes, configured only through the environment (CLUSTERS_FILE pointing at a devcluster,
 * API_KEYS_FILE with a key made for the run), against the suite's redis-server.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateApiKey } from '../../src/shared/api-keys/key-format.js';
import { type DevCluster, startTestDevCluster } from '../support/devcluster.js';
import { type ServiceProcess, startService, waitForHttp } from '../support/process.js';
import { freePort, type TestRedis, testPrefix } from '../support/redis.js';

export interface ProcessStack {
  /** Base URL of the API process. */
  url: string;
  /** An API key allowed everything. */
  key: string;
  devcluster: DevCluster;
  api: ServiceProcess;
  worker: ServiceProcess;
  stop(): Promise<void>;
}

export async function startProcessStack(redis: TestRedis): Promise<ProcessStack> {
  const devcluster = await startTestDevCluster({ timeScale: 0.02 });
  const dir = mkdtempSync(join(tmpdir(), 'eks-jobs-e2e-'));
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
  const { key, hash } = generateApiKey();
  const keysFile = join(dir, 'keys.json');
  writeFileSync(
    keysFile,
    JSON.stringify({
      keys: [
        {
          id: 'e2e',
          hash,
          scopes: { clusters: ['*'], namespaces: ['*'], namespaceCreate: true, namespaceDelete: true },
        },
      ],
    }),
  );
  const [apiPort, workerPort] = [await freePort(), await freePort()];
  const env = {
    REDIS_URL: redis.url,
    QUEUE_PREFIX: testPrefix(),
    CLUSTERS_FILE: clustersFile,
    API_KEYS_FILE: keysFile,
    HOST: '127.0.0.1',
    PORT: String(apiPort),
    WORKER_PORT: String(workerPort),
    LOG_LEVEL: 'warn',
  };
  const api = startService('src/api/main.ts', env);
  const worker = startService('src/worker/main.ts', env);
  const url = `http://127.0.0.1:${apiPort}`;
  const stop = async () => {
    await Promise.all([api.kill(), worker.kill()]);
    await devcluster.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await Promise.all([waitForHttp(`${url}/readyz`), waitForHttp(`http://127.0.0.1:${workerPort}/readyz`)]);
  } catch (err) {
    const logs = `api:\n${api.output()}\nworker:\n${worker.output()}`;
    await stop();
    throw new Error(`${String(err)}\n${logs}`);
  }
  return { url, key, devcluster, api, worker, stop };
}
