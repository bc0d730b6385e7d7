import { randomUUID } from 'node:crypto';
import { test as base, describe, expect, vi } from 'vitest';
import { type RedisReplicatedProcesses, startRedisReplicated } from '../support/redis-topology.js';
import { waitFor } from '../support/wait-for.js';
import { startTopologyStack, type TopologyStack } from './stack.js';

// Whole scenarios on several redis-servers and real processes: a deadline for a loaded machine, not a speed.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

// REDIS_WAIT_REPLICAS=1 against a real primary and replica (standalone mode): the API answers 2xx
// only once the replica has the request's writes; with the replica stopped (SIGSTOP), 503
// ReplicationTimeout, and the client's retry with its Idempotency-Key finds what was stored.
const test = base
  .extend(
    'replicated',
    { scope: 'file' }, // biome-ignore lint/correctness/noEmptyPattern: vitest requires a destructuring pattern here.
    async ({}, { onCleanup }) => {
      const replicated = await startRedisReplicated({ replicas: 1 });
      onCleanup(() => replicated.stop());
      return replicated;
    },
  )
  .extend('stack', { scope: 'file' }, async ({ replicated }, { onCleanup }) => {
    const stack = await startTopologyStack(
      { REDIS_URL: replicated.url },
      { REDIS_WAIT_REPLICAS: '1', REDIS_WAIT_TIMEOUT: '300ms' },
    );
    onCleanup(() => stack.close());
    return stack;
  });

interface ErrorBody {
  error: { code: string; details?: { replicas: number; required: number } };
}

/** `post` while the replica is stopped; it runs again once the replica is back. */
async function withReplicaStopped(replicated: RedisReplicatedProcesses, post: () => Promise<Response>) {
  const [replica] = replicated.replicas;
  replica!.pause();
  try {
    return await post();
  } finally {
    replica!.resume();
  }
}

/** Sends `post` until the API accepts it (the replica caught up), and returns that answer. */
function retried(post: () => Promise<Response>) {
  return waitFor(
    async () => {
      const res = await post();
      return res.status === 202 ? res : undefined;
    },
    { message: 'the retry to be accepted' },
  );
}

function created(stack: TopologyStack, key: string) {
  return () =>
    stack.call('POST', '/v1/clusters/staging/namespaces/default/jobs', {
      json: { generateName: 'wait-', image: 'busybox:1.36' },
      headers: { 'idempotency-key': key },
    });
}

describe('REDIS_WAIT_REPLICAS on a primary with one replica', () => {
  test('202 while the replica confirms', async ({ stack }) => {
    const res = await created(stack, `ok-${randomUUID()}`)();
    expect(res.status).toBe(202);
  });

  test('a stopped replica: 503 ReplicationTimeout with Retry-After; the retry finds the stored operation', async ({
    stack,
    replicated,
  }) => {
    const post = created(stack, `stopped-${randomUUID()}`);
    const refused = await withReplicaStopped(replicated, post);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    const body = (await refused.json()) as ErrorBody;
    expect(body.error).toMatchObject({ code: 'ReplicationTimeout', details: { replicas: 0, required: 1 } });
    const accepted = await retried(post);
    expect(accepted.headers.get('idempotent-replayed')).toBe('true');
    const op = (await accepted.json()) as { id: string };
    // Stored once: the queue holds one operation with the id the retry answered.
    const queued = (await (
      await stack.call('GET', '/v1/clusters/staging/operations?state=queued&limit=1000')
    ).json()) as {
      items: { id: string }[];
    };
    expect(queued.items.filter((o) => o.id === op.id)).toHaveLength(1);
  });

  test('a batch and a cancel wait for the replica too', async ({ stack, replicated }) => {
    const key = `batch-${randomUUID()}`;
    const batch = () =>
      stack.call('POST', '/v1/clusters/staging/batches', {
        json: {
          items: [1, 2].map(() => ({
            namespace: 'default',
            job: { generateName: 'b-', image: 'busybox:1.36' },
          })),
        },
        headers: { 'idempotency-key': key },
      });
    expect((await withReplicaStopped(replicated, batch)).status).toBe(503);
    const accepted = await retried(batch);
    expect(accepted.headers.get('idempotent-replayed')).toBe('true');

    const op = (await (await created(stack, `cancel-${randomUUID()}`)()).json()) as { id: string };
    const cancel = await withReplicaStopped(replicated, () =>
      stack.call('DELETE', `/v1/operations/${op.id}`),
    );
    expect(cancel.status).toBe(503);
    expect(((await cancel.json()) as ErrorBody).error.code).toBe('ReplicationTimeout');
  });

  test('requests that write nothing are not held behind a WAIT', async ({ stack, replicated }) => {
    const order: string[] = [];
    await withReplicaStopped(replicated, async () => {
      const write = created(stack, `order-${randomUUID()}`)().then((res) =>
        order.push(`write ${res.status}`),
      );
      // Sent after the write, on the API's own connection, which never carries a WAIT.
      const read = stack.call('GET', '/readyz').then((res) => order.push(`read ${res.status}`));
      await Promise.all([write, read]);
      return new Response();
    });
    expect(order).toEqual(['read 200', 'write 503']);
  });
});
