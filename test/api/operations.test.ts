import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { describe, expect } from 'vitest';
import { parseApiKeys } from '../../src/shared/api-keys/key-file.js';
import { queueNameOf } from '../../src/shared/redis-keys.js';
import { makeKey } from '../security/support/security-app.js';
import { waitFor } from '../support/wait-for.js';
import { body, operationEnded, shortJob, startApiStack, apiTest as test } from './support.js';

describe('operations', () => {
  test('get, list by state with paging, unknown id 404', async ({ stack }) => {
    const ids: string[] = [];
    for (const name of ['queued-a', 'queued-b', 'queued-c']) {
      const res = await stack.call('POST', '/v1/clusters/idle/namespaces/default/jobs', {
        json: shortJob({ name }),
      });
      expect(res.status).toBe(202);
      ids.push((await body(res)).id);
    }
    const one = await body(await stack.call('GET', `/v1/operations/${ids[0]}`));
    expect(one).toMatchObject({ id: ids[0], state: 'queued', cluster: 'idle', attempts: { made: 0 } });

    const page1 = await body(await stack.call('GET', '/v1/clusters/idle/operations?state=queued&limit=2'));
    expect(page1.items).toHaveLength(2);
    expect(page1.nextCursor).toBeTruthy();
    const page2 = await body(
      await stack.call('GET', `/v1/clusters/idle/operations?state=queued&limit=2&cursor=${page1.nextCursor}`),
    );
    const seen = [...page1.items, ...page2.items].map((o: { id: string }) => o.id);
    expect(new Set(seen)).toEqual(new Set(ids));
    const succeeded = await stack.call('GET', '/v1/operations?state=succeeded&limit=5');
    expect(succeeded.status).toBe(200);
    expect((await body(succeeded)).items).toBeInstanceOf(Array);

    const missing = await stack.call('GET', '/v1/operations/op_00000000000000000000000000000000');
    expect(missing.status).toBe(404);
    expect((await body(missing)).error.code).toBe('OperationNotFound');
    const badState = await stack.call('GET', '/v1/operations?state=sleeping');
    expect(badState.status).toBe(422);
    expect((await body(badState)).error.details.issues[0].path).toBe('state');
    const badCursor = await stack.call('GET', '/v1/operations?cursor=not-a-cursor');
    expect(badCursor.status).toBe(422);
    expect((await body(badCursor)).error.code).toBe('InvalidCursor');
  });

  test('the list shows only operations the key may read, as GET /v1/operations/{id} does', async ({
    redis,
    stack: shared,
  }) => {
    const admin = makeKey('admin', { scopes: { clusters: ['*'], namespaces: ['*'] } });
    const devOnly = makeKey('dev-only', { scopes: { clusters: ['dev'], namespaces: ['*'] } });
    const teamOnly = makeKey('team-only', { scopes: { clusters: ['*'], namespaces: ['team-*'] } });
    const stack = await startApiStack({
      redis,
      worker: false,
      devcluster: shared.devcluster,
      keys: parseApiKeys({ keys: [admin.entry, devOnly.entry, teamOnly.entry] }),
    });
    try {
      const as = (key: string) => ({ authorization: `Bearer ${key}` });
      const create = async (path: string) =>
        (
          await body(
            await stack.call('POST', path, {
              json: shortJob({ generateName: 'scoped-' }),
              headers: as(admin.key),
            }),
          )
        ).id as string;
      const onIdle = await create('/v1/clusters/idle/namespaces/default/jobs');
      const onDev = await create('/v1/namespaces/default/jobs');
      const inTeam = await create('/v1/namespaces/team-a/jobs');
      const listed = async (key: string) => {
        const res = await stack.call('GET', '/v1/operations?limit=100', { headers: as(key) });
        expect(res.status).toBe(200);
        return (await body(res)).items.map((o: { id: string }) => o.id);
      };
      expect(await listed(admin.key)).toEqual(expect.arrayContaining([onIdle, onDev, inTeam]));
      expect((await stack.call('GET', `/v1/operations/${onIdle}`, { headers: as(devOnly.key) })).status).toBe(
        403,
      );
      expect(await listed(devOnly.key)).toEqual(expect.arrayContaining([onDev, inTeam]));
      expect(await listed(devOnly.key)).not.toContain(onIdle);
      expect((await stack.call('GET', `/v1/operations/${onDev}`, { headers: as(teamOnly.key) })).status).toBe(
        403,
      );
      expect(await listed(teamOnly.key)).toEqual([inTeam]);
    } finally {
      await stack.close();
    }
  });

  test('cancel: 204 when queued (then gone), 409 OperationRunning when running, 409 when finished', async ({
    stack,
  }) => {
    const queued = await body(
      await stack.call('POST', '/v1/clusters/idle/namespaces/default/jobs', {
        json: shortJob({ name: 'to-cancel' }),
      }),
    );
    const cancel = await stack.call('DELETE', `/v1/operations/${queued.id}`);
    expect(cancel.status).toBe(204);
    expect((await stack.call('GET', `/v1/operations/${queued.id}`)).status).toBe(404);

    // Slow the cluster down so the worker holds the operation while we try to cancel it.
    const fault = stack.devcluster.faults.add({
      verb: 'create',
      resource: 'jobs',
      latencyMs: 1500,
      count: 1,
    });
    const slow = await body(
      await stack.call('POST', '/v1/namespaces/default/jobs', { json: shortJob({ name: 'slow' }) }),
    );
    await waitFor(
      async () => (await body(await stack.call('GET', `/v1/operations/${slow.id}`))).state === 'running',
      {
        message: 'operation to run',
      },
    );
    const running = await stack.call('DELETE', `/v1/operations/${slow.id}`);
    expect(running.status).toBe(409);
    expect((await body(running)).error.code).toBe('OperationRunning');
    expect((await operationEnded(stack, slow.id)).state).toBe('succeeded');
    stack.devcluster.faults.remove(fault);
    const finished = await stack.call('DELETE', `/v1/operations/${slow.id}`);
    expect(finished.status).toBe(409);
    expect((await body(finished)).error.code).toBe('OperationFinished');
  });

  test('retry: a failed operation is re-driven (202); a succeeded one is 409 OperationNotRetryable', async ({
    stack,
  }) => {
    const failing = await body(
      await stack.call('POST', '/v1/namespaces/no-such-ns/jobs', { json: shortJob({ name: 'orphan' }) }),
    );
    const failed = await operationEnded(stack, failing.id);
    expect(failed.state).toBe('failed');
    expect(failed.error.code).toBe('NamespaceNotFound');
    expect(failed.error.retryable).toBe(false);

    const retried = await stack.call('POST', `/v1/operations/${failing.id}/retry`);
    expect(retried.status).toBe(202);
    expect(retried.headers.get('location')).toBe(`/v1/operations/${failing.id}`);
    expect((await body(retried)).id).toBe(failing.id);
    // It fails again for the same reason: the namespace still does not exist.
    expect((await operationEnded(stack, failing.id)).error.code).toBe('NamespaceNotFound');

    const ok = await body(
      await stack.call('POST', '/v1/namespaces/default/jobs', { json: shortJob({ name: 'fine' }) }),
    );
    await operationEnded(stack, ok.id);
    const notRetryable = await stack.call('POST', `/v1/operations/${ok.id}/retry`);
    expect(notRetryable.status).toBe(409);
    expect((await body(notRetryable)).error.code).toBe('OperationNotRetryable');
  });
});

describe('Idempotency-Key', () => {
  test('same key + same body → the original operation; different body → 422 IdempotencyKeyReused', async ({
    stack,
  }) => {
    const headers = { 'idempotency-key': 'key-1' };
    const first = await stack.call('POST', '/v1/namespaces/default/jobs', {
      json: shortJob({ generateName: 'idem-' }),
      headers,
    });
    expect(first.status).toBe(202);
    const op = await body(first);
    const again = await stack.call('POST', '/v1/namespaces/default/jobs', {
      // same body, keys in another order: the same request
      json: { command: ['sh', '-c', 'echo hello'], image: 'busybox:1.36', generateName: 'idem-' },
      headers,
    });
    expect(again.status).toBe(202);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const replay = await body(again);
    expect(replay.id).toBe(op.id);
    expect(replay.target.name).toBe(op.target.name);

    const other = await stack.call('POST', '/v1/namespaces/default/jobs', {
      json: shortJob({ generateName: 'other-' }),
      headers,
    });
    expect(other.status).toBe(422);
    expect((await body(other)).error.code).toBe('IdempotencyKeyReused');
  });

  test('after the original operation was cancelled, the same key and body enqueue a new one at once', async ({
    stack,
  }) => {
    const send = () =>
      stack.call('POST', '/v1/clusters/idle/namespaces/default/jobs', {
        json: shortJob({ name: 'cancelled-then-resent' }),
        headers: { 'idempotency-key': 'cancel-then-resend' },
      });
    const original = await body(await send());
    expect((await stack.call('DELETE', `/v1/operations/${original.id}`)).status).toBe(204);

    const resent = await send();
    expect(resent.status).toBe(202);
    expect(resent.headers.get('idempotent-replayed')).toBeNull();
    const op = await body(resent);
    // The key names one operation id for good: the resend enqueues it anew under that id.
    expect(op.id).toBe(original.id);
    expect(op.state).toBe('queued');
    expect(await body(await stack.call('GET', `/v1/operations/${op.id}`))).toMatchObject({ state: 'queued' });
    // From now on the key names the new operation.
    const again = await send();
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await body(again)).id).toBe(op.id);
  });

  test('20 concurrent duplicates resolve to one operation and one Job', async ({ stack }) => {
    const headers = { 'idempotency-key': 'burst-1' };
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        stack.call('POST', '/v1/namespaces/default/jobs', {
          json: shortJob({ generateName: 'burst-' }),
          headers,
        }),
      ),
    );
    const ids = new Set<string>();
    for (const res of answers) {
      expect(res.status).toBe(202);
      ids.add((await body(res)).id);
    }
    expect(ids.size).toBe(1);
    const [id] = [...ids];
    await operationEnded(stack, id!);
    const jobs = stack.devcluster.store
      .list('jobs', 'default')
      .filter((j: { metadata: { name?: string } }) => j.metadata.name?.startsWith('burst-'));
    expect(jobs).toHaveLength(1);
  });
  test('a retry after Redis lost the claim and the operation (a failover) is the same operation: it meets its own Job, no second one', async ({
    stack,
    redis,
  }) => {
    const send = () =>
      stack.call('POST', '/v1/namespaces/default/jobs', {
        json: shortJob({ generateName: 'failover-' }),
        headers: { 'idempotency-key': 'lost-in-failover' },
      });
    const first = await body(await send());
    expect((await operationEnded(stack, first.id)).state).toBe('succeeded');
    // What a failover to a replica that never had them loses: the key's claim and the operation.
    const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    const queue = new Queue(queueNameOf('dev'), { connection, prefix: stack.prefix });
    try {
      expect(await queue.remove(first.id)).toBe(1);
    } finally {
      await queue.close();
      connection.disconnect();
    }
    const claims = await stack.producer.keys(`${stack.prefix}:api:idempotency:*`);
    expect(claims.length).toBeGreaterThan(0);
    await stack.producer.del(...claims);
    expect((await stack.call('GET', `/v1/operations/${first.id}`)).status).toBe(404);

    const retried = await send();
    expect(retried.status).toBe(202);
    const again = await body(retried);
    expect(again.id).toBe(first.id);
    expect(again.target.name).toBe(first.target.name);
    // The worker's create meets the Job of the lost attempt, labelled with this operation: a replay.
    const ended = await operationEnded(stack, again.id);
    expect(ended.state).toBe('succeeded');
    const jobs = stack.devcluster.store
      .list('jobs', 'default')
      .filter((j: { metadata: { name?: string } }) => j.metadata.name?.startsWith('failover-'));
    expect(jobs.map((j: { metadata: { name?: string } }) => j.metadata.name)).toEqual([first.target.name]);
  });
});

describe('Prefer: wait', () => {
  test('201 with the result when the create ends in time; Preference-Applied', async ({ stack }) => {
    const res = await stack.call('POST', '/v1/namespaces/default/jobs', {
      json: shortJob({ name: 'waited' }),
      headers: { prefer: 'wait=20' },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('preference-applied')).toBe('wait=20');
    expect(res.headers.get('location')).toBe('/v1/namespaces/default/jobs/waited');
    const op = await body(res);
    expect(op.state).toBe('succeeded');
    expect(op.result.uid).toBeTruthy();

    const del = await stack.call('DELETE', '/v1/namespaces/default/jobs/waited', {
      headers: { prefer: 'wait=20' },
    });
    expect(del.status).toBe(200);
    expect((await body(del)).state).toBe('succeeded');
  });

  test('a failure in time answers its error, not a success status, with the operation and its Location', async ({
    stack,
  }) => {
    const res = await stack.call('POST', '/v1/namespaces/no-such-ns/jobs', {
      json: shortJob({ name: 'waited-fail' }),
      headers: { prefer: 'wait=20' },
    });
    expect(res.status).toBe(404);
    expect(res.headers.get('preference-applied')).toBe('wait=20');
    const { error } = await body(res);
    expect(error.code).toBe('NamespaceNotFound');
    expect(error.details.operation).toMatchObject({ state: 'failed', error: { code: 'NamespaceNotFound' } });
    expect(res.headers.get('location')).toBe(`/v1/operations/${error.details.operation.id}`);

    await stack.call('POST', '/v1/namespaces/default/jobs', {
      json: shortJob({ name: 'taken' }),
      headers: { prefer: 'wait=20' },
    });
    const taken = await stack.call('POST', '/v1/namespaces/default/jobs', {
      json: shortJob({ name: 'taken' }),
      headers: { prefer: 'wait=20' },
    });
    expect(taken.status).toBe(409);
    expect((await body(taken)).error.code).toBe('AlreadyExists');
  });

  test('202 after the wait when the operation has not ended; wait is capped at 60', async ({ stack }) => {
    const started = Date.now();
    const res = await stack.call('POST', '/v1/clusters/idle/namespaces/default/jobs', {
      json: shortJob({ name: 'never-runs' }),
      headers: { prefer: 'wait=1' },
    });
    expect(res.status).toBe(202);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect((await body(res)).state).toBe('queued');
    const capped = await stack.call('POST', '/v1/namespaces/default/jobs', {
      json: shortJob({ name: 'capped' }),
      headers: { prefer: 'respond-async, wait=600' },
    });
    expect(capped.headers.get('preference-applied')).toBe('wait=60');
  });
});

describe('queue depth', () => {
  test('over MAX_QUEUE_DEPTH → 429 QueueFull with Retry-After', async ({ stack, redis }) => {
    // An API composed as main.ts composes it, with MAX_QUEUE_DEPTH=2 and a queue of its own.
    const small = await startApiStack({
      redis,
      env: { MAX_QUEUE_DEPTH: '2' },
      worker: false,
      devcluster: stack.devcluster,
    });
    const app = small.app;
    try {
      const post = (name: string) =>
        app.request('/v1/clusters/idle/namespaces/default/jobs', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(shortJob({ name })),
        });
      expect((await post('depth-1')).status).toBe(202);
      expect((await post('depth-2')).status).toBe(202);
      const full = await post('depth-3');
      expect(full.status).toBe(429);
      expect(full.headers.get('retry-after')).toBeTruthy();
      expect((await body(full)).error.code).toBe('QueueFull');
    } finally {
      await small.close();
    }
  });
});

describe('a primary without its replicas', () => {
  test('NOREPLICAS (min-replicas-to-write) is 503 QueueUnavailable; the retry with the key is taken once the primary writes again', async ({
    stack,
  }) => {
    const send = () =>
      stack.call('POST', '/v1/namespaces/default/jobs', {
        json: shortJob({ generateName: 'noreplicas-' }),
        headers: { 'idempotency-key': 'noreplicas-1' },
      });
    // The suite's Redis has no replica: asking for one makes it refuse every write.
    await stack.producer.config('SET', 'min-replicas-to-write', '1');
    try {
      const refused = await send();
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBeTruthy();
      expect((await body(refused)).error.code).toBe('QueueUnavailable');
    } finally {
      await stack.producer.config('SET', 'min-replicas-to-write', '0');
    }
    const taken = await send();
    expect(taken.status).toBe(202);
    const op = await body(taken);
    expect((await operationEnded(stack, op.id)).state).toBe('succeeded');
  });
});
