/**
 * The service as users run it, for webhooks: `src/api/main.ts` and `src/worker/main.ts` as their
 * own processes against a devcluster and the suite's redis-server, configured only through the
 * environment, with one API key that has a webhook secret. Like test/support/stack.ts, plus the
 * key's `webhookSecret` and extra variables (WEBHOOK_*).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateApiKey, newWebhookSecret } from '../../src/shared/api-keys/index.js';
import { type DevCluster, startTestDevCluster } from '../support/devcluster.js';
import { type ServiceProcess, startService, waitForHttp } from '../support/process.js';
import { freePort, type TestRedis, testPrefix } from '../support/redis.js';
import { EVERYTHING } from '../support/stack.js';

export interface WebhookStack {
  /** Base URL of the API process. */
  url: string;
  /** Base URL of the worker's health and metrics server. */
  workerUrl: string;
  /** The API key (allowed everything) and its webhook signing secret. */
  key: string;
  secret: string;
  /** QUEUE_PREFIX of both processes. */
  prefix: string;
  devcluster: DevCluster;
  api: ServiceProcess;
  worker: ServiceProcess;
  stop(): Promise<void>;
}

export async function startWebhookStack(
  redis: TestRedis,
  options: { env?: Record<string, string>; timeScale?: number } = {},
): Promise<WebhookStack> {
  const devcluster = await startTestDevCluster({ timeScale: options.timeScale ?? 0.01 });
  const dir = mkdtempSync(join(tmpdir(), 'eks-jobs-webhooks-'));
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
  const secret = newWebhookSecret();
  const keysFile = join(dir, 'keys.json');
  writeFileSync(
    keysFile,
    JSON.stringify({ keys: [{ id: 'hooks', hash, scopes: EVERYTHING, webhookSecret: secret }] }),
    { mode: 0o600 },
  );
  const [apiPort, workerPort] = [await freePort(), await freePort()];
  const prefix = testPrefix();
  const env = {
    REDIS_URL: redis.url,
    QUEUE_PREFIX: prefix,
    CLUSTERS_FILE: clustersFile,
    API_KEYS_FILE: keysFile,
    HOST: '127.0.0.1',
    PORT: String(apiPort),
    WORKER_PORT: String(workerPort),
    LOG_LEVEL: 'warn',
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
    await Promise.all([waitForHttp(`${url}/readyz`), waitForHttp(`${workerUrl}/readyz`)]);
  } catch (err) {
    const logs = `api:\n${api.output()}\nworker:\n${worker.output()}`;
    await stop();
    throw new Error(`${String(err)}\n${logs}`);
  }
  return { url, workerUrl, key, secret, prefix, devcluster, api, worker, stop };
}
