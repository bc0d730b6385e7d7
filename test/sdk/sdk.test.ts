/**
 * The SDK against the service as users run it (API and worker processes, a devcluster): submit
 * and wait, logs, batches with progress, typed errors, and an idempotent retry after a connection
 * dropped before the API's answer arrived — one Job, whatever the number of attempts.
 */
import { connect, createServer, type Socket } from 'node:net';
import { describe, expect } from 'vitest';
import {
  type BatchProgressUpdate,
  createEksJobsClient,
  EksJobsError,
  type JobSpec,
  type Operation,
} from '../../src/sdk/index.js';
import { clientsFor } from '../support/devcluster.js';
import { test as base } from '../support/fixtures.js';
import { type ProcessStack, startProcessStack } from '../support/stack.js';
import { waitFor } from '../support/wait-for.js';

const test = base.extend(
  'stack',
  { scope: 'file' },
  async ({ redis }, { onCleanup }): Promise<ProcessStack> => {
    const stack = await startProcessStack(redis, { timeScale: 0.02 });
    onCleanup(() => stack.stop());
    return stack;
  },
);

const OPERATION_LABEL = 'eks-jobs/operation';
/** Generous: a busy two-core machine runs the whole stack; nothing here asserts speed. */
const WAIT = { timeoutMs: 60_000 };

function job(prefix: string, script: string, more: Partial<JobSpec> = {}): JobSpec {
  return { generateName: prefix, image: 'busybox:1.36', command: ['sh', '-c', script], ...more } as JobSpec;
}

/** Rejects with what `promise` rejected with (and fails the test if it resolved). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (err: unknown) => err,
  );
}

describe('the SDK against the real API', { timeout: 120_000 }, () => {
  test('submitJob + waitForOperation + waitForJob: a Job that succeeds, one that fails', async ({
    stack,
  }) => {
    const client = createEksJobsClient({ url: stack.url, key: stack.key });

    const op = await client.submitJob('default', job('sdk-ok-', 'echo hello from sdk'));
    expect(op.state).toBe('queued');
    expect(op.target.name).toMatch(/^sdk-ok-/);
    const states: string[] = [];
    const ended = await client.waitForOperation(op.id, { ...WAIT, onUpdate: (o) => states.push(o.state) });
    expect(ended.state).toBe('succeeded');
    expect(states.at(-1)).toBe('succeeded');
    const done = await client.waitForJob('default', op.target.name, WAIT);
    expect(done.phase).toBe('Succeeded');
    expect(done.operationId).toBe(op.id);

    const bad = await client.submitJob(
      'default',
      job('sdk-fail-', 'echo boom; exit 3', { backoffLimit: 0 }),
      {
        wait: 30,
      },
    );
    // Prefer: wait answered with the ended operation; the create itself succeeded.
    expect(bad.state).toBe('succeeded');
    const failed = await client.waitForJob('default', bad.target.name, WAIT);
    expect(failed.phase).toBe('Failed');
    expect(failed.reason).toBe('BackoffLimitExceeded');

    // A create that fails under Prefer: wait is an answer too: the failed operation, with its error.
    const missing = await client.submitJob('sdk-no-such-namespace', job('x-', 'true'), { wait: 30 });
    expect(missing.state).toBe('failed');
    expect(missing.error?.code).toBe('NamespaceNotFound');
  });

  test('logs: a whole read, a followed one that ends with the pod, and an abort', async ({ stack }) => {
    const client = createEksJobsClient({ url: stack.url, key: stack.key });
    const collect = async (iterable: AsyncIterable<string>) => {
      let text = '';
      for await (const chunk of iterable) text += chunk;
      return text;
    };

    const op = await client.submitJob('default', job('sdk-logs-', 'echo line one; echo line two'), {
      wait: 30,
    });
    await client.waitForJob('default', op.target.name, WAIT);
    expect(await collect(client.logs('default', op.target.name))).toBe('line one\nline two\n');

    // Followed from while it runs: the lines written later arrive, and the stream ends by itself.
    const slow = await client.submitJob('default', job('sdk-follow-', 'echo first; sleep 100; echo second'), {
      wait: 30,
    });
    await waitFor(async () => (await collect(client.logs('default', slow.target.name))).includes('first'), {
      ...WAIT,
      message: 'the container to start',
    });
    const followed = await collect(client.logs('default', slow.target.name, { follow: true }));
    expect(followed).toBe('first\nsecond\n');
    expect((await client.getJob('default', slow.target.name)).phase).toBe('Succeeded');

    // A follow of a container that never ends stops when its signal aborts.
    const forever = await client.submitJob('default', job('sdk-forever-', 'echo started; sleep 1000000'), {
      wait: 30,
    });
    await waitFor(
      async () => (await collect(client.logs('default', forever.target.name))).includes('started'),
      {
        ...WAIT,
        message: 'the container to start',
      },
    );
    const controller = new AbortController();
    const chunks: string[] = [];
    const err = await rejection(
      (async () => {
        for await (const chunk of client.logs('default', forever.target.name, {
          follow: true,
          signal: controller.signal,
        })) {
          chunks.push(chunk);
          controller.abort();
        }
      })(),
    );
    expect(chunks.join('')).toContain('started');
    expect((err as Error).name).toBe('AbortError');
    await client.deleteJob('default', forever.target.name, { wait: 30 });
  });

  test('submitBatch reports monotonic progress that ends at the total', async ({ stack }) => {
    const client = createEksJobsClient({ url: stack.url, key: stack.key });
    const items = Array.from({ length: 25 }, (_, i) => ({
      namespace: 'default',
      job: job(`sdk-batch-${i}-`, i % 5 === 0 ? 'sleep 50; echo slow' : 'echo fast'),
    }));
    const updates: BatchProgressUpdate[] = [];
    const accepted: string[] = [];
    const { batch, progress } = await client.submitBatch(items, {
      ...WAIT,
      onAccepted: (b) => accepted.push(b.id),
      onProgress: (p) => updates.push(p),
    });
    console.log(`batch progress: ${updates.map((u) => u.ended).join(' → ')}`);
    expect(accepted).toEqual([batch.id]);
    expect(batch.total).toBe(25);
    expect(progress).toMatchObject({ total: 25, ended: 25, succeeded: 25, done: true });
    expect(updates.length).toBeGreaterThan(0);
    for (let i = 1; i < updates.length; i++) {
      expect(updates[i]!.ended).toBeGreaterThanOrEqual(updates[i - 1]!.ended);
    }
    expect(updates.at(-1)).toMatchObject({ ended: 25, done: true });
    // Each item's Job carries the batch: the listing by batch finds all 25.
    const listed = await client.listJobs('default', { batch: batch.id, limit: 100 });
    expect(listed.items).toHaveLength(25);
  });

  test('errors are typed: 404 JobNotFound and 422 ValidationFailed, with the request id; a 4xx is not retried', async ({
    stack,
  }) => {
    let requests = 0;
    const client = createEksJobsClient({
      url: stack.url,
      key: stack.key,
      fetch: (request) => {
        requests++;
        return fetch(request);
      },
    });

    const notFound = await rejection(client.getJob('default', 'sdk-does-not-exist'));
    expect(notFound).toBeInstanceOf(EksJobsError);
    const e404 = notFound as EksJobsError;
    expect({ status: e404.status, code: e404.code }).toEqual({ status: 404, code: 'JobNotFound' });
    expect(e404.requestId).toMatch(/\S/);
    expect(e404.message).toContain('sdk-does-not-exist');

    requests = 0;
    const invalid = await rejection(client.submitJob('default', { name: 'sdk-no-image' } as JobSpec));
    expect(invalid).toBeInstanceOf(EksJobsError);
    const e422 = invalid as EksJobsError;
    expect({ status: e422.status, code: e422.code }).toEqual({ status: 422, code: 'ValidationFailed' });
    expect(e422.requestId).toMatch(/\S/);
    const issues = (e422.details as { issues?: unknown[] } | undefined)?.issues;
    expect(Array.isArray(issues) && issues.length > 0, JSON.stringify(e422.details)).toBe(true);
    expect(requests).toBe(1);
  });

  test('a connection dropped before the answer arrives is retried with the same Idempotency-Key: one Job', async ({
    stack,
  }) => {
    const proxy = await startDroppingProxy(stack.url);
    try {
      const client = createEksJobsClient({ url: proxy.url, key: stack.key });
      const op: Operation = await client.submitJob('default', job('sdk-retry-', 'echo once'));

      expect(proxy.dropped()).toBe(true);
      const posts = proxy.posts();
      expect(posts.length).toBeGreaterThanOrEqual(2);
      expect(new Set(posts.map((p) => p.idempotencyKey)).size).toBe(1);
      expect(posts[0]!.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);

      expect((await client.waitForOperation(op.id, WAIT)).state).toBe('succeeded');
      const { batch } = clientsFor(stack.devcluster);
      const jobs = await batch.listNamespacedJob({
        namespace: 'default',
        labelSelector: `${OPERATION_LABEL}=${op.id}`,
      });
      expect(jobs.items.map((j) => j.metadata?.name)).toEqual([op.target.name]);
    } finally {
      await proxy.close();
    }
  });
});

interface SeenPost {
  idempotencyKey: string | undefined;
}

/**
 * A TCP proxy in front of the API that forwards the first POST whole and then destroys the client's
 * socket as the API's answer arrives: the request was served, the client never hears of it.
 */
async function startDroppingProxy(target: string) {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  const posts: SeenPost[] = [];
  let dropped = false;
  const server = createServer((client) => {
    const upstream = connect(Number(port), hostname);
    sockets.add(client);
    sockets.add(upstream);
    let doomed = false;
    client.on('data', (chunk: Buffer) => {
      const text = chunk.toString('latin1');
      if (text.startsWith('POST ')) {
        posts.push({ idempotencyKey: /^idempotency-key:\s*(\S+)/im.exec(text)?.[1] });
        if (!dropped && !doomed) doomed = true;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (doomed) {
        dropped = true;
        client.destroy();
        upstream.destroy();
        return;
      }
      client.write(chunk);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    for (const s of [client, upstream]) {
      s.on('close', end);
      s.on('error', end);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy did not bind');
  return {
    url: `http://127.0.0.1:${address.port}`,
    posts: () => [...posts],
    dropped: () => dropped,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
