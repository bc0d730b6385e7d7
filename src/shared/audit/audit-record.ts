/**
 * The audit trail's record: one per mutation request (create, delete, retry, cancel), whatever
 * its outcome. It names the principal by key id — never the key — and carries no request body.
 */

/** The fixed log key audit records are written under, so log pipelines can route them. */
export const AUDIT_LOG_KEY = 'audit';

/** What became of the request. */
export type AuditOutcome =
  /** 2xx: accepted (usually enqueued as an operation). */
  | 'accepted'
  /** 401 or 403: no key, unknown key or out of scope. */
  | 'denied'
  /** 429: rate limit or queue backpressure. */
  | 'throttled'
  /** Other 4xx: invalid request, conflict, not found. */
  | 'rejected'
  /** 5xx: the service failed. */
  | 'error';

/** What a mutation was aimed at. */
export interface AuditTarget {
  kind?: 'job' | 'namespace' | 'batch' | 'operation' | 'template' | 'request';
  namespace?: string;
  name?: string;
  /** Number of items of a batch. */
  count?: number;
}

/** One audit record. */
export interface AuditRecord {
  /** ISO 8601 time the request finished. */
  time: string;
  requestId: string;
  /** Key id of the caller; `null` when the request carried no known key. */
  principal: string | null;
  /** `job.create`, `job.delete`, `namespace.create`, `namespace.delete`, `batch.create`, `operation.retry`, `operation.cancel`, `template.create`, `template.revise`, `template.delete`, or `METHOD /path` for anything else. */
  action: string;
  cluster: string | null;
  target: AuditTarget;
  /** Operation id(s) the request created or acted on. */
  operationIds: string[];
  outcome: AuditOutcome;
  /** HTTP status answered. */
  status: number;
  /** Error code answered, when not 2xx. */
  errorCode?: string;
  dryRun?: boolean;
}

/** Maps an HTTP status to an {@link AuditOutcome}. */
export function outcomeOf(status: number): AuditOutcome {
  if (status < 400) return 'accepted';
  if (status === 401 || status === 403) return 'denied';
  if (status === 429) return 'throttled';
  if (status < 500) return 'rejected';
  return 'error';
}
