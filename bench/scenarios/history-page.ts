// Scenario history-page (issue 19, acceptance 2): a filtered page of GET /v1/history/jobs over
// 10,000,000 synthetic history rows. The rows are made inside PostgreSQL (INSERT … SELECT
// generate_series, indexes built after the load; test/support/history-data.ts), then every
// filter combination is requested from the API composed in this process (composeApi with the
// database, as main.ts builds it; app.request), round-robin, `runs` times each after a warm-up:
// p50 and p95 per combination. EXPLAIN (ANALYZE, BUFFERS) of each page query the handler makes is
// printed: which indexes it used and how many pages it touched. Reference: GET …/{uid}.

import { type Kysely, sql } from 'kysely';
import { composeApi } from '../../src/api/compose.js';
import { parseApiKeys } from '../../src/shared/api-keys/key-file.js';
import { generateApiKey } from '../../src/shared/api-keys/key-format.js';
import { clusterSpecSchema } from '../../src/shared/cluster/spec.js';
import { parseConfig } from '../../src/shared/config.js';
import {
  createDatabase,
  type Database,
  type HistoryJobsQuery,
  historyJobsPage,
  historyJobsPageQuery,
  migrateToLatest,
  type Tables,
} from '../../src/shared/db/index.js';
import { createLogger } from '../../src/shared/logger.js';
import { loadSyntheticHistory, syntheticQueries, TEAM_NAMESPACES } from '../../test/support/history-data.js';
import type { BenchContext, DevclusterReady } from '../lib/context.js';
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

/** The API as main.ts composes it, in this process, with PostgreSQL and two keys (`all`, `team`). */
function historyApi(ctx: BenchContext, dc: DevclusterReady, database: Database) {
  const keys = {
    all: generateApiKey(),
    team: generateApiKey(),
  };
  const spec = (name: string, extra: object = {}) =>
    clusterSpecSchema.parse({
      name,
      provider: 'static',
      server: dc.url,
      caData: Buffer.from(dc.caPem).toString('base64'),
      token: dc.token,
      ...extra,
    });
  const api = composeApi(
    parseConfig({ REDIS_URL: ctx.redisUrl, QUEUE_PREFIX: `${ctx.prefix}-hp`, LOG_LEVEL: 'silent' }),
    {
      logger: createLogger({ level: 'silent' }),
      keys: parseApiKeys({
        keys: [
          { id: 'all', hash: keys.all.hash, scopes: { clusters: ['*'], namespaces: ['*'] } },
          { id: 'team', hash: keys.team.hash, scopes: { clusters: ['*'], namespaces: TEAM_NAMESPACES } },
        ],
      }),
      clusterSpecs: [spec('main', { default: true }), spec('other')],
      database,
    },
  );
  const get = async (path: string, key: 'all' | 'team') => {
    const res = await api.app.request(path, { headers: { authorization: `Bearer ${keys[key].key}` } });
    const body = (await res.json()) as { items?: unknown[]; nextCursor?: string; error?: unknown };
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(body)}`);
    return body;
  };
  return { get, close: () => api.close() };
}

export async function historyPageScenario(ctx: BenchContext): Promise<Row[]> {
  const { rows, runs, warmup } = ctx.sizes.historyPage;
  const pg = await ctx.postgres();
  const dc = (await ctx.devcluster()).ready;
  // The API's own pool (10 connections, as DATABASE_POOL_SIZE's default), closed with the API.
  const database = createDatabase({ url: await pg.createDatabase(), poolSize: 10 });
  await migrateToLatest(database.db);
  const api = historyApi(ctx, dc, database);
  try {
    const { db } = database;
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
    // The second pages: the cursor of each first page, asked once.
    const paths = await Promise.all(
      combos.map(async (c) => {
        if (!c.next) return c.path;
        const first = await api.get(c.path, c.key);
        return `${c.path}&cursor=${encodeURIComponent(first.nextCursor ?? '')}`;
      }),
    );
    const times = combos.map(() => [] as number[]);
    const found = combos.map(() => 0);
    const someUid = (await historyJobsPage(db, { cluster: 'main', namespaces: ['ns-00'], limit: 1 })).rows[0]!
      .uid;
    const lookups: number[] = [];
    for (let r = 0; r < warmup + runs; r++) {
      // Round-robin: a slow moment of the machine spreads over every combination alike.
      for (const [i, combo] of combos.entries()) {
        const t0 = performance.now();
        const page = await api.get(paths[i]!, combo.key);
        const took = performance.now() - t0;
        if (r >= warmup) times[i]!.push(took);
        found[i] = page.items?.length ?? 0;
      }
      const t0 = performance.now();
      await api.get(`/v1/history/jobs/${someUid}`, 'all');
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
        path: `\`GET /v1/history/jobs\` page of ${LIMIT} over ${int(rows)} rows, ${combos.length} filter combinations`,
        now: `worst p95 ${ms(worst.p95)} (${worst.name}); p50 ${ms(median(stats.map((s) => s.p50)))} (median of the combinations)`,
        reference: `\`GET /v1/history/jobs/{uid}\` (a primary-key read): p50 ${ms(lookup)}`,
        ratio: '—',
        target: `< ${TARGET_MS} ms`,
        met: worst.p95 < TARGET_MS,
        figures: {
          rows,
          worstP95Ms: round(worst.p95, 2),
          medianP50Ms: round(median(stats.map((s) => s.p50)), 2),
          byUidP50Ms: round(lookup, 3),
          loadSeconds: round(loaded.insertSeconds, 1),
          indexSeconds: round(loaded.indexSeconds, 1),
          tableMiB: round(mib(size.rows[0]?.table)),
          totalMiB: round(mib(size.rows[0]?.total)),
        },
        rounds: stats,
        notes: [
          `${runs} timed requests per combination after ${warmup} untimed, round-robin over the combinations, through the API composed in this process (\`app.request\`: authentication, validation, the namespace lookup and authorization, the page query, JSON); PostgreSQL with the test server's settings (shared_buffers 32 MB, the table mostly in the OS page cache)`,
          `loaded in ${loaded.insertSeconds.toFixed(0)} s (INSERT … SELECT generate_series), indexes built in ${loaded.indexSeconds.toFixed(0)} s; table ${int(mib(size.rows[0]?.table))} MiB, with indexes ${int(mib(size.rows[0]?.total))} MiB`,
          `per combination, p50 / p95 (rows in the page): ${stats.map((s) => `${s.name} ${ms(s.p50)} / ${ms(s.p95)} (${s.rows})`).join('; ')}`,
          `EXPLAIN (ANALYZE, BUFFERS) of each page query: ${plans.join(' | ')}`,
        ],
      },
    ];
  } finally {
    await api.close();
  }
}
