import { describe, expect } from 'vitest';
import { COUNTED_STATES, workerMarkScript } from '../../src/shared/operations/batch-progress.js';
import { redisKeys } from '../../src/shared/redis-keys.js';
import { test as base } from '../support/fixtures.js';
import { waitFor } from '../support/wait-for.js';
import { startWorkerProcess, writeClustersFile } from '../worker/worker-process.js';
import { type ApiStack, body, clusterSpecs, shortJob, startApiStack, apiTest as test } from './support.js';

// Batch progress is counted by the transitions (docs/architecture.md §5): these tests drive
// items through every transition with real workers and check the answer of GET /v1/batches/{id}
// and that the counters always equal the item states in the progress hash.

const items = (n: number, prefix: string, namespace = 'default', script = 'true') =>
  Array.from({ length: n }, (_, i) => ({ namespace, job: shortJob({ name: `${prefix}-${i}` }, script) }));

async function createBatch(stack: ApiStack, list: unknown[], base = '/v1') {
  const res = await stack.call('POST', `${base}/batches`, { json: { items: list } });
  expect(res.status).toBe(202);
  return body(res);
}

async function progress(stack: ApiStack, id: string, base = '/v1') {
  const res = await stack.call('GET', `${base}/batches/${id}`);
  expect(res.status).toBe(200);
  return body(res);
}

/** The progress hash, checked: every counter equals the number of items in its state. */
async function checkedHash(stack: ApiStack, id: string) {
  const hash = await stack.producer.hgetall(redisKeys(stack.prefix).batchProgress('dev', id));
  const states = Object.entries(hash).filter(([k]) => k.startsWith('op_'));
  for (const state of COUNTED_STATES) {
    expect(Number(hash[state] ?? 0), `counter ${state}`).toBe(states.filter(([, v]) => v === state).length);
  }
  return Object.fromEntries(states);
}

async function settled(stack: ApiStack, id: string, base = '/v1') {
  return waitFor(
    async () => {
      const p = await progress(stack, id, base);
      return p.done ? p : undefined;
    },
    { timeoutMs: 30_000, message: `batch ${id} to be done` },
  );
}

async function namespace(stack: ApiStack, name: string) {
  const op = await body(await stack.call('POST', '/v1/namespaces', { json: { name } }));
  await waitFor(async () => (await stack.operations.get(op.id))?.state === 'succeeded', {
    message: `namespace ${name}`,
  });
}

describe('batch progress', () => {
  test('success: every item counted once, the counters equal the item states', async ({ stack }) => {
    const batch = await createBatch(stack, items(20, 'bp-ok'));
    const first = await progress(stack, batch.id);
    expect(first.queued + first.running + first.succeeded + first.failed + first.cancelled).toBe(20);
    const done = await settled(stack, batch.id);
    expect(done).toMatchObject({ total: 20, queued: 0, running: 0, succeeded: 20, failed: 0, cancelled: 0 });
    const states = await checkedHash(stack, batch.id);
    expect(Object.values(states)).toEqual(Array(20).fill('succeeded'));
    // Counts and operations agree.
    const ops = await stack.operations.getMany(done.operationIds);
    expect(ops.map((o) => o?.state)).toEqual(Array(20).fill('succeeded'));
  });

  test('failure, then a re-drive of a failed item: failed → queued/running → succeeded', async ({
    stack,
  }) => {
    const batch = await createBatch(stack, items(3, 'bp-fail', 'bp-later'));
    const failed = await settled(stack, batch.id);
    expect(failed).toMatchObject({ total: 3, succeeded: 0, failed: 3, queued: 0, running: 0, done: true });
    await checkedHash(stack, batch.id);

    await namespace(stack, 'bp-later');
    const [redriven] = batch.operations;
    const res = await stack.call('POST', `/v1/operations/${redriven.id}/retry`);
    expect(res.status).toBe(202);
    const after = await progress(stack, batch.id);
    // The worker may have run it already: what counts is that it left failed.
    expect(after.failed).toBe(2);
    const ended = await settled(stack, batch.id);
    expect(ended).toMatchObject({ succeeded: 1, failed: 2, queued: 0, running: 0 });
    expect((await checkedHash(stack, batch.id))[redriven.id]).toBe('succeeded');
    // A second re-drive of a succeeded item is refused and changes nothing.
    expect((await stack.call('POST', `/v1/operations/${redriven.id}/retry`)).status).toBe(409);
    expect(await progress(stack, batch.id)).toMatchObject({ succeeded: 1, failed: 2 });
  });

  test('retry then success: a retried attempt goes back to queued, then succeeds, counted once', async ({
    stack,
  }) => {
    await namespace(stack, 'bp-retry');
    stack.devcluster.faults.add({
      verb: 'create',
      resource: 'jobs',
      namespace: 'bp-retry',
      status: 500,
      count: 4,
    });
    const batch = await createBatch(stack, items(2, 'bp-retry', 'bp-retry'));
    const done = await settled(stack, batch.id);
    expect(done).toMatchObject({ total: 2, succeeded: 2, failed: 0, queued: 0, running: 0 });
    const ops = await stack.operations.getMany(done.operationIds);
    expect(ops.some((o) => (o?.attempts.made ?? 0) > 1)).toBe(true);
    expect(Object.values(await checkedHash(stack, batch.id))).toEqual(['succeeded', 'succeeded']);
  });

  test('cancel of queued items: counted cancelled; done once every item is cancelled', async ({ stack }) => {
    // The idle cluster has no workers: its items stay queued.
    const batch = await createBatch(stack, items(3, 'bp-cancel'), '/v1/clusters/idle');
    expect(await progress(stack, batch.id, '/v1/clusters/idle')).toMatchObject({
      total: 3,
      queued: 3,
      cancelled: 0,
      done: false,
    });
    const [a, b, c] = batch.operations;
    expect((await stack.call('DELETE', `/v1/operations/${a.id}`)).status).toBe(204);
    expect(await progress(stack, batch.id, '/v1/clusters/idle')).toMatchObject({
      queued: 2,
      cancelled: 1,
      done: false,
    });
    // Cancelling it again: 404, counted once.
    expect((await stack.call('DELETE', `/v1/operations/${a.id}`)).status).toBe(404);
    for (const op of [b, c]) expect((await stack.call('DELETE', `/v1/operations/${op.id}`)).status).toBe(204);
    expect(await progress(stack, batch.id, '/v1/clusters/idle')).toMatchObject({
      total: 3,
      queued: 0,
      running: 0,
      cancelled: 3,
      done: true,
    });
    await checkedHash(stack, batch.id);
  });

  test('the OpenAPI document describes the cancelled count', async ({ stack }) => {
    const doc = await body(await stack.call('GET', '/openapi.json'));
    expect(doc.components.schemas.BatchProgress.properties.cancelled).toMatchObject({ type: 'integer' });
    expect(doc.components.schemas.BatchProgress.required).toContain('cancelled');
  });
});

base(
  'a worker killed mid-attempt: its items are taken over and counted once; its late word changes nothing',
  async ({ redis }) => {
    const stack = await startApiStack({ redis, worker: false });
    const clusters = writeClustersFile(clusterSpecs(stack.devcluster).slice(0, 1));
    const procs: Awaited<ReturnType<typeof startWorkerProcess>>[] = [];
    try {
      const env = {
        REDIS_URL: redis.url,
        QUEUE_PREFIX: stack.prefix,
        CLUSTERS_FILE: clusters.path,
        WORKER_LOCK_DURATION: '2s',
        WORKER_STALLED_INTERVAL: '1s',
      };
      // The first worker's creates hang long enough to kill it mid-flight (they commit later).
      stack.devcluster.faults.add({ verb: 'create', resource: 'jobs', latencyMs: 3000, count: 4 });
      procs.push(await startWorkerProcess(env));
      const batch = await createBatch(stack, items(4, 'bp-killed'));
      await waitFor(async () => (await progress(stack, batch.id)).running === 4, {
        timeoutMs: 20_000,
        message: 'the first worker to hold all 4',
      });
      procs[0]!.child.kill('SIGKILL');
      expect(await procs[0]!.exited).toBe('SIGKILL');
      procs.push(await startWorkerProcess(env));
      const done = await settled(stack, batch.id);
      expect(done).toMatchObject({ total: 4, succeeded: 4, failed: 0, running: 0, queued: 0 });
      await checkedHash(stack, batch.id);

      // The killed worker's "running" arriving now (its lock token is long gone) is dropped.
      const [op] = batch.operations;
      const key = redisKeys(stack.prefix).batchProgress('dev', batch.id);
      const lock = `${stack.prefix}:ops-dev:${op.id}:lock`;
      await workerMarkScript.run(stack.producer, [key, lock], [op.id, 'running', 'dead-worker:1', 60_000]);
      expect(await progress(stack, batch.id)).toMatchObject({ succeeded: 4, running: 0 });
      // Even under a lock it holds, a worker never takes a succeeded item back to running or queued.
      await stack.producer.set(lock, 'tok', 'PX', 60_000);
      for (const state of ['running', 'queued'])
        await workerMarkScript.run(stack.producer, [key, lock], [op.id, state, 'tok', 60_000]);
      await stack.producer.del(lock);
      expect(await progress(stack, batch.id)).toMatchObject({ succeeded: 4, running: 0, queued: 0 });
      await checkedHash(stack, batch.id);
    } finally {
      for (const p of procs) await p.kill();
      clusters.remove();
      await stack.close();
    }
  },
  90_000,
);
