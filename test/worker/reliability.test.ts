import { afterAll, afterEach, beforeAll, describe } from 'vitest';
import type { DevCluster } from '../../src/devcluster/index.js';
import { resolveGenerateName, seededRandomInt } from '../../src/shared/kube/names.js';
import { newOperationId } from '../../src/shared/operations/index.js';
import { expect, test } from '../support/fixtures.js';
import { jobManifest, meta, specFor, startCluster, startPipeline } from './harness.js';

// The promises of the reliability issue at the worker, against a real devcluster over HTTPS:
// a drawn name that is taken is drawn again, retries run by a deadline (not a count), and an
// operation is never failed while the object it created exists.

let dc: DevCluster;
const cleanups: Array<() => Promise<void>> = [];
beforeAll(async () => {
  dc = await startCluster();
});
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});
afterAll(async () => {
  await dc?.stop();
});

const TINY = { alphabet: 'ab', length: 1 };
let n = 0;

describe('worker reliability', () => {
  test('a generated name that is someone else’s Job is drawn again; the operation names the final Job', async ({
    redis,
  }) => {
    const p = await startPipeline(redis.url, [specFor(dc, 'dc')], { nameSuffix: TINY });
    cleanups.push(() => p.close());
    const prefix = `taken-${++n}-`;
    const id = newOperationId('dc');
    // The API's first draw for this operation, and a Job of another owner already standing there.
    const first = resolveGenerateName(prefix, seededRandomInt(id), 63, TINY);
    const other = first.endsWith('a') ? `${prefix}a` : `${prefix}b`;
    await p.ops.enqueue(
      {
        cluster: 'dc',
        command: 'job.create',
        payload: { namespace: 'default', manifest: jobManifest(other) },
      },
      meta,
    );
    const manifest = jobManifest(first);
    const op = await p.ops.enqueue(
      {
        cluster: 'dc',
        command: 'job.create',
        payload: { namespace: 'default', manifest, generateName: prefix },
      },
      { ...meta, operationId: id },
    );
    const done = await p.ops.waitForEnd(op.id, 15_000);
    expect(done.state).toBe('succeeded');
    const other2 = first === `${prefix}a` ? `${prefix}b` : `${prefix}a`;
    expect(done.target.name).toBe(other2);
    expect(done.result?.name).toBe(other2);
    const jobs = dc.store.list<{ metadata: { name: string; labels?: Record<string, string> } }>(
      'jobs',
      'default',
    );
    expect(jobs.find((j) => j.metadata.name === other2)?.metadata.labels?.['eks-jobs/operation']).toBe(op.id);
  });

  test('a drawn name that stays taken fails with AlreadyExists once the draws are used up', async ({
    redis,
  }) => {
    const p = await startPipeline(redis.url, [specFor(dc, 'dc')], {
      nameSuffix: { alphabet: 'a', length: 1 },
    });
    cleanups.push(() => p.close());
    const prefix = `full-${++n}-`;
    await p.ops.waitForEnd(
      (
        await p.ops.enqueue(
          {
            cluster: 'dc',
            command: 'job.create',
            payload: { namespace: 'default', manifest: jobManifest(`${prefix}a`) },
          },
          meta,
        )
      ).id,
      15_000,
    );
    const op = await p.ops.enqueue(
      {
        cluster: 'dc',
        command: 'job.create',
        payload: { namespace: 'default', manifest: jobManifest(`${prefix}a`), generateName: prefix },
      },
      meta,
    );
    expect(await p.ops.waitForEnd(op.id, 15_000)).toMatchObject({
      state: 'failed',
      error: { code: 'AlreadyExists', retryable: false },
    });
  });

  test('an outage longer than ten attempts does not fail the operation: it is retried until the deadline', async ({
    redis,
  }) => {
    const p = await startPipeline(redis.url, [specFor(dc, 'dc')], {
      retry: { initialDelayMs: 10, maxDelayMs: 40, attemptTimeoutMs: 5000, deadlineMs: 120_000 },
      // The retry deadline alone is under test: a breaker this wide never opens within 25 failures.
      breaker: { window: 1000 },
    });
    cleanups.push(() => p.close());
    const rule = dc.faults.add({ verb: 'create', resource: 'namespaces', status: 500, count: 25 });
    try {
      const op = await p.ops.enqueue(
        { cluster: 'dc', command: 'namespace.create', payload: { name: `outage-${++n}` } },
        meta,
      );
      const done = await p.ops.waitForEnd(op.id, 60_000);
      expect(dc.faults.fired(rule)).toBe(25);
      expect(done.state).toBe('succeeded');
      expect(done.attempts.made).toBeGreaterThan(10);
    } finally {
      dc.faults.remove(rule);
    }
  });

  test('an operation whose every answer was lost is not failed while its object exists', async ({
    redis,
  }) => {
    // The deadline passes at the first failure: the worker must look for the object before it gives up.
    const p = await startPipeline(redis.url, [specFor(dc, 'dc')], {
      retry: { initialDelayMs: 10, maxDelayMs: 40, attemptTimeoutMs: 5000, deadlineMs: 1 },
    });
    cleanups.push(() => p.close());
    const name = `lost-${++n}`;
    const rule = dc.faults.add({ verb: 'create', resource: 'jobs', reset: 'after', count: 1 });
    try {
      const op = await p.ops.enqueue(
        {
          cluster: 'dc',
          command: 'job.create',
          payload: { namespace: 'default', manifest: jobManifest(name) },
        },
        meta,
      );
      const done = await p.ops.waitForEnd(op.id, 15_000);
      expect(dc.faults.fired(rule)).toBe(1);
      expect(done).toMatchObject({ state: 'succeeded', result: { name, replayed: true } });
    } finally {
      dc.faults.remove(rule);
    }
  });
});
