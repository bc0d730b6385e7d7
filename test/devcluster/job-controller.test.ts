/** The simulated Job controller as client-node observes it. */
import type { BatchV1Api, CoreV1Api, V1Job, V1JobCondition } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor, type DevCluster, startTestDevCluster } from '../support/devcluster.js';
import { waitFor } from '../support/wait-for.js';

let cluster: DevCluster;
let core: CoreV1Api;
let batch: BatchV1Api;
let seq = 0;

beforeAll(async () => {
  cluster = await startTestDevCluster({ timeScale: 0.005 });
  ({ core, batch } = clientsFor(cluster));
});
afterAll(() => cluster.stop());

async function namespace(): Promise<string> {
  const name = `ctl-${++seq}`;
  await core.createNamespace({ body: { metadata: { name } } });
  return name;
}

function job(
  name: string,
  script: string,
  spec: Partial<NonNullable<V1Job['spec']>> = {},
  restartPolicy = 'Never',
): V1Job {
  return {
    metadata: { name },
    spec: {
      ...spec,
      template: {
        spec: {
          restartPolicy,
          containers: [{ name: 'main', image: 'busybox', command: ['sh', '-c', script] }],
        },
      },
    },
  };
}

const types = (conds: V1JobCondition[] | undefined) =>
  (conds ?? []).map((c) => `${c.type}=${c.status}:${c.reason}`);

async function finished(ns: string, name: string, timeoutMs = 10_000): Promise<V1Job> {
  return waitFor(
    async () => {
      const j = await batch.readNamespacedJob({ namespace: ns, name });
      return j.status?.conditions?.some(
        (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
      )
        ? j
        : undefined;
    },
    { timeoutMs, message: `job ${ns}/${name} to finish` },
  );
}

describe('job controller', () => {
  it('runs a pod with the real job labels to completion and records SuccessCriteriaMet then Complete', async () => {
    const ns = await namespace();
    const created = await batch.createNamespacedJob({
      namespace: ns,
      body: job('ok', 'echo hello; sleep 2; echo bye'),
    });
    const uid = created.metadata?.uid ?? '';
    const done = await finished(ns, 'ok');
    expect(types(done.status?.conditions)).toEqual([
      'SuccessCriteriaMet=True:CompletionsReached',
      'Complete=True:CompletionsReached',
    ]);
    expect(done.status?.conditions?.[1]?.message).toBe('Reached expected number of succeeded pods');
    expect(done.status).toMatchObject({ succeeded: 1, ready: 0, terminating: 0 });
    expect(done.status?.active).toBeUndefined();
    expect(done.status?.completionTime).toBeTruthy();
    expect(done.status?.startTime).toBeTruthy();
    const pods = (
      await core.listNamespacedPod({
        namespace: ns,
        labelSelector: `batch.kubernetes.io/controller-uid=${uid}`,
      })
    ).items;
    expect(pods).toHaveLength(1);
    const pod = pods[0];
    expect(pod?.metadata?.name).toMatch(/^ok-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(pod?.metadata?.labels).toMatchObject({
      'batch.kubernetes.io/controller-uid': uid,
      'batch.kubernetes.io/job-name': 'ok',
      'controller-uid': uid,
      'job-name': 'ok',
    });
    expect(pod?.metadata?.ownerReferences).toEqual([
      { apiVersion: 'batch/v1', kind: 'Job', name: 'ok', uid, controller: true, blockOwnerDeletion: true },
    ]);
    expect(pod?.status?.phase).toBe('Succeeded');
    expect(pod?.status?.containerStatuses?.[0]?.state?.terminated).toMatchObject({
      exitCode: 0,
      reason: 'Completed',
    });
    const log = await core.readNamespacedPodLog({ namespace: ns, name: pod?.metadata?.name ?? '' });
    expect(log).toBe('hello\nbye\n');
    expect(
      await core.readNamespacedPodLog({ namespace: ns, name: pod?.metadata?.name ?? '', tailLines: 1 }),
    ).toBe('bye\n');
  });

  it('retries a failing pod up to backoffLimit, then FailureTarget and Failed', async () => {
    const ns = await namespace();
    await batch.createNamespacedJob({
      namespace: ns,
      body: job('bad', 'echo trying; exit 3', { backoffLimit: 2 }),
    });
    const done = await finished(ns, 'bad');
    expect(types(done.status?.conditions)).toEqual([
      'FailureTarget=True:BackoffLimitExceeded',
      'Failed=True:BackoffLimitExceeded',
    ]);
    expect(done.status?.conditions?.[1]?.message).toBe('Job has reached the specified backoff limit');
    expect(done.status?.failed).toBe(3);
    expect(done.status?.succeeded).toBeUndefined();
    expect(done.status?.completionTime).toBeUndefined();
    const pods = (await core.listNamespacedPod({ namespace: ns, labelSelector: 'job-name=bad' })).items;
    expect(
      pods.map((p) => [p.status?.phase, p.status?.containerStatuses?.[0]?.state?.terminated?.exitCode]),
    ).toEqual([
      ['Failed', 3],
      ['Failed', 3],
      ['Failed', 3],
    ]);
  });

  it('counts container restarts against backoffLimit with restartPolicy OnFailure', async () => {
    const ns = await namespace();
    await batch.createNamespacedJob({
      namespace: ns,
      body: job('crashy', 'echo attempt; exit 1', { backoffLimit: 2 }, 'OnFailure'),
    });
    const done = await finished(ns, 'crashy');
    expect(types(done.status?.conditions)).toEqual([
      'FailureTarget=True:BackoffLimitExceeded',
      'Failed=True:BackoffLimitExceeded',
    ]);
  });

  it('honours parallelism and completions', async () => {
    const ns = await namespace();
    await batch.createNamespacedJob({
      namespace: ns,
      body: job('par', 'sleep 5', { parallelism: 2, completions: 5 }),
    });
    let maxActive = 0;
    const done = await waitFor(async () => {
      const j = await batch.readNamespacedJob({ namespace: ns, name: 'par' });
      maxActive = Math.max(maxActive, j.status?.active ?? 0);
      return j.status?.conditions?.some((c) => c.type === 'Complete') ? j : undefined;
    });
    expect(done.status?.succeeded).toBe(5);
    expect(maxActive).toBe(2);
    expect((await core.listNamespacedPod({ namespace: ns })).items).toHaveLength(5);
  });

  it('fails a job that runs past activeDeadlineSeconds with DeadlineExceeded', async () => {
    const ns = await namespace();
    await batch.createNamespacedJob({
      namespace: ns,
      body: job('slow', 'sleep 1000', { activeDeadlineSeconds: 5 }),
    });
    const done = await finished(ns, 'slow');
    expect(types(done.status?.conditions)).toEqual([
      'FailureTarget=True:DeadlineExceeded',
      'Failed=True:DeadlineExceeded',
    ]);
    expect(done.status?.conditions?.[1]?.message).toBe('Job was active longer than specified deadline');
    expect((await core.listNamespacedPod({ namespace: ns })).items).toHaveLength(0);
  });

  it('holds a suspended job without pods and runs it once resumed', async () => {
    const ns = await namespace();
    await batch.createNamespacedJob({ namespace: ns, body: job('held', 'echo resumed', { suspend: true }) });
    const suspended = await waitFor(async () => {
      const j = await batch.readNamespacedJob({ namespace: ns, name: 'held' });
      return j.status?.conditions?.some((c) => c.type === 'Suspended' && c.status === 'True') ? j : undefined;
    });
    expect(suspended.status?.conditions?.[0]).toMatchObject({
      reason: 'JobSuspended',
      message: 'Job suspended',
    });
    expect(suspended.status?.startTime).toBeUndefined();
    expect((await core.listNamespacedPod({ namespace: ns })).items).toHaveLength(0);
    await batch.patchNamespacedJob({
      namespace: ns,
      name: 'held',
      body: [{ op: 'replace', path: '/spec/suspend', value: false }],
    });
    const done = await finished(ns, 'held');
    expect(types(done.status?.conditions)).toEqual([
      'Suspended=False:JobResumed',
      'SuccessCriteriaMet=True:CompletionsReached',
      'Complete=True:CompletionsReached',
    ]);
  });

  it('deletes a finished job and its pods after ttlSecondsAfterFinished', async () => {
    const ns = await namespace();
    await batch.createNamespacedJob({
      namespace: ns,
      body: job('ttl', 'echo bye', { ttlSecondsAfterFinished: 2 }),
    });
    await waitFor(async () => {
      const jobs = await batch.listNamespacedJob({ namespace: ns });
      const pods = await core.listNamespacedPod({ namespace: ns });
      return jobs.items.length === 0 && pods.items.length === 0;
    });
    expect(cluster.counters.requests({ verb: 'create', resource: 'jobs', code: 201 })).toBeGreaterThan(0);
  });

  it('replaces a pod deleted while running and counts it as failed', async () => {
    const ns = await namespace();
    await batch.createNamespacedJob({ namespace: ns, body: job('victim', 'sleep 20') });
    const first = await waitFor(async () => (await core.listNamespacedPod({ namespace: ns })).items[0]);
    await core.deleteNamespacedPod({ namespace: ns, name: first.metadata?.name ?? '' });
    const done = await finished(ns, 'victim');
    expect(done.status).toMatchObject({ succeeded: 1, failed: 1 });
  });

  it('background deletion removes the pods; foreground deletion removes pods before the job', async () => {
    const ns = await namespace();
    await batch.createNamespacedJob({ namespace: ns, body: job('bg', 'sleep 100') });
    await batch.createNamespacedJob({ namespace: ns, body: job('fg', 'sleep 100') });
    await waitFor(async () => (await core.listNamespacedPod({ namespace: ns })).items.length === 2);
    await batch.deleteNamespacedJob({ namespace: ns, name: 'bg', propagationPolicy: 'Background' });
    await batch.deleteNamespacedJob({ namespace: ns, name: 'fg', body: { propagationPolicy: 'Foreground' } });
    await waitFor(
      async () =>
        (await core.listNamespacedPod({ namespace: ns })).items.length === 0 &&
        (await batch.listNamespacedJob({ namespace: ns })).items.length === 0,
    );
  });

  it('keeps namespace Terminating until its jobs and pods are gone', async () => {
    const ns = await namespace();
    await batch.createNamespacedJob({ namespace: ns, body: job('inside', 'sleep 100') });
    await waitFor(async () => (await core.listNamespacedPod({ namespace: ns })).items.length === 1);
    const deleting = await core.deleteNamespace({ name: ns });
    expect((deleting as unknown as { status: { phase: string } }).status.phase).toBe('Terminating');
    await waitFor(async () => !(await core.listNamespace()).items.some((n) => n.metadata?.name === ns));
    expect(cluster.store.count('pods', ns)).toBe(0);
    expect(cluster.store.count('jobs', ns)).toBe(0);
  });

  it('serves logs of a waiting container as the kubelet does', async () => {
    const slow = await startTestDevCluster({ timeScale: 1, podStartSeconds: 60 });
    try {
      const c = clientsFor(slow);
      await c.batch.createNamespacedJob({ namespace: 'default', body: job('wait', 'echo x') });
      const pod = await waitFor(
        async () => (await c.core.listNamespacedPod({ namespace: 'default' })).items[0],
      );
      const err = await c.core
        .readNamespacedPodLog({ namespace: 'default', name: pod.metadata?.name ?? '' })
        .then(
          () => ({ code: 200, body: '{}' }),
          (e: unknown) => e as { code: number; body: string },
        );
      expect(err.code).toBe(400);
      expect(JSON.parse(err.body).message).toBe(
        `container "main" in pod "${pod.metadata?.name}" is waiting to start: ContainerCreating`,
      );
    } finally {
      await slow.stop();
    }
  });
});
