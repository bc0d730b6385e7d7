import { afterAll, beforeAll, describe } from 'vitest';
import type { DevCluster } from '../../src/devcluster/index.js';
import type { Operation } from '../../src/shared/operations/index.js';
import { expect, test } from '../support/fixtures.js';
import { freePort } from '../support/redis.js';
import { waitFor } from '../support/wait-for.js';
import { jobManifest, meta, specFor, startCluster, startPipeline } from './harness.js';

// One integration test per row of the docs/architecture.md §5 table, against devcluster answers and faults.

let fast: DevCluster;
let slow: DevCluster; // namespaces stay Terminating for 1 s here
let pipeline: Awaited<ReturnType<typeof startPipeline>>;
let n = 0;
const uniq = (p: string) => `${p}-${++n}`;

beforeAll(async () => {
  [fast, slow] = await Promise.all([startCluster(), startCluster({ timeScale: 1 })]);
});
afterAll(async () => {
  await pipeline?.close();
  await Promise.all([fast?.stop(), slow?.stop()]);
});

async function pipe(redisUrl: string) {
  pipeline ??= await startPipeline(redisUrl, [specFor(fast, 'fast'), specFor(slow, 'slow')], {
    retry: { initialDelayMs: 20, maxDelayMs: 200, attemptTimeoutMs: 1500, deadlineMs: 3000 },
  });
  return pipeline;
}

async function run(redisUrl: string, cluster: string, command: string, payload: unknown): Promise<Operation> {
  const { ops } = await pipe(redisUrl);
  const op = await ops.enqueue({ cluster, command: command as 'job.create', payload }, meta);
  return ops.waitForEnd(op.id, 15_000);
}

const labelled = (dc: DevCluster, ns: string, opId: string) =>
  dc.store
    .list<{ metadata: { labels?: Record<string, string> } }>('jobs', ns)
    .filter((j) => j.metadata.labels?.['eks-jobs/operation'] === opId).length;

describe('docs/architecture.md §5 rows against the devcluster', () => {
  test('2xx: succeeded with uid and resourceVersion; object carries the management labels', async ({
    redis,
  }) => {
    const name = uniq('ok');
    const op = await run(redis.url, 'fast', 'job.create', {
      namespace: 'default',
      manifest: jobManifest(name),
    });
    const job = fast.store.get<{ metadata: { uid: string; labels: Record<string, string> } }>(
      'jobs',
      'default',
      name,
    )!;
    expect(op).toMatchObject({
      state: 'succeeded',
      result: { uid: job.metadata.uid, name, namespace: 'default' },
    });
    expect(op.result?.resourceVersion).toMatch(/^\d+$/);
    expect(job.metadata.labels).toMatchObject({
      'app.kubernetes.io/managed-by': 'eks-jobs',
      'eks-jobs/operation': op.id,
    });
  });

  test('409 AlreadyExists carrying our label (a reset after commit): succeeded as a replay, one Job', async ({
    redis,
  }) => {
    const name = uniq('replay');
    const rule = fast.faults.add({ verb: 'create', resource: 'jobs', reset: 'after', count: 1 });
    const op = await run(redis.url, 'fast', 'job.create', {
      namespace: 'default',
      manifest: jobManifest(name),
    });
    expect(fast.faults.fired(rule)).toBe(1);
    expect(op).toMatchObject({ state: 'succeeded', result: { replayed: true, name } });
    expect(labelled(fast, 'default', op.id)).toBe(1);
  });

  test('409 AlreadyExists without our label: failed AlreadyExists after one attempt', async ({ redis }) => {
    const name = uniq('taken');
    const first = await run(redis.url, 'fast', 'job.create', {
      namespace: 'default',
      manifest: jobManifest(name),
    });
    expect(first.state).toBe('succeeded');
    const op = await run(redis.url, 'fast', 'job.create', {
      namespace: 'default',
      manifest: jobManifest(name),
    });
    expect(op).toMatchObject({
      state: 'failed',
      attempts: { made: 1 },
      error: { code: 'AlreadyExists', retryable: false, httpStatus: 409 },
    });
    expect(op.error?.message).toContain(first.id);
  });

  test('409 "object is being deleted" on namespace.create: retried until the old namespace is gone', async ({
    redis,
  }) => {
    const name = uniq('reborn');
    expect((await run(redis.url, 'slow', 'namespace.create', { name })).state).toBe('succeeded');
    expect((await run(redis.url, 'slow', 'namespace.delete', { name })).state).toBe('succeeded');
    const conflictsBefore = slow.counters.requests({ verb: 'create', resource: 'namespaces', code: 409 });
    const op = await run(redis.url, 'slow', 'namespace.create', { name });
    expect(op).toMatchObject({ state: 'succeeded', result: { name } });
    expect(slow.counters.requests({ verb: 'create', resource: 'namespaces', code: 409 })).toBeGreaterThan(
      conflictsBefore,
    );
    expect(op.attempts.made).toBeGreaterThan(1);
  });

  test('404 on delete: succeeded, already gone', async ({ redis }) => {
    const job = await run(redis.url, 'fast', 'job.delete', { namespace: 'default', name: uniq('never') });
    expect(job).toMatchObject({ state: 'succeeded', result: { alreadyGone: true }, attempts: { made: 1 } });
    const ns = await run(redis.url, 'fast', 'namespace.delete', { name: uniq('never') });
    expect(ns).toMatchObject({ state: 'succeeded', result: { alreadyGone: true } });
  });

  test('job.delete sends propagationPolicy and the Job is gone', async ({ redis }) => {
    const name = uniq('del');
    expect(
      (await run(redis.url, 'fast', 'job.create', { namespace: 'default', manifest: jobManifest(name) }))
        .state,
    ).toBe('succeeded');
    const op = await run(redis.url, 'fast', 'job.delete', {
      namespace: 'default',
      name,
      propagationPolicy: 'Foreground',
    });
    expect(op.state).toBe('succeeded');
    await waitFor(() => fast.store.get('jobs', 'default', name) === undefined, {
      message: 'job to be deleted',
    });
  });

  test('404 namespace not found on job.create: failed NamespaceNotFound, no retry', async ({ redis }) => {
    const op = await run(redis.url, 'fast', 'job.create', {
      namespace: uniq('nowhere'),
      manifest: jobManifest('j'),
    });
    expect(op).toMatchObject({
      state: 'failed',
      attempts: { made: 1 },
      error: { code: 'NamespaceNotFound', httpStatus: 404 },
    });
  });

  test('403 namespace terminating on job.create, and 409 deleting it again: NamespaceTerminating / succeeded', async ({
    redis,
  }) => {
    const ns = uniq('dying');
    expect((await run(redis.url, 'slow', 'namespace.create', { name: ns })).state).toBe('succeeded');
    expect((await run(redis.url, 'slow', 'namespace.delete', { name: ns })).state).toBe('succeeded');
    const [create, again] = await Promise.all([
      run(redis.url, 'slow', 'job.create', { namespace: ns, manifest: jobManifest('late') }),
      run(redis.url, 'slow', 'namespace.delete', { name: ns }),
    ]);
    expect(create).toMatchObject({
      state: 'failed',
      attempts: { made: 1 },
      error: { code: 'NamespaceTerminating', httpStatus: 403, causes: [{ reason: 'NamespaceTerminating' }] },
    });
    expect(again).toMatchObject({ state: 'succeeded', result: { alreadyGone: true }, attempts: { made: 1 } });
    expect(slow.counters.requests({ verb: 'delete', resource: 'namespaces', code: 409 })).toBeGreaterThan(0);
  });

  test('422 Invalid: fails after exactly one attempt with the cluster causes', async ({ redis }) => {
    const manifest = jobManifest(uniq('invalid'), { containers: [] });
    const before = fast.counters.requests({ verb: 'create', resource: 'jobs', code: 422 });
    const op = await run(redis.url, 'fast', 'job.create', { namespace: 'default', manifest });
    expect(op).toMatchObject({
      state: 'failed',
      attempts: { made: 1, max: 10_000 },
      error: { code: 'Invalid', httpStatus: 422 },
    });
    expect(op.error?.causes?.length).toBeGreaterThan(0);
    expect(op.error?.causes?.[0]?.field).toContain('containers');
    expect(fast.counters.requests({ verb: 'create', resource: 'jobs', code: 422 })).toBe(before + 1);
  });

  test('401 once: token dropped and retried at once, same attempt', async ({ redis }) => {
    const { ops } = await pipe(redis.url);
    // Authenticate once so there is a token to revoke.
    await run(redis.url, 'fast', 'namespace.delete', { name: uniq('warmup') });
    expect(fast.revokeTokens()).toBeGreaterThan(0);
    const op = await run(redis.url, 'fast', 'namespace.create', { name: uniq('after401') });
    expect(op).toMatchObject({ state: 'succeeded', attempts: { made: 1 } });
    expect(await ops.get(op.id)).toMatchObject({ state: 'succeeded' });
  });

  test('401 persisting: retried with backoff until the retry deadline, then failed Unauthorized', async ({
    redis,
  }) => {
    const rule = fast.faults.add({ verb: 'create', resource: 'namespaces', status: 401, count: 100_000 });
    try {
      const op = await run(redis.url, 'fast', 'namespace.create', { name: uniq('unauth') });
      expect(op).toMatchObject({ state: 'failed', error: { code: 'Unauthorized', retryable: true } });
      expect(op.attempts.made).toBeGreaterThan(1);
      // Failed once the deadline (3 s here, 24 h by default) had passed, not after a count of attempts.
      expect(Date.parse(op.finishedAt!) - Date.parse(op.createdAt)).toBeGreaterThanOrEqual(3000);
    } finally {
      fast.faults.remove(rule);
    }
  });

  test('403 Forbidden: failed, no retry', async ({ redis }) => {
    const rule = fast.faults.add({ verb: 'create', resource: 'jobs', status: 403, count: 1 });
    const op = await run(redis.url, 'fast', 'job.create', {
      namespace: 'default',
      manifest: jobManifest(uniq('denied')),
    });
    expect(fast.faults.fired(rule)).toBe(1);
    expect(op).toMatchObject({
      state: 'failed',
      attempts: { made: 1 },
      error: { code: 'Forbidden', retryable: false },
    });
  });

  test('429 Retry-After: waits, does not burn an attempt', async ({ redis }) => {
    const rule = fast.faults.add({
      verb: 'create',
      resource: 'jobs',
      status: 429,
      retryAfterSeconds: 1,
      count: 1,
    });
    const started = Date.now();
    const op = await run(redis.url, 'fast', 'job.create', {
      namespace: 'default',
      manifest: jobManifest(uniq('limited')),
    });
    expect(fast.faults.fired(rule)).toBe(1);
    expect(op).toMatchObject({ state: 'succeeded', attempts: { made: 1 } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  test('5xx: retried with backoff until it succeeds', async ({ redis }) => {
    const rule = fast.faults.add({ verb: 'create', resource: 'jobs', status: 503, count: 2 });
    const op = await run(redis.url, 'fast', 'job.create', {
      namespace: 'default',
      manifest: jobManifest(uniq('flaky')),
    });
    expect(fast.faults.fired(rule)).toBe(2);
    expect(op).toMatchObject({ state: 'succeeded', attempts: { made: 3 } });
  });

  test('timeout: the slow first attempt commits late, the retry replays it — one Job', async ({ redis }) => {
    const name = uniq('slowpoke');
    const rule = fast.faults.add({ verb: 'create', resource: 'jobs', latencyMs: 4000, count: 1 });
    const op = await run(redis.url, 'fast', 'job.create', {
      namespace: 'default',
      manifest: jobManifest(name),
    });
    expect(fast.faults.fired(rule)).toBe(1);
    expect(op.state).toBe('succeeded');
    expect(op.attempts.made).toBeGreaterThan(1);
    await waitFor(() => labelled(fast, 'default', op.id) === 1);
    expect(fast.store.list('jobs', 'default').filter((j) => j.metadata.name === name)).toHaveLength(1);
  });

  test('connection reset before the request: retried', async ({ redis }) => {
    const rule = fast.faults.add({ verb: 'delete', resource: 'jobs', reset: 'before', count: 1 });
    const op = await run(redis.url, 'fast', 'job.delete', { namespace: 'default', name: uniq('reset') });
    expect(fast.faults.fired(rule)).toBe(1);
    expect(op).toMatchObject({ state: 'succeeded', attempts: { made: 2 } });
  });

  test('refused and DNS failures: queued for retry with ClusterUnavailable', async ({ redis }) => {
    const p = await startPipeline(
      redis.url,
      [
        specFor({ ...fast, url: `https://127.0.0.1:${await freePort()}` }, 'refused'),
        specFor({ ...fast, url: 'https://no-such-host.invalid:443' }, 'nodns'),
      ],
      { retry: { initialDelayMs: 60_000, maxDelayMs: 60_000 } },
    );
    try {
      for (const cluster of ['refused', 'nodns']) {
        const op = await p.ops.enqueue(
          { cluster, command: 'namespace.delete', payload: { name: 'x' } },
          meta,
        );
        const seen = await waitFor(async () => {
          const cur = await p.ops.get(op.id);
          return cur?.error ? cur : undefined;
        });
        expect(seen).toMatchObject({
          state: 'queued',
          attempts: { made: 1 },
          error: { code: 'ClusterUnavailable', retryable: true },
        });
        expect(Date.parse(seen.nextRetryAt!)).toBeGreaterThan(Date.now() + 20_000);
      }
    } finally {
      await p.close();
    }
  });
});
