import { describe, expect } from 'vitest';
import { test as base } from '../support/fixtures.js';
import { type ProcessStack, startProcessStack } from '../support/stack.js';
import { waitFor } from '../support/wait-for.js';

const test = base.extend('service', { scope: 'file' }, async ({ redis }, { onCleanup }) => {
  const stack = await startProcessStack(redis);
  onCleanup(() => stack.stop());
  return stack;
});

function client(s: ProcessStack) {
  return async (method: string, path: string, json?: unknown) => {
    const res = await fetch(`${s.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${s.key}`, ...(json ? { 'content-type': 'application/json' } : {}) },
      ...(json ? { body: JSON.stringify(json) } : {}),
    });
    const text = await res.text();
    // biome-ignore lint/suspicious/noExplicitAny: JSON read by assertions.
    let data: Record<string, any> = {};
    try {
      data = JSON.parse(text);
    } catch {}
    return { status: res.status, headers: res.headers, text, data };
  };
}

describe('a user’s day, through real api and worker processes', () => {
  test('submit → poll the operation → poll the job until Succeeded → logs → delete → gone', async ({
    service,
  }) => {
    const call = client(service);
    const created = await call('POST', '/v1/namespaces/default/jobs', {
      generateName: 'day-',
      image: 'busybox:1.36',
      command: ['sh', '-c', 'echo working; sleep 1; echo finished'],
    });
    expect(created.status).toBe(202);
    const name: string = created.data.target.name;
    const location = created.headers.get('location')!;
    const op = await waitFor(
      async () => {
        const r = await call('GET', location);
        return r.data.state === 'succeeded' ? r.data : undefined;
      },
      { timeoutMs: 20_000, message: 'create operation to succeed' },
    );
    expect(op.result.uid).toBeTruthy();
    const status = await waitFor(
      async () => {
        const r = await call('GET', `/v1/namespaces/default/jobs/${name}`);
        return r.data.phase === 'Succeeded' ? r.data : undefined;
      },
      { timeoutMs: 20_000, message: 'job to succeed' },
    );
    expect(status.operationId).toBe(created.data.id);
    const logs = await call('GET', `/v1/namespaces/default/jobs/${name}/logs`);
    expect(logs.text).toBe('working\nfinished\n');
    const deleted = await call('DELETE', `/v1/namespaces/default/jobs/${name}`);
    expect(deleted.status).toBe(202);
    await waitFor(async () => (await call('GET', `/v1/namespaces/default/jobs/${name}`)).status === 404, {
      timeoutMs: 20_000,
      message: 'job to be gone',
    });
    expect((await call('GET', `/v1/namespaces/default/jobs/${name}`)).data.error.code).toBe('JobNotFound');
  });

  test('a failing job ends Failed with its reason', async ({ service }) => {
    const call = client(service);
    const created = await call('POST', '/v1/namespaces/default/jobs', {
      name: 'day-fails',
      image: 'busybox:1.36',
      command: ['sh', '-c', 'echo about to fail; exit 2'],
      backoffLimit: 1,
    });
    expect(created.status).toBe(202);
    const status = await waitFor(
      async () => {
        const r = await call('GET', '/v1/namespaces/default/jobs/day-fails');
        return r.data.phase === 'Failed' ? r.data : undefined;
      },
      { timeoutMs: 30_000, message: 'job to fail' },
    );
    expect(status.reason).toBe('BackoffLimitExceeded');
    expect(status.counts.failed).toBe(2);
    expect((await call('GET', '/v1/namespaces/default/jobs/day-fails/logs')).text).toContain('about to fail');
  });

  test('SIGTERM: the API process stops taking requests and exits 0', async ({ service }) => {
    service.api.child.kill('SIGTERM');
    expect(await service.api.exited).toBe(0);
  });
});
