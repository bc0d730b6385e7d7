import { type Kysely, sql } from 'kysely';
import type { HistoryJobsQuery, Tables } from '../../src/shared/db/index.js';

/**
 * Synthetic `history_jobs` rows for the plan tests and the `history-page` benchmark, made inside
 * PostgreSQL by `INSERT … SELECT generate_series` (nothing crosses the wire per row). Row `g`
 * (1…rows) is deterministic:
 *
 * - cluster `main` for 9 rows in 10, else `other`; namespace `ns-00`…`ns-49` (g mod 50);
 * - the rest by g / 50, so each namespace has every value in the same shares: phase Failed
 *   1 in 25, Running 1 in 100, Pending 1 in 100, Deleted 1 in 500, else Succeeded;
 *   submitted_by `key-00`…`key-19`, and `key-rare` for 1 row in 10,000; labels `team`
 *   (8 values) and `tier=gold` on 1 row in 10; and `run`, one value per 500 consecutive rows
 *   (`run-<g/500>`, in every namespace);
 * - submitted_at spread evenly over `spanMs` up to `end`, in g order, to the millisecond.
 */
export interface SyntheticHistoryOptions {
  rows: number;
  /** When the newest row was submitted. @defaultValue now */
  end?: Date;
  /** How far back the oldest row was submitted. @defaultValue 90 days */
  spanMs?: number;
  /** Rows per INSERT statement (progress is reported after each). @defaultValue 1,000,000 */
  chunk?: number;
  /**
   * Drop the table's indexes and primary key, insert, then build them again: building an index
   * over the loaded table is many times faster than maintaining six of them (one GIN) per row.
   * @defaultValue false
   */
  rebuildIndexes?: boolean;
  progress?: (line: string) => void;
}

export const SYNTHETIC_NAMESPACES = 50;

/** Loads the rows; resolves with the seconds the insert and the index builds each took. */
export async function loadSyntheticHistory(
  db: Kysely<Tables>,
  options: SyntheticHistoryOptions,
): Promise<{ insertSeconds: number; indexSeconds: number }> {
  const end = options.end ?? new Date();
  const span = options.spanMs ?? 90 * 86_400_000;
  const step = span / options.rows;
  const chunk = options.chunk ?? 1_000_000;
  const say = options.progress ?? (() => {});
  return db.connection().execute(async (conn) => {
    await sql`set maintenance_work_mem = '256MB'`.execute(conn);
    let indexes: string[] = [];
    if (options.rebuildIndexes) {
      const { rows } = await sql<{ name: string; def: string }>`
        select indexname as name, indexdef as def from pg_indexes
        where tablename = 'history_jobs' and indexname <> 'history_jobs_pkey'`.execute(conn);
      indexes = rows.map((r) => r.def);
      for (const r of rows) await sql`drop index ${sql.ref(r.name)}`.execute(conn);
      await sql`alter table history_jobs drop constraint history_jobs_pkey`.execute(conn);
    }
    const t0 = performance.now();
    for (let from = 1; from <= options.rows; from += chunk) {
      const to = Math.min(options.rows, from + chunk - 1);
      await sql`
        insert into history_jobs (cluster, uid, namespace, name, operation_id, batch_id, request_id,
          submitted_by, phase, reason, active, succeeded, failed, submitted_at, started_at,
          finished_at, images, labels, version)
        select
          case when (g / 7) % 10 = 0 then 'other' else 'main' end,
          md5('history-' || g)::uuid,
          'ns-' || lpad((g % ${SYNTHETIC_NAMESPACES})::text, 2, '0'),
          'job-' || g,
          'op_' || g,
          case when g % 5 = 0 then 'bat_' || (g / 1000) end,
          'req-' || g,
          case when (g / 50) % 10000 = 7 then 'key-rare' else 'key-' || lpad(((g / 50) % 20)::text, 2, '0') end,
          p.phase,
          case when p.phase = 'Failed' then 'BackoffLimitExceeded' end,
          case when p.phase = 'Running' then 1 else 0 end,
          case when p.phase = 'Succeeded' then 1 else 0 end,
          case when p.phase = 'Failed' then 1 else 0 end,
          t.at,
          case when p.phase <> 'Pending' then t.at + interval '2 seconds' end,
          case when p.phase in ('Succeeded', 'Failed') then t.at + interval '30 seconds' end,
          array['busybox:1.36'],
          jsonb_build_object('team', 'team-' || ((g / 50) % 8), 'run', 'run-' || (g / 500))
            || case when (g / 50) % 10 = 3 then '{"tier":"gold"}'::jsonb else '{}'::jsonb end,
          g
        from generate_series(${from}::bigint, ${to}::bigint) as g,
        lateral (select date_trunc('milliseconds',
          ${end.toISOString()}::timestamptz - ((${options.rows}::bigint - g) * ${step}::float8) * interval '1 millisecond') as at) as t,
        lateral (select case
          when (g / 50) % 25 = 0 then 'Failed' when (g / 50) % 100 = 1 then 'Running'
          when (g / 50) % 100 = 2 then 'Pending' when (g / 50) % 500 = 3 then 'Deleted'
          else 'Succeeded' end as phase) as p`.execute(conn);
      say(`history rows: ${to.toLocaleString('en-US')} of ${options.rows.toLocaleString('en-US')}`);
    }
    const insertSeconds = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    if (options.rebuildIndexes) {
      await sql`alter table history_jobs add primary key (cluster, uid)`.execute(conn);
      for (const def of indexes) {
        await sql.raw(def).execute(conn);
        say(`index built: ${/INDEX (\S+)/.exec(def)?.[1]}`);
      }
    }
    await sql`vacuum (analyze) history_jobs`.execute(conn);
    return { insertSeconds, indexSeconds: (performance.now() - t1) / 1000 };
  });
}

/**
 * A listing of the synthetic table: the request of `GET /v1/history/jobs` (`path`, by the key
 * `key`: `all` may read every namespace, `team` the ten `ns-0*`), and the page query the handler
 * makes of it (`query`, as `scansWholeCluster` decides: one cluster-wide scan when the key may
 * read every namespace, named none and filters no submitter; else one scan per namespace). With
 * `next`, the timed request is the second page: the first one's `nextCursor` is added to `path`.
 */
export interface SyntheticQuery {
  name: string;
  key: 'all' | 'team';
  path: string;
  next?: boolean;
  query: Omit<HistoryJobsQuery, 'limit'>;
}

/** The namespaces a `team` key of {@link syntheticQueries} may read. */
export const TEAM_NAMESPACES = Array.from({ length: 10 }, (_, i) => `ns-0${i}`);

/**
 * Filter combinations of `GET /v1/history/jobs` over the synthetic rows of
 * {@link loadSyntheticHistory} (with the same `rows`, `end` and `spanMs`): no filter, one
 * namespace, rare and common filters, a day's window, a page halfway down, a team key.
 */
export function syntheticQueries(options: { rows: number; end: Date; spanMs?: number }): SyntheticQuery[] {
  const span = options.spanMs ?? 90 * 86_400_000;
  const every = Array.from({ length: SYNTHETIC_NAMESPACES }, (_, i) => `ns-${String(i).padStart(2, '0')}`);
  const middle = new Date(options.end.getTime() - span / 2);
  const dayBefore = new Date(middle.getTime() - 86_400_000);
  const run = `run-${Math.floor(options.rows / 2 / 500)}`;
  const main = { cluster: 'main' };
  const list = '/v1/history/jobs?limit=50';
  return [
    { name: 'no filter', key: 'all', path: list, query: main },
    {
      name: 'one namespace',
      key: 'all',
      path: `${list}&namespace=ns-07`,
      query: { ...main, namespaces: ['ns-07'] },
    },
    {
      name: 'one namespace, phase=Failed',
      key: 'all',
      path: `${list}&namespace=ns-07&phase=Failed`,
      query: { ...main, namespaces: ['ns-07'], phase: 'Failed' },
    },
    { name: 'phase=Failed', key: 'all', path: `${list}&phase=Failed`, query: { ...main, phase: 'Failed' } },
    {
      name: 'a rare submitter',
      key: 'all',
      path: `${list}&submittedBy=key-rare`,
      query: { ...main, namespaces: every, submittedBy: 'key-rare' },
    },
    {
      name: 'label team=team-3 (1 row in 8)',
      key: 'all',
      path: `${list}&label=team%3Dteam-3`,
      query: { ...main, labels: { team: 'team-3' } },
    },
    {
      name: `label run=${run} (500 rows)`,
      key: 'all',
      path: `${list}&label=run%3D${run}`,
      query: { ...main, labels: { run } },
    },
    {
      name: 'one namespace, one day',
      key: 'all',
      path: `${list}&namespace=ns-07&since=${dayBefore.toISOString()}&until=${middle.toISOString()}`,
      query: { ...main, namespaces: ['ns-07'], from: dayBefore, to: middle },
    },
    {
      name: 'one namespace, the next page halfway down (cursor)',
      key: 'all',
      path: `${list}&namespace=ns-07&until=${middle.toISOString()}`,
      next: true,
      query: {
        ...main,
        namespaces: ['ns-07'],
        to: middle,
        after: {
          submittedAt: new Date(middle.getTime() - 3_600_000),
          uid: 'ffffffff-ffff-ffff-ffff-ffffffffffff',
        },
      },
    },
    {
      name: 'a team key (10 namespaces), label team=team-3',
      key: 'team',
      path: `${list}&label=team%3Dteam-3`,
      query: { ...main, namespaces: TEAM_NAMESPACES, labels: { team: 'team-3' } },
    },
    {
      name: 'three namespaces, phase=Succeeded, submitter, label tier=gold',
      key: 'all',
      path: `${list}&namespace=ns-01&namespace=ns-02&namespace=ns-03&phase=Succeeded&submittedBy=key-03&label=tier%3Dgold`,
      query: {
        ...main,
        namespaces: ['ns-01', 'ns-02', 'ns-03'],
        phase: 'Succeeded',
        submittedBy: 'key-03',
        labels: { tier: 'gold' },
      },
    },
  ];
}
