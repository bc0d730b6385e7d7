import { randomUUID } from 'node:crypto';
import { describe, expect } from 'vitest';
import { test as base } from '../support/fixtures.js';
import { waitFor } from '../support/wait-for.js';
import { type ObservedStack, sample, startObservedStack } from './stack.js';

// docs/architecture.md §10 through real api and worker processes: what an operator scrapes, reads in the
// dashboard and greps in the logs.

const test = base.extend('stack', { scope: 'file' }, async ({ redis }, { onCleanup }) => {
  const stack = await startObservedStack(redis);
  onCleanup(() => stack.stop());
  return stack;
});

async function call(s: ObservedStack, method: string, path: string, key?: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (key) headers.set('authorization', `Bearer ${key}`);
  return fetch(`${s.apiUrl}${path}`, { ...init, method, headers });
}

async function createJob(s: ObservedStack, name: string, requestId?: string) {
  const res = await call(s, 'POST', '/v1/namespaces/default/jobs', s.adminKey, {
    headers: { 'content-type': 'application/json', ...(requestId ? { 'x-request-id': requestId } : {}) },
    body: JSON.stringify({ name, image: 'busybox', command: ['sh', '-c', 'true'] }),
  });
  expect(res.status).toBe(202);
  return ((await res.json()) as { id: string }).id;
}

async function ended(s: ObservedStack, id: string): Promise<string> {
  return waitFor(
    async () => {
      const op = (await (await call(s, 'GET', `/v1/operations/${id}`, s.adminKey)).json()) as {
        state: string;
      };
      return op.state === 'succeeded' || op.state === 'failed' ? op.state : undefined;
    },
    { timeoutMs: 15_000, message: `operation ${id} to end` },
  );
}

const scrape = async (url: string) => (await fetch(`${url}/metrics`)).text();

describe('metrics', () => {
  test('worker: operations by outcome, retries, attempts, Kubernetes calls by verb/resource/code; api: queue depth by state', async ({
    stack,
  }) => {
    const { faults } = stack.devcluster;
    const ok = await createJob(stack, `obs-ok-${randomUUID().slice(0, 8)}`);
    expect(await ended(stack, ok)).toBe('succeeded');

    const rejected = faults.add({ verb: 'create', resource: 'jobs', status: 422, count: 1 });
    const invalid = await createJob(stack, `obs-bad-${randomUUID().slice(0, 8)}`);
    expect(await ended(stack, invalid)).toBe('failed');
    expect(faults.fired(rejected)).toBe(1);

    const unavailable = faults.add({ verb: 'create', resource: 'jobs', status: 503, count: 1 });
    const retried = await createJob(stack, `obs-retry-${randomUUID().slice(0, 8)}`);
    expect(await ended(stack, retried)).toBe('succeeded');
    expect(faults.fired(unavailable)).toBe(1);

    const worker = await scrape(stack.workerUrl);
    const op = { cluster: 'dev', command: 'job.create' };
    expect(sample(worker, 'eks_jobs_operations_total', { ...op, outcome: 'succeeded', code: '' })).toBe(2);
    expect(sample(worker, 'eks_jobs_operations_total', { ...op, outcome: 'failed', code: 'Invalid' })).toBe(
      1,
    );
    expect(worker).toMatch(
      /eks_jobs_operation_retries_total\{cluster="dev",command="job\.create",reason="retry",code="[A-Za-z]+"\} 1\n/,
    );
    // Two succeeded: one on its first attempt, one on its second.
    const attempts = { ...op, outcome: 'succeeded' };
    expect(sample(worker, 'eks_jobs_operation_attempts_bucket', { ...attempts, le: '1' })).toBe(1);
    expect(sample(worker, 'eks_jobs_operation_attempts_bucket', { ...attempts, le: '2' })).toBe(2);
    const kube = { cluster: 'dev', verb: 'create', resource: 'jobs' };
    expect(sample(worker, 'eks_jobs_kube_requests_total', { ...kube, code: '201' })).toBe(2);
    expect(sample(worker, 'eks_jobs_kube_requests_total', { ...kube, code: '422' })).toBe(1);
    expect(sample(worker, 'eks_jobs_kube_requests_total', { ...kube, code: '503' })).toBe(1);
    expect(sample(worker, 'eks_jobs_kube_request_duration_seconds_count', kube)).toBe(4);
    // Labels stay bounded: no job name or operation id anywhere in the text.
    for (const id of [ok, invalid, retried]) expect(worker).not.toContain(id);
    expect(worker).not.toContain('obs-ok-');

    // The API's own Kubernetes reads are counted too (a live status read).
    const name = `obs-read-${randomUUID().slice(0, 8)}`;
    expect(await ended(stack, await createJob(stack, name))).toBe('succeeded');
    expect((await call(stack, 'GET', `/v1/namespaces/default/jobs/${name}`, stack.adminKey)).status).toBe(
      200,
    );
    const api = await waitFor(
      async () => {
        const text = await scrape(stack.apiUrl);
        // Counts are cached for a second: wait for the scrape that sees every operation.
        return sample(text, 'eks_jobs_queue_depth', { cluster: 'dev', state: 'completed' }) === 3
          ? text
          : undefined;
      },
      { message: 'queue depth to show 3 completed' },
    );
    expect(sample(api, 'eks_jobs_queue_depth', { cluster: 'dev', state: 'failed' })).toBe(1);
    for (const state of ['waiting', 'prioritized', 'delayed', 'active']) {
      expect(sample(api, 'eks_jobs_queue_depth', { cluster: 'dev', state }), state).toBe(0);
    }
    expect(
      sample(api, 'eks_jobs_kube_requests_total', {
        cluster: 'dev',
        verb: 'get',
        resource: 'jobs',
        code: '200',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(sample(api, 'eks_jobs_queue_depth_errors_total', {})).toBe(0);
    // The worker serves the same gauge on its own port.
    expect(await scrape(stack.workerUrl)).toMatch(
      /eks_jobs_queue_depth\{cluster="dev",state="completed"\} \d+/,
    );
  });
});

describe('queue dashboard (bull-board) at /admin/queues', () => {
  test('admin key: the page, its assets and its API listing the cluster queue', async ({ stack }) => {
    const page = await call(stack, 'GET', '/admin/queues', stack.adminKey);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('<base href="/admin/queues/"');
    // The UI's own scripts load (static files served by @hono/node-server's serveStatic).
    const script = html.match(/src="(static\/js\/main[^"]+\.js)"/)?.[1];
    expect(script).toBeTruthy();
    const asset = await call(stack, 'GET', `/admin/queues/${script}`, stack.adminKey);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(1000);

    const api = await call(
      stack,
      'GET',
      '/admin/queues/api/queues?activeQueue=&page=1&jobsPerPage=10',
      stack.adminKey,
    );
    expect(api.status).toBe(200);
    const body = (await api.json()) as { queues: Array<{ name: string; readOnlyMode: boolean }> };
    expect(body.queues.map((q) => q.name)).toEqual(['ops-dev']);
    expect(body.queues[0]?.readOnlyMode).toBe(true);
  });

  test('a non-admin key gets 403, no key 401, both in the error envelope', async ({ stack }) => {
    for (const path of ['/admin/queues', '/admin/queues/api/queues']) {
      const none = await call(stack, 'GET', path);
      expect(none.status, path).toBe(401);
      expect(((await none.json()) as { error: { code: string } }).error.code).toBe('Unauthorized');
      const user = await call(stack, 'GET', path, stack.userKey);
      expect(user.status, path).toBe(403);
      expect(((await user.json()) as { error: { code: string } }).error.code).toBe('Forbidden');
    }
  });
});

describe('logs', () => {
  test('the X-Request-Id of the API request appears in the worker’s log line of that operation', async ({
    stack,
  }) => {
    const requestId = `obs-${randomUUID()}`;
    const id = await createJob(stack, `obs-log-${randomUUID().slice(0, 8)}`, requestId);
    expect(await ended(stack, id)).toBe('succeeded');
    expect(stack.logs(stack.api).some((l) => l.requestId === requestId && l.msg === 'request')).toBe(true);
    const line = await waitFor(
      () => stack.logs(stack.worker).find((l) => l.operationId === id && l.msg === 'operation succeeded'),
      { message: 'the worker to log the operation' },
    );
    expect(line).toMatchObject({ requestId, operationId: id, cluster: 'dev', command: 'job.create' });
  });
});
