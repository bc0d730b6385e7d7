/** List paging and watch semantics through client-node's Watch and list calls. */
import { type BatchV1Api, type CoreV1Api, type KubeConfig, type V1Job, Watch } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor, type DevCluster, startTestDevCluster } from '../support/devcluster.js';
import { waitFor } from '../support/wait-for.js';

let cluster: DevCluster;
let kc: KubeConfig;
let core: CoreV1Api;
let batch: BatchV1Api;
let seq = 0;

beforeAll(async () => {
  cluster = await startTestDevCluster({ timeScale: 0.005, watchHistory: 200 });
  ({ kc, core, batch } = clientsFor(cluster));
});
afterAll(() => cluster.stop());

async function namespace(): Promise<string> {
  const name = `w-${++seq}`;
  await core.createNamespace({ body: { metadata: { name } } });
  return name;
}

const job = (name: string, labels: Record<string, string> = {}): V1Job => ({
  metadata: { name, labels },
  spec: {
    template: {
      spec: {
        restartPolicy: 'Never',
        containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'echo hi'] }],
      },
    },
  },
});

interface Seen {
  type: string;
  obj: V1Job & {
    kind?: string;
    metadata?: { resourceVersion?: string; annotations?: Record<string, string> };
  };
}

async function watchJobs(
  path: string,
  query: Record<string, string | boolean>,
  events: Seen[],
): Promise<{ abort(): void; done: Promise<unknown> }> {
  let resolveDone: (e: unknown) => void = () => {};
  const done = new Promise((r) => {
    resolveDone = r;
  });
  const ctl = await new Watch(kc).watch(
    path,
    query,
    (type, obj) => events.push({ type, obj: obj as Seen['obj'] }),
    resolveDone,
  );
  return { abort: () => ctl.abort(), done };
}

describe('watch', () => {
  it('sees a job ADDED, MODIFIED as it runs, then DELETED', async () => {
    const ns = await namespace();
    const events: Seen[] = [];
    const w = await watchJobs(`/apis/batch/v1/namespaces/${ns}/jobs`, {}, events);
    await batch.createNamespacedJob({ namespace: ns, body: job('watched') });
    await waitFor(() => events.some((e) => e.obj.status?.conditions?.some((c) => c.type === 'Complete')));
    await batch.deleteNamespacedJob({ namespace: ns, name: 'watched', propagationPolicy: 'Background' });
    await waitFor(() => events.some((e) => e.type === 'DELETED'));
    w.abort();
    const typesSeen = events.map((e) => e.type);
    expect(typesSeen[0]).toBe('ADDED');
    expect(typesSeen.at(-1)).toBe('DELETED');
    expect(typesSeen.filter((t) => t === 'MODIFIED').length).toBeGreaterThanOrEqual(2);
    expect(events.every((e) => e.obj.kind === 'Job' && e.obj.metadata?.name === 'watched')).toBe(true);
    const rvs = events.map((e) => Number(e.obj.metadata?.resourceVersion));
    expect([...rvs].sort((a, b) => a - b)).toEqual(rvs);
  });

  it('resumes from a resourceVersion and filters by label and field selectors', async () => {
    const ns = await namespace();
    const list = await batch.listNamespacedJob({ namespace: ns });
    await batch.createNamespacedJob({ namespace: ns, body: job('a', { team: 'x' }) });
    await batch.createNamespacedJob({ namespace: ns, body: job('b', { team: 'y' }) });
    const events: Seen[] = [];
    const w = await watchJobs(
      `/apis/batch/v1/namespaces/${ns}/jobs`,
      { resourceVersion: list.metadata?.resourceVersion ?? '', labelSelector: 'team in (x)' },
      events,
    );
    await waitFor(() => events.some((e) => e.type === 'ADDED'));
    const named: Seen[] = [];
    const w2 = await watchJobs(
      `/apis/batch/v1/namespaces/${ns}/jobs`,
      { fieldSelector: 'metadata.name=b' },
      named,
    );
    await waitFor(() => named.length > 0);
    w.abort();
    w2.abort();
    expect(new Set(events.map((e) => e.obj.metadata?.name))).toEqual(new Set(['a']));
    expect(named[0]?.type).toBe('ADDED');
    expect(new Set(named.map((e) => e.obj.metadata?.name))).toEqual(new Set(['b']));
  });

  it('answers a too old resourceVersion with an ERROR event carrying 410 Expired; history is kept per resource', async () => {
    // A cluster of its own with a short history: 20 events per resource.
    const small = await startTestDevCluster({ timeScale: 0.005, watchHistory: 20 });
    try {
      const c = clientsFor(small);
      const ns = 'churn';
      await c.core.createNamespace({ body: { metadata: { name: ns } } });
      const old = (await c.batch.listNamespacedJob({ namespace: ns })).metadata?.resourceVersion ?? '';
      const nsOld = (await c.core.listNamespace()).metadata?.resourceVersion ?? '';
      // 40 Jobs: more than 20 Job events, and many more pod and Event writes.
      for (let i = 0; i < 40; i++)
        await c.batch.createNamespacedJob({ namespace: ns, body: job(`churn-${i}`) });
      const collect = async (path: string, rv: string) => {
        const seen: Seen[] = [];
        const ctl = await new Watch(c.kc).watch(
          path,
          { resourceVersion: rv, timeoutSeconds: 1 },
          (type, obj) => seen.push({ type, obj: obj as Seen['obj'] }),
          () => {},
        );
        return { seen, abort: () => ctl.abort() };
      };
      const jobs = await collect(`/apis/batch/v1/namespaces/${ns}/jobs`, old);
      await waitFor(() => jobs.seen.length > 0);
      jobs.abort();
      expect(jobs.seen).toHaveLength(1);
      expect(jobs.seen[0]?.type).toBe('ERROR');
      expect(jobs.seen[0]?.obj).toMatchObject({
        kind: 'Status',
        code: 410,
        reason: 'Expired',
        message: expect.stringMatching(/^too old resource version: /),
      });
      // Namespaces changed once since nsOld: the Job, pod and Event churn did not push their history out.
      await c.core.createNamespace({ body: { metadata: { name: 'after-churn' } } });
      const nss = await collect('/api/v1/namespaces', nsOld);
      await waitFor(() => nss.seen.some((e) => e.obj.metadata?.name === 'after-churn'));
      nss.abort();
      expect(nss.seen.map((e) => e.type)).not.toContain('ERROR');
      expect(nss.seen.filter((e) => e.type === 'ADDED').map((e) => e.obj.metadata?.name)).toEqual([
        'after-churn',
      ]);
    } finally {
      await small.stop();
    }
  });

  it('sends bookmarks and the initial-events-end bookmark when asked', async () => {
    const ns = await namespace();
    await batch.createNamespacedJob({ namespace: ns, body: job('one') });
    const events: Seen[] = [];
    const w = await watchJobs(
      `/apis/batch/v1/namespaces/${ns}/jobs`,
      { allowWatchBookmarks: true, sendInitialEvents: true, resourceVersionMatch: 'NotOlderThan' },
      events,
    );
    await waitFor(() => events.filter((e) => e.type === 'BOOKMARK').length >= 2, { timeoutMs: 5000 });
    w.abort();
    expect(events[0]?.type).toBe('ADDED');
    const firstBookmark = events.find((e) => e.type === 'BOOKMARK');
    expect(firstBookmark?.obj.metadata?.annotations).toEqual({ 'k8s.io/initial-events-end': 'true' });
  });
});

describe('list', () => {
  it('pages with limit and continue, with remainingItemCount', async () => {
    const ns = await namespace();
    for (let i = 0; i < 7; i++) await batch.createNamespacedJob({ namespace: ns, body: job(`p-${i}`) });
    const names: string[] = [];
    let cont: string | undefined;
    const remaining: (number | undefined)[] = [];
    do {
      const page = await batch.listNamespacedJob({
        namespace: ns,
        limit: 3,
        ...(cont ? { _continue: cont } : {}),
      });
      names.push(...page.items.map((j) => j.metadata?.name ?? ''));
      remaining.push(page.metadata?.remainingItemCount);
      cont = page.metadata?._continue;
    } while (cont);
    expect(names).toEqual(['p-0', 'p-1', 'p-2', 'p-3', 'p-4', 'p-5', 'p-6']);
    expect(remaining).toEqual([4, 1, undefined]);
  });

  it('filters by set-based label selectors and refuses unknown field selectors', async () => {
    const ns = await namespace();
    await batch.createNamespacedJob({ namespace: ns, body: job('l1', { tier: 'a' }) });
    await batch.createNamespacedJob({ namespace: ns, body: job('l2', { tier: 'b' }) });
    await batch.createNamespacedJob({ namespace: ns, body: job('l3') });
    const pick = async (labelSelector: string) =>
      (await batch.listNamespacedJob({ namespace: ns, labelSelector })).items.map((j) => j.metadata?.name);
    expect(await pick('tier notin (a)')).toEqual(['l2', 'l3']);
    expect(await pick('tier')).toEqual(['l1', 'l2']);
    expect(await pick('!tier')).toEqual(['l3']);
    const err = await batch.listNamespacedJob({ namespace: ns, fieldSelector: 'spec.parallelism=1' }).then(
      () => ({ code: 200, body: '{}' }),
      (e: unknown) => e as { code: number; body: string },
    );
    expect(err.code).toBe(400);
    expect(JSON.parse(err.body)).toMatchObject({
      reason: 'BadRequest',
      message: 'field label not supported: spec.parallelism',
    });
  });
});
