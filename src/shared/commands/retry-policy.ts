/**
 * How a command is retried when the cluster's answer says "try again": by time, not by count
 * (docs/architecture.md §5). An outage of minutes or hours must not fail work that would
 * succeed once the cluster answers again.
 */
export interface RetryPolicy {
  /**
   * How long after it was enqueued (or re-driven) an operation keeps being retried.
   * @defaultValue 24 h (OPERATION_RETRY_DEADLINE)
   */
  deadlineMs: number;
  /** A safety cap on attempts, far beyond what the deadline allows with the backoff cap. @defaultValue 10000 */
  attempts: number;
  /** Delay before the first retry, in ms. @defaultValue 1000 */
  initialDelayMs: number;
  /** Largest delay between attempts, in ms. @defaultValue 60000 */
  maxDelayMs: number;
  /** Time one attempt may take before it counts as a (retryable) timeout, in ms. @defaultValue 30000 */
  attemptTimeoutMs: number;
}

/** Defaults (docs/architecture.md §5): retried for 24 h, 1 s doubling to a 60 s cap with jitter, 30 s per attempt. */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  deadlineMs: 24 * 3_600_000,
  attempts: 10_000,
  initialDelayMs: 1000,
  maxDelayMs: 60_000,
  attemptTimeoutMs: 30_000,
});

/**
 * Delay before the next attempt after `attemptsMade` failed ones (1 after the first failure):
 * `initialDelayMs * 2^(attemptsMade-1)`, capped at `maxDelayMs`, then "equal jitter" — a
 * uniform pick in [d/2, d] — so a burst of failures (a cluster outage) does not come back as
 * a synchronized burst of retries, while the delay still grows visibly.
 *
 * @param random - source of randomness in [0, 1), injectable for tests. @defaultValue Math.random
 */
export function backoffDelayMs(
  policy: Pick<RetryPolicy, 'initialDelayMs' | 'maxDelayMs'>,
  attemptsMade: number,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, attemptsMade - 1);
  // 2 ** 1024 is Infinity; cap the exponent long before that.
  const raw = policy.initialDelayMs * 2 ** Math.min(exponent, 40);
  const capped = Math.min(policy.maxDelayMs, raw);
  return Math.round(capped / 2 + random() * (capped / 2));
}
