/**
 * Codes of {@link OperationsError}. The API maps them to statuses in its one error table
 * (`src/api/errors.ts`).
 * - `OperationNotFound`: unknown, expired or cancelled id;
 * - `OperationNotRetryable`: `retry` on an operation that has not failed;
 * - `OperationRunning`: `cancel` on an operation a worker is executing;
 * - `OperationFinished`: `cancel` on an operation that already ended;
 * - `ClusterNotFound`: the command names a cluster the producer was not configured with;
 * - `InvalidCommand`: the command or its payload does not match the catalog (`details` lists the problems);
 * - `InvalidCursor`: a list `cursor` that this producer did not hand out;
 * - `QueueUnavailable`: Redis is unreachable or too slow; the producer never waits for it to come back.
 */
export type OperationsErrorCode =
  | 'OperationNotFound'
  | 'OperationNotRetryable'
  | 'OperationRunning'
  | 'OperationFinished'
  | 'ClusterNotFound'
  | 'InvalidCommand'
  | 'InvalidCursor'
  | 'QueueUnavailable';

/** The one error type the producer API throws on purpose. Map it by `instanceof` and `code`. */
export class OperationsError extends Error {
  override name = 'OperationsError';
  constructor(
    readonly code: OperationsErrorCode,
    message: string,
    readonly details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

// ioredis/BullMQ messages that mean "Redis is not there", as opposed to a logic error. "Command
// aborted due to connection close" is what a pipeline or MULTI in flight gets when the socket drops;
// the Cluster ones are what a fail-fast cluster connection answers while a shard fails over;
// NOREPLICAS is a primary refusing writes while it sees too few replicas (min-replicas-to-write).
const UNAVAILABLE =
  /Stream isn't writeable|Connection is closed|Command timed out|Command aborted due to connection close|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EPIPE|MaxRetriesPerRequest|Reached the max retries|LOADING|CLUSTERDOWN|TRYAGAIN|READONLY|EXECABORT|MASTERDOWN|NOREPLICAS|Cluster isn't ready|None of startup nodes is available|Failed to refresh slots cache|Too many Cluster redirections|^(MOVED|ASK) \d+ /i;

/**
 * Whether `err` says Redis is unreachable (rather than a bug or a rejected command): an
 * ioredis/BullMQ connection failure, or the producer's own `QueueUnavailable`. The one
 * "is Redis down" predicate of the service.
 */
export function isRedisUnavailable(err: unknown): boolean {
  if (err instanceof OperationsError) return err.code === 'QueueUnavailable';
  if (!(err instanceof Error)) return false;
  if (err.name === 'MaxRetriesPerRequestError') return true;
  const code = (err as NodeJS.ErrnoException).code;
  if (UNAVAILABLE.test(err.message) || (typeof code === 'string' && UNAVAILABLE.test(code))) return true;
  // A pipeline/MULTI failure carries the per-command errors; AggregateError-like shapes too.
  const inner =
    (err as { previousErrors?: unknown[]; errors?: unknown[] }).previousErrors ??
    (err as AggregateError).errors;
  return Array.isArray(inner) && inner.some((e) => isRedisUnavailable(e));
}
