import { sql } from 'kysely';
import { describe } from 'vitest';
import { historyNamespaces } from '../../src/shared/db/history-reads.js';
import {
  createDatabase,
  type Database,
  historyJobsPage,
  historyJobsPageQuery,
  migrateToLatest,
} from '../../src/shared/db/index.js';
import { expect, test } from '../support/fixtures.js';
import { loadSyntheticHistory, SYNTHETIC_NAMESPACES, syntheticQueries } from '../support/history-data.js';

// The queries of GET /v1/history/jobs use the indexes they were designed for (migration
// 0001_history): on a table of 60,000 synthetic rows, analysed, every filter combination the
// history-page benchmark times is planned with an index scan and without a sequential scan of
// history_jobs. The timings at 10 M rows are the benchmark's (bench/scenarios/history-page.ts).

const ROWS = 60_000;
const END = new Date('2030-06-01T00:00:00.000Z');

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}
function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

let database: Database;

test.beforeAll(async ({ postgres }) => {
  database = createDatabase({ url: await postgres.createDatabase(), poolSize: 2 });
  await migrateToLatest(database.db);
  await loadSyntheticHistory(database.db, { rows: ROWS, end: END });
});
test.afterAll(async () => {
  await database?.close();
});

describe('history query plans', () => {
  test.each(syntheticQueries({ rows: ROWS, end: END }).map((q) => [q.name, q] as const))(
    '%s: an index scan, no sequential scan',
    async (_name, { query }) => {
      const [row] = await historyJobsPageQuery(database.db, { ...query, limit: 50 }).explain('json');
      const plan = (row as { 'QUERY PLAN': Array<{ Plan: PlanNode }> })['QUERY PLAN'][0]!.Plan;
      const all = nodes(plan);
      const shown = all.map((n) => `${n['Node Type']}${n['Index Name'] ? ` ${n['Index Name']}` : ''}`);
      expect(
        all.filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'history_jobs'),
        shown.join(' > '),
      ).toEqual([]);
      expect(
        all.some((n) => n['Index Name']?.startsWith('history_jobs_')),
        shown.join(' > '),
      ).toBe(true);
      // And it answers: a page of the rows it asked for.
      const page = await historyJobsPage(database.db, { ...query, limit: 50 });
      expect(page.rows.length).toBeGreaterThan(0);
    },
  );

  test('the namespaces of a cluster: one index probe per namespace, not a scan of the rows', async () => {
    expect(await historyNamespaces(database.db, 'main')).toHaveLength(SYNTHETIC_NAMESPACES);
    const { rows } = await sql<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>`explain (format json)
      with recursive ns(namespace) as (
        (select namespace from history_jobs where cluster = 'main' order by namespace limit 1)
        union all
        select (select h.namespace from history_jobs h
                where h.cluster = 'main' and h.namespace > ns.namespace order by h.namespace limit 1)
        from ns where ns.namespace is not null)
      select namespace from ns where namespace is not null`.execute(database.db);
    const all = nodes(rows[0]!['QUERY PLAN'][0]!.Plan);
    expect(all.some((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'history_jobs')).toBe(
      false,
    );
    expect(all.filter((n) => n['Index Name']).length).toBeGreaterThan(0);
  });
});
