import { type Kysely, sql } from 'kysely';

/**
 * Job and operation history (issue #19).
 *
 * `history_jobs` has one row per Job eks-jobs created, written by the workers as the Job moves
 * (`upsertHistoryJob`): a row only moves forward, because every write carries `version` (the
 * Job's resourceVersion) and the upsert updates only `WHERE excluded.version > version`.
 *
 * Indexes, for the page query of `GET /v1/history/jobs` (`historyJobsPage`) at 10 M rows:
 *
 *   WHERE cluster = $1 AND namespace = ANY($2) [AND phase = …] [AND submitted_by = …]
 *     [AND labels @> …] [AND submitted_at BETWEEN … AND …] [AND (submitted_at, uid) < (cursor)]
 *   ORDER BY submitted_at DESC, uid DESC LIMIT n
 *
 * - A keyset page is cheap only when an index hands rows over already in (submitted_at DESC,
 *   uid DESC) order behind equality-filtered columns: the scan starts at the cursor (a row
 *   comparison on those two trailing columns is an index bound) and stops after n rows, at any
 *   depth. So every page index ends in (submitted_at DESC, uid DESC); the BETWEEN range bounds
 *   the same scan. Every API route acts on one cluster, so `cluster` leads.
 * - `namespace = ANY(list)` on an index column gives each namespace's rows in order but not
 *   merged, so PostgreSQL 15 would sort every matching row. The page query instead scans once
 *   per namespace (LATERAL over the list, each LIMIT n) and sorts at most n × namespaces rows.
 * - `phase` and `submitted_by` get an index each, (cluster, namespace, <column>, submitted_at,
 *   uid): without one, a rare value (Failed among thousands of Succeeded, one key among many)
 *   makes the scan read many rows per match. Both filters at once use either index and check
 *   the other row by row; indexing every combination would cost a write per index on every
 *   insert and phase change, for little.
 * - `labels @>`: a GIN index with jsonb_path_ops (smaller and faster than the default opclass,
 *   and @> is the only operator we use). A selective label (a run id) is found through it and
 *   its few rows sorted; a common one (team=a) is checked on the ordered scan. The planner
 *   picks by the column's statistics.
 * - Without a namespace filter (keys allowed every namespace): (cluster, submitted_at, uid);
 *   phase or key filters are checked row by row there. When one cluster holds most rows the
 *   planner may read the same order from the retention index below instead.
 * - Retention deletes `submitted_at < cutoff` across all clusters, including ones no longer
 *   configured: a plain (submitted_at) index (PostgreSQL 15 cannot skip a leading `cluster`).
 *
 * fillfactor 90 leaves room in each page so updates that change no indexed column (counts,
 * version, updated_at while a Job runs) are HOT: no index writes.
 *
 * `history_operations` holds each operation's terminal record; retention by `created_at`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table history_jobs (
      cluster text not null,
      uid uuid not null,
      namespace text not null,
      name text not null,
      operation_id text,
      batch_id text,
      request_id text,
      submitted_by text,
      template text,
      template_revision integer,
      phase text not null
        constraint history_jobs_phase check (phase in ('Pending', 'Running', 'Succeeded', 'Failed', 'Deleted')),
      reason text,
      active integer not null default 0,
      succeeded integer not null default 0,
      failed integer not null default 0,
      submitted_at timestamptz not null,
      started_at timestamptz,
      finished_at timestamptz,
      images text[] not null default '{}',
      labels jsonb not null default '{}',
      updated_at timestamptz not null default now(),
      version bigint not null,
      primary key (cluster, uid)
    ) with (fillfactor = 90)
  `.execute(db);
  const jobIndexes = [
    sql`create index history_jobs_namespace_page
          on history_jobs (cluster, namespace, submitted_at desc, uid desc)`,
    sql`create index history_jobs_phase_page
          on history_jobs (cluster, namespace, phase, submitted_at desc, uid desc)`,
    sql`create index history_jobs_submitter_page
          on history_jobs (cluster, namespace, submitted_by, submitted_at desc, uid desc)`,
    sql`create index history_jobs_cluster_page on history_jobs (cluster, submitted_at desc, uid desc)`,
    sql`create index history_jobs_labels on history_jobs using gin (labels jsonb_path_ops)`,
    sql`create index history_jobs_retention on history_jobs (submitted_at)`,
  ];
  for (const statement of jobIndexes) await statement.execute(db);

  await sql`
    create table history_operations (
      id text primary key,
      kind text not null,
      state text not null,
      cluster text not null,
      namespace text,
      name text not null,
      submitted_by text,
      request_id text,
      batch_id text,
      created_at timestamptz not null,
      finished_at timestamptz,
      error_code text,
      error_message text,
      attempts integer not null default 0
    )
  `.execute(db);
  await sql`create index history_operations_retention on history_operations (created_at)`.execute(db);
  await sql`create index history_operations_batch on history_operations (batch_id) where batch_id is not null`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table history_operations`.execute(db);
  await sql`drop table history_jobs`.execute(db);
}
