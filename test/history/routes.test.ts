import { randomUUID } from 'node:crypto';
import { describe } from 'vitest';
import { composeApi } from '../../src/api/compose.js';
import { type DevCluster, startDevCluster } from '../../src/devcluster/index.js';
import { parseApiKeys } from '../../src/shared/api-keys/key-file.js';
import { generateApiKey } from '../../src/shared/api-keys/key-format.js';
import { clusterSpecSchema } from '../../src/shared/cluster/spec.js';
import { parseConfig } from '../../src/shared/config.js';
import { type HistoryJobWrite, writeHistory } from '../../src/shared/db/history-writes.js';
import { createDatabase, type Database, migrateToLatest } from '../../src/shared/db/index.js';
import { createLogger } from '../../src/shared/logger.js';
import { jobVersion } from '../../src/worker/history-rows.js';
import { expect, test } from '../support/fixtures.js';
import { cleanPrefix, freePort, testPrefix } from '../support/redis.js';

// GET /v1/history/jobs and /v1/history/jobs/{uid} through the app that ships (composeApi) with
// real keys and a real PostgreSQL: filters, keyset pages that visit every row once, scopes by
// namespace and cluster, 422 for bad parameters, 404 for what the key may not see, and the
// answers without a database or while it does not answer.

interface Key {
  key: string;
  entry: { id: string; hash: string; scopes: Record<string, unknown> };
}
const key = (id: string, scopes: Record<string, unknown>): Key => {
  const { key: secret, hash } = generateApiKey();
  return { key: secret, entry: { id, hash, scopes } };
};
const admin = key('admin', { clusters: ['*'], namespaces: ['*'], admin: true });
const teamA = key('team-a', { clusters: ['*'], namespaces: ['team-a'] });
const mainOnly = key('main-only', { clusters: ['main'], namespaces: ['*'] });
/** Reads every namespace, the system ones too: its listings scan the whole cluster at once. */
const everything = key('everything', { clusters: ['*'], namespaces: ['*'], systemNamespaces: true });

const T0 = Date.parse('2030-03-01T12:00:00.000Z');
/** 24 Jobs: three namespaces (one a system one), two clusters, both outcomes, two submitters, labels. */
const ROWS: HistoryJobWrite[] = Array.from({ length: 24 }, (_, i) => {
  const phase = (['Succeeded', 'Failed', 'Running', 'Pending'] as const)[i % 4]!;
  return {
    cluster: i % 6 === 5 ? 'other' : 'main',
    uid: randomUUID(),
    namespace: i % 8 === 7 ? 'kube-system' : i % 2 === 0 ? 'team-a' : 'team-b',
    name: `job-${String(i).padStart(2, '0')}`,
    operation_id: `op_${i}`,
    batch_id: i < 6 ? 'bat_1' : null,
    request_id: `req-${i}`,
    submitted_by: i % 3 === 0 ? 'ci' : 'notebook',
    phase,
    reason: phase === 'Failed' ? 'BackoffLimitExceeded' : null,
    active: phase === 'Running' ? 1 : 0,
    succeeded: phase === 'Succeeded' ? 1 : 0,
    failed: phase === 'Failed' ? 1 : 0,
    // Two Jobs per minute: pairs share their submission time, and their uids decide their order.
    submitted_at: new Date(T0 - Math.floor(i / 2) * 60_000).toISOString(),
    started_at: null,
    finished_at: null,
    images: ['busybox:1.36'],
    labels: { team: i % 2 === 0 ? 'a' : 'b', ...(i % 4 === 0 ? { tier: 'gold' } : {}) },
    version: jobVersion(phase, String(i + 1)),
  };
});

type Item = { uid: string; name: string; namespace: string; phase: string; submittedAt: string };
type Page = { items: Item[]; nextCursor?: string };

/** What a listing must answer: the rows the filter keeps, newest submission first, ties by uid. */
function expected(keep: (r: HistoryJobWrite) => boolean): string[] {
  return ROWS.filter(keep)
    .sort((a, b) => Date.parse(b.submitted_at) - Date.parse(a.submitted_at) || (a.uid < b.uid ? 1 : -1))
    .map((r) => r.uid);
}
const visibleToAdmin = (r: HistoryJobWrite) => r.cluster === 'main' && r.namespace !== 'kube-system';

let dc: DevCluster;
let database: Database;
const apps: Array<ReturnType<typeof composeApi>> = [];
let prefix: string;
let redisUrl: string;

async function startApp(options: { database?: Pick<Database, 'db' | 'close'> } = {}) {
  const config = parseConfig({ REDIS_URL: redisUrl, QUEUE_PREFIX: prefix, LOG_LEVEL: 'silent' });
  const base = {
    provider: 'static',
    server: dc.url,
    caData: Buffer.from(dc.caPem).toString('base64'),
    token: dc.token,
  };
  const api = composeApi(config, {
    logger: createLogger({ level: 'silent' }),
    keys: parseApiKeys({ keys: [admin.entry, teamA.entry, mainOnly.entry, everything.entry] }),
    clusterSpecs: [
      clusterSpecSchema.parse({ ...base, name: 'main', default: true }),
      clusterSpecSchema.parse({ ...base, name: 'other' }),
    ],
    ...(options.database ? { database: options.database as Database } : {}),
  });
  apps.push(api);
  return api;
}

async function get(api: ReturnType<typeof composeApi>, path: string, who: Key = admin) {
  const res = await api.app.request(path, { headers: { authorization: `Bearer ${who.key}` } });
  return {
    status: res.status,
    headers: res.headers,
    body: (await res.json()) as Page & Item & { error?: { code: string } },
  };
}

/** Every page of a listing, following nextCursor. */
async function walk(api: ReturnType<typeof composeApi>, query: string, who: Key = admin): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const sep = query.includes('?') ? '&' : '?';
    const { status, body } = await get(
      api,
      `${query}${cursor ? `${sep}cursor=${encodeURIComponent(cursor)}` : ''}`,
      who,
    );
    expect(status, JSON.stringify(body)).toBe(200);
    seen.push(...body.items.map((i) => i.uid));
    cursor = body.nextCursor;
    if (!cursor) return seen;
  }
  throw new Error('more than 100 pages');
}

let api: ReturnType<typeof composeApi>;

test.beforeAll(async ({ redis, postgres }) => {
  dc = await startDevCluster({ clusterName: 'main', timeScale: 0.01 });
  redisUrl = redis.url;
  prefix = testPrefix();
  database = createDatabase({ url: await postgres.createDatabase(), poolSize: 4 });
  await migrateToLatest(database.db);
  await writeHistory(database.db, { jobs: ROWS, deletions: [], operations: [] });
  api = await startApp({ database });
});
test.afterAll(async () => {
  for (const a of apps) await a.close();
  await database?.close();
  await dc?.stop();
  if (redisUrl) await cleanPrefix(redisUrl, prefix);
});

describe('history routes', () => {
  test('the list: newest submission first, only the cluster asked for and namespaces the key may read', async () => {
    const { status, body } = await get(api, '/v1/history/jobs?limit=500');
    expect(status).toBe(200);
    expect(body.items.map((i) => i.uid)).toEqual(expected(visibleToAdmin));
    expect(body.nextCursor).toBeUndefined();
    const first = ROWS.find((r) => r.uid === body.items[0]!.uid)!;
    expect(body.items[0]).toEqual({
      cluster: 'main',
      uid: first.uid,
      namespace: first.namespace,
      name: first.name,
      phase: first.phase,
      ...(first.reason ? { reason: first.reason } : {}),
      counts: { active: first.active, succeeded: first.succeeded, failed: first.failed },
      submittedAt: first.submitted_at,
      images: ['busybox:1.36'],
      labels: first.labels,
      submittedBy: first.submitted_by,
      operationId: first.operation_id,
      ...(first.batch_id ? { batchId: first.batch_id } : {}),
      requestId: first.request_id,
      updatedAt: expect.any(String),
    });
    const other = await get(api, '/v1/clusters/other/history/jobs?limit=500');
    expect(other.body.items.map((i) => i.uid)).toEqual(
      expected((r) => r.cluster === 'other' && r.namespace !== 'kube-system'),
    );
  });

  test.each<[string, string, (r: HistoryJobWrite) => boolean]>([
    ['phase', 'phase=Failed', (r) => r.phase === 'Failed'],
    ['namespace', 'namespace=team-b', (r) => r.namespace === 'team-b'],
    ['two namespaces', 'namespace=team-b&namespace=team-a', (r) => r.namespace !== 'kube-system'],
    ['a label', 'label=team%3Da', (r) => r.labels?.team === 'a'],
    [
      'two labels',
      'label=team%3Da&label=tier%3Dgold',
      (r) => r.labels?.team === 'a' && r.labels?.tier === 'gold',
    ],
    ['submitter', 'submittedBy=ci', (r) => r.submitted_by === 'ci'],
    [
      'since and until (both inclusive)',
      `since=${new Date(T0 - 5 * 60_000).toISOString()}&until=${new Date(T0 - 60_000).toISOString()}`,
      (r) => Date.parse(r.submitted_at) >= T0 - 5 * 60_000 && Date.parse(r.submitted_at) <= T0 - 60_000,
    ],
    [
      'phase, submitter and label',
      'phase=Succeeded&submittedBy=ci&label=team%3Da',
      (r) => r.phase === 'Succeeded' && r.submitted_by === 'ci' && r.labels?.team === 'a',
    ],
  ])('filter by %s; pages of 1, 2 and 3 visit each row once, in order', async (_name, query, keep) => {
    const want = expected((r) => visibleToAdmin(r) && keep(r));
    expect(want.length).toBeGreaterThan(0);
    for (const limit of [1, 2, 3]) {
      expect(await walk(api, `/v1/history/jobs?${query}&limit=${limit}`)).toEqual(want);
    }
  });

  test.each<[string, string, (r: HistoryJobWrite) => boolean]>([
    ['no filter (kube-system included)', '', () => true],
    ['phase', 'phase=Failed', (r) => r.phase === 'Failed'],
    ['a label', 'label=tier%3Dgold', (r) => r.labels?.tier === 'gold'],
    ['submitter', 'submittedBy=ci', (r) => r.submitted_by === 'ci'],
  ])(
    'a key that reads every namespace (one scan of the cluster), %s: each row once, in order',
    async (_name, query, keep) => {
      const want = expected((r) => r.cluster === 'main' && keep(r));
      expect(want.length).toBeGreaterThan(0);
      for (const limit of [1, 2, 3]) {
        expect(await walk(api, `/v1/history/jobs?${query}&limit=${limit}`, everything)).toEqual(want);
      }
    },
  );

  test('one Job by uid; another cluster’s, an unknown one and an unreadable one are 404', async () => {
    const row = ROWS.find((r) => r.cluster === 'main' && r.namespace === 'team-b')!;
    const { status, body } = await get(api, `/v1/history/jobs/${row.uid}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ uid: row.uid, name: row.name, phase: row.phase });
    expect((await get(api, `/v1/clusters/other/history/jobs/${row.uid}`)).body.error?.code).toBe(
      'HistoryJobNotFound',
    );
    expect((await get(api, `/v1/history/jobs/${randomUUID()}`)).status).toBe(404);
    const hidden = await get(api, `/v1/history/jobs/${row.uid}`, teamA);
    expect([hidden.status, hidden.body.error?.code]).toEqual([404, 'HistoryJobNotFound']);
    const system = ROWS.find((r) => r.cluster === 'main' && r.namespace === 'kube-system')!;
    expect((await get(api, `/v1/history/jobs/${system.uid}`)).status).toBe(404);
  });

  test('scopes: a team key sees its namespace only, is refused another by name, and a cluster outside its key is 403', async () => {
    expect(await walk(api, '/v1/history/jobs?limit=4', teamA)).toEqual(
      expected((r) => r.cluster === 'main' && r.namespace === 'team-a'),
    );
    const refused = await get(api, '/v1/history/jobs?namespace=team-b', teamA);
    expect([refused.status, refused.body.error?.code]).toEqual([403, 'Forbidden']);
    expect((await get(api, '/v1/clusters/other/history/jobs', mainOnly)).status).toBe(403);
  });

  test.each([
    ['a phase that does not exist', '?phase=Done'],
    ['a label without a value separator', '?label=team'],
    ['a label key that is not one', '?label=%3Da'],
    ['the same label asked with two values', '?label=team%3Da&label=team%3Db'],
    ['since after until', `?since=${new Date(T0).toISOString()}&until=${new Date(T0 - 1).toISOString()}`],
    ['a time that is not one', '?since=yesterday'],
    ['limit 0', '?limit=0'],
    ['limit over 500', '?limit=501'],
    ['a namespace that cannot be one', '?namespace=Team_A'],
    ['a cursor that is not ours', '?cursor=bm9wZQ'],
    ['a uid that is not a UUID', '/not-a-uuid'],
  ])('422 for %s', async (_name, suffix) => {
    const path = suffix.startsWith('/') ? `/v1/history/jobs${suffix}` : `/v1/history/jobs${suffix}`;
    const { status, body } = await get(api, path);
    expect(status, JSON.stringify(body)).toBe(422);
    expect(['ValidationFailed', 'InvalidCursor']).toContain(body.error?.code);
  });

  test('a cursor is refused with other filters (422 InvalidCursor), and followed with the same', async () => {
    const first = await get(api, '/v1/history/jobs?phase=Succeeded&limit=1');
    const cursor = encodeURIComponent(first.body.nextCursor!);
    const other = await get(api, `/v1/history/jobs?phase=Failed&limit=1&cursor=${cursor}`);
    expect([other.status, other.body.error?.code]).toEqual([422, 'InvalidCursor']);
    expect((await get(api, `/v1/history/jobs?phase=Succeeded&limit=1&cursor=${cursor}`)).status).toBe(200);
  });

  test('without a database: 404 HistoryDisabled; a database that does not answer: 503 with Retry-After', async () => {
    const off = await startApp();
    const disabled = await get(off, '/v1/history/jobs');
    expect([disabled.status, disabled.body.error?.code]).toEqual([404, 'HistoryDisabled']);
    expect((await get(off, `/v1/history/jobs/${randomUUID()}`)).body.error?.code).toBe('HistoryDisabled');
    const nowhere = createDatabase(
      { url: `postgres://postgres@127.0.0.1:${await freePort()}/none`, poolSize: 1 },
      { connectTimeoutMs: 1000 },
    );
    const down = await startApp({ database: nowhere });
    const unavailable = await get(down, '/v1/history/jobs');
    expect([unavailable.status, unavailable.body.error?.code]).toEqual([503, 'DatabaseUnavailable']);
    expect(unavailable.headers.get('retry-after')).toBe('5');
  });
});
