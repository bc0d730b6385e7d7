import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * Every error code the HTTP API answers with, and its HTTP status. One table, one envelope:
 * `{"error": {"code", "message", "requestId", "details"?}}`.
 */
export const ERROR_STATUS = {
  BadRequest: 400,
  MalformedJson: 400,
  Unauthorized: 401,
  Forbidden: 403,
  NotFound: 404,
  RouteNotFound: 404,
  ClusterNotFound: 404,
  NamespaceNotFound: 404,
  JobNotFound: 404,
  OperationNotFound: 404,
  BatchNotFound: 404,
  PodNotFound: 404,
  DeliveryNotFound: 404,
  TemplateNotFound: 404,
  TemplatesNotConfigured: 404,
  HistoryJobNotFound: 404,
  HistoryDisabled: 404,
  MethodNotAllowed: 405,
  Conflict: 409,
  OperationNotRetryable: 409,
  DeliveryNotRetryable: 409,
  OperationRunning: 409,
  OperationFinished: 409,
  ObjectExists: 409,
  AlreadyExists: 409,
  NamespaceTerminating: 409,
  TemplateExists: 409,
  PreconditionFailed: 412,
  PayloadTooLarge: 413,
  UnsupportedMediaType: 415,
  ValidationFailed: 422,
  Invalid: 422,
  IdempotencyKeyReused: 422,
  PolicyViolation: 422,
  InvalidCommand: 422,
  InvalidCursor: 422,
  RateLimited: 429,
  QueueFull: 429,
  Internal: 500,
  ClusterError: 502,
  QueueUnavailable: 503,
  /** Stored, but fewer than REDIS_WAIT_REPLICAS replicas confirmed it in time: retry with the same Idempotency-Key. */
  ReplicationTimeout: 503,
  ServerBusy: 503,
  ClusterUnavailable: 503,
  DatabaseUnavailable: 503,
  Timeout: 504,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** Throw this from any handler or middleware; `onError` renders it in the envelope. */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: ContentfulStatusCode;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** Extra response headers, e.g. `Retry-After` or `WWW-Authenticate`. */
    readonly headers?: Record<string, string>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.status = ERROR_STATUS[code];
  }
}

/** The JSON body of every error response. */
export interface ErrorEnvelope {
  error: { code: ErrorCode; message: string; requestId: string; details?: unknown };
}

/** Builds the envelope; `details` is omitted when empty. */
export function errorBody(err: ApiError, requestId: string): ErrorEnvelope {
  return {
    error: {
      code: err.code,
      message: err.message,
      requestId,
      ...(err.details === undefined ? {} : { details: err.details }),
    },
  };
}
