import type { Logger } from '../../shared/logger.js';

/**
 * Counts mutation requests refused before a key was known (401: no key, an unknown key). They
 * are not written to the audit trail one by one — anyone can send them, and one record each
 * would flush real records out of the capped stream — but summed into one log line per
 * interval.
 */
export interface AnonymousRefusals {
  /** Counts one refusal; the first of an interval schedules that interval's log line. */
  record(): void;
  /** Refusals counted since start (for tests and diagnostics). */
  total(): number;
  /** Logs the pending count now, if any, and cancels the scheduled line. */
  flush(): void;
}

/** Options of {@link createAnonymousRefusals}. */
export interface AnonymousRefusalsOptions {
  logger: Logger;
  /** Length of one summing interval. @defaultValue 60000 */
  intervalMs?: number;
}

export function createAnonymousRefusals(options: AnonymousRefusalsOptions): AnonymousRefusals {
  const intervalMs = options.intervalMs ?? 60_000;
  let pending = 0;
  let total = 0;
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (pending === 0) return;
    options.logger.warn(
      { unauthenticatedMutations: pending, intervalMs },
      'mutation requests refused without a valid API key (summed, not audited one by one)',
    );
    pending = 0;
  };
  return {
    record() {
      pending++;
      total++;
      if (!timer) {
        timer = setTimeout(flush, intervalMs);
        timer.unref();
      }
    },
    total: () => total,
    flush,
  };
}
