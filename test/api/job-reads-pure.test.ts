/**
 * The pure parts of job lists and logs: filtered paging over cluster pages (every match once,
 * pages never over the limit, Jobs deleted between pages), the filters, the label selector,
 * the pod a log read picks and the query it sends.
 */
import type { V1Job, V1Pod } from '@kubernetes/client-node';
import { describe, expect, test } from 'vitest';
import type { ClusterClient } from '../../src/api/deps.js';
import type { ApiError } from '../../src/api/errors.js';
import { filteredPage, jobSelector, matchesFilters } from '../../src/api/job-list.js';
import { MAX_LOG_BYTES, openPodLog, pickLogPod, podLogQuery } from '../../src/api/job-logs.js';

const job = (namespace: string, name: string, extra: Partial<V1Job> = {}): V1Job => ({
  metadata: { namespace, name, creationTimestamp: new Date('2025-01-01T00:00:00Z') },
  ...extra,
});
const key = (j: V1Job) => `${j.metadata?.namespace}/${j.metadata?.name}`;

/** A cluster that lists `store` in key order with limit/continue, as the API server does. */
function fakeCluster(store: V1Job[]) {
  let reads = 0;
  return {
    get reads() {
      return reads;
    },
    async read(limit: number, token: string | undefined) {
      reads++;
      const after = token ? Buffer.from(token, 'base64url').toString() : '';
      const rest = [...store].sort((a, b) => (key(a) < key(b) ? -1 : 1)).filter((j) => key(j) > after);
      const items = rest.slice(0, limit);
      const last = items.at(-1);
      return {
        items,
        continue: rest.length > limit && last ? Buffer.from(key(last)).toString('base64url') : undefined,
      };
    },
  };
}

async function readAll(store: V1Job[], o: { limit: number; pageSize?: number; keep: (j: V1Job) => boolean }) {
  const cluster = fakeCluster(store);
  const pages: V1Job[][] = [];
  let cursor: string | undefined;
  do {
    const page = await filteredPage({
      read: (limit, token) => cluster.read(limit, token),
      keep: o.keep,
      limit: o.limit,
      cursor,
      fingerprint: 'f',
      ...(o.pageSize ? { pageSize: o.pageSize } : {}),
    });
    pages.push(page.items);
    cursor = page.continue;
  } while (cursor && pages.length < 1000);
  return pages;
}

describe('filteredPage', () => {
  const store = Array.from({ length: 57 }, (_, i) => job(`ns-${i % 3}`, `job-${String(i).padStart(2, '0')}`));
  const everyThird = (j: V1Job) => Number(j.metadata?.name?.slice(4)) % 3 === 0;
  test.each([
    { limit: 1, pageSize: 1 },
    { limit: 1, pageSize: 10 },
    { limit: 4, pageSize: 4 },
    { limit: 4, pageSize: 7 },
    { limit: 5, pageSize: 100 },
    { limit: 100, pageSize: 3 },
  ])(
    'limit $limit, cluster pages of $pageSize: every match once, in order, no page over the limit',
    async (o) => {
      for (const keep of [() => true, everyThird]) {
        const pages = await readAll(store, { ...o, keep });
        for (const p of pages) expect(p.length).toBeLessThanOrEqual(o.limit);
        const expected = [...store]
          .sort((a, b) => (key(a) < key(b) ? -1 : 1))
          .filter(keep)
          .map(key);
        expect(pages.flat().map(key)).toEqual(expected);
      }
    },
  );

  test('a Job deleted between pages, where the last page stopped, is neither repeated nor skips others', async () => {
    // The item each page ended on is deleted before the next page is read.
    const shrinking = [...store];
    const cluster = fakeCluster(shrinking);
    const got: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await filteredPage({
        read: (l, t) => cluster.read(l, t),
        keep: () => true,
        limit: 3,
        cursor,
        fingerprint: 'f',
        pageSize: 10,
      });
      got.push(...page.items.map(key));
      const last = page.items.at(-1);
      if (last) shrinking.splice(shrinking.indexOf(last), 1);
      cursor = page.continue;
    } while (cursor);
    expect(got).toEqual([...store].sort((a, b) => (key(a) < key(b) ? -1 : 1)).map(key));
  });

  test('after maxReads cluster pages with too few matches the page is short and carries continue', async () => {
    const cluster = fakeCluster(store);
    const page = await filteredPage({
      read: (l, t) => cluster.read(l, t),
      keep: (j) => key(j) === 'ns-2/job-56',
      limit: 5,
      fingerprint: 'f',
      pageSize: 5,
      maxReads: 2,
    });
    expect(page.items).toEqual([]);
    expect(page.continue).toBeTruthy();
    expect(cluster.reads).toBe(2);
  });

  test('a cursor of another listing, garbage, or a forged page size is 422 InvalidCursor', async () => {
    const cluster = fakeCluster(store);
    const first = await filteredPage({ read: cluster.read, keep: () => true, limit: 2, fingerprint: 'a' });
    const forged = (c: object) => Buffer.from(JSON.stringify(c)).toString('base64url');
    for (const cursor of [
      first.continue,
      'garbage',
      forged({ p: 0, f: 'b' }),
      forged({ p: 100_000, f: 'b' }),
    ]) {
      const err = await filteredPage({
        read: cluster.read,
        keep: () => true,
        limit: 2,
        cursor,
        fingerprint: 'b',
      }).catch((e: ApiError) => e);
      expect((err as ApiError).code).toBe('InvalidCursor');
    }
  });
});

describe('job filters', () => {
  const failed = job('a', 'f', {
    metadata: { namespace: 'a', name: 'f', creationTimestamp: new Date('2025-03-01T10:00:00Z') },
    status: { conditions: [{ type: 'Failed', status: 'True' }] },
  });
  test.each([
    [{}, true],
    [{ phases: ['Failed'] as const }, true],
    [{ phases: ['Running', 'Succeeded'] as const }, false],
    [{ createdAfter: new Date('2025-03-01T10:00:00Z') }, true],
    [{ createdAfter: new Date('2025-03-01T10:00:01Z') }, false],
    [{ createdBefore: new Date('2025-03-01T10:00:00Z') }, false],
    [{ createdBefore: new Date('2025-03-01T10:00:01Z') }, true],
  ])('%j → %s', (filters, expected) => {
    expect(matchesFilters(failed, filters)).toBe(expected);
  });

  test.each([
    [{}, undefined],
    [{ managedOnly: true }, 'app.kubernetes.io/managed-by=eks-jobs'],
    [
      { operation: 'op_1', batch: 'batch_2', labelSelector: 'team=x' },
      'eks-jobs/operation=op_1,eks-jobs/batch=batch_2,team=x',
    ],
  ])('selector %j → %s', (parts, expected) => {
    expect(jobSelector(parts)).toBe(expected);
  });
});

describe('log reads', () => {
  const pod = (name: string, created: string, index?: string): V1Pod => ({
    metadata: {
      name,
      creationTimestamp: new Date(created),
      ...(index !== undefined ? { labels: { 'batch.kubernetes.io/job-completion-index': index } } : {}),
    },
  });
  const pods = [
    pod('a', '2025-01-01T00:00:00Z', '0'),
    pod('b', '2025-01-01T00:00:05Z', '1'),
    pod('c', '2025-01-01T00:00:09Z', '0'),
    {
      metadata: {
        name: 'd',
        creationTimestamp: new Date('2025-01-01T00:00:02Z'),
        annotations: { 'batch.kubernetes.io/job-completion-index': '2' },
      },
    },
  ];
  test.each([
    [{}, 'c'],
    [{ pod: 'a' }, 'a'],
    [{ pod: 'zz' }, undefined],
    [{ index: 0 }, 'c'],
    [{ index: 1 }, 'b'],
    [{ index: 2 }, 'd'],
    [{ index: 3 }, undefined],
  ])('%j picks %s', (by, expected) => {
    expect(pickLogPod(pods, by)?.metadata?.name).toBe(expected);
  });

  test.each([
    [{}, { limitBytes: String(MAX_LOG_BYTES) }],
    [{ follow: true }, { follow: 'true' }],
    [
      { follow: true, limitBytes: 10 },
      { follow: 'true', limitBytes: '10' },
    ],
    [
      { container: 'c', previous: true, timestamps: true, sinceSeconds: 60, tailLines: 5, limitBytes: 7 },
      {
        container: 'c',
        previous: 'true',
        timestamps: 'true',
        sinceSeconds: '60',
        tailLines: '5',
        limitBytes: '7',
      },
    ],
    [{ previous: false, timestamps: false }, { limitBytes: String(MAX_LOG_BYTES) }],
  ])('%j → %j', (options, expected) => {
    expect(podLogQuery(options)).toEqual(expected);
  });
});

describe('openPodLog streams on demand', () => {
  /** A cluster whose log answer is `chunks` chunks of 64 KiB, counting how many were read from it. */
  function countingCluster(chunks: number) {
    const seen = { read: 0, aborted: false, query: {} as Record<string, string> };
    const cluster = {
      name: 'fake',
      async stream(_path: string, query: Record<string, string>, signal: AbortSignal) {
        seen.query = query;
        signal.addEventListener('abort', () => {
          seen.aborted = true;
        });
        async function* body() {
          for (let i = 0; i < chunks; i++) {
            seen.read++;
            yield Buffer.alloc(64 * 1024, 120);
          }
        }
        return { status: 200, body: body() };
      },
    } as unknown as ClusterClient;
    return { cluster, seen };
  }

  test('a reader that stops reading stops the reads from the cluster; cancelling aborts the request', async () => {
    const { cluster, seen } = countingCluster(1000);
    let ended = 0;
    const log = await openPodLog(cluster, 'ns', 'pod', { follow: true }, () => ended++);
    const reader = log.getReader();
    for (let i = 0; i < 3; i++) await reader.read();
    await new Promise((r) => setTimeout(r, 50));
    // Three chunks taken, at most one more read ahead — not the 1000 the cluster would send.
    expect(seen.read).toBeLessThanOrEqual(4);
    expect(seen.aborted).toBe(false);
    await reader.cancel();
    expect(seen.aborted).toBe(true);
    expect(ended).toBe(1);
  });

  test('the byte limit cuts the stream, aborts the request, and ends once', async () => {
    const { cluster, seen } = countingCluster(1000);
    let ended = 0;
    const log = await openPodLog(cluster, 'ns', 'pod', { follow: true, limitBytes: 100_000 }, () => ended++);
    const text = await new Response(log).arrayBuffer();
    expect(text.byteLength).toBe(100_000);
    expect(seen.read).toBe(2);
    expect(seen.aborted).toBe(true);
    expect(seen.query).toEqual({ follow: 'true', limitBytes: '100000' });
    expect(ended).toBe(1);
  });
});
