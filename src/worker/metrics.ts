import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { isCommandName } from '../shared/commands/index.js';
import type { AttemptEvent } from './command-workers.js';

/**
 * The worker's command metrics, registered in the process's `registry` (served on `/metrics` of
 * the health port). Per attempt: outcome and duration. Per operation: how it ended (succeeded, or
 * failed with its error code), how many attempts that took, and each retry it was given.
 */
export function createWorkerMetrics(registry: Registry, active: () => number) {
  const attempts = new Counter({
    name: 'eks_jobs_worker_attempts_total',
    help: 'Command attempts by cluster, command, outcome and error code',
    labelNames: ['cluster', 'command', 'outcome', 'code'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'eks_jobs_worker_attempt_duration_seconds',
    help: 'Duration of one command attempt, Kubernetes calls included',
    labelNames: ['cluster', 'command', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const operations = new Counter({
    name: 'eks_jobs_operations_total',
    help: 'Operations that ended, by cluster, command, outcome (succeeded, failed) and error code',
    labelNames: ['cluster', 'command', 'outcome', 'code'] as const,
    registers: [registry],
  });
  const retries = new Counter({
    name: 'eks_jobs_operation_retries_total',
    help: 'Attempts that will be retried, by cluster, command, reason (retry: backoff; rate-limited: Retry-After) and error code',
    labelNames: ['cluster', 'command', 'reason', 'code'] as const,
    registers: [registry],
  });
  const attemptsPerOperation = new Histogram({
    name: 'eks_jobs_operation_attempts',
    help: 'Attempts an operation took until it ended, by cluster, command and outcome',
    labelNames: ['cluster', 'command', 'outcome'] as const,
    // The default policy allows 10 attempts; an operation re-driven after failing starts again at 1.
    buckets: [1, 2, 3, 4, 5, 6, 8, 10],
    registers: [registry],
  });
  new Gauge({
    name: 'eks_jobs_worker_active_operations',
    help: 'Operations executing in this worker now',
    registers: [registry],
    collect() {
      this.set(active());
    },
  });
  return {
    onAttempt(e: AttemptEvent) {
      const { cluster, outcome } = e;
      // Job names come from Redis: anything outside the catalog shares one label value.
      const command = isCommandName(e.command) ? e.command : 'unknown';
      const code = e.code ?? '';
      attempts.inc({ cluster, command, outcome, code });
      duration.observe({ cluster, command, outcome }, e.durationMs / 1000);
      if (outcome === 'succeeded' || outcome === 'failed') {
        operations.inc({ cluster, command, outcome, code });
        attemptsPerOperation.observe({ cluster, command, outcome }, e.attempt);
      } else {
        retries.inc({ cluster, command, reason: outcome, code });
      }
    },
  };
}
