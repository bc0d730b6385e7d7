import type { ErrorCode } from './types.js';

/**
 * An answer of the API that is an error (4xx/5xx), from its one envelope
 * `{"error": {"code", "message", "requestId", "details"?}}`.
 */
export class EksJobsError extends Error {
  override readonly name = 'EksJobsError';
  /** The HTTP status. */
  readonly status: number;
  /** The API's error code; `HttpError` when the answer did not carry the envelope (a proxy's page). */
  readonly code: ErrorCode | 'HttpError' | (string & {});
  /** The request's id (`X-Request-Id`): quote it to whoever runs the service. */
  readonly requestId: string | undefined;
  /** More about the error: `issues` of a 422, the failed `operation` of a `Prefer: wait` submission, … */
  readonly details: unknown;
  /** How long the API asked to wait before trying again (`Retry-After`), on 429 and 503. */
  readonly retryAfterMs: number | undefined;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    requestId?: string | undefined;
    details?: unknown;
    retryAfterMs?: number | undefined;
  }) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.details = init.details;
    this.retryAfterMs = init.retryAfterMs;
  }

  /** Reads the error of `response`, whose body openapi-fetch parsed into `body` (JSON or text). */
  static fromResponse(response: Response, body: unknown): EksJobsError {
    const envelope = isEnvelope(body) ? body.error : undefined;
    const text = typeof body === 'string' ? body.trim().slice(0, 200) : '';
    return new EksJobsError({
      status: response.status,
      code: envelope?.code ?? 'HttpError',
      message: envelope?.message ?? (text || `HTTP ${response.status} ${response.statusText}`.trim()),
      requestId: envelope?.requestId ?? response.headers.get('x-request-id') ?? undefined,
      details: envelope?.details,
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
    });
  }
}

/** The API could not be reached, or the connection broke before its answer arrived. */
export class EksJobsTransportError extends Error {
  override readonly name = 'EksJobsTransportError';
  /** The request's method and URL. */
  readonly method: string;
  readonly url: string;
  /** How many attempts were made (the first and the automatic retries). */
  readonly attempts: number;

  constructor(init: { method: string; url: string; attempts: number; cause: unknown }) {
    const why = init.cause instanceof Error ? describeCause(init.cause) : String(init.cause);
    super(`${init.method} ${init.url} failed after ${init.attempts} attempt(s): ${why}`, {
      cause: init.cause,
    });
    this.method = init.method;
    this.url = init.url;
    this.attempts = init.attempts;
  }
}

/** A wait (`waitForOperation`, `waitForJob`, `waitForBatch`) ran out of time before the end it waited for. */
export class EksJobsTimeoutError extends Error {
  override readonly name = 'EksJobsTimeoutError';
  /** The last state seen before the deadline, if any. */
  readonly last: unknown;

  constructor(message: string, last: unknown) {
    super(message);
    this.last = last;
  }
}

/**
 * `Retry-After` in milliseconds: delay-seconds or an HTTP date (RFC 9110 §10.2.3); `undefined`
 * when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function isEnvelope(
  body: unknown,
): body is { error: { code: string; message: string; requestId?: string; details?: unknown } } {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error = (body as { error: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

/** undici's `fetch failed` hides the reason (ECONNREFUSED, socket closed …) in `cause`. */
function describeCause(err: Error): string {
  const inner = err.cause instanceof Error ? `: ${err.cause.message}` : '';
  return `${err.message}${inner}`;
}
