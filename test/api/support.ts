/**
 * The API under test with real parts, composed as `main.ts` composes it (`composeApi`): the
 * suite's redis-server, a devcluster over HTTPS, the real producer and security layer and — when
 * asked — real workers. Requests go through `app.request()`.
 */

import type { createApp } from '../../src/api/app.js';
import { composeApi } from '../../src/api/compose.js';
import { type ApiKeyStore, emptyApiKeyStore } from '../../src/shared/api-keys/key-file.js';
import {
  type ClusterRegistry,
  type ClusterSpec,
  createClusterRegistry,
} from '../../src/shared/cluster/index.js';
import { type Config, parseConfig } from '../../src/shared/config.js';
import { createLogger } from '../../src/shared/logger.js';
import type { Operations } from '../../src/shared/operations/index.js';
import { createRedisConnector, type RedisClient } from '../../src/shared/redis.js';
import { type CommandWorkers, createCommandWorkers } from '../../src/worker/command-workers.js';
import type { DevCluster } from '../support/devcluster.js';
import { startTestDevCluster } from '../support/devcluster.js';
import { test as fixtureTest } from '../support/fixtures.js';
import { cleanPrefix, type TestRedis, testPrefix } from '../support/redis.js';
import { waitFor } from '../support/wait-for.js';

/** Options of {@link startApiStack}. */
export interface ApiStackOptions {
  redis: TestRedis;
  /** Extra environment for `parseConfig` (e.g. `MAX_QUEUE_DEPTH`). */
  env?: Record<string, string>;
  /** Run workers for the `dev` cluster. @defaultValue true */
  worker?: boolean;
  /** API keys; without them authentication is off (EKS_JOBS_INSECURE_NO_AUTH). */
  keys?: ApiKeyStore;
  /** An existing devcluster to use instead of starting one. */
  devcluster?: DevCluster;
}

/** A running API with its parts. */
export interface ApiStack {
  app: ReturnType<typeof createApp>;
  config: Config;
  devcluster: DevCluster;
  producer: RedisClient;
  operations: Operations;
  clusters: ClusterRegistry;
  workers?: CommandWorkers;
  prefix: string;
  /** `app.request` with a JSON body when `json` is given. */
  call(
    method: string,
    path: string,
    init?: { json?: unknown; headers?: Record<string, string>; body?: string },
  ): Promise<Response>;
  close(): Promise<void>;
}

/**
 * Two clusters on one devcluster: `dev` (the default, with workers) and `idle` (no workers, so
 * its operations stay queued — for cancel, Prefer-wait timeouts and queue depth).
 */
export function clusterSpecs(devcluster: DevCluster): ClusterSpec[] {
  const base = {
    provider: 'static' as const,
    server: devcluster.url,
    caData: Buffer.from(devcluster.caPem).toString('base64'),
    token: devcluster.token,
  };
  return [
    { ...base, name: 'dev', default: true },
    { ...base, name: 'idle' },
  ];
}

export async function startApiStack(options: ApiStackOptions): Promise<ApiStack> {
  const prefix = testPrefix();
  const devcluster = options.devcluster ?? (await startTestDevCluster());
  const config = parseConfig({
    REDIS_URL: options.redis.url,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'silent',
    EKS_JOBS_INSECURE_NO_AUTH: options.keys ? 'false' : 'true',
    ...options.env,
  });
  const logger = createLogger({ level: 'silent' });
  const specs = clusterSpecs(devcluster);
  const api = composeApi(config, { logger, clusterSpecs: specs, keys: options.keys ?? emptyApiKeyStore() });
  const { app, operations, clusters, redis: producer } = api;
  await new Promise<void>((resolve) =>
    producer.status === 'ready' ? resolve() : producer.once('ready', resolve),
  );
  let workers: CommandWorkers | undefined;
  let workerClusters: ClusterRegistry | undefined;
  if (options.worker ?? true) {
    workerClusters = createClusterRegistry(specs.slice(0, 1), { logger });
    workers = createCommandWorkers({
      connector: createRedisConnector(config.redis.connection),
      layout: config.redis.keyLayout,
      prefix,
      clusters: workerClusters,
      logger,
      retry: { initialDelayMs: 20, maxDelayMs: 100 },
    });
    await workers.ready();
  }
  return {
    app,
    config,
    devcluster,
    producer,
    operations,
    clusters,
    ...(workers ? { workers } : {}),
    prefix,
    call(method, path, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      let body = init.body;
      if (init.json !== undefined) {
        body = JSON.stringify(init.json);
        headers['content-type'] ??= 'application/json';
      }
      return Promise.resolve(app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) }));
    },
    async close() {
      await workers?.close();
      await workerClusters?.close();
      await api.close();
      if (!options.devcluster) await devcluster.stop();
      await cleanPrefix(options.redis.url, prefix).catch(() => {});
    },
  };
}

/** The JSON body of a response, typed loosely for assertions. */
// biome-ignore lint/suspicious/noExplicitAny: assertions read arbitrary JSON fields; the expectations check them.
export async function body<T = Record<string, any>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

/** Short-form Job that prints `text` and exits with `code`. */
export function shortJob(
  name: { name?: string; generateName?: string },
  script = 'echo hello',
  extra: Record<string, unknown> = {},
) {
  return { ...name, image: 'busybox:1.36', command: ['sh', '-c', script], ...extra };
}

/** vitest fixtures: `redis` (per file) and `stack` (per file, with workers). */
export const apiTest = fixtureTest.extend('stack', { scope: 'file' }, async ({ redis }, { onCleanup }) => {
  const stack = await startApiStack({ redis });
  onCleanup(() => stack.close());
  return stack;
});

/** Polls `GET /v1/operations/{id}` until the operation has succeeded or failed. */
export async function operationEnded(stack: ApiStack, id: string, timeoutMs = 15_000) {
  return waitFor(
    async () => {
      const op = await body(await stack.call('GET', `/v1/operations/${id}`));
      return op.state === 'succeeded' || op.state === 'failed' ? op : undefined;
    },
    { timeoutMs, message: `operation ${id} to end` },
  );
}
