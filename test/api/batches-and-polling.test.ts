import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { describe, expect } from 'vitest';
import { jobManifest } from '../../bench/lib/workload.js';
import { parseApiKeys } from '../../src/shared/api-keys/key-file.js';
import { generateApiKey } from '../../src/shared/api-keys/key-format.js';
import { queueNameOf } from '../../src/shared/redis-keys.js';
import { test as base } from '../support/fixtures.js';
import { waitFor } from '../support/wait-for.js';
import { body, operationEnded, shortJob, startApiStack, apiTest as test } from './support.js';

const items = (n: number, prefix: string) =>
  Array.from({ length: n }, (_, i) => ({
    namespace: 'default',
    job: shortJob({ name: `${prefix}-${i}` }, 'true'),
  }));

describe('batches', () => {
  test('1,000 items with one bad → 422 naming the index, nothing enqueued', async ({ stack }) => {
    const list = items(1000, 'bad-batch');
    list[613] = { namespace: 'default', job: { ...list[613]!.job, name: 'Not_Valid' } };
    const before = await stack.operations.list({ cluster: 'dev', limit: 1000 });
    const res = await stack.call('POST', '/v1/batches', { json: { items: list } });
    expect(res.status).toBe(422);
    const err = await body(res);
    expect(err.error.code).toBe('ValidationFailed');
    expect(err.error.details.items.map((i: { index: number }) => i.index)).toEqual([613]);
    expect(err.error.details.issues[0].path).toBe('items[613].job.name');
    const after = await stack.operations.list({ cluster: 'dev', limit: 1000 });
    expect(after.items.length).toBe(before.items.length);

    // schema-level problems list every bad index too
    const schemaBad = items(5, 'schema');
    schemaBad[1] = { namespace: 'default', job: { name: 'x' } as never };
    schemaBad[4] = { namespace: 'BAD', job: schemaBad[4]!.job };
    const res2 = await stack.call('POST', '/v1/batches', { json: { items: schemaBad } });
    expect(res2.status).toBe(422);
    expect((await body(res2)).error.details.items.map((i: { index: number }) => i.index)).toEqual([1, 4]);

    const tooMany = await stack.call('POST', '/v1/batches', { json: { items: items(1001, 'many') } });
    expect(tooMany.status).toBe(422);
  });

  test('the default body limit takes a full default-size batch of realistic ~1 KB manifests', async ({
    stack,
  }) => {
    // A full manifest as CI systems send it (the bench's): labels, annotations, env, resources.
    const manifest = (i: number) => jobManifest(i, `real-${i}`);
    const list = Array.from({ length: stack.config.maxBatchItems }, (_, i) => ({
      namespace: 'default',
      job: manifest(i),
    }));
    // One item is invalid, so the answer proves the whole body was read and checked without
    // enqueueing a thousand Jobs.
    list[999] = {
      namespace: 'default',
      job: { ...manifest(999), metadata: { ...manifest(999).metadata, name: 'Not_Valid' } },
    };
    const bytes = Buffer.byteLength(JSON.stringify({ items: list }));
    expect(bytes).toBeGreaterThan(1_048_576);
    const res = await stack.call('POST', '/v1/batches', { json: { items: list } });
    expect(res.status).toBe(422);
    expect((await body(res)).error.details.items.map((i: { index: number }) => i.index)).toEqual([999]);
  });

  test('a valid 1,000-item batch is accepted in one request, every Job exists, progress visible', async ({
    stack,
  }) => {
    const res = await stack.call('POST', '/v1/batches', { json: { items: items(1000, 'bulk') } });
    expect(res.status).toBe(202);
    const batch = await body(res);
    expect(batch.total).toBe(1000);
    expect(batch.operations).toHaveLength(1000);
    expect(res.headers.get('location')).toBe(`/v1/batches/${batch.id}`);
    const first = await body(await stack.call('GET', `/v1/batches/${batch.id}`));
    expect(first.total).toBe(1000);
    expect(first.queued + first.running + first.succeeded + first.failed).toBe(1000);

    const done = await waitFor(
      async () => {
        const p = await body(await stack.call('GET', `/v1/batches/${batch.id}`));
        return p.done ? p : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 250, message: 'batch to finish' },
    );
    expect(done).toMatchObject({ total: 1000, succeeded: 1000, failed: 0, queued: 0, running: 0 });
    const names = new Set(
      stack.devcluster.store
        .list('jobs', 'default')
        .map((j) => j.metadata.name)
        .filter((n) => n?.startsWith('bulk-')),
    );
    expect(names.size).toBe(1000);
    const missing = await stack.call('GET', '/v1/batches/batch_nothing');
    expect(missing.status).toBe(404);
    expect((await body(missing)).error.code).toBe('BatchNotFound');
  }, 90_000);

  test('a batch retried after Redis lost its claim, record and operations (a failover) is the same batch: no Job twice', async ({
    stack,
    redis,
  }) => {
    const send = () =>
      stack.call('POST', '/v1/batches', {
        json: { items: items(5, 'lost-batch') },
        headers: { 'idempotency-key': 'batch-lost-in-failover' },
      });
    const first = await body(await send());
    for (const op of first.operations) expect((await operationEnded(stack, op.id)).state).toBe('succeeded');
    // What a failover to a replica that never had them loses: the claim, the batch's record and
    // counters, its operations.
    const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    const queue = new Queue(queueNameOf('dev'), { connection, prefix: stack.prefix });
    try {
      for (const op of first.operations) expect(await queue.remove(op.id)).toBe(1);
    } finally {
      await queue.close();
      connection.disconnect();
    }
    const lost = [
      ...(await stack.producer.keys(`${stack.prefix}:api:idempotency:*`)),
      ...(await stack.producer.keys(`*${first.id}*`)),
    ];
    expect(lost.length).toBeGreaterThan(1);
    await stack.producer.del(...lost);
    expect((await stack.call('GET', `/v1/batches/${first.id}`)).status).toBe(404);

    const retried = await send();
    expect(retried.status).toBe(202);
    const again = await body(retried);
    expect(again.id).toBe(first.id);
    expect(again.operations.map((o: { id: string }) => o.id)).toEqual(
      first.operations.map((o: { id: string }) => o.id),
    );
    for (const op of again.operations) expect((await operationEnded(stack, op.id)).state).toBe('succeeded');
    const names = stack.devcluster.store
      .list('jobs', 'default')
      .map((j) => j.metadata.name)
      .filter((n) => n?.startsWith('lost-batch-'));
    expect(names.sort()).toEqual(first.operations.map((o: { name: string }) => o.name).sort());
  });
});

base(
  "a batch with items out of the key's scope → 403 naming every denied index, nothing enqueued",
  async ({ redis }) => {
    const { key, hash } = generateApiKey();
    const keys = parseApiKeys({
      keys: [{ id: 'team-a', hash, scopes: { clusters: ['dev'], namespaces: ['team-*'] } }],
    });
    const stack = await startApiStack({ redis, keys, worker: false });
    try {
      const headers = { authorization: `Bearer ${key}` };
      const list = ['team-a', 'default', 'team-b', 'prod', 'default'].map((namespace, i) => ({
        namespace,
        job: shortJob({ name: `scoped-${i}` }),
      }));
      const res = await stack.call('POST', '/v1/batches', { json: { items: list }, headers });
      expect(res.status).toBe(403);
      const err = (await body(res)).error;
      expect(err.code).toBe('Forbidden');
      expect(err.message).toMatch(/^item 1: .*default.* \(and 2 more item\(s\)\)$/);
      expect(err.details.items).toEqual([
        expect.objectContaining({ index: 1, scope: 'namespaces' }),
        expect.objectContaining({ index: 3, scope: 'namespaces' }),
        expect.objectContaining({ index: 4, scope: 'namespaces' }),
      ]);
      expect((await stack.operations.list({ cluster: 'dev', limit: 10 })).items).toEqual([]);
      const inScope = list.filter((i) => i.namespace.startsWith('team-'));
      expect((await stack.call('POST', '/v1/batches', { json: { items: inScope }, headers })).status).toBe(
        202,
      );
    } finally {
      await stack.close();
    }
  },
);

describe('single flight', () => {
  test('200 concurrent pollers of one job cause at most a handful of upstream reads per round', async ({
    stack,
  }) => {
    const op = await body(
      await stack.call('POST', '/v1/namespaces/default/jobs', { json: shortJob({ name: 'polled' }) }),
    );
    await operationEnded(stack, op.id);
    const upstream = () => stack.devcluster.counters.requests({ verb: 'get', resource: 'jobs' });
    for (let round = 0; round < 3; round++) {
      const before = upstream();
      const answers = await Promise.all(
        Array.from({ length: 200 }, () => stack.call('GET', '/v1/namespaces/default/jobs/polled')),
      );
      expect(answers.every((r) => r.status === 200)).toBe(true);
      const reads = upstream() - before;
      expect(reads).toBeGreaterThanOrEqual(1);
      expect(reads).toBeLessThanOrEqual(5);
    }
  });
});
