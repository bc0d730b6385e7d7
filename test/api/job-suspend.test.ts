import { describe, expect } from 'vitest';
import { waitFor } from '../support/wait-for.js';
import { body, operationEnded, shortJob, apiTest as test } from './support.js';

// job.suspend: a command added as one module (src/shared/commands/job-suspend.ts) plus its route.
describe('suspend and resume a Job', () => {
  test('PATCH {suspend: true} suspends a running Job, {suspend: false} lets it finish', async ({ stack }) => {
    const create = await stack.call('POST', '/v1/namespaces/default/jobs', {
      json: shortJob({ name: 'pausable' }, 'sleep 200; echo done'),
      headers: { prefer: 'wait=30' },
    });
    expect(create.status).toBe(201);
    const phase = async () =>
      (await body(await stack.call('GET', '/v1/namespaces/default/jobs/pausable'))).phase;
    await waitFor(async () => (await phase()) === 'Running', {
      timeoutMs: 15_000,
      message: 'the Job to run',
    });

    const suspend = await stack.call('PATCH', '/v1/namespaces/default/jobs/pausable', {
      json: { suspend: true },
      headers: { prefer: 'wait=30' },
    });
    expect(suspend.status).toBe(200);
    expect(await body(suspend)).toMatchObject({
      command: 'job.suspend',
      state: 'succeeded',
      target: { name: 'pausable' },
    });
    await waitFor(async () => (await phase()) === 'Suspended', {
      timeoutMs: 15_000,
      message: 'the Job to be suspended',
    });

    const resume = await stack.call('PATCH', '/v1/namespaces/default/jobs/pausable', {
      json: { suspend: false },
    });
    expect(resume.status).toBe(202);
    expect((await operationEnded(stack, (await body(resume)).id)).state).toBe('succeeded');
    await waitFor(async () => (await phase()) !== 'Suspended', {
      timeoutMs: 15_000,
      message: 'the Job to resume',
    });
  });

  test('a Job that does not exist: the operation fails JobNotFound; a bad body is 422 and enqueues nothing', async ({
    stack,
  }) => {
    const missing = await stack.call('PATCH', '/v1/namespaces/default/jobs/no-such-job', {
      json: { suspend: true },
      headers: { prefer: 'wait=30' },
    });
    expect(missing.status).toBe(404);
    expect((await body(missing)).error.code).toBe('JobNotFound');
    for (const json of [{ suspend: 'yes' }, { suspend: true, replicas: 3 }, {}]) {
      const bad = await stack.call('PATCH', '/v1/namespaces/default/jobs/no-such-job', { json });
      expect(bad.status).toBe(422);
    }
  });
});
