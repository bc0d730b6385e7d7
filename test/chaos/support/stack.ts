/**
 * A chaos scenario's whole system as real processes: a durable redis-server, a devcluster, the
 * API and two workers (`src/api/main.ts`, `src/worker/main.ts` through tsx), each of which the
 * scenario can kill -9, SIGTERM and start again. Unlike test/support/stack.ts it runs several
 * workers, restarts processes on their ports and keeps Redis on an AOF.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateApiKey } from '../../../src/shared/api-keys/key-format.js';
import { type ServiceProcess, startService, waitForHttp } from '../../support/process.js';
import { freePort } from '../../support/redis.js';
import { EVERYTHING } from '../../support/stack.js';
import type { ChaosCluster } from './cluster.js';
import { type DurableRedis, startDurableRedis } from './redis-aof.js';

/** QUEUE_PREFIX of every process of the stack (Redis keys start with it). */
export const CHAOS_QUEUE_PREFIX = 'chaos';

/** Options of {@link startChaosStack}. */
export interface ChaosStackOptions {
  cluster: ChaosCluster;
  /** @defaultValue 2 */
  workers?: number;
  /** Extra environment of the API process (test-mode knobs). */
  apiEnv?: Record<string, string>;
  /** Extra environment of every worker process (e.g. a short `JOB_WATCH_LEASE`). */
  workerEnv?: Record<string, string>;
}

/** One restartable service process on a fixed port. */
export interface Service {
  readonly name: string;
  readonly url: string;
  /** The running process, if any. */
  current(): ServiceProcess | undefined;
  start(): Promise<void>;
  /** kill -9; resolves once it has exited. */
  kill(): Promise<void>;
  /** SIGTERM; resolves with the exit code (or signal) and how long it took. */
  terminate(timeoutMs: number): Promise<{ code: number | string; ms: number }>;
  /** Output of every run so far. */
  output(): string;
}

export interface ChaosStack {
  /** Base URL of the API. */
  url: string;
  /** An API key allowed every cluster and namespace. */
  key: string;
  redis: DurableRedis;
  cluster: ChaosCluster;
  api: Service;
  workers: Service[];
  /** Every process's output, for a failure message. */
  logs(): string;
  stop(): Promise<void>;
}

function service(name: string, entry: string, env: Record<string, string>, port: number): Service {
  let proc: ServiceProcess | undefined;
  let previous = '';
  const url = `http://127.0.0.1:${port}`;
  return {
    name,
    url,
    current: () => proc,
    start: async () => {
      if (proc && proc.child.exitCode === null && proc.child.signalCode === null) {
        throw new Error(`${name} is already running`);
      }
      if (proc) previous += proc.output();
      proc = startService(entry, env);
      const p = proc;
      await Promise.race([
        waitForHttp(`${url}/readyz`, 200, 60_000),
        p.exited.then((code) => {
          throw new Error(`${name} exited with ${code} while starting:\n${p.output()}`);
        }),
      ]);
    },
    kill: async () => {
      await proc?.kill();
    },
    terminate: async (timeoutMs) => {
      const p = proc;
      if (!p) throw new Error(`${name} is not running`);
      const sentAt = Date.now();
      p.child.kill('SIGTERM');
      const code = await Promise.race([
        p.exited,
        new Promise<string>((resolve) => setTimeout(() => resolve('still running'), timeoutMs)),
      ]);
      const ms = Date.now() - sentAt;
      if (code === 'still running') await p.kill();
      return { code, ms };
    },
    output: () => previous + (proc?.output() ?? ''),
  };
}

/** Starts Redis (AOF always), then the API and the workers against `cluster`; resolves when all are ready. */
export async function startChaosStack(options: ChaosStackOptions): Promise<ChaosStack> {
  const { cluster } = options;
  const dir = mkdtempSync(join(tmpdir(), 'eks-jobs-chaos-'));
  const redis = await startDurableRedis();
  const clustersFile = join(dir, 'clusters.json');
  writeFileSync(clustersFile, JSON.stringify({ clusters: [cluster.clusterSpec()] }));
  const { key, hash } = generateApiKey();
  const keysFile = join(dir, 'keys.json');
  writeFileSync(keysFile, JSON.stringify({ keys: [{ id: 'chaos', hash, scopes: EVERYTHING }] }), {
    mode: 0o600,
  });
  const common = {
    ...cluster.serviceEnv,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: CHAOS_QUEUE_PREFIX,
    CLUSTERS_FILE: clustersFile,
    API_KEYS_FILE: keysFile,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    SHUTDOWN_TIMEOUT: '10s',
  };
  const apiPort = await freePort();
  const api = service(
    'api',
    'src/api/main.ts',
    { ...common, ...options.apiEnv, PORT: String(apiPort) },
    apiPort,
  );
  const workers: Service[] = [];
  for (let i = 0; i < (options.workers ?? 2); i++) {
    const port = await freePort();
    workers.push(
      service(
        `worker-${i}`,
        'src/worker/main.ts',
        { ...common, ...options.workerEnv, WORKER_PORT: String(port) },
        port,
      ),
    );
  }
  const all = [api, ...workers];
  const logs = () => all.map((s) => `--- ${s.name}:\n${s.output().slice(-8000)}`).join('\n');
  const stop = async () => {
    await Promise.all(all.map((s) => s.kill()));
    await redis.stop();
    await cluster.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await Promise.all(all.map((s) => s.start()));
  } catch (err) {
    const text = `${String(err)}\n${logs()}`;
    await stop();
    throw new Error(text);
  }
  return { url: api.url, key, redis, cluster, api, workers, logs, stop };
}
