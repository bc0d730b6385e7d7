/** Options of {@link createCircuitBreaker}. */
export interface CircuitBreakerOptions {
  /** How many recent attempts are looked at. @defaultValue 20 */
  window?: number;
  /** Share of failures among them that opens the breaker, with at least half the window seen. @defaultValue 0.9 */
  failureRatio?: number;
  /** First pause once open, in ms; doubles while probes keep failing. @defaultValue 1000 */
  initialPauseMs?: number;
  /** Longest pause, in ms. @defaultValue 30000 */
  maxPauseMs?: number;
}

/**
 * A per-cluster circuit breaker (docs/architecture.md §5): when nearly every recent attempt
 * finds the cluster unreachable or failing (network errors, timeouts, 5xx), the worker pauses
 * the cluster's queue instead of spending queued operations' retries against a dead endpoint;
 * when the pause ends the next attempts are the probes. A cluster that fails some requests
 * (a flaky proxy, one bad node) never opens it: only a failure ratio near 1 does.
 */
export interface CircuitBreaker {
  /** Records a cluster-side failure; answers the pause to apply now, or 0 while closed. */
  failure(): number;
  /** Records a success. */
  success(): void;
  isOpen(): boolean;
}

/** Creates a {@link CircuitBreaker}. Pure state, no timers. */
export function createCircuitBreaker(options: CircuitBreakerOptions = {}): CircuitBreaker {
  const size = options.window ?? 20;
  const ratio = options.failureRatio ?? 0.9;
  const initial = options.initialPauseMs ?? 1000;
  const max = options.maxPauseMs ?? 30_000;
  const recent: boolean[] = [];
  let pauses = 0;
  const record = (failed: boolean) => {
    recent.push(failed);
    if (recent.length > size) recent.shift();
  };
  const open = () => {
    if (recent.length < Math.ceil(size / 2)) return false;
    return recent.filter(Boolean).length / recent.length >= ratio;
  };
  return {
    failure() {
      record(true);
      if (!open()) return 0;
      const pause = Math.min(max, initial * 2 ** Math.min(20, pauses));
      pauses += 1;
      return pause;
    },
    success() {
      record(false);
      if (!open()) pauses = 0;
    },
    isOpen: open,
  };
}

/** Error codes that say the cluster itself is unwell (not the request): they feed the breaker. */
export const CLUSTER_SIDE_CODES = new Set(['ClusterUnavailable', 'Timeout', 'ClusterError']);
