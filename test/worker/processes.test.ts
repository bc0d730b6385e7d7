import { afterEach, describe } from 'vitest';
import type { DevCluster } from '../../src/devcluster/index.js';
import { createOperations, type Operations } from '../../src/shared/operations/index.js';
import { createRedis } from '../../src/shared/redis.js';
import { expect, test } from '../support/fixtures.js';
import { cleanPrefix, testPrefix } from '../support/redis.js';
import { waitFor } from '../support/wait-for.js';
import { jobManifest, meta, silent, specFor, startCluster } from './harness.js';
import { startWorkerProcess, type WorkerProcess, writeClustersFile } from './worker-process.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function setup(redisUrl: string) {
  const dc = await startCluster();
  cleanups.push(() => dc.stop());
  const prefix = testPrefix();
  const producer = createRedis(redisUrl, 'producer');
  await new Promise<void>((resolve) =>
    producer.status === 'ready' ? resolve() : producer.once('ready', resolve),
  );
  const ops = createOperations({
    redis: producer,
    prefix,
    clusters: ['dev'],
    retentionMs: 3_600_000,
    logger: silent,
  });
  cleanups.push(async () => {
    await ops.close();
    producer.disconnect();
    await cleanPrefix(redisUrl, prefix);
  });
  const clusters = writeClustersFile([specFor(dc, 'dev')]);
  cleanups.push(clusters.remove);
  const env = { REDIS_URL: redisUrl, QUEUE_PREFIX: prefix, CLUSTERS_FILE: clusters.path };
  const start = async (extra: Record<string, string> = {}) => {
    const proc = await startWorkerProcess({
      ...env,
      WORKER_LOCK_DURATION: '2s',
      WORKER_STALLED_INTERVAL: '1s',
      ...extra,
    });
    cleanups.push(() => proc.kill());
    return proc;
  };
  return { dc, ops, start };
}

async function enqueueCreates(ops: Operations, count: number, prefix: string) {
  return ops.enqueueBulk(
    Array.from({ length: count }, (_, i) => ({
      cluster: 'dev',
      command: 'job.create' as const,
      payload: { namespace: 'default', manifest: jobManifest(`${prefix}-${i}`) },
    })),
    meta,
  );
}

function jobsPerOperation(dc: DevCluster): Map<string, number> {
  const counts = new Map<string, number>();
  for (const job of dc.store.list<{ metadata: { labels?: Record<string, string> } }>('jobs', 'default')) {
    const id = job.metadata.labels?.['eks-jobs/operation'];
    if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

const running = async (ops: Operations) => (await ops.list({ state: 'running', limit: 100 })).items.length;

describe('worker processes', () => {
  test('kill -9 with operations in flight: another worker completes them, none lost, none duplicated', async ({
    redis,
  }) => {
    const { dc, ops, start } = await setup(redis.url);
    // Requests of the first worker hang long enough to kill it mid-flight; they still commit afterwards.
    dc.faults.add({ verb: 'create', resource: 'jobs', latencyMs: 3000, count: 12 });
    const first = await start();
    const created = await enqueueCreates(ops, 12, 'killed');
    await waitFor(async () => (await running(ops)) === 12, { message: 'the first worker to hold all 12' });
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');

    await start();
    const ended = await Promise.all(created.map((o) => ops.waitForEnd(o.id, 30_000)));
    expect(ended.map((o) => o.state)).toEqual(created.map(() => 'succeeded'));
    const perOp = jobsPerOperation(dc);
    expect(created.map((o) => perOp.get(o.id))).toEqual(created.map(() => 1));
    expect(dc.store.count('jobs', 'default')).toBe(12);
    expect(await running(ops)).toBe(0);
  }, 60_000);

  test('with the default lock settings a killed worker’s operations are taken over within seconds', async ({
    redis,
  }) => {
    const { dc, ops, start } = await setup(redis.url);
    dc.faults.add({ verb: 'create', resource: 'jobs', latencyMs: 3000, count: 12 });
    // The shipped defaults (WORKER_LOCK_DURATION 6s, WORKER_STALLED_INTERVAL 2s), spelled out.
    const defaults = { WORKER_LOCK_DURATION: '6s', WORKER_STALLED_INTERVAL: '2s' };
    const first = await start(defaults);
    const created = await enqueueCreates(ops, 12, 'takeover');
    await waitFor(async () => (await running(ops)) === 12, { message: 'the first worker to hold all 12' });
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    const killedAt = Date.now();
    await start(defaults);
    const ended = await Promise.all(created.map((o) => ops.waitForEnd(o.id, 45_000)));
    expect(ended.map((o) => o.state)).toEqual(created.map(() => 'succeeded'));
    const perOp = jobsPerOperation(dc);
    expect(created.map((o) => perOp.get(o.id))).toEqual(created.map(() => 1));
    // When the second worker started each one: after the kill, bounded by the lock (6 s), two
    // stall checks (2 s each) and a machine that may be busy.
    const takeovers = ended.map((o) => Date.parse(o.startedAt!) - killedAt).sort((a, b) => a - b);
    const median = takeovers[Math.floor(takeovers.length / 2)]!;
    console.info(`takeover after kill -9: median ${median} ms, max ${takeovers.at(-1)} ms (12 operations)`);
    for (const t of takeovers) expect(t).toBeGreaterThan(0);
    expect(takeovers.at(-1)!).toBeLessThan(30_000);
  }, 90_000);

  test('SIGTERM on a busy worker: active operations finish, the rest stay queued, exit 0', async ({
    redis,
  }) => {
    const { dc, ops, start } = await setup(redis.url);
    dc.faults.add({ verb: 'create', resource: 'jobs', latencyMs: 1500, count: 4 });
    const worker: WorkerProcess = await start({ WORKER_CONCURRENCY: '4', SHUTDOWN_TIMEOUT: '20s' });
    const created = await enqueueCreates(ops, 8, 'term');
    await waitFor(async () => (await running(ops)) === 4, { message: 'four operations in flight' });
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    const exitedAt = Date.now();

    const after = await Promise.all(created.map((o) => ops.get(o.id)));
    const succeeded = after.filter((o) => o?.state === 'succeeded');
    const queued = after.filter((o) => o?.state === 'queued');
    expect(succeeded).toHaveLength(4);
    expect(succeeded.every((o) => o!.attempts.made === 1 && Date.parse(o!.finishedAt!) <= exitedAt)).toBe(
      true,
    );
    expect(queued).toHaveLength(4);
    expect(queued.every((o) => o!.attempts.made === 0 && !o!.error)).toBe(true);
    expect(await running(ops)).toBe(0);
    expect(dc.store.count('jobs', 'default')).toBe(4);
    expect(worker.output()).not.toMatch(/"level":"(error|fatal)"/);
  }, 60_000);
});
