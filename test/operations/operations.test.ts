import { UnrecoverableError, Worker } from 'bullmq';
import { afterEach, describe } from 'vitest';
import { createLogger } from '../../src/shared/logger.js';
import {
  createOperations,
  newOperationId,
  OperationsError,
  operationSchema,
  queueNameOf,
} from '../../src/shared/operations/index.js';
import { createRedis } from '../../src/shared/redis.js';
import { expect, test } from '../support/fixtures.js';
import { cleanPrefix, testPrefix } from '../support/redis.js';
import { waitFor } from '../support/wait-for.js';

const logger = createLogger({ level: 'silent' });
const manifest = (name: string) => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name },
  spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } },
});
const meta = { requestId: 'req-1', principal: 'alice' };

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

function setup(url: string) {
  const prefix = testPrefix();
  const redis = createRedis(url, 'producer');
  const ops = createOperations({ redis, prefix, clusters: ['alpha', 'beta'], retentionMs: 60_000, logger });
  cleanups.push(async () => {
    await ops.close();
    redis.disconnect();
    await cleanPrefix(url, prefix);
  });
  return { prefix, redis, ops };
}

async function expectCode(p: Promise<unknown>, code: string) {
  await expect(p).rejects.toSatisfy((e) => e instanceof OperationsError && e.code === code);
}

/** A plain BullMQ worker standing in for ours: the producer must work with any consumer. */
function fakeWorker(url: string, prefix: string, cluster: string, fn: (name: string) => unknown) {
  const connection = createRedis(url, 'worker');
  const worker = new Worker(queueNameOf(cluster), async (job) => fn(job.name), {
    connection,
    prefix,
    concurrency: 4,
  });
  cleanups.push(async () => {
    await worker.close();
    connection.disconnect();
  });
  return worker;
}

describe('createOperations', () => {
  test('enqueue returns a queued operation that get() reads back with labels applied', async ({ redis }) => {
    const { ops } = setup(redis.url);
    await waitFor(() => ops.depth('alpha').then(() => true));
    const op = await ops.enqueue(
      { cluster: 'alpha', command: 'job.create', payload: { namespace: 'ns', manifest: manifest('a-1') } },
      meta,
    );
    expect(operationSchema.parse(op)).toEqual(op);
    expect(op).toMatchObject({
      command: 'job.create',
      cluster: 'alpha',
      state: 'queued',
      target: { namespace: 'ns', name: 'a-1' },
      attempts: { made: 0, max: 10_000 },
      requestId: 'req-1',
      principal: 'alice',
    });
    const read = await ops.get(op.id);
    expect(read).toEqual(op);
    expect(ops.clusterOf(op.id)).toBe('alpha');
    expect(await ops.depth('alpha')).toBe(1);
    expect(await ops.depth('beta')).toBe(0);
    expect(await ops.get(newOperationId('alpha'))).toBeUndefined();
    expect(await ops.get('nonsense')).toBeUndefined();
  });

  test('refuses unknown clusters, unknown commands and bad payloads', async ({ redis }) => {
    const { ops } = setup(redis.url);
    await waitFor(() => redis && ops.depth('alpha').then(() => true));
    await expectCode(
      ops.enqueue({ cluster: 'gamma', command: 'namespace.delete', payload: { name: 'x' } }, meta),
      'ClusterNotFound',
    );
    await expectCode(
      ops.enqueue({ cluster: 'alpha', command: 'job.exec' as 'job.create', payload: {} }, meta),
      'InvalidCommand',
    );
    await expectCode(
      ops.enqueue({ cluster: 'alpha', command: 'namespace.delete', payload: { name: 'Bad' } }, meta),
      'InvalidCommand',
    );
    await expectCode(
      ops.enqueue(
        { cluster: 'alpha', command: 'namespace.delete', payload: { name: 'ok' } },
        { ...meta, operationId: newOperationId('beta') },
      ),
      'InvalidCommand',
    );
    expect(await ops.depth('alpha')).toBe(0);
  });

  test('enqueueBulk is all or nothing', async ({ redis }) => {
    const { ops } = setup(redis.url);
    await waitFor(() => ops.depth('alpha').then(() => true));
    const good = Array.from({ length: 50 }, (_, i) => ({
      cluster: 'alpha',
      command: 'job.create' as const,
      payload: { namespace: 'ns', manifest: manifest(`bulk-${i}`) },
    }));
    const bad = [...good];
    bad[17] = {
      ...good[17]!,
      payload: { namespace: 'ns', manifest: { kind: 'Pod' } },
    } as (typeof good)[number];
    const err = await ops.enqueueBulk(bad, meta).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OperationsError);
    expect((err as OperationsError).details).toMatchObject([{ index: 17 }]);
    expect(await ops.depth('alpha')).toBe(0);

    const created = await ops.enqueueBulk(good, { ...meta, batchId: 'batch_test' });
    expect(created).toHaveLength(50);
    expect(new Set(created.map((o) => o.id)).size).toBe(50);
    expect(created.every((o) => o.batchId === 'batch_test')).toBe(true);
    expect(await ops.depth('alpha')).toBe(50);
    await expectCode(ops.enqueueBulk([good[0]!, { ...good[1]!, cluster: 'beta' }], meta), 'InvalidCommand');
  });

  test('list pages through states and clusters without gaps or repeats', async ({ redis }) => {
    const { ops } = setup(redis.url);
    await waitFor(() => ops.depth('alpha').then(() => true));
    const ids = new Set<string>();
    for (const cluster of ['alpha', 'beta']) {
      for (let i = 0; i < 7; i++) {
        const op = await ops.enqueue(
          { cluster, command: 'namespace.delete', payload: { name: `n${i}` } },
          meta,
        );
        ids.add(op.id);
      }
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await ops.list({ state: 'queued', limit: 4, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((o) => o.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(seen.sort()).toEqual([...ids].sort());
    expect((await ops.list({ cluster: 'beta', limit: 100 })).items).toHaveLength(7);
    expect((await ops.list({ state: 'failed', limit: 10 })).items).toHaveLength(0);
  });

  test('cancel removes a queued operation; retry refuses one that has not failed', async ({ redis }) => {
    const { ops } = setup(redis.url);
    await waitFor(() => ops.depth('alpha').then(() => true));
    const op = await ops.enqueue(
      { cluster: 'alpha', command: 'namespace.delete', payload: { name: 'gone' } },
      meta,
    );
    await expectCode(ops.retry(op.id), 'OperationNotRetryable');
    await ops.cancel(op.id);
    expect(await ops.get(op.id)).toBeUndefined();
    await expectCode(ops.cancel(op.id), 'OperationNotFound');
    await expectCode(ops.retry(newOperationId('alpha')), 'OperationNotFound');
  });

  test('waitForEnd resolves on the queue event; retry re-drives a failed operation', async ({ redis }) => {
    const { ops, prefix } = setup(redis.url);
    await waitFor(() => ops.depth('beta').then(() => true));
    let fail = true;
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    fakeWorker(redis.url, prefix, 'beta', async (name) => {
      await gate;
      if (fail) throw new UnrecoverableError(`${name} boom`);
      return { name: 'x', uid: 'u-1', resourceVersion: '1' };
    });
    const op = await ops.enqueue(
      { cluster: 'beta', command: 'namespace.create', payload: { name: 'x' } },
      { ...meta, operationId: newOperationId('beta') },
    );
    const timedOut = await ops.waitForEnd(op.id, 50);
    expect(['queued', 'running']).toContain(timedOut.state);
    await expectCode(ops.cancel(op.id), 'OperationRunning');
    const waiting = ops.waitForEnd(op.id, 10_000);
    release();
    const ended = await waiting;
    expect(ended.state).toBe('failed');
    fail = false;
    const redriven = await ops.retry(op.id);
    expect(
      redriven.state === 'queued' || redriven.state === 'running' || redriven.state === 'succeeded',
    ).toBe(true);
    const done = await ops.waitForEnd(op.id, 10_000);
    expect(done).toMatchObject({ state: 'succeeded', result: { uid: 'u-1' } });
    await expectCode(ops.cancel(op.id), 'OperationFinished');
  });

  test('fails fast with QueueUnavailable when Redis is down', async ({ redis }) => {
    const { ops } = setup(redis.url);
    await waitFor(() => ops.depth('alpha').then(() => true));
    await redis.kill();
    try {
      // Redis stays down until `finally`: a call that waited for it would never settle.
      await expectCode(
        ops.enqueue({ cluster: 'alpha', command: 'namespace.delete', payload: { name: 'x' } }, meta),
        'QueueUnavailable',
      );
      await expectCode(ops.get(newOperationId('alpha')), 'QueueUnavailable');
      await expectCode(ops.depth('alpha'), 'QueueUnavailable');
    } finally {
      await redis.restart();
    }
    await waitFor(() => ops.depth('alpha').then(() => true), { message: 'producer to reconnect' });
  });
});
