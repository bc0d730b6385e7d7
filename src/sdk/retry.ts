import { randomUUID } from 'node:crypto';
import { EksJobsTransportError, parseRetryAfter } from './errors.js';
import { sleep } from './poll.js';

/** How the client retries a request by itself. */
export interface RetryOptions {
  /** Automatic retries after the first attempt. @defaultValue 3 */
  retries?: number;
  /** The longest `Retry-After` waited for; a longer one is the caller's to handle. @defaultValue 30000 */
  maxRetryAfterMs?: number;
  /** Pause after the first transport failure, doubled on each further one. @defaultValue 250 */
  transportBackoffMs?: number;
}

/** What one attempt came to. */
export type AttemptOutcome =
  | { kind: 'transport' }
  | { kind: 'response'; status: number; retryAfterMs: number | undefined };

/**
 * The pause before retry number `retry` (1 for the first) after `outcome`, or `undefined` to
 * stop. Retried: transport failures (every mutation carries an Idempotency-Key, so a request
 * that reached the API before its connection broke is not enqueued twice), and 503/429 that say
 * when to come back (`Retry-After`). Never any other status: a 4xx is the caller's to fix.
 */
export function retryDelay(
  outcome: AttemptOutcome,
  retry: number,
  options: RetryOptions = {},
): number | undefined {
  const retries = options.retries ?? 3;
  if (retry > retries) return undefined;
  if (outcome.kind === 'transport') {
    const base = options.transportBackoffMs ?? 250;
    // Full jitter, so clients cut off together do not come back together.
    return Math.round(base * 2 ** (retry - 1) * (0.5 + Math.random() / 2));
  }
  if (outcome.status !== 503 && outcome.status !== 429) return undefined;
  if (outcome.retryAfterMs === undefined) return undefined;
  if (outcome.retryAfterMs > (options.maxRetryAfterMs ?? 30_000)) return undefined;
  return outcome.retryAfterMs;
}

const MUTATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Wraps `fetchImpl` for openapi-fetch: gives every mutation an `Idempotency-Key` (a random UUID
 * unless the request has one) and retries per {@link retryDelay} with that same key, so one
 * logical call enqueues at most one operation however many attempts it takes. Transport
 * failures come out as {@link EksJobsTransportError}; an abort of the request's signal as the
 * signal's reason, never retried.
 */
export function createRetryingFetch(
  fetchImpl: (request: Request) => Promise<Response>,
  options: RetryOptions = {},
): (request: Request) => Promise<Response> {
  return async (original) => {
    let request = original;
    if (MUTATIONS.has(request.method) && !request.headers.has('idempotency-key')) {
      const headers = new Headers(request.headers);
      headers.set('idempotency-key', randomUUID());
      request = new Request(request, { headers });
    }
    const signal = request.signal;
    for (let attempt = 1; ; attempt++) {
      let outcome: AttemptOutcome;
      let response: Response | undefined;
      try {
        // A clone per attempt: a body can be read once.
        response = await fetchImpl(request.clone());
        outcome = {
          kind: 'response',
          status: response.status,
          retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
        };
      } catch (err) {
        if (signal.aborted) throw signal.reason;
        const delay = retryDelay({ kind: 'transport' }, attempt, options);
        if (delay === undefined) {
          throw new EksJobsTransportError({
            method: request.method,
            url: request.url,
            attempts: attempt,
            cause: err,
          });
        }
        await sleep(delay, signal);
        continue;
      }
      const delay = retryDelay(outcome, attempt, options);
      if (delay === undefined) return response;
      await response.body?.cancel().catch(() => {});
      await sleep(delay, signal);
    }
  };
}
