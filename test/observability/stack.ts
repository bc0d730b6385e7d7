/**
 * The service as operators run it, for observability: `src/api/main.ts` and `src/worker/main.ts`
 * as their own processes at LOG_LEVEL=info (their logs are what is checked), one devcluster, an
 * admin key and a non-admin key.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateApiKey } from '../../src/shared/api-keys/key-format.js';
import { type DevCluster, startTestDevCluster } from '../support/devcluster.js';
import { type ServiceProcess, startService, waitForHttp } from '../support/process.js';
import { freePort, type TestRedis, testPrefix } from '../support/redis.js';

export interface ObservedStack {
  apiUrl: string;
  workerUrl: string;
  /** Allowed everything, admin included. */
  adminKey: string;
  /** Allowed every cluster and namespace, but not admin routes. */
  userKey: string;
  devcluster: DevCluster;
  api: ServiceProcess;
  worker: ServiceProcess;
  /** JSON log lines of a process, parsed; lines that are not JSON are skipped. */
  logs(p: ServiceProcess): Array<Record<string, unknown>>;
  stop(): Promise<void>;
}

export async function startObservedStack(redis: TestRedis): Promise<ObservedStack> {
  const devcluster = await startTestDevCluster({ timeScale: 0.01 });
  const dir = mkdtempSync(join(tmpdir(), 'eks-jobs-obs-'));
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
  const admin = generateApiKey();
  const user = generateApiKey();
  const everything = { clusters: ['*'], namespaces: ['*'], namespaceCreate: true, namespaceDelete: true };
  const keysFile = join(dir, 'keys.json');
  writeFileSync(
    keysFile,
    JSON.stringify({
      keys: [
        { id: 'obs-admin', hash: admin.hash, scopes: { ...everything, admin: true } },
        { id: 'obs-user', hash: user.hash, scopes: everything },
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
    LOG_LEVEL: 'info',
  };
  const api = startService('src/api/main.ts', env);
  const worker = startService('src/worker/main.ts', env);
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const workerUrl = `http://127.0.0.1:${workerPort}`;
  const stop = async () => {
    await Promise.all([api.kill(), worker.kill()]);
    await devcluster.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await Promise.all([waitForHttp(`${apiUrl}/readyz`), waitForHttp(`${workerUrl}/readyz`)]);
  } catch (err) {
    const logs = `api:\n${api.output()}\nworker:\n${worker.output()}`;
    await stop();
    throw new Error(`${(err as Error).message}\n${logs}`);
  }
  return {
    apiUrl,
    workerUrl,
    adminKey: admin.key,
    userKey: user.key,
    devcluster,
    api,
    worker,
    logs: (p) =>
      p
        .output()
        .split('\n')
        .flatMap((line) => {
          try {
            return [JSON.parse(line) as Record<string, unknown>];
          } catch {
            return [];
          }
        }),
    stop,
  };
}

/** The value of one sample in Prometheus text, or undefined when the series is absent. */
export function sample(metrics: string, name: string, labels: Record<string, string>): number | undefined {
  const want = Object.entries(labels);
  for (const line of metrics.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const open = line.indexOf('{');
    const close = line.lastIndexOf('}');
    const have = new Map<string, string>();
    if (open === name.length) {
      for (const m of line.slice(open + 1, close).matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g))
        have.set(m[1]!, m[2]!);
    }
    if (want.every(([k, v]) => have.get(k) === v) && have.size === want.length) {
      return Number(line.slice((open === name.length ? close : name.length) + 1).trim());
    }
  }
  return undefined;
}
