import type {
  HistoryJobDeletion,
  HistoryJobWrite,
  HistoryOperationWrite,
  HistoryWrites,
} from '../shared/db/history-writes.js';
import type { HistoryJobPhase } from '../shared/db/index.js';
import type { EksJobsEvent } from '../shared/events/event.js';

/**
 * Turning events of the log into history rows (docs/history.md). Pure: the recorder reads, this
 * maps, `writeHistory` writes.
 *
 * A row's `version` orders the states of one Job, so a write only moves a row forward whatever
 * order the events arrive in (several recorders, a claimed backlog, a replay): the phase's rank
 * in the high bits, the Job's resourceVersion below. Rank first because a Job's phase only moves
 * forward, and because different publishers report the same resourceVersion (a Job that started
 * and ended between two watch events yields `job.running` and `job.succeeded` of one state).
 * Deleted ranks below the outcomes: a Job deleted after it finished keeps its outcome, and a
 * deletion seen before the outcome it raced is overtaken by it.
 */
const RANK: Record<HistoryJobPhase, bigint> = {
  Pending: 0n,
  Running: 1n,
  Deleted: 2n,
  Succeeded: 3n,
  Failed: 3n,
};
const RANK_SHIFT = 60n;
const MAX_RV = (1n << RANK_SHIFT) - 1n;

/** The version of a row in `phase` at `resourceVersion` (an etcd revision; absent or odd: 0). */
export function jobVersion(phase: HistoryJobPhase, resourceVersion: unknown): string {
  let rv = 0n;
  if (typeof resourceVersion === 'string' && /^\d{1,20}$/.test(resourceVersion)) {
    rv = BigInt(resourceVersion);
    if (rv > MAX_RV) rv = MAX_RV;
  }
  return ((RANK[phase] << RANK_SHIFT) | rv).toString();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
const count = (v: unknown): number => (Number.isInteger(v) && (v as number) >= 0 ? (v as number) : 0);
/** An instant as ISO 8601, or undefined when it does not parse (the column would refuse it). */
function instant(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const t = Date.parse(v);
  return Number.isFinite(t) ? new Date(t).toISOString() : undefined;
}
const strings = (v: unknown): string[] | undefined =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;
function labelMap(v: unknown): Record<string, string> | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  return Object.fromEntries(Object.entries(v).filter(([, x]) => typeof x === 'string')) as Record<
    string,
    string
  >;
}

/** What one event writes: at most one row of each kind. */
export interface EventRows {
  job?: HistoryJobWrite;
  deletion?: HistoryJobDeletion;
  operation?: HistoryOperationWrite;
}

/**
 * The rows an event implies. Pure. Events may come from an older or newer publisher, so every
 * field is checked; what a column would refuse (a uid that is no UUID, no namespace) makes no row.
 * - `operation.succeeded` / `operation.failed`: the operation's terminal record; a `job.create`
 *   that made its Job also writes the Job's row as Pending, and a `job.delete` marks the Job it
 *   deleted as Deleted (when it had not finished).
 * - `job.running` / `job.succeeded` / `job.failed`: the Job's row in that phase.
 * - `operation.retrying` writes nothing: it is not an outcome.
 */
export function rowsOf(event: EksJobsEvent): EventRows {
  const d = event.data ?? ({} as EksJobsEvent['data']);
  const cluster = str(d.cluster);
  const at = instant(event.timestamp) ?? new Date().toISOString();
  const submittedAt = instant(d.submittedAt) ?? at;
  if (!cluster) return {};
  const who = {
    operation_id: str(d.operationId) ?? null,
    batch_id: str(d.batchId) ?? null,
    request_id: str(d.requestId) ?? null,
    submitted_by: str(d.principal) ?? null,
  };
  if (event.type === 'operation.succeeded' || event.type === 'operation.failed') {
    const out: EventRows = {};
    const id = str(d.operationId);
    const name = str(d.name);
    if (id && name) {
      out.operation = {
        id,
        kind: str(d.command) ?? 'unknown',
        state: event.type === 'operation.succeeded' ? 'succeeded' : 'failed',
        cluster,
        namespace: (d.kind === 'Namespace' ? name : str(d.namespace)) ?? null,
        name,
        submitted_by: who.submitted_by,
        request_id: who.request_id,
        batch_id: who.batch_id,
        created_at: submittedAt,
        finished_at: at,
        error_code: str(d.error?.code) ?? null,
        error_message: str(d.error?.message) ?? null,
        attempts: count(d.attempts),
      };
    }
    const result = (d.result ?? {}) as Record<string, unknown>;
    const uid = str(result.uid);
    if (event.type !== 'operation.succeeded' || !uid || !UUID.test(uid)) return out;
    if (d.command === 'job.delete') {
      out.deletion = { cluster, uid, version: jobVersion('Deleted', result.resourceVersion) };
    } else if (d.command === 'job.create') {
      const namespace = str(result.namespace) ?? str(d.namespace);
      const jobName = str(result.name) ?? name;
      if (namespace && jobName) {
        out.job = {
          cluster,
          uid,
          namespace,
          name: jobName,
          ...who,
          phase: 'Pending',
          reason: null,
          active: 0,
          succeeded: 0,
          failed: 0,
          submitted_at: submittedAt,
          started_at: null,
          finished_at: null,
          images: strings(d.images) ?? null,
          labels: labelMap(d.labels) ?? null,
          version: jobVersion('Pending', result.resourceVersion),
        };
      }
    }
    return out;
  }
  if (event.type !== 'job.running' && event.type !== 'job.succeeded' && event.type !== 'job.failed')
    return {};
  const job = d.job;
  const uid = str(job?.uid);
  const namespace = str(d.namespace);
  const name = str(d.name);
  if (!job || !uid || !UUID.test(uid) || !namespace || !name) return {};
  const phase: HistoryJobPhase =
    event.type === 'job.succeeded' ? 'Succeeded' : event.type === 'job.failed' ? 'Failed' : 'Running';
  const terminal = phase !== 'Running';
  return {
    job: {
      cluster,
      uid,
      namespace,
      name,
      ...who,
      phase,
      reason: terminal ? (str(job.reason) ?? null) : null,
      active: count(job.active),
      succeeded: count(job.succeeded),
      failed: count(job.failed),
      submitted_at: submittedAt,
      started_at: instant(job.startTime) ?? null,
      finished_at: terminal ? (instant(job.finishedAt) ?? instant(job.completionTime) ?? at) : null,
      images: strings(d.images) ?? null,
      labels: labelMap(d.labels) ?? null,
      version: jobVersion(phase, job.resourceVersion),
    },
  };
}

const KEPT: readonly (keyof HistoryJobWrite)[] = [
  'operation_id',
  'batch_id',
  'request_id',
  'submitted_by',
  'started_at',
  'finished_at',
  'images',
  'labels',
];

/**
 * Two writes of one Job in one batch as the database would end up with them written one after
 * the other: the higher version's row (the first one on a tie, as a write of the same version
 * changes nothing), with what only the other knew
 * filled in, and the earlier submission time. One statement may not touch a row twice.
 */
function mergeJob(a: HistoryJobWrite, b: HistoryJobWrite): HistoryJobWrite {
  const [older, newer] = BigInt(b.version) > BigInt(a.version) ? [a, b] : [b, a];
  const merged: HistoryJobWrite = { ...newer };
  for (const column of KEPT) {
    if (merged[column] === null) (merged as unknown as Record<string, unknown>)[column] = older[column];
  }
  if (Date.parse(older.submitted_at) < Date.parse(merged.submitted_at))
    merged.submitted_at = older.submitted_at;
  return merged;
}

/** The writes of a batch of events, in stream order, one per row. Pure. */
export function historyWritesOf(events: readonly EksJobsEvent[]): HistoryWrites {
  const jobs = new Map<string, HistoryJobWrite>();
  const deletions = new Map<string, HistoryJobDeletion>();
  const operations = new Map<string, HistoryOperationWrite>();
  for (const event of events) {
    const rows = rowsOf(event);
    if (rows.job) {
      const key = `${rows.job.cluster}\n${rows.job.uid}`;
      const seen = jobs.get(key);
      jobs.set(key, seen ? mergeJob(seen, rows.job) : rows.job);
    }
    if (rows.deletion) {
      const key = `${rows.deletion.cluster}\n${rows.deletion.uid}`;
      const seen = deletions.get(key);
      if (!seen || BigInt(rows.deletion.version) > BigInt(seen.version)) deletions.set(key, rows.deletion);
    }
    if (rows.operation) {
      const seen = operations.get(rows.operation.id);
      if (!seen || Date.parse(rows.operation.finished_at) >= Date.parse(seen.finished_at)) {
        operations.set(rows.operation.id, rows.operation);
      }
    }
  }
  return {
    jobs: [...jobs.values()],
    deletions: [...deletions.values()],
    operations: [...operations.values()],
  };
}
