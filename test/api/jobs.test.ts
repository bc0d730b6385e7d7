import { describe, expect } from 'vitest';
import { NAME_SUFFIX_ALPHABET } from '../../src/shared/kube/names.js';
import { waitFor } from '../support/wait-for.js';
import { body, operationEnded, shortJob, apiTest as test } from './support.js';

describe('jobs', () => {
  test('short form with generateName: 202, Location, final name decided at once, Job created with labels', async ({
    stack,
  }) => {
    const res = await stack.call('POST', '/v1/namespaces/default/jobs', {
      json: shortJob({ generateName: 'hello-' }),
    });
    expect(res.status).toBe(202);
    const op = await body(res);
    expect(res.headers.get('location')).toBe(`/v1/operations/${op.id}`);
    expect(res.headers.get('x-request-id')).toBeTruthy();
    expect(op.command).toBe('job.create');
    expect(op.target.namespace).toBe('default');
    expect(op.target.name).toMatch(new RegExp(`^hello-[${NAME_SUFFIX_ALPHABET}]{5}$`));
    const done = await operationEnded(stack, op.id);
    expect(done.state).toBe('succeeded');
    const stored = stack.devcluster.store.get('jobs', 'default', op.target.name) as {
      metadata: { labels: Record<string, string> };
    };
    expect(stored.metadata.labels).toMatchObject({
      'app.kubernetes.io/managed-by': 'eks-jobs',
      'eks-jobs/operation': op.id,
    });
  });

  test('live status until Succeeded, full view, list with labelSelector and paging, logs, delete, gone', async ({
    stack,
  }) => {
    const create = await stack.call('POST', '/v1/namespaces/default/jobs', {
      json: shortJob({ name: 'life' }, 'echo line-one; echo line-two', { labels: { suite: 'life' } }),
    });
    expect(create.status).toBe(202);
    const op = await body(create);
    await operationEnded(stack, op.id);

    const status = await waitFor(
      async () => {
        const s = await body(await stack.call('GET', '/v1/namespaces/default/jobs/life'));
        // Succeeded shows from SuccessCriteriaMet on; completionTime comes with Complete, once the
        // pod has terminated (Kubernetes ≥ 1.31), a moment later on a busy machine.
        return s.phase === 'Succeeded' && s.completionTime ? s : undefined;
      },
      { timeoutMs: 15_000, message: 'job life to succeed' },
    );
    expect(status.counts.succeeded).toBe(1);
    expect(status.operationId).toBe(op.id);
    expect(status.startTime).toBeTruthy();
    expect(status.completionTime).toBeTruthy();
    expect(status.conditions.map((c: { type: string }) => c.type)).toContain('Complete');

    const full = await body(await stack.call('GET', '/v1/namespaces/default/jobs/life?view=full'));
    expect(full.kind ?? 'Job').toBe('Job');
    expect(full.metadata.name).toBe('life');
    expect(full.spec.template.spec.containers[0].image).toBe('busybox:1.36');

    const logs = await stack.call('GET', '/v1/namespaces/default/jobs/life/logs');
    expect(logs.status).toBe(200);
    expect(logs.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await logs.text()).toContain('line-two');
    const tail = await stack.call('GET', '/v1/namespaces/default/jobs/life/logs?tailLines=1');
    expect((await tail.text()).trim()).toBe('line-two');

    // a second job with the same label, to page through two items one at a time
    const second = await body(
      await stack.call('POST', '/v1/namespaces/default/jobs', {
        json: shortJob({ name: 'life-two' }, 'echo x', { labels: { suite: 'life' } }),
      }),
    );
    await operationEnded(stack, second.id);
    const page1 = await body(
      await stack.call('GET', '/v1/namespaces/default/jobs?labelSelector=suite%3Dlife&limit=1'),
    );
    expect(page1.items).toHaveLength(1);
    expect(page1.continue).toBeTruthy();
    const page2 = await body(
      await stack.call(
        'GET',
        `/v1/namespaces/default/jobs?labelSelector=suite%3Dlife&limit=1&continue=${encodeURIComponent(page1.continue)}`,
      ),
    );
    expect(page2.items).toHaveLength(1);
    expect(new Set([page1.items[0].name, page2.items[0].name])).toEqual(new Set(['life', 'life-two']));
    const none = await body(
      await stack.call('GET', '/v1/namespaces/default/jobs?labelSelector=suite%3Dnothing'),
    );
    expect(none.items).toEqual([]);

    const del = await stack.call('DELETE', '/v1/namespaces/default/jobs/life');
    expect(del.status).toBe(202);
    const delOp = await body(del);
    expect(delOp.command).toBe('job.delete');
    expect((await operationEnded(stack, delOp.id)).state).toBe('succeeded');
    await waitFor(async () => (await stack.call('GET', '/v1/namespaces/default/jobs/life')).status === 404, {
      message: 'job life to be gone',
    });
    const gone = await body(await stack.call('GET', '/v1/namespaces/default/jobs/life'));
    expect(gone.error.code).toBe('JobNotFound');
  });

  test('a failing job ends Failed with its reason', async ({ stack }) => {
    const op = await body(
      await stack.call('POST', '/v1/namespaces/default/jobs', {
        json: shortJob({ name: 'fails' }, 'echo boom; exit 3', { backoffLimit: 0 }),
      }),
    );
    await operationEnded(stack, op.id);
    const status = await waitFor(
      async () => {
        const s = await body(await stack.call('GET', '/v1/namespaces/default/jobs/fails'));
        return s.phase === 'Failed' ? s : undefined;
      },
      { timeoutMs: 15_000, message: 'job fails to fail' },
    );
    expect(status.reason).toBe('BackoffLimitExceeded');
    expect(status.counts.failed).toBe(1);
    expect(await (await stack.call('GET', '/v1/namespaces/default/jobs/fails/logs')).text()).toContain(
      'boom',
    );
  });

  test('full manifest is accepted; namespace mismatch, bad names and bad labels are 422 with every issue', async ({
    stack,
  }) => {
    const manifest = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'from-manifest', namespace: 'default' },
      spec: {
        template: {
          spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox', command: ['true'] }] },
        },
      },
    };
    const ok = await stack.call('POST', '/v1/namespaces/default/jobs', { json: manifest });
    expect(ok.status).toBe(202);
    expect((await body(ok)).target.name).toBe('from-manifest');

    const bad = await stack.call('POST', '/v1/namespaces/default/jobs', {
      json: {
        ...manifest,
        metadata: { name: 'Bad_Name', namespace: 'other', labels: { ok: 'no spaces allowed' } },
      },
    });
    expect(bad.status).toBe(422);
    const err = await body(bad);
    expect(err.error.code).toBe('ValidationFailed');
    const paths = err.error.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining(['metadata.namespace', 'metadata.name', 'metadata.labels.ok']),
    );

    const schema = await stack.call('POST', '/v1/namespaces/default/jobs', {
      json: { name: 'x', command: 'not-a-list' },
    });
    expect(schema.status).toBe(422);
    const schemaErr = await body(schema);
    expect(schemaErr.error.details.issues.map((i: { path: string }) => i.path)).toEqual(
      expect.arrayContaining(['image', 'command']),
    );
  });

  test('dryRun: 200 with the object as the cluster would store it, nothing enqueued; 422 with the cluster’s causes', async ({
    stack,
  }) => {
    const before = await stack.operations.list({ cluster: 'dev', limit: 1000 });
    const res = await stack.call('POST', '/v1/namespaces/default/jobs?dryRun=true', {
      json: shortJob({ name: 'dry' }),
    });
    expect(res.status).toBe(200);
    const obj = await body(res);
    expect(obj.metadata.name).toBe('dry');
    expect(obj.metadata.uid).toBeTruthy();
    const after = await stack.operations.list({ cluster: 'dev', limit: 1000 });
    expect(after.items.length).toBe(before.items.length);
    expect(stack.devcluster.store.get('jobs', 'default', 'dry')).toBeUndefined();

    const invalid = await stack.call('POST', '/v1/namespaces/default/jobs?dryRun=true', {
      json: {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: 'dry-bad' },
        spec: {
          backoffLimit: -1,
          template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } },
        },
      },
    });
    expect(invalid.status).toBe(422);
    const err = await body(invalid);
    expect(err.error.code).toBe('Invalid');
    expect(err.error.details.causes.map((c: { field: string }) => c.field)).toContain('spec.backoffLimit');

    const missingNs = await stack.call('POST', '/v1/namespaces/nowhere/jobs?dryRun=true', {
      json: shortJob({ name: 'x' }),
    });
    expect(missingNs.status).toBe(404);
    expect((await body(missingNs)).error.code).toBe('NamespaceNotFound');
  });

  test('the same routes under /v1/clusters/{cluster}; an unknown cluster is 404 ClusterNotFound', async ({
    stack,
  }) => {
    const res = await stack.call('POST', '/v1/clusters/dev/namespaces/default/jobs', {
      json: shortJob({ name: 'by-cluster' }),
    });
    expect(res.status).toBe(202);
    const op = await body(res);
    expect(op.cluster).toBe('dev');
    await operationEnded(stack, op.id);
    expect((await stack.call('GET', '/v1/clusters/dev/namespaces/default/jobs/by-cluster')).status).toBe(200);
    expect((await stack.call('GET', `/v1/clusters/dev/operations/${op.id}`)).status).toBe(200);
    expect((await stack.call('GET', `/v1/clusters/idle/operations/${op.id}`)).status).toBe(404);

    for (const [method, path] of [
      ['POST', '/v1/clusters/nope/namespaces/default/jobs'],
      ['GET', '/v1/clusters/nope/namespaces/default/jobs/x'],
      ['GET', '/v1/clusters/nope/operations'],
    ] as const) {
      const r = await stack.call(method, path, method === 'POST' ? { json: shortJob({ name: 'x' }) } : {});
      expect(r.status, `${method} ${path}`).toBe(404);
      expect((await body(r)).error.code).toBe('ClusterNotFound');
    }
  });

  test('logs: a pod that is not the job’s is 404 PodNotFound; a missing job is 404 JobNotFound', async ({
    stack,
  }) => {
    const missing = await stack.call('GET', '/v1/namespaces/default/jobs/never-was/logs');
    expect(missing.status).toBe(404);
    expect((await body(missing)).error.code).toBe('JobNotFound');
    const op = await body(
      await stack.call('POST', '/v1/namespaces/default/jobs', { json: shortJob({ name: 'podless' }) }),
    );
    await operationEnded(stack, op.id);
    const wrongPod = await stack.call('GET', '/v1/namespaces/default/jobs/podless/logs?pod=someone-else');
    expect(wrongPod.status).toBe(404);
    expect((await body(wrongPod)).error.code).toBe('PodNotFound');
  });
});
