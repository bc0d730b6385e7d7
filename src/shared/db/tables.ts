import type { ColumnType, Insertable, Selectable } from 'kysely';

/**
 * The PostgreSQL tables as Kysely sees them: column names exactly as in SQL (snake_case), and
 * for each column what a select returns, what an insert takes and what an update takes. The
 * schema itself is made by the migrations in `./migrations/`; a migration that changes a table
 * changes its interface here in the same commit.
 */

/** A `timestamptz`: node-postgres returns a Date; a Date or an ISO 8601 string goes in. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A nullable column that may be left out of an insert. */
type Nullable<T, In = T> = ColumnType<T | null, In | null | undefined, In | null>;
/** A NOT NULL column with a default: optional on insert. */
type Defaulted<T, In = T> = ColumnType<T, In | undefined, In>;
/**
 * A `bigint`: node-postgres returns int8 as a string (it may not fit a JS number); a string,
 * number or bigint goes in. Compare versions with `BigInt(v)`, never as strings.
 */
type Int8 = ColumnType<string, string | number | bigint, string | number | bigint>;

/** Lifecycle phases of a history row: the Job's status phase, or `Deleted` once it is gone. */
export const HISTORY_JOB_PHASES = ['Pending', 'Running', 'Succeeded', 'Failed', 'Deleted'] as const;
export type HistoryJobPhase = (typeof HISTORY_JOB_PHASES)[number];

/** `history_jobs`: one row per Job eks-jobs created, keyed by (cluster, uid). */
export interface HistoryJobsTable {
  cluster: string;
  /** The Job's `metadata.uid` (a UUID). */
  uid: string;
  namespace: string;
  name: string;
  operation_id: Nullable<string>;
  batch_id: Nullable<string>;
  request_id: Nullable<string>;
  /** The API key id that submitted it. */
  submitted_by: Nullable<string>;
  template: Nullable<string>;
  template_revision: Nullable<number>;
  phase: HistoryJobPhase;
  /** Why it failed (`BackoffLimitExceeded`, `DeadlineExceeded`, …) or why it is in its phase. */
  reason: Nullable<string>;
  active: Defaulted<number>;
  succeeded: Defaulted<number>;
  failed: Defaulted<number>;
  submitted_at: Timestamp;
  started_at: Nullable<Date, Date | string>;
  finished_at: Nullable<Date, Date | string>;
  /** Container images of the pod template, in order. */
  images: Defaulted<string[]>;
  labels: Defaulted<Record<string, string>>;
  updated_at: Defaulted<Date, Date | string>;
  /**
   * Orders the writes of one row: a write carrying a version not above the stored one changes
   * nothing (see `upsertHistoryJob`). The Job's `metadata.resourceVersion` fits: etcd's
   * revision only grows within a cluster.
   */
  version: Int8;
}

/** `history_operations`: the terminal record of each operation, keyed by its id. */
export interface HistoryOperationsTable {
  id: string;
  /** The command (`job.create`, `namespace.delete`, …). */
  kind: string;
  /** How it ended (`succeeded`, `failed`). */
  state: string;
  cluster: string;
  namespace: Nullable<string>;
  name: string;
  submitted_by: Nullable<string>;
  request_id: Nullable<string>;
  batch_id: Nullable<string>;
  created_at: Timestamp;
  finished_at: Nullable<Date, Date | string>;
  error_code: Nullable<string>;
  error_message: Nullable<string>;
  attempts: Defaulted<number>;
}

/** Every table, by name: the type parameter of `Kysely<Tables>`. */
export interface Tables {
  history_jobs: HistoryJobsTable;
  history_operations: HistoryOperationsTable;
}

export type HistoryJob = Selectable<HistoryJobsTable>;
export type NewHistoryJob = Insertable<HistoryJobsTable>;
export type HistoryOperation = Selectable<HistoryOperationsTable>;
export type NewHistoryOperation = Insertable<HistoryOperationsTable>;
