// Scenario history-page (issue 19, acceptance 2): a filtered page of GET /v1/history/jobs over
// 10,000,000 synthetic history rows. The rows are made inside PostgreSQL (INSERT … SELECT
// generate_series, indexes built after the load; test/support/history-data.ts), then every
// filter combination is timed through the queries the handler runs — `historyNamespaces` when the
// caller names no namespace, then `historyJobsPage` — round-robin, `runs` times each after a
// warm-up: p50 and p95 per combination. EXPLAIN (ANALYZE, BUFFERS) of each page query is printed:
// which indexes it used and how many pages it touched. Reference: a primary-key read of one row.

import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { historyJob, historyNamespaces } from '../../src/shared/db/history-reads.js';
import {
  createDatabase,
  type HistoryJobsQuery,
  historyJobsPage,
  historyJobsPageQuery,
  migrateToLatest,
  type Tables,
} from '../../src/shared/db/index.js';
import {
  loadSyntheticHistory,
  SYNTHETIC_NAMESPACES,
  syntheticQueries,
} from '../../test/support/history-data.js';
import type { BenchContext } from '../lib/context.js';
import { int, ms, type Row } from '../lib/report.js';
import { median, percentile, round } from '../lib/stats.js';

const LIMIT = 50;
const TARGET_MS = 50;

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}
const walk = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(walk)];

/** EXPLAIN (ANALYZE, BUFFERS) of a page query, summarised: the scans, the pages touched, the time. */
async function planOf(db: Kysely<Tables>, query: HistoryJobsQuery): Promise<string> {
  const [row] = await historyJobsPageQuery(db, query).explain('json', sql`analyze, buffers`);
  const [top] = (row as { 'QUERY PLAN': Array<{ Plan: PlanNode; 'Execution Time': number }> })['QUERY PLAN'];
  const nodes = walk(top!.Plan);
  const scans = [
    ...new Set(
      nodes
        .filter((n) => /Scan/.test(n['Node Type']))
        .map((n) => `${n['Node Type']}${n['Index Name'] ? ` on ${n['Index Name']}` : ''}`),
    ),
  ];
  const hit = top!.Plan['Shared Hit Blocks'] ?? 0;
  const read = top!.Plan['Shared Read Blocks'] ?? 0;
  return `${scans.join(', ')}; buffers hit ${int(hit)}, read ${int(read)}; ${top!['Execution Time'].toFixed(2)} ms`;
}

export async function historyPageScenario(ctx: BenchContext): Promise<Row[]> {
  const { rows, runs, warmup } = ctx.sizes.historyPage;
  const pg = await ctx.postgres();
  const database = createDatabase({ url: await pg.createDatabase(), poolSize: 2 });
  try {
    const { db } = database;
    await migrateToLatest(db);
    const end = new Date();
    ctx.log(`history-page: loading ${int(rows)} rows`);
    const loaded = await loadSyntheticHistory(db, {
      rows,
      end,
      rebuildIndexes: true,
      progress: (line) => ctx.log(`history-page: ${line}`),
    });
    const size = await sql<{ table: string; total: string }>`
      select pg_relation_size('history_jobs') as table, pg_total_relation_size('history_jobs') as total`.execute(
      db,
    );
    const mib = (b: string | undefined) => Number(b ?? 0) / 2 ** 20;
    const combos = syntheticQueries({ rows, end });
    const every = (q: Omit<HistoryJobsQuery, 'limit'>) =>
      (q.namespaces?.length ?? 0) === SYNTHETIC_NAMESPACES;
    // What one request costs the database: the namespace lookup when the caller named none, then the page.
    const request = async (q: Omit<HistoryJobsQuery, 'limit'>) => {
      if (every(q)) await historyNamespaces(db, q.cluster);
      return historyJobsPage(db, { ...q, limit: LIMIT });
    };
    const times = combos.map(() => [] as number[]);
    const found = combos.map(() => 0);
    const someUid = (await historyJobsPage(db, { cluster: 'main', namespaces: ['ns-00'], limit: 1 })).rows[0]!
      .uid;
    const lookups: number[] = [];
    for (let r = 0; r < warmup + runs; r++) {
      // Round-robin: a slow moment of the machine spreads over every combination alike.
      for (const [i, combo] of combos.entries()) {
        const t0 = performance.now();
        const page = await request(combo.query);
        const took = performance.now() - t0;
        if (r >= warmup) times[i]!.push(took);
        found[i] = page.rows.length;
      }
      const t0 = performance.now();
      await historyJob(db, 'main', someUid);
      if (r >= warmup) lookups.push(performance.now() - t0);
    }
    const stats = combos.map((c, i) => ({
      name: c.name,
      p50: median(times[i]!),
      p95: percentile(times[i]!, 0.95),
      rows: found[i]!,
    }));
    const plans: string[] = [];
    for (const combo of combos) {
      const plan = await planOf(db, { ...combo.query, limit: LIMIT });
      plans.push(`${combo.name}: ${plan}`);
      ctx.log(`history-page: EXPLAIN ${combo.name}: ${plan}`);
    }
    const worst = stats.reduce((a, b) => (b.p95 > a.p95 ? b : a));
    const lookup = median(lookups);
    return [
      {
        id: 'history-page',
        scenario: 'history-page',
        path: `\`GET /v1/history/jobs\` page of ${LIMIT} over ${int(rows)} rows, ${combos.length} filter combinations (its queries against PostgreSQL)`,
        now: `worst p95 ${ms(worst.p95)} (${worst.name}); p50 ${ms(median(stats.map((s) => s.p50)))} (median of the combinations)`,
        reference: `a primary-key read of one row: p50 ${ms(lookup)}`,
        ratio: '—',
        target: `< ${TARGET_MS} ms`,
        met: worst.p95 < TARGET_MS,
        figures: {
          rows,
          worstP95Ms: round(worst.p95, 2),
          medianP50Ms: round(median(stats.map((s) => s.p50)), 2),
          primaryKeyP50Ms: round(lookup, 3),
          loadSeconds: round(loaded.insertSeconds, 1),
          indexSeconds: round(loaded.indexSeconds, 1),
          tableMiB: round(mib(size.rows[0]?.table)),
          totalMiB: round(mib(size.rows[0]?.total)),
        },
        rounds: stats,
        notes: [
          `${runs} timed requests per combination after ${warmup} untimed, round-robin over the combinations; a request is the handler's queries (the namespace lookup when no namespace is named, then the page); the test server's settings (shared_buffers 32 MB, the table mostly in the OS page cache)`,
          `loaded in ${loaded.insertSeconds.toFixed(0)} s (INSERT … SELECT generate_series), indexes built in ${loaded.indexSeconds.toFixed(0)} s; table ${int(mib(size.rows[0]?.table))} MiB, with indexes ${int(mib(size.rows[0]?.total))} MiB`,
          `per combination, p50 / p95 (rows in the page): ${stats.map((s) => `${s.name} ${ms(s.p50)} / ${ms(s.p95)} (${s.rows})`).join('; ')}`,
          `EXPLAIN (ANALYZE, BUFFERS): ${plans.join(' | ')}`,
        ],
      },
    ];
  } finally {
    await database.close();
  }
}
