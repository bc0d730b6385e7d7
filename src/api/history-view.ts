import { createHash } from 'node:crypto';
import type { HistoryCursor, HistoryJob } from '../shared/db/index.js';
import { ApiError } from './errors.js';

/**
 * What the history routes answer, from rows, and their opaque cursor. Pure.
 *
 * The cursor is the last row's sort key (submitted_at, uid) plus a fingerprint of the filters it
 * was made under, base64url JSON: a cursor used with other filters would skip or repeat rows, so
 * it is refused (422 InvalidCursor) rather than followed. Times are kept to the millisecond, as
 * the recorder writes them.
 */

/** The filters that decide which rows a listing has (not the page size). */
export interface HistoryFilters {
  cluster: string;
  namespaces?: readonly string[] | undefined;
  phase?: string | undefined;
  labels?: Readonly<Record<string, string>> | undefined;
  submittedBy?: string | undefined;
  since?: Date | undefined;
  until?: Date | undefined;
}

export function filtersFingerprint(f: HistoryFilters): string {
  const canonical = JSON.stringify([
    f.cluster,
    [...(f.namespaces ?? [])].sort(),
    f.phase ?? null,
    Object.entries(f.labels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    f.submittedBy ?? null,
    f.since?.toISOString() ?? null,
    f.until?.toISOString() ?? null,
  ]);
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 12);
}

export function encodeHistoryCursor(cursor: HistoryCursor, fingerprint: string): string {
  return Buffer.from(
    JSON.stringify({ s: cursor.submittedAt.toISOString(), u: cursor.uid, f: fingerprint }),
  ).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** @throws ApiError InvalidCursor when `token` is not a cursor of a listing with these filters. */
export function decodeHistoryCursor(token: string, fingerprint: string): HistoryCursor {
  let c: { s?: unknown; u?: unknown; f?: unknown } = {};
  try {
    c = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) ?? {};
  } catch {
    // not ours
  }
  const at = typeof c.s === 'string' ? new Date(c.s) : undefined;
  if (!at || !Number.isFinite(at.getTime()) || typeof c.u !== 'string' || !UUID.test(c.u)) {
    throw new ApiError('InvalidCursor', '`cursor` is not a cursor this API handed out');
  }
  if (c.f !== fingerprint) {
    throw new ApiError(
      'InvalidCursor',
      '`cursor` belongs to a listing with other filters; start again without it',
    );
  }
  return { submittedAt: at, uid: c.u };
}

/**
 * Whether a listing reads the cluster's rows in one index order (newest first) instead of each
 * namespace's apart (`historyJobsPage` without a namespace list), measured by the history-page
 * benchmark at 10 M rows: when the key may read every namespace that has history and named none,
 * one scan stops after about a page of matches, where one per namespace reads a page from each
 * (50 namespaces, a common label: 20,000 rows instead of 400). Not with a submitter filter: a rare
 * key is found through each namespace's submitter index, while one cluster-wide scan would read
 * rows until it has met a page of them.
 */
export function scansWholeCluster(q: { everyNamespace: boolean; submittedBy?: string | undefined }): boolean {
  return q.everyNamespace && q.submittedBy === undefined;
}

const iso = (d: Date | null) => (d ? { value: d.toISOString() } : undefined);

/** A row as the API shows it: camelCase, absent instead of null. */
export function historyJobView(row: HistoryJob) {
  const started = iso(row.started_at);
  const finished = iso(row.finished_at);
  return {
    cluster: row.cluster,
    uid: row.uid,
    namespace: row.namespace,
    name: row.name,
    phase: row.phase,
    ...(row.reason ? { reason: row.reason } : {}),
    counts: { active: row.active, succeeded: row.succeeded, failed: row.failed },
    submittedAt: row.submitted_at.toISOString(),
    ...(started ? { startedAt: started.value } : {}),
    ...(finished ? { finishedAt: finished.value } : {}),
    images: row.images,
    labels: row.labels,
    ...(row.submitted_by ? { submittedBy: row.submitted_by } : {}),
    ...(row.operation_id ? { operationId: row.operation_id } : {}),
    ...(row.batch_id ? { batchId: row.batch_id } : {}),
    ...(row.request_id ? { requestId: row.request_id } : {}),
    ...(row.template ? { template: row.template } : {}),
    ...(row.template_revision !== null ? { templateRevision: row.template_revision } : {}),
    updatedAt: row.updated_at.toISOString(),
  };
}
