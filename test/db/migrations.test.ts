import { type Kysely, type MigrationProvider, sql } from 'kysely';
import { afterAll, afterEach, describe, vi } from 'vitest';
import {
  createDatabase,
  type Database,
  folderMigrationProvider,
  type HistoryJobsQuery,
  historyJobsPage,
  historyJobsPageQuery,
  migrateToLatest,
  type NewHistoryJob,
  pruneHistory,
  type Tables,
  upsertHistoryJob,
} from '../../src/shared/db/index.js';
import { expect, test } from '../support/fixtures.js';
import { waitFor } from '../support/wait-for.js';

// The first test to use `postgres` waits for initdb and the server's start: seconds on a busy
// machine. A deadline, not a speed check.
vi.setConfig({ testTimeout: 60_000 });

const open: Database[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((d) => d.close()));
});

function connect(url: string, poolSize = 4): Database {
  const database = createDatabase({ url, poolSize });
  open.push(database);
  return database;
}

async function tableNames(db: Kysely<Tables>): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  return tables.map((t) => t.name).sort();
}

async function migrationRows(db: Kysely<Tables>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return rows.map((r) => r.name);
}

const UID = '6f1c0d4e-7a57-4a8e-9a0b-000000000001';

function job(overrides: Partial<NewHistoryJob> = {}): NewHistoryJob {
  return {
    cluster: 'dev',
    uid: UID,
    namespace: 'team-a',
    name: 'report-x7k2p',
    operation_id: 'op_01',
    request_id: 'req-1',
    submitted_by: 'ci-key',
    phase: 'Pending',
    submitted_at: new Date('2026-01-01T00:00:00Z'),
    images: ['busybox:1.36'],
    labels: { team: 'a' },
    version: 10,
    ...overrides,
  };
}

describe('migrations', () => {
  test('migrate an empty database to the history schema, then find nothing left to do', async ({
    postgres,
  }) => {
    const { db } = connect(await postgres.createDatabase());
    expect(await tableNames(db)).toEqual([]);

    expect(await migrateToLatest(db)).toEqual(['0001_history']);
    expect(await tableNames(db)).toEqual([
      'history_jobs',
      'history_operations',
      'kysely_migration',
      'kysely_migration_lock',
    ]);
    const { rows: indexes } = await sql<{ indexname: string }>`
      select indexname from pg_indexes where tablename = 'history_jobs' order by indexname`.execute(db);
    expect(indexes.map((i) => i.indexname)).toEqual([
      'history_jobs_cluster_page',
      'history_jobs_labels',
      'history_jobs_namespace_page',
      'history_jobs_phase_page',
      'history_jobs_pkey',
      'history_jobs_retention',
      'history_jobs_submitter_page',
    ]);

    expect(await migrateToLatest(db)).toEqual([]);
    expect(await migrationRows(db)).toEqual(['0001_history']);
  });

  test('two processes migrating at once: both succeed, the schema is made once', async ({ postgres }) => {
    const url = await postgres.createDatabase();
    const first = connect(url);
    const second = connect(url);
    // The first migrator stops inside 0001 until released, holding Kysely's lock, so the
    // second one is certain to arrive while a migration is under way.
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let inside = false;
    const real = await folderMigrationProvider().getMigrations();
    const gated: MigrationProvider = {
      getMigrations: async () => ({
        ...real,
        '0001_history': {
          up: async (db) => {
            inside = true;
            await released;
            await real['0001_history']!.up(db);
          },
        },
      }),
    };
    const a = migrateToLatest(first.db, { provider: gated });
    await waitFor(() => inside, { message: 'the first migrator to be inside 0001' });
    const b = migrateToLatest(second.db);
    // The second waits on the advisory lock (not on a table lock, not finished).
    await waitFor(
      async () => {
        const { rows } = await sql<{ waiting: number }>`
          select count(*)::int as waiting from pg_locks where locktype = 'advisory' and not granted`.execute(
          first.db,
        );
        return rows[0]!.waiting === 1;
      },
      { message: 'the second migrator to wait for the migration lock' },
    );
    release();
    const [ranA, ranB] = await Promise.all([a, b]);
    expect(ranA).toEqual(['0001_history']);
    expect(ranB).toEqual([]);
    expect(await migrationRows(first.db)).toEqual(['0001_history']);
    expect(await tableNames(second.db)).toContain('history_jobs');
  });
});

describe('history_jobs upserts', () => {
  test('an older or replayed version never moves a row backwards; a newer one does', async ({ postgres }) => {
    const { db } = connect(await postgres.createDatabase());
    await migrateToLatest(db);
    const stored = () => db.selectFrom('history_jobs').selectAll().executeTakeFirstOrThrow();

    expect(await upsertHistoryJob(db, job({ phase: 'Running', active: 1, version: 12 }))).toBe('inserted');
    // A late Pending event (older resourceVersion) and a replay of the same one change nothing.
    expect(await upsertHistoryJob(db, job({ phase: 'Pending', active: 0, version: 11 }))).toBe('stale');
    expect(await upsertHistoryJob(db, job({ phase: 'Failed', version: 12 }))).toBe('stale');
    expect(await stored()).toMatchObject({ phase: 'Running', active: 1, version: '12' });

    // A newer event from the watch knows the state, not who submitted the Job: that stays.
    const finishedAt = new Date('2026-01-01T00:05:00Z');
    const newer = job({
      phase: 'Succeeded',
      active: 0,
      succeeded: 1,
      finished_at: finishedAt,
      submitted_by: null,
      request_id: null,
      submitted_at: new Date('2026-06-01T00:00:00Z'),
      version: '13',
    });
    expect(await upsertHistoryJob(db, newer)).toBe('updated');
    expect(await stored()).toMatchObject({
      phase: 'Succeeded',
      active: 0,
      succeeded: 1,
      finished_at: finishedAt,
      submitted_by: 'ci-key',
      request_id: 'req-1',
      // A row keeps its place in the history's order.
      submitted_at: new Date('2026-01-01T00:00:00Z'),
      version: '13',
    });
    // The phase rule is the schema's, whatever a writer sends.
    await expect(
      upsertHistoryJob(db, job({ uid: '6f1c0d4e-7a57-4a8e-9a0b-000000000002', phase: 'Lost' as 'Failed' })),
    ).rejects.toThrow(/history_jobs_phase/);
  });
});

describe('the history page query', () => {
  // 60k rows over 3 clusters, 30 namespaces, 5 phases (Failed 2%), 200 keys, a team label on
  // every row and a run label unique to each: enough rows that the planner's choice between
  // an index and a scan of the table means what it would at 10 M.
  let seeded: Promise<Kysely<Tables>> | undefined;
  // Read-only tests share one seeded database: seeding is most of their time.
  const seededDb = (url: () => Promise<string>) => {
    seeded ??= (async () => {
      const { db } = createDatabase({ url: await url(), poolSize: 2 });
      await migrateToLatest(db);
      await seed(db);
      return db;
    })();
    return seeded;
  };
  afterAll(async () => {
    await (await seeded)?.destroy();
  });

  async function seed(db: Kysely<Tables>) {
    await sql`
      insert into history_jobs (cluster, uid, namespace, name, operation_id, submitted_by, phase,
        submitted_at, images, labels, version)
      select 'c' || (i % 3), gen_random_uuid(), 'ns-' || (i % 30), 'job-' || i, 'op_' || i,
        'key-' || (i % 200),
        case when i % 50 = 0 then 'Failed' when i % 7 = 0 then 'Running' else 'Succeeded' end,
        timestamptz '2026-01-01' + i * interval '1 minute', '{busybox}',
        jsonb_build_object('team', 't' || (i % 5), 'run', 'r' || i), i
      from generate_series(1, 60000) as i`.execute(db);
    await sql`analyze history_jobs`.execute(db);
  }

  interface PlanNode {
    'Node Type': string;
    'Index Name'?: string;
    'Relation Name'?: string;
    Plans?: PlanNode[];
  }
  const nodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)];

  async function plan(db: Kysely<Tables>, query: HistoryJobsQuery): Promise<PlanNode[]> {
    const [row] = await historyJobsPageQuery(db, query).explain<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
      'json',
    );
    return nodes(row!['QUERY PLAN'][0].Plan);
  }

  test('pages through namespaces newest first, each row once, with a keyset cursor', async ({ postgres }) => {
    const db = await seededDb(() => postgres.createDatabase());
    const query = { cluster: 'c1', namespaces: ['ns-1', 'ns-4', 'ns-7'], phase: 'Running' as const };
    const expected = await db
      .selectFrom('history_jobs')
      .select('name')
      .where('cluster', '=', 'c1')
      .where('namespace', 'in', query.namespaces)
      .where('phase', '=', 'Running')
      .orderBy('submitted_at', 'desc')
      .orderBy('uid', 'desc')
      .execute();
    expect(expected.length).toBeGreaterThan(100);

    const seen: string[] = [];
    let after: HistoryJobsQuery['after'];
    for (;;) {
      const page = await historyJobsPage(db, { ...query, limit: 37, ...(after ? { after } : {}) });
      seen.push(...page.rows.map((r) => r.name));
      if (!page.next) break;
      expect(page.rows).toHaveLength(37);
      after = page.next;
    }
    expect(seen).toEqual(expected.map((r) => r.name));
  });

  test('every filter combination is answered from an index, never a scan of the table', async ({
    postgres,
  }) => {
    const db = await seededDb(() => postgres.createDatabase());
    const cursor = { submittedAt: new Date('2026-01-20T00:00:00Z'), uid: UID };
    const cases: Array<[HistoryJobsQuery, string]> = [
      [{ cluster: 'c1', namespaces: ['ns-1'], limit: 50 }, 'history_jobs_namespace_page'],
      [{ cluster: 'c1', namespaces: ['ns-1', 'ns-4', 'ns-7'], limit: 50, after: cursor }, ''],
      [
        { cluster: 'c1', namespaces: ['ns-1', 'ns-4'], phase: 'Failed', limit: 50 },
        'history_jobs_phase_page',
      ],
      [
        { cluster: 'c1', namespaces: ['ns-1'], submittedBy: 'key-1', limit: 50 },
        'history_jobs_submitter_page',
      ],
      [{ cluster: 'c1', namespaces: ['ns-1'], labels: { run: 'r4' }, limit: 50 }, 'history_jobs_labels'],
      [{ cluster: 'c1', namespaces: ['ns-1'], labels: { team: 't1' }, limit: 50 }, ''],
      [
        {
          cluster: 'c1',
          namespaces: ['ns-1', 'ns-4'],
          phase: 'Succeeded',
          submittedBy: 'key-4',
          from: new Date('2026-01-05T00:00:00Z'),
          to: new Date('2026-01-25T00:00:00Z'),
          limit: 20,
          after: cursor,
        },
        '',
      ],
      [{ cluster: 'c1', limit: 50 }, ''],
      [{ cluster: 'c1', limit: 50, after: cursor, from: new Date('2026-01-03T00:00:00Z') }, ''],
    ];
    for (const [query, index] of cases) {
      const steps = await plan(db, query);
      const onTable = steps.filter((s) => s['Relation Name'] === 'history_jobs' || s['Index Name']);
      expect(
        onTable.map((s) => s['Node Type']),
        JSON.stringify(query),
      ).not.toContain('Seq Scan');
      expect(
        onTable.some((s) => s['Index Name']?.startsWith('history_jobs_')),
        JSON.stringify(query),
      ).toBe(true);
      if (index)
        expect(
          steps.map((s) => s['Index Name']),
          JSON.stringify(query),
        ).toContain(index);
    }
  });
});

describe('history retention', () => {
  test('deletes rows older than the cutoff in batches and keeps the rest', async ({ postgres }) => {
    const { db } = connect(await postgres.createDatabase());
    await migrateToLatest(db);
    await sql`
      insert into history_jobs (cluster, uid, namespace, name, phase, submitted_at, version)
      select 'dev', gen_random_uuid(), 'default', 'job-' || i, 'Succeeded',
        timestamptz '2026-01-01' + i * interval '1 hour', i
      from generate_series(1, 100) as i`.execute(db);
    await sql`
      insert into history_operations (id, kind, state, cluster, name, created_at)
      select 'op_' || i, 'job.create', 'succeeded', 'dev', 'job-' || i,
        timestamptz '2026-01-01' + i * interval '1 hour'
      from generate_series(1, 100) as i`.execute(db);

    // Hours 1 to 30 are before the cutoff: three full batches of 10 and an empty fourth.
    const before = new Date('2026-01-02T07:00:00Z');
    expect(await pruneHistory(db, { before, batchSize: 10 })).toEqual({ jobs: 30, operations: 30 });
    const oldest = await db
      .selectFrom('history_jobs')
      .select((eb) => [eb.fn.min('submitted_at').as('at'), eb.fn.countAll<string>().as('n')])
      .executeTakeFirstOrThrow();
    expect(oldest).toEqual({ at: before, n: '70' });
    expect(await pruneHistory(db, { before })).toEqual({ jobs: 0, operations: 0 });
  });
});
