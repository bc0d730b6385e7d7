/**
 * What every Redis topology must carry, through the real API and worker (stack.ts): each scenario
 * is a function of a running stack, and each topology's test file runs all of them.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { EVENT_FIELD } from '../../src/shared/events/event-log.js';
import { redisKeys } from '../../src/shared/redis-keys.js';
import { waitFor } from '../support/wait-for.js';
import type { TopologyStack } from './stack.js';

// biome-ignore lint/suspicious/noExplicitAny: assertions read arbitrary JSON fields; the expectations check them.
type Json = Record<string, any>;

const job = (prefix: string) => ({
  generateName: `${prefix}-`,
  image: 'busybox:1.36',
  command: ['sh', '-c', 'echo done'],
});

async function json(res: Response): Promise<Json> {
  return (await res.json()) as Json;
}

/** A Job created and waited for (`Prefer: wait`): 201 succeeded, then readable as an operation. */
export async function submitAndRead(stack: TopologyStack): Promise<string> {
  const res = await stack.call('POST', '/v1/namespaces/default/jobs', {
    json: job('submit'),
    headers: { prefer: 'wait=30' },
  });
  const op = await json(res);
  expect(res.status, JSON.stringify(op)).toBe(201);
  expect(op).toMatchObject({ state: 'succeeded', cluster: 'dev' });
  const read = await stack.call('GET', `/v1/operations/${op.id}`);
  expect(await json(read)).toMatchObject({ id: op.id, state: 'succeeded' });
  return op.id as string;
}

/** A batch of three, all or nothing, counted to done. */
export async function batchToDone(stack: TopologyStack): Promise<void> {
  const items = [1, 2, 3].map(() => ({ namespace: 'default', job: job('batch') }));
  const res = await stack.call('POST', '/v1/batches', { json: { items } });
  const batch = await json(res);
  expect(res.status, JSON.stringify(batch)).toBe(202);
  expect(batch.total).toBe(3);
  const done = await waitFor(
    async () => {
      const b = await json(await stack.call('GET', `/v1/batches/${batch.id}`));
      return b.done ? b : undefined;
    },
    { timeoutMs: 90_000, message: 'the batch to be done' },
  );
  expect(done).toMatchObject({ total: 3, succeeded: 3, failed: 0, cancelled: 0 });
  const scoped = await stack.call('GET', `/v1/clusters/dev/batches/${batch.id}`);
  expect(await json(scoped)).toMatchObject({ id: batch.id, succeeded: 3 });
}

/** The same Idempotency-Key: the same operation, replayed; with another body, 422. */
export async function idempotentReplay(stack: TopologyStack): Promise<void> {
  const headers = { 'idempotency-key': `replay-${randomUUID()}` };
  const body = job('idem');
  const first = await stack.call('POST', '/v1/namespaces/default/jobs', { json: body, headers });
  const second = await stack.call('POST', '/v1/namespaces/default/jobs', { json: body, headers });
  expect([first.status, second.status]).toEqual([202, 202]);
  expect(second.headers.get('idempotent-replayed')).toBe('true');
  expect((await json(second)).id).toBe((await json(first)).id);
  const other = await stack.call('POST', '/v1/namespaces/default/jobs', { json: job('other'), headers });
  expect(other.status).toBe(422);
  expect((await json(other)).error.code).toBe('IdempotencyKeyReused');
}

/** A key limited to 2 requests a minute gets 429 with Retry-After on its third (shared in Redis). */
export async function rateLimited(stack: TopologyStack): Promise<void> {
  const statuses: number[] = [];
  let last: Response | undefined;
  for (let i = 0; i < 3; i++) {
    last = await stack.call('GET', '/v1/operations?limit=1', { as: 'limited' });
    statuses.push(last.status);
  }
  expect(statuses).toEqual([200, 200, 429]);
  expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
}

/** A create into a missing namespace fails; once the namespace exists, a re-drive succeeds. */
export async function retryFailed(stack: TopologyStack): Promise<void> {
  const namespace = `retry-${randomUUID().slice(0, 8)}`;
  const failed = await stack.call('POST', `/v1/namespaces/${namespace}/jobs`, {
    json: job('retry'),
    headers: { prefer: 'wait=30' },
  });
  const error = await json(failed);
  expect(failed.status, JSON.stringify(error)).toBe(404);
  const op = error.error.details.operation;
  expect(op).toMatchObject({ state: 'failed', error: { code: 'NamespaceNotFound' } });
  const ns = await stack.call('POST', '/v1/namespaces', {
    json: { name: namespace },
    headers: { prefer: 'wait=30' },
  });
  expect(ns.status).toBe(201);
  const retried = await stack.call('POST', `/v1/operations/${op.id}/retry`, {
    headers: { prefer: 'wait=30' },
  });
  expect(retried.status).toBe(200);
  expect(await json(retried)).toMatchObject({ id: op.id, state: 'succeeded' });
}

/** A queued operation (on `staging`, which no worker runs) is cancelled: 204, then 404. */
export async function cancelQueued(stack: TopologyStack): Promise<void> {
  const res = await stack.call('POST', '/v1/clusters/staging/namespaces/default/jobs', {
    json: job('cancel'),
  });
  const op = await json(res);
  expect(res.status).toBe(202);
  expect(op).toMatchObject({ state: 'queued', cluster: 'staging' });
  expect((await stack.call('DELETE', `/v1/operations/${op.id}`)).status).toBe(204);
  expect((await stack.call('GET', `/v1/operations/${op.id}`)).status).toBe(404);
}

/** The operations list, by state, across both clusters' queues (on different shards of a cluster). */
export async function listOperations(stack: TopologyStack, succeededId: string): Promise<void> {
  const queued = await json(
    await stack.call('POST', '/v1/clusters/staging/namespaces/default/jobs', { json: job('listed') }),
  );
  const ids = async (query: string) => {
    const page = await json(await stack.call('GET', `/v1/operations?${query}`));
    return (page.items as Json[]).map((o) => o.id as string);
  };
  expect(await ids('state=succeeded&limit=1000')).toContain(succeededId);
  expect(await ids('state=queued&limit=1000')).toContain(queued.id);
  const all = await ids('limit=1000');
  expect(all).toEqual(expect.arrayContaining([succeededId, queued.id]));
  expect(await ids('state=queued&limit=1000')).not.toContain(succeededId);
}

/** The worker published the operation's events through the event log's script. */
export async function eventsPublished(stack: TopologyStack, operationId: string): Promise<void> {
  const key = redisKeys(stack.prefix, stack.api.config.redis.keyLayout).eventLog();
  await waitFor(
    async () => {
      const entries = (await stack.api.redis.xrange(key, '-', '+')) as Array<[string, string[]]>;
      return entries
        .map(([, fields]) => JSON.parse(fields[fields.indexOf(EVENT_FIELD) + 1]!) as Json)
        .some((e) => e.type === 'operation.succeeded' && e.data.operationId === operationId);
    },
    { message: `operation.succeeded of ${operationId} in the event log` },
  );
}

/** Both processes say they are ready. */
export async function ready(stack: TopologyStack): Promise<void> {
  expect((await stack.api.app.request('/readyz')).status).toBe(200);
  const worker = await fetch(`http://127.0.0.1:${stack.worker.port}/readyz`);
  expect(worker.status).toBe(200);
}
