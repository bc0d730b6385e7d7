import { type CommandName, isCreateCommand } from '../shared/commands/index.js';
import type { OperationCause, OperationError } from '../shared/operations/index.js';

/**
 * What the worker does with a failed Kubernetes call (DESIGN §5):
 * - `succeeded`: the error means the goal is reached (404 on delete, 409 deleting a terminating namespace);
 * - `check-ownership`: 409 AlreadyExists on a create — read the object and compare its operation label;
 * - `rate-limited`: 429 — wait `retryAfterMs` without spending an attempt;
 * - `retry`: back off and try again, spending an attempt;
 * - `fail`: give up now (BullMQ `UnrecoverableError`).
 */
export type Classification =
  | { kind: 'succeeded'; reason: 'AlreadyGone' | 'DeletionInProgress' }
  | { kind: 'check-ownership' }
  | { kind: 'rate-limited'; retryAfterMs: number; error: OperationError }
  | { kind: 'retry'; error: OperationError }
  | { kind: 'fail'; error: OperationError };

/** What a Kubernetes error says, read from a client-node `ApiException` or a network error. */
export interface KubeErrorInfo {
  /** HTTP status, when the server answered. */
  status?: number;
  /** `Status.reason`, e.g. AlreadyExists, NotFound, Invalid. */
  reason?: string;
  message: string;
  causes?: OperationCause[];
  /** `Status.details.kind`, e.g. `namespaces` when a namespace is what was not found. */
  detailsKind?: string;
  /** Raw Retry-After header value. */
  retryAfter?: string;
  /** Node/undici error code of a network failure (ECONNRESET, UND_ERR_SOCKET…). */
  networkCode?: string;
}

/** Network failures worth retrying: the server may be restarting, overloaded or briefly unreachable. */
const RETRYABLE_NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_ABORTED',
  'ABORT_ERR',
]);

/** Longest Retry-After we honour; a misbehaving proxy must not park a cluster for hours. @defaultValue 60 s */
export const MAX_RETRY_AFTER_MS = 60_000;
/** Wait used when a 429 carries no usable Retry-After. */
export const DEFAULT_RETRY_AFTER_MS = 1000;

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
}

function parseBody(body: unknown): Record<string, unknown> | undefined {
  if (typeof body === 'string') {
    try {
      return asRecord(JSON.parse(body));
    } catch {
      return undefined;
    }
  }
  return asRecord(body);
}

function header(headers: unknown, name: string): string | undefined {
  const h = asRecord(headers);
  if (!h) return undefined;
  if (typeof (h as { get?: unknown }).get === 'function') {
    const v = (h as unknown as Headers).get(name);
    return v ?? undefined;
  }
  for (const [k, v] of Object.entries(h)) {
    if (k.toLowerCase() === name) return Array.isArray(v) ? String(v[0]) : String(v);
  }
  return undefined;
}

/** Reads status, reason, causes and network code out of whatever the client threw. Pure. */
export function kubeErrorInfo(err: unknown): KubeErrorInfo {
  const e = asRecord(err) ?? {};
  const message = err instanceof Error ? err.message : String(err);
  const status =
    typeof e.code === 'number' ? e.code : typeof e.statusCode === 'number' ? e.statusCode : undefined;
  if (status !== undefined && status >= 100) {
    const body = parseBody(e.body);
    const details = asRecord(body?.details);
    const causes = Array.isArray(details?.causes)
      ? details.causes.map((c) => {
          const r = asRecord(c) ?? {};
          const cause: OperationCause = {};
          if (typeof r.reason === 'string') cause.reason = r.reason;
          if (typeof r.message === 'string') cause.message = r.message;
          if (typeof r.field === 'string') cause.field = r.field;
          return cause;
        })
      : undefined;
    const info: KubeErrorInfo = {
      status,
      message: typeof body?.message === 'string' ? body.message : message,
    };
    if (typeof body?.reason === 'string') info.reason = body.reason;
    if (causes?.length) info.causes = causes;
    if (typeof details?.kind === 'string') info.detailsKind = details.kind;
    const retryAfter = header(e.headers, 'retry-after');
    if (retryAfter !== undefined) info.retryAfter = retryAfter;
    return info;
  }
  // Network errors: fetch wraps the socket error in `cause`, sometimes twice.
  let cur: unknown = err;
  for (let depth = 0; cur && depth < 5; depth++) {
    const r = asRecord(cur);
    if (typeof r?.code === 'string') return { message, networkCode: r.code };
    if (r?.name === 'AbortError' || r?.name === 'TimeoutError') return { message, networkCode: 'ETIMEDOUT' };
    cur = r?.cause;
  }
  return { message };
}

/** Milliseconds to wait for a Retry-After value (delta-seconds or HTTP-date). Pure. */
export function retryAfterMs(value: string | undefined, now: number = Date.now()): number {
  if (value === undefined || value.trim() === '') return DEFAULT_RETRY_AFTER_MS;
  const v = value.trim();
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(v)) ms = Number(v) * 1000;
  else {
    const at = Date.parse(v);
    ms = Number.isNaN(at) ? DEFAULT_RETRY_AFTER_MS : at - now;
  }
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, Math.round(ms)));
}

function error(code: string, info: KubeErrorInfo, retryable: boolean): OperationError {
  const e: OperationError = { code, message: info.message, retryable };
  if (info.status !== undefined) e.httpStatus = info.status;
  if (info.causes) e.causes = info.causes;
  return e;
}

const isDelete = (c: CommandName) => c === 'job.delete' || c === 'namespace.delete';

/**
 * The DESIGN §5 classification table as a pure function of the command and what the
 * Kubernetes client threw. (2xx never reaches here: handlers turn it into a result.)
 */
export function classifyError(command: CommandName, err: unknown, now: number = Date.now()): Classification {
  const info = kubeErrorInfo(err);
  const { status, reason } = info;
  if (status === undefined) {
    if (info.networkCode === 'ETIMEDOUT' || info.networkCode?.includes('TIMEOUT')) {
      return { kind: 'retry', error: error('Timeout', info, true) };
    }
    if (info.networkCode && RETRYABLE_NETWORK_CODES.has(info.networkCode)) {
      return {
        kind: 'retry',
        error: error(
          'ClusterUnavailable',
          { ...info, message: `${info.networkCode}: ${info.message}` },
          true,
        ),
      };
    }
    // Anything else (TLS misconfiguration, a bug): retry within the attempt budget rather than lose the command.
    return { kind: 'retry', error: error('Internal', info, true) };
  }
  const create = isCreateCommand(command);
  const beingDeleted = /object is being deleted/i.test(info.message);
  switch (true) {
    case status === 409 && create && beingDeleted:
      // The old object (typically a terminating namespace) is still going away: the name frees up soon.
      return { kind: 'retry', error: error('Conflict', info, true) };
    case status === 409 && create && reason === 'AlreadyExists':
      return { kind: 'check-ownership' };
    case status === 409 && command === 'namespace.delete':
      return { kind: 'succeeded', reason: 'DeletionInProgress' };
    case status === 409:
      // Optimistic-concurrency conflicts are transient.
      return { kind: 'retry', error: error('Conflict', info, true) };
    case status === 404 && isDelete(command):
      return { kind: 'succeeded', reason: 'AlreadyGone' };
    case status === 404 && command === 'job.create':
      return { kind: 'fail', error: error('NamespaceNotFound', info, false) };
    case status === 404:
      return { kind: 'fail', error: error('NotFound', info, false) };
    case status === 403 &&
      command === 'job.create' &&
      (info.causes?.some((c) => c.reason === 'NamespaceTerminating') ||
        /being terminated/i.test(info.message)):
      return { kind: 'fail', error: error('NamespaceTerminating', info, false) };
    case status === 403:
      return { kind: 'fail', error: error('Forbidden', info, false) };
    case status === 400 || status === 422:
      return { kind: 'fail', error: error('Invalid', info, false) };
    case status === 401:
      // The cluster client already dropped the token and retried once at once.
      return { kind: 'retry', error: error('Unauthorized', info, true) };
    case status === 429:
      return {
        kind: 'rate-limited',
        retryAfterMs: retryAfterMs(info.retryAfter, now),
        error: error('RateLimited', info, true),
      };
    case status === 408 || status === 504:
      return { kind: 'retry', error: error('Timeout', info, true) };
    case status >= 500:
      return { kind: 'retry', error: error('ClusterError', info, true) };
    default:
      return { kind: 'fail', error: error('ClusterError', info, false) };
  }
}
