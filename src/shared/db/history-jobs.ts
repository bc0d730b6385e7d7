import { type ExpressionBuilder, type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { HistoryJob, HistoryJobPhase, HistoryJobsTable, NewHistoryJob, Tables } from './tables.js';

/** What {@link upsertHistoryJob} did. `stale`: the stored row has this version or a newer one. */
export type UpsertOutcome = 'inserted' | 'updated' | 'stale';

/**
 * Columns a later write never empties: who submitted the Job and from what. A write that does
 * not know them (a watch event) leaves them as they are.
 */
const KEPT_WHEN_NULL = [
  'operation_id',
  'batch_id',
  'request_id',
  'submitted_by',
  'template',
  'template_revision',
  'started_at',
  'finished_at',
] as const satisfies readonly (keyof HistoryJobsTable)[];

/**
 * Inserts `row`, or updates the stored row of the same (cluster, uid) when `row.version` is
 * greater than its version; a replayed or late event (same or lower version) changes nothing
 * and returns `stale`. An update sets the columns `row` carries (an absent column keeps its
 * value), except that `submitted_at` never changes — a row keeps its place in the history's
 * order, so pages already handed out stay valid — and the columns of {@link KEPT_WHEN_NULL}
 * are not emptied by a null. `updated_at` is now unless given.
 */
export async function upsertHistoryJob(db: Kysely<Tables>, row: NewHistoryJob): Promise<UpsertOutcome> {
  const values = { ...row, updated_at: row.updated_at ?? new Date() };
  const kept = new Set<string>(KEPT_WHEN_NULL);
  const updated = Object.keys(values).filter(
    (column) => column !== 'cluster' && column !== 'uid' && column !== 'submitted_at',
  ) as (keyof HistoryJobsTable)[];
  const result = await db
    .insertInto('history_jobs')
    .values(values)
    .onConflict((oc) =>
      oc
        .columns(['cluster', 'uid'])
        .doUpdateSet(
          Object.fromEntries(
            updated.map((column) => [
              column,
              kept.has(column)
                ? sql`coalesce(${sql.ref(`excluded.${column}`)}, ${sql.ref(`history_jobs.${column}`)})`
                : sql.ref(`excluded.${column}`),
            ]),
          ),
        )
        .where((eb) => eb('excluded.version', '>', eb.ref('history_jobs.version'))),
    )
    // xmax is 0 on a row version that an insert created, and set on one an update created.
    .returning(sql<boolean>`xmax = 0`.as('inserted'))
    .executeTakeFirst();
  if (!result) return 'stale';
  return result.inserted ? 'inserted' : 'updated';
}

/** Where a page ends: the last row's sort key. The next page starts after it. */
export interface HistoryCursor {
  submittedAt: Date;
  uid: string;
}

/** A query of {@link historyJobsPage}. Every filter given must match (AND). */
export interface HistoryJobsQuery {
  cluster: string;
  /** Only these namespaces; undefined for every namespace (a key allowed all of them). */
  namespaces?: readonly string[];
  phase?: HistoryJobPhase;
  /** API key id. */
  submittedBy?: string;
  /** The Job's labels include all of these. */
  labels?: Readonly<Record<string, string>>;
  /** `submitted_at` at or after. */
  from?: Date;
  /** `submitted_at` at or before. */
  to?: Date;
  /** Rows after this one (the previous page's `next`). */
  after?: HistoryCursor;
  /** Rows in the page, 1 to 1000. */
  limit: number;
}

/** One page, newest first; `next` is there when more rows follow. */
export interface HistoryJobsPage {
  rows: HistoryJob[];
  next?: HistoryCursor;
}

type JobsQuery = SelectQueryBuilder<Tables, 'history_jobs', HistoryJob>;

/**
 * A page of `history_jobs`, newest `submitted_at` first (ties by uid), with a keyset cursor:
 * the cost of a page does not grow with its depth. Shaped for the indexes of migration
 * `0001_history` (its comment says why): with a list of namespaces, one index scan per
 * namespace, each stopping after `limit` rows, then the newest `limit` of those.
 */
export async function historyJobsPage(db: Kysely<Tables>, query: HistoryJobsQuery): Promise<HistoryJobsPage> {
  const rows: HistoryJob[] = await historyJobsPageQuery(db, query).execute();
  if (rows.length <= query.limit) return { rows };
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1]!;
  return { rows: page, next: { submittedAt: last.submitted_at, uid: last.uid } };
}

/**
 * The statement {@link historyJobsPage} runs, unexecuted (for `.explain()`): it selects one row
 * more than `limit`, which tells whether another page follows.
 */
export function historyJobsPageQuery(db: Kysely<Tables>, query: HistoryJobsQuery) {
  if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > 1000) {
    throw new RangeError(`limit must be a whole number from 1 to 1000 (got ${query.limit})`);
  }
  const take = query.limit + 1;
  const newestFirst = (qb: JobsQuery) =>
    qb.orderBy('history_jobs.submitted_at', 'desc').orderBy('history_jobs.uid', 'desc').limit(take);
  const jobs = db.selectFrom('history_jobs').selectAll();
  if (query.namespaces === undefined) return newestFirst(filtered(jobs, query));
  if (query.namespaces.length === 0) return jobs.where(sql<boolean>`false`);
  return db
    .selectFrom(sql<{ ns: string }>`unnest(${[...query.namespaces]}::text[])`.as('ns'))
    .innerJoinLateral(
      (eb) =>
        newestFirst(
          filtered(eb.selectFrom('history_jobs').selectAll(), query).where(
            'history_jobs.namespace',
            '=',
            sql.ref<string>('ns.ns'),
          ),
        ).as('j'),
      (join) => join.onTrue(),
    )
    .selectAll('j')
    .orderBy('j.submitted_at', 'desc')
    .orderBy('j.uid', 'desc')
    .limit(take);
}

function filtered(qb: JobsQuery, query: HistoryJobsQuery): JobsQuery {
  let q = qb.where('history_jobs.cluster', '=', query.cluster);
  if (query.phase) q = q.where('history_jobs.phase', '=', query.phase);
  if (query.submittedBy) q = q.where('history_jobs.submitted_by', '=', query.submittedBy);
  if (query.labels && Object.keys(query.labels).length > 0) {
    q = q.where(sql<boolean>`history_jobs.labels @> ${JSON.stringify(query.labels)}::jsonb`);
  }
  if (query.from) q = q.where('history_jobs.submitted_at', '>=', query.from);
  if (query.to) q = q.where('history_jobs.submitted_at', '<=', query.to);
  const after = query.after;
  if (after) {
    q = q.where((eb: ExpressionBuilder<Tables, 'history_jobs'>) =>
      eb(
        eb.refTuple('history_jobs.submitted_at', 'history_jobs.uid'),
        '<',
        eb.tuple(after.submittedAt, after.uid),
      ),
    );
  }
  return q;
}
