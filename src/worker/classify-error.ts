import {
  type Classification,
  type CommandModule,
  type CommandName,
  commandCatalog,
} from '../shared/commands/index.js';
import { type KubeErrorInfo, kubeErrorInfo } from '../shared/kube/kube-error.js';
import type { OperationError } from '../shared/operations/index.js';

export type { Classification } from '../shared/commands/index.js';

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

function operationError(info: KubeErrorInfo, code: string, retryable: boolean): OperationError {
  const e: OperationError = { code, message: info.message, retryable };
  if (info.status !== undefined) e.httpStatus = info.status;
  if (info.causes) e.causes = info.causes;
  return e;
}

function networkClassification(info: KubeErrorInfo): Classification {
  if (info.networkCode === 'ETIMEDOUT' || info.networkCode?.includes('TIMEOUT')) {
    return { kind: 'retry', error: operationError(info, 'Timeout', true) };
  }
  if (info.networkCode && RETRYABLE_NETWORK_CODES.has(info.networkCode)) {
    const message = `${info.networkCode}: ${info.message}`;
    return { kind: 'retry', error: operationError({ ...info, message }, 'ClusterUnavailable', true) };
  }
  // Anything else (TLS misconfiguration, a bug): retry rather than lose the command.
  return { kind: 'retry', error: operationError(info, 'Internal', true) };
}

/** The common part of the retry table: what any command does with a server's answer. */
function commonClassification(
  module: Pick<CommandModule, 'creates'>,
  info: KubeErrorInfo & { status: number },
  error: (code: string, retryable: boolean) => OperationError,
  now: number,
): Classification {
  const { status, reason } = info;
  switch (true) {
    case status === 409 && module.creates && /object is being deleted/i.test(info.message):
      // The old object (typically a terminating namespace) is still going away: the name frees up soon.
      return { kind: 'retry', error: error('Conflict', true) };
    case status === 409 && module.creates && reason === 'AlreadyExists':
      return { kind: 'check-ownership' };
    case status === 409:
      // Optimistic-concurrency conflicts are transient.
      return { kind: 'retry', error: error('Conflict', true) };
    case status === 404:
      return { kind: 'fail', error: error('NotFound', false) };
    case status === 403:
      return { kind: 'fail', error: error('Forbidden', false) };
    case status === 400 || status === 422:
      return { kind: 'fail', error: error('Invalid', false) };
    case status === 401:
      // The cluster client already dropped the token and retried once at once.
      return { kind: 'retry', error: error('Unauthorized', true) };
    case status === 429:
      return {
        kind: 'rate-limited',
        retryAfterMs: retryAfterMs(info.retryAfter, now),
        error: error('RateLimited', true),
      };
    case status === 408 || status === 504:
      return { kind: 'retry', error: error('Timeout', true) };
    case status >= 500:
      return { kind: 'retry', error: error('ClusterError', true) };
    default:
      return { kind: 'fail', error: error('ClusterError', false) };
  }
}

/**
 * The retry table (docs/architecture.md §5) as a pure function of the command and what the
 * Kubernetes client threw: the command module's own overrides first, then the common rows.
 * (2xx never reaches here: the worker turns it into a result.)
 */
export function classifyError(command: CommandName, err: unknown, now: number = Date.now()): Classification {
  const info = kubeErrorInfo(err);
  if (info.status === undefined) return networkClassification(info);
  const module = commandCatalog[command] as CommandModule;
  const error = (code: string, retryable: boolean) => operationError(info, code, retryable);
  return (
    module.classify?.(info, error) ??
    commonClassification(module, { ...info, status: info.status }, error, now)
  );
}
