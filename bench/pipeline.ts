/**
 * Operations per second end to end (enqueue → worker → devcluster Kubernetes API over HTTPS →
 * completed) against raw BullMQ (`addBulk` + a no-op worker) in the same run, as a ratio.
 *
 *   npx tsx bench/pipeline.ts [count=2000] [concurrency=32]
 */
import { Queue, Worker } from 'bullmq';
import { startDevCluster } from '../src/devcluster/index.js';
import { createClusterRegistry } from '../src/shared/cluster/index.js';
import { createLogger } from '../src/shared/logger.js';
import { createOperations } from '../src/shared/operations/index.js';
import { createRedis } from '../src/shared/redis.js';
import { createCommandWorkers } from '../src/worker/command-workers.js';
import { startRedis } from '../test/support/redis.js';

const count = Number(process.argv[2] ?? 2000);
const concurrency = Number(process.argv[3] ?? 32);
const logger = createLogger({ level: 'silent' });

function done(target: number): { tick: () => void; promise: Promise<void> } {
  let n = 0;
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return {
    tick: () => {
      if (++n === target) resolve();
    },
    promise,
  };
}

async function raw(url: string): Promise<number> {
  const producer = createRedis(url, 'worker');
  const consumer = createRedis(url, 'worker');
  const queue = new Queue('raw', { connection: producer, prefix: 'bench-raw' });
  const finished = done(count);
  const worker = new Worker('raw', async () => ({ ok: true }), {
    connection: consumer,
    prefix: 'bench-raw',
    concurrency,
  });
  worker.on('completed', finished.tick);
  await worker.waitUntilReady();
  const started = performance.now();
  await queue.addBulk(Array.from({ length: count }, (_, i) => ({ name: 'noop', data: { i } })));
  await finished.promise;
  const ms = performance.now() - started;
  await worker.close();
  await queue.close();
  producer.disconnect();
  consumer.disconnect();
  return ms;
}

async function pipeline(url: string): Promise<{ ms: number; tlsConnections: number }> {
  const dc = await startDevCluster({ timeScale: 0.01 });
  const spec = {
    name: 'bench',
    provider: 'static' as const,
    server: dc.url,
    caData: Buffer.from(dc.caPem).toString('base64'),
    token: dc.token,
    default: true,
  };
  const registry = createClusterRegistry([spec], { logger });
  const producer = createRedis(url, 'producer');
  await new Promise<void>((r) => producer.once('ready', () => r()));
  const ops = createOperations({
    redis: producer,
    prefix: 'bench-ops',
    clusters: ['bench'],
    retentionMs: 3_600_000,
    logger,
  });
  const finished = done(count);
  const workers = createCommandWorkers({
    redisUrl: url,
    prefix: 'bench-ops',
    clusters: registry,
    logger,
    concurrency,
    onAttempt: (e) => {
      if (e.outcome === 'succeeded') finished.tick();
    },
  });
  await workers.ready();
  const started = performance.now();
  for (let i = 0; i < count; i += 1000) {
    await ops.enqueueBulk(
      Array.from({ length: Math.min(1000, count - i) }, (_, j) => ({
        cluster: 'bench',
        command: 'job.create' as const,
        payload: {
          namespace: 'default',
          manifest: {
            apiVersion: 'batch/v1',
            kind: 'Job',
            metadata: { name: `bench-${i + j}` },
            spec: {
              template: {
                spec: {
                  restartPolicy: 'Never',
                  containers: [{ name: 'c', image: 'busybox', command: ['true'] }],
                },
              },
            },
          },
        },
      })),
      { requestId: 'bench', principal: 'bench' },
    );
  }
  await finished.promise;
  const ms = performance.now() - started;
  const tlsConnections = dc.counters.tlsConnections();
  if (dc.store.count('jobs', 'default') !== count) throw new Error('job count mismatch');
  await workers.close();
  await ops.close();
  producer.disconnect();
  await registry.close();
  await dc.stop();
  return { ms, tlsConnections };
}

const redis = await startRedis();
try {
  const rawMs = await raw(redis.url);
  const { ms: pipeMs, tlsConnections } = await pipeline(redis.url);
  const rawRate = (count / rawMs) * 1000;
  const pipeRate = (count / pipeMs) * 1000;
  console.log(
    JSON.stringify(
      {
        count,
        concurrency,
        rawBullmq: { ms: Math.round(rawMs), opsPerSecond: Math.round(rawRate) },
        pipeline: { ms: Math.round(pipeMs), opsPerSecond: Math.round(pipeRate), tlsConnections },
        ratio: Number((pipeRate / rawRate).toFixed(3)),
      },
      null,
      2,
    ),
  );
} finally {
  await redis.stop();
}
