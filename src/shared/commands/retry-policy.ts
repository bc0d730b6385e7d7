/** How a command is retried when the cluster's answer says "try again". */
export interface RetryPolicy {
  /** Attempts in total, the first included. @defaultValue 10 */
  attempts: number;
  /** Delay before the first retry, in ms. @defaultValue 1000 */
  initialDelayMs: number;
  /** Largest delay between attempts, in ms. @defaultValue 60000 */
  maxDelayMs: number;
  /** Time one attempt may take before it counts as a (retryable) timeout, in ms. @defaultValue 30000 */
  attemptTimeoutMs: number;
}

/** Defaults (docs/architecture.md §5): 10 attempts, 1 s doubling to a 60 s cap with jitter, 30 s per attempt. */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  attempts: 10,
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
