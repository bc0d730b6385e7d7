import { type Kysely, sql } from 'kysely';
import type { HistoryJobPhase, Tables } from './tables.js';

/**
 * Batched writes of history (the history recorder's, docs/history.md): every row of a batch in
 * one statement per table, the rows passed as one JSON parameter and unpacked by
 * `jsonb_to_recordset`, so a batch of any size is one round trip with one parameter (no limit of
 * 65,535 bind parameters, no statement text that grows with the batch).
 */

/** One Job's state as a write carries it; null: not known to this write (the row keeps its value). */
export interface HistoryJobWrite {
  cluster: string;
  uid: string;
  namespace: string;
  name: string;
  operation_id: string | null;
  batch_id: string | null;
  request_id: string | null;
  submitted_by: string | null;
  phase: Exclude<HistoryJobPhase, 'Deleted'>;
  reason: string | null;
  active: number;
  succeeded: number;
  failed: number;
  /** ISO 8601. Set by the write that inserts the row; never changed after. */
  submitted_at: string;
  started_at: string | null;
  finished_at: string | null;
  images: string[] | null;
  labels: Record<string, string> | null;
  /** A bigint as a decimal string: the row moves only to a greater version. */
  version: string;
}

/** A Job gone before it finished: its row becomes Deleted, unless its version is already higher. */
export interface HistoryJobDeletion {
  cluster: string;
  uid: string;
  version: string;
}

/** An operation's terminal record. */
export interface HistoryOperationWrite {
  id: string;
  kind: string;
  state: 'succeeded' | 'failed';
  cluster: string;
  namespace: string | null;
  name: string;
  submitted_by: string | null;
  request_id: string | null;
  batch_id: string | null;
  created_at: string;
  /** ISO 8601. A re-driven operation's later outcome replaces the earlier one; a replay changes nothing. */
  finished_at: string;
  error_code: string | null;
  error_message: string | null;
  attempts: number;
}

/** One batch: at most one write per row (the statement may not touch a row twice). */
export interface HistoryWrites {
  jobs: readonly HistoryJobWrite[];
  deletions: readonly HistoryJobDeletion[];
  operations: readonly HistoryOperationWrite[];
}

/**
 * What a batch did to each table: rows inserted, updated (moved forward, or filled in), and
 * writes that changed nothing (`stale`).
 */
export interface HistoryWriteCounts {
  jobs: { inserted: number; updated: number; stale: number };
  /** Rows marked Deleted. */
  deleted: number;
  operations: { inserted: number; updated: number; stale: number };
}

type Executor = Kysely<Tables>;

/** Columns a write that knows them fills in when the row lacks them, whatever its version. */
const FILLED = [
  'operation_id',
  'batch_id',
  'request_id',
  'submitted_by',
  'started_at',
  'finished_at',
] as const;
/** Columns only a newer write changes. */
const MOVED = ['namespace', 'name', 'phase', 'reason', 'active', 'succeeded', 'failed', 'version'] as const;

async function upsertJobs(db: Executor, rows: readonly HistoryJobWrite[]) {
  // A newer write (greater version) moves the row: its phase, counts and version, and whatever
  // it knows of the rest. An older or equal one (a replay, an event overtaken by a later one)
  // only fills in what the row lacks — who submitted it, its times, images and labels, when the
  // newer event came without them (its operation had expired) — and a replay of what is already
  // there changes nothing at all. submitted_at is never updated, so pages handed out stay valid.
  const newer = sql.raw('excluded.version > h.version');
  const set = [
    ...MOVED.map(
      (c) =>
        sql`${sql.ref(c)} = case when ${newer} then ${sql.ref(`excluded.${c}`)} else ${sql.ref(`h.${c}`)} end`,
    ),
    ...FILLED.map(
      (c) =>
        sql`${sql.ref(c)} = case when ${newer} then coalesce(${sql.ref(`excluded.${c}`)}, ${sql.ref(`h.${c}`)}) else coalesce(${sql.ref(`h.${c}`)}, ${sql.ref(`excluded.${c}`)}) end`,
    ),
    sql`images = case when cardinality(h.images) = 0 or (${newer} and cardinality(excluded.images) > 0) then excluded.images else h.images end`,
    sql`labels = case when h.labels = '{}'::jsonb or (${newer} and excluded.labels <> '{}'::jsonb) then excluded.labels else h.labels end`,
    sql`updated_at = excluded.updated_at`,
  ];
  const fills = [
    ...FILLED.map((c) => sql`(${sql.ref(`h.${c}`)} is null and ${sql.ref(`excluded.${c}`)} is not null)`),
    sql`(cardinality(h.images) = 0 and cardinality(excluded.images) > 0)`,
    sql`(h.labels = '{}'::jsonb and excluded.labels <> '{}'::jsonb)`,
  ];
  const result = await sql<{ inserted: boolean }>`
    insert into history_jobs as h (cluster, uid, namespace, name, operation_id, batch_id, request_id,
      submitted_by, phase, reason, active, succeeded, failed, submitted_at, started_at, finished_at,
      images, labels, version, updated_at)
    select r.cluster, r.uid, r.namespace, r.name, r.operation_id, r.batch_id, r.request_id,
      r.submitted_by, r.phase, r.reason, r.active, r.succeeded, r.failed, r.submitted_at,
      r.started_at, r.finished_at, coalesce(r.images, '{}'), coalesce(r.labels, '{}'), r.version, now()
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(cluster text, uid uuid,
      namespace text, name text, operation_id text, batch_id text, request_id text,
      submitted_by text, phase text, reason text, active integer, succeeded integer,
      failed integer, submitted_at timestamptz, started_at timestamptz, finished_at timestamptz,
      images text[], labels jsonb, version bigint)
    on conflict (cluster, uid) do update set ${sql.join(set)}
    where ${newer} or ${sql.join(fills, sql` or `)}
    returning (xmax = 0) as inserted`.execute(db);
  const inserted = result.rows.filter((r) => r.inserted).length;
  const updated = result.rows.length - inserted;
  return { inserted, updated, stale: rows.length - result.rows.length };
}

async function markDeleted(db: Executor, rows: readonly HistoryJobDeletion[]): Promise<number> {
  // Only rows that exist: a deletion knows no namespace, name or submission time to insert with.
  const result = await sql`
    update history_jobs as h set phase = 'Deleted', version = r.version, updated_at = now()
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(cluster text, uid uuid, version bigint)
    where h.cluster = r.cluster and h.uid = r.uid and h.version < r.version`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

async function upsertOperations(db: Executor, rows: readonly HistoryOperationWrite[]) {
  const result = await sql<{ inserted: boolean }>`
    insert into history_operations as o (id, kind, state, cluster, namespace, name, submitted_by,
      request_id, batch_id, created_at, finished_at, error_code, error_message, attempts)
    select r.id, r.kind, r.state, r.cluster, r.namespace, r.name, r.submitted_by, r.request_id,
      r.batch_id, r.created_at, r.finished_at, r.error_code, r.error_message, r.attempts
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(id text, kind text, state text,
      cluster text, namespace text, name text, submitted_by text, request_id text, batch_id text,
      created_at timestamptz, finished_at timestamptz, error_code text, error_message text,
      attempts integer)
    on conflict (id) do update set
      kind = excluded.kind,
      state = excluded.state,
      cluster = excluded.cluster,
      namespace = excluded.namespace,
      name = excluded.name,
      submitted_by = coalesce(excluded.submitted_by, o.submitted_by),
      request_id = coalesce(excluded.request_id, o.request_id),
      batch_id = coalesce(excluded.batch_id, o.batch_id),
      finished_at = excluded.finished_at,
      error_code = excluded.error_code,
      error_message = excluded.error_message,
      attempts = excluded.attempts
    where o.finished_at is null or excluded.finished_at > o.finished_at
    returning (xmax = 0) as inserted`.execute(db);
  const inserted = result.rows.filter((r) => r.inserted).length;
  return { inserted, updated: result.rows.length - inserted, stale: rows.length - result.rows.length };
}

/**
 * Writes a batch: Jobs upserted (a row moves only to a greater `version`), then deletions
 * applied (after the upsert, so a Job created and deleted in one batch is marked), then
 * operations upserted (a later outcome of the same operation replaces an earlier one). One
 * transaction when there is more than one statement: the caller acknowledges the batch's
 * events only after it returns, so a crash before the commit writes the whole batch again.
 */
export async function writeHistory(db: Kysely<Tables>, writes: HistoryWrites): Promise<HistoryWriteCounts> {
  const statements = [writes.jobs, writes.deletions, writes.operations].filter((w) => w.length > 0).length;
  const run = async (tx: Executor): Promise<HistoryWriteCounts> => {
    const none = { inserted: 0, updated: 0, stale: 0 };
    const jobs = writes.jobs.length > 0 ? await upsertJobs(tx, writes.jobs) : none;
    const deleted = writes.deletions.length > 0 ? await markDeleted(tx, writes.deletions) : 0;
    const operations = writes.operations.length > 0 ? await upsertOperations(tx, writes.operations) : none;
    return { jobs, deleted, operations };
  };
  return statements > 1 ? db.transaction().execute(run) : run(db);
}
