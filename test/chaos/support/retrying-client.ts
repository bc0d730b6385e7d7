/**
 * A well-behaved client, as the README asks of one and the SDK is: every mutation carries an
 * `Idempotency-Key`, and a 503, a 429 or a lost connection is sent again — same body, same key —
 * after `Retry-After` (or a short backoff), until it is answered otherwise or a deadline passes.
 * The caller (the ledger) sees one answer per request, the last; every attempt is recorded here,
 * so a scenario can count the refusals a failover caused and when writes were accepted again.
 */
import { randomUUID } from 'node:crypto';
import type { HttpClient, HttpResult } from './http-client.js';

/** One attempt of a mutation. */
export interface Attempt {
  startedAt: number;
  answeredAt: number;
  /** The HTTP status, or 0 when there was no answer. */
  status: number;
  /** The error code of a refusal (`QueueUnavailable`, `ReplicationTimeout`, …), or the connection error. */
  code?: string;
}

/** Options of {@link createRetryingClient}. */
export interface RetryingClientOptions {
  /** Stop retrying a request this long after its first attempt. @defaultValue 60000 */
  retryForMs?: number;
}

export interface RetryingClient extends HttpClient {
  /** Every attempt of every mutation so far, in the order they were answered. */
  attempts(): readonly Attempt[];
}

const RETRIED = new Set([429, 503]);
/** Backoff without a `Retry-After` (a lost connection), doubling per attempt up to its last value. */
const BACKOFF_MS = [100, 200, 400, 800, 1000];

/** How long to wait before the next attempt, or undefined when the answer is final. */
function retryAfterMs(r: HttpResult, attempt: number): number | undefined {
  const backoff = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)];
  if (r.kind === 'no-answer') return backoff;
  if (!RETRIED.has(r.status)) return undefined;
  const header = Number(r.headers['retry-after']);
  return Number.isFinite(header) && header >= 0 ? header * 1000 : backoff;
}

/** `inner` with mutations retried as a well-behaved client retries them; reads go through as they are. */
export function createRetryingClient(inner: HttpClient, options: RetryingClientOptions = {}): RetryingClient {
  const retryForMs = options.retryForMs ?? 60_000;
  const attempts: Attempt[] = [];
  return {
    async request(method, path, body, headers = {}) {
      if (method === 'GET') return inner.request(method, path, body, headers);
      const withKey = { 'Idempotency-Key': `chaos-${randomUUID()}`, ...headers };
      const firstAt = Date.now();
      for (let attempt = 0; ; attempt++) {
        const r = await inner.request(method, path, body, withKey);
        const code =
          r.kind === 'no-answer'
            ? r.error
            : (r.body as { error?: { code?: string } } | undefined)?.error?.code;
        attempts.push({
          startedAt: r.startedAt,
          answeredAt: Date.now(),
          status: r.kind === 'answer' ? r.status : 0,
          ...(code ? { code } : {}),
        });
        const wait = retryAfterMs(r, attempt);
        if (wait === undefined || Date.now() + wait > firstAt + retryForMs)
          return { ...r, startedAt: firstAt };
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    },
    close: () => inner.close(),
    attempts: () => attempts,
  };
}
