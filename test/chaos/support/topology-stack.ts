/**
 * The service as processes on a replicated Redis topology (a Redis Cluster or a Sentinel group of
 * test/support/redis-topology.ts): the API and workers (`src/api/main.ts`, `src/worker/main.ts`
 * through tsx) configured only through the environment the topology gives, against a devcluster
 * process. Unlike stack.ts it starts no Redis of its own: the scenario owns the topology and
 * breaks it, and the processes must follow it without a restart.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateApiKey } from '../../../src/shared/api-keys/key-format.js';
import { type ServiceProcess, startService, waitForHttp } from '../../support/process.js';
import { freePort } from '../../support/redis.js';
import { EVERYTHING } from '../../support/stack.js';
import type { ChaosCluster } from './cluster.js';
import { CHAOS_QUEUE_PREFIX } from './stack.js';

/** Options of {@link startTopologyChaosStack}. */
export interface TopologyChaosStackOptions {
  cluster: ChaosCluster;
  /** What selects the topology: `REDIS_CLUSTER_NODES`, or `REDIS_SENTINELS` and `REDIS_SENTINEL_NAME`. */
  redisEnv: Record<string, string>;
  /** More environment of every process (`REDIS_WAIT_REPLICAS`, …). */
  env?: Record<string, string>;
  /** @defaultValue 2 */
  workers?: number;
}

export interface TopologyChaosStack {
  /** Base URL of the API. */
  url: string;
  /** An API key allowed every cluster and namespace. */
  key: string;
  api: ServiceProcess;
  workers: ServiceProcess[];
  /** Every process that exited before {@link TopologyChaosStack.stop} (none should: nothing restarts them). */
  exited(): string[];
  /** Every process's output, for a failure message. */
  logs(): string;
  stop(): Promise<void>;
}

/** Starts the API and the workers on the topology of `redisEnv`; resolves when every one is ready. */
export async function startTopologyChaosStack(
  options: TopologyChaosStackOptions,
): Promise<TopologyChaosStack> {
  const dir = mkdtempSync(join(tmpdir(), 'eks-jobs-chaos-topology-'));
  const clustersFile = join(dir, 'clusters.json');
  writeFileSync(clustersFile, JSON.stringify({ clusters: [options.cluster.clusterSpec()] }));
  const { key, hash } = generateApiKey();
  const keysFile = join(dir, 'keys.json');
  writeFileSync(keysFile, JSON.stringify({ keys: [{ id: 'chaos', hash, scopes: EVERYTHING }] }), {
    mode: 0o600,
  });
  const common = {
    ...options.cluster.serviceEnv,
    ...options.redisEnv,
    QUEUE_PREFIX: CHAOS_QUEUE_PREFIX,
    CLUSTERS_FILE: clustersFile,
    API_KEYS_FILE: keysFile,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    SHUTDOWN_TIMEOUT: '10s',
    ...options.env,
  };
  const apiPort = await freePort();
  const url = `http://127.0.0.1:${apiPort}`;
  const api = startService('src/api/main.ts', { ...common, PORT: String(apiPort) });
  const named: Array<{ name: string; proc: ServiceProcess; readyz: string }> = [
    { name: 'api', proc: api, readyz: `${url}/readyz` },
  ];
  for (let i = 0; i < (options.workers ?? 2); i++) {
    const port = await freePort();
    const proc = startService('src/worker/main.ts', { ...common, WORKER_PORT: String(port) });
    named.push({ name: `worker-${i}`, proc, readyz: `http://127.0.0.1:${port}/readyz` });
  }
  let stopping = false;
  const exits: string[] = [];
  for (const { name, proc } of named)
    void proc.exited.then((code) => {
      if (!stopping) exits.push(`${name} exited with ${code}`);
    });
  const logs = () => named.map(({ name, proc }) => `--- ${name}:\n${proc.output().slice(-8000)}`).join('\n');
  const stop = async () => {
    stopping = true;
    await Promise.all(named.map(({ proc }) => proc.kill()));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // A deadline, not a speed check: tsx compiles the sources first, slowly on busy cores.
    await Promise.all(named.map(({ readyz }) => waitForHttp(readyz, 200, 60_000)));
  } catch (err) {
    const text = `${String(err)}\n${logs()}`;
    await stop();
    throw new Error(text);
  }
  return {
    url,
    key,
    api,
    workers: named.slice(1).map(({ proc }) => proc),
    exited: () => [...exits],
    logs,
    stop,
  };
}
