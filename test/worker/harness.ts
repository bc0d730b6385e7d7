import { type DevCluster, type DevClusterOptions, startDevCluster } from '../../src/devcluster/index.js';
import { type ClusterSpec, createClusterRegistry } from '../../src/shared/cluster/index.js';
import { createLogger } from '../../src/shared/logger.js';
import { createOperations } from '../../src/shared/operations/index.js';
import { connectorForUrl, createRedis } from '../../src/shared/redis.js';
import { type CommandWorkersOptions, createCommandWorkers } from '../../src/worker/command-workers.js';
import { cleanPrefix, testPrefix } from '../support/redis.js';

export const silent = createLogger({ level: 'silent' });

/** A static cluster spec pointing at a devcluster, as CLUSTERS_FILE would hold it. */
export function specFor(
  dc: Pick<DevCluster, 'url' | 'caPem' | 'token'>,
  name: string,
  extra: Partial<ClusterSpec> = {},
) {
  return {
    name,
    provider: 'static' as const,
    server: dc.url,
    caData: Buffer.from(dc.caPem).toString('base64'),
    token: dc.token,
    default: false,
    ...extra,
  } as ClusterSpec;
}

export async function startCluster(options: DevClusterOptions = {}): Promise<DevCluster> {
  return startDevCluster({ timeScale: 0.01, ...options });
}

/** Pipeline options a test may override. */
export type PipelineOptions = Partial<
  Omit<CommandWorkersOptions, 'clusters' | 'connector' | 'prefix' | 'logger'>
> & {
  /** Start no worker (only the producer). */
  noWorker?: boolean;
};

/**
 * Producer + workers over real Redis and real devclusters, with short backoffs. Everything it
 * started is closed by `close()`.
 */
export async function startPipeline(redisUrl: string, specs: ClusterSpec[], options: PipelineOptions = {}) {
  const prefix = testPrefix();
  const producer = createRedis(redisUrl, 'producer');
  await new Promise<void>((resolve) =>
    producer.status === 'ready' ? resolve() : producer.once('ready', resolve),
  );
  const ops = createOperations({
    redis: producer,
    prefix,
    clusters: specs.map((s) => s.name),
    retentionMs: 3_600_000,
    logger: silent,
  });
  const registry = createClusterRegistry(specs, { logger: silent });
  const { noWorker, ...workerOptions } = options;
  const startWorkers = () =>
    createCommandWorkers({
      connector: connectorForUrl(redisUrl),
      prefix,
      clusters: registry,
      logger: silent,
      concurrency: 16,
      retry: { initialDelayMs: 20, maxDelayMs: 200, attemptTimeoutMs: 5000 },
      ...workerOptions,
    });
  const workers = noWorker ? undefined : startWorkers();
  await workers?.ready();
  return {
    prefix,
    ops,
    workers,
    registry,
    startWorkers,
    async close() {
      await workers?.close();
      await ops.close();
      producer.disconnect();
      await registry.close();
      await cleanPrefix(redisUrl, prefix);
    },
  };
}

/** A minimal valid Job manifest whose pod succeeds at once. */
export function jobManifest(name: string, extra: { containers?: unknown[] } = {}) {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: {
      backoffLimit: 0,
      template: {
        spec: {
          restartPolicy: 'Never',
          containers: extra.containers ?? [{ name: 'main', image: 'busybox', command: ['sh', '-c', 'true'] }],
        },
      },
    },
  };
}

export const meta = { requestId: 'req-test', principal: 'tester' };
