/**
 * Job lists with filters Kubernetes cannot select on (phase, creation time, the namespaces a key
 * may read): pages are read from the cluster, filtered here, and continued with an opaque cursor
 * that remembers where in a cluster page the answer stopped.
 */
import { createHash } from 'node:crypto';
import type { V1Job } from '@kubernetes/client-node';
import {
  BATCH_LABEL,
  MANAGED_BY_LABEL,
  MANAGED_BY_VALUE,
  OPERATION_LABEL,
} from '../shared/commands/index.js';
import { ApiError } from './errors.js';
import { type JobPhase, jobPhase } from './job-status.js';

/** What a list keeps of the Jobs the cluster's label selector answered. */
export interface JobFilters {
  phases?: readonly JobPhase[] | undefined;
  /** Created at or after this instant. */
  createdAfter?: Date | undefined;
  /** Created strictly before this instant. */
  createdBefore?: Date | undefined;
}

/** Whether any filter applies after reading. */
export function hasFilters(f: JobFilters): boolean {
  return (f.phases?.length ?? 0) > 0 || f.createdAfter !== undefined || f.createdBefore !== undefined;
}

/** Whether `job` passes the filters; its phase is the one the status summary shows. Pure. */
export function matchesFilters(job: V1Job, f: JobFilters): boolean {
  if (f.phases && f.phases.length > 0 && !f.phases.includes(jobPhase(job).phase)) return false;
  if (f.createdAfter || f.createdBefore) {
    const raw = job.metadata?.creationTimestamp;
    if (raw === undefined) return false;
    const at = new Date(raw).getTime();
    if (f.createdAfter && at < f.createdAfter.getTime()) return false;
    if (f.createdBefore && at >= f.createdBefore.getTime()) return false;
  }
  return true;
}

/**
 * The label selector sent to the cluster: the caller's, the operation's and batch's labels, and
 * — for lists across namespaces — eks-jobs' own Jobs only. Pure.
 */
export function jobSelector(p: {
  labelSelector?: string | undefined;
  operation?: string | undefined;
  batch?: string | undefined;
  managedOnly?: boolean;
}): string | undefined {
  const parts = [
    ...(p.managedOnly ? [`${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE}`] : []),
    ...(p.operation ? [`${OPERATION_LABEL}=${p.operation}`] : []),
    ...(p.batch ? [`${BATCH_LABEL}=${p.batch}`] : []),
    ...(p.labelSelector ? [p.labelSelector] : []),
  ];
  return parts.length > 0 ? parts.join(',') : undefined;
}

/**
 * Where the next page starts: the cluster page to read again (`t`, its continue token; none for
 * the first page) at page size `p`, after the item `k` (`namespace/name`) the last answer ended
 * with — or from its start. `f` fingerprints the listing it belongs to.
 */
interface Cursor {
  t?: string;
  k?: string;
  p: number;
  f: string;
}

/** Identifies a listing (cluster, namespace or all, label selector) so a cursor is not reused on another. */
export function listingFingerprint(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\n')).digest('base64url').slice(0, 12);
}

/** The largest cluster page a list reads (the `limit` a list accepts at most). */
export const MAX_PAGE_SIZE = 500;

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

/** @throws ApiError InvalidCursor when `token` is not a cursor of this listing. */
export function decodeCursor(token: string, fingerprint: string): Cursor {
  let c: Partial<Cursor>;
  try {
    c = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<Cursor>;
  } catch {
    c = {};
  }
  const ok =
    typeof c === 'object' &&
    c !== null &&
    Number.isInteger(c.p) &&
    (c.p ?? 0) > 0 &&
    // The cursor comes back from the client: it must not ask the cluster for a page of any size.
    (c.p ?? 0) <= MAX_PAGE_SIZE &&
    (c.t === undefined || typeof c.t === 'string') &&
    (c.k === undefined || typeof c.k === 'string');
  if (!ok) throw new ApiError('InvalidCursor', '`continue` is not a token this API handed out');
  if (c.f !== fingerprint) {
    throw new ApiError(
      'InvalidCursor',
      '`continue` belongs to another listing (cluster, namespace or label selector differ)',
    );
  }
  return c as Cursor;
}

const keyOf = (job: V1Job) => `${job.metadata?.namespace ?? ''}/${job.metadata?.name ?? ''}`;

/** Drops the items of a page read again up to and including `after` (the last one answered). */
function skipThrough(items: V1Job[], after: string | undefined): V1Job[] {
  if (after === undefined) return items;
  const at = items.findIndex((j) => keyOf(j) === after);
  // Gone since (deleted): the cluster lists in key order, so everything up to it was answered.
  return at >= 0 ? items.slice(at + 1) : items.filter((j) => keyOf(j) > after);
}

/** One page of the cluster's list. */
export interface ClusterPage {
  items: V1Job[];
  continue?: string | undefined;
}

/** Options of {@link filteredPage}. */
export interface FilteredPageOptions {
  /** Reads a cluster page of at most `limit` Jobs from `token` (the start without one). */
  read(limit: number, token: string | undefined): Promise<ClusterPage>;
  /** Whether an item is answered (filters, the key's namespaces). */
  keep(job: V1Job): boolean | Promise<boolean>;
  /** The most items answered. */
  limit: number;
  /** The caller's `continue`, if any. */
  cursor?: string | undefined;
  fingerprint: string;
  /** Cluster page size of a new listing. @defaultValue limit */
  pageSize?: number;
  /** Cluster pages read at most for one answer; after them the answer may be short. @defaultValue 10 */
  maxReads?: number;
}

/**
 * Reads cluster pages until `limit` items passed `keep` or the list ends. An answer may be short
 * (even empty) and still carry `continue` when `maxReads` pages held too few matches; every item
 * is answered once over the pages. Stopping inside a cluster page, the cursor names that page and
 * the last item answered, and the next call reads the page again and goes on after it.
 */
export async function filteredPage(o: FilteredPageOptions): Promise<{ items: V1Job[]; continue?: string }> {
  const start = o.cursor === undefined ? undefined : decodeCursor(o.cursor, o.fingerprint);
  const size = start?.p ?? o.pageSize ?? o.limit;
  let token = start?.t;
  let after = start?.k;
  const items: V1Job[] = [];
  const cursor = (c: Omit<Cursor, 'p' | 'f'>) => encodeCursor({ ...c, p: size, f: o.fingerprint });
  for (let reads = 0; reads < (o.maxReads ?? 10); reads++) {
    const page = await o.read(size, token);
    for (const job of skipThrough(page.items, after)) {
      if (!(await o.keep(job))) continue;
      items.push(job);
      if (items.length === o.limit) {
        const rest = page.items.length > 0 && keyOf(page.items.at(-1) as V1Job) !== keyOf(job);
        if (rest) return { items, continue: cursor({ ...(token ? { t: token } : {}), k: keyOf(job) }) };
        return page.continue ? { items, continue: cursor({ t: page.continue }) } : { items };
      }
    }
    if (!page.continue) return { items };
    token = page.continue;
    after = undefined;
  }
  return { items, continue: cursor({ ...(token ? { t: token } : {}) }) };
}
