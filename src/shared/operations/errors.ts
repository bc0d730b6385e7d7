/** Codes of {@link OperationsError}, with the HTTP status the API should answer. */
export const OPERATIONS_ERROR_STATUS = {
  /** No operation with that id (unknown, expired or cancelled). */
  OperationNotFound: 404,
  /** `retry` on an operation that has not failed. */
  OperationNotRetryable: 409,
  /** `cancel` on an operation a worker is executing. */
  OperationRunning: 409,
  /** `cancel` on an operation that already ended. */
  OperationFinished: 409,
  /** The command names a cluster the producer was not configured with. */
  ClusterNotFound: 404,
  /** The command or its payload does not match the catalog; `details` lists the problems. */
  InvalidCommand: 422,
  /** A list `cursor` that this producer did not hand out. */
  InvalidCursor: 422,
  /** Redis is unreachable or too slow; the producer never waits for it to come back. */
  QueueUnavailable: 503,
} as const;

export type OperationsErrorCode = keyof typeof OPERATIONS_ERROR_STATUS;

/** The one error type the producer API throws on purpose. Map it by `code`. */
export class OperationsError extends Error {
  override name = 'OperationsError';
  /** Suggested HTTP status for the API's answer. */
  readonly httpStatus: number;
  constructor(
    readonly code: OperationsErrorCode,
    message: string,
    readonly details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.httpStatus = OPERATIONS_ERROR_STATUS[code];
  }
}

// ioredis/BullMQ messages that mean "Redis is not there", as opposed to a logic error.
const UNAVAILABLE =
  /Stream isn't writeable|Connection is closed|Command timed out|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EPIPE|MaxRetriesPerRequest|Reached the max retries|LOADING|CLUSTERDOWN|TRYAGAIN|READONLY/i;

/** Whether `err` says Redis is unreachable (rather than a bug or a rejected command). */
export function isRedisUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err.name === 'MaxRetriesPerRequestError') return true;
  const code = (err as NodeJS.ErrnoException).code;
  return UNAVAILABLE.test(err.message) || (typeof code === 'string' && UNAVAILABLE.test(code));
}
