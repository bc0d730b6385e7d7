import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { AttemptEvent } from './command-workers.js';

/** The worker's Prometheus metrics, served on `/metrics` of the health port. */
export function createWorkerMetrics(active: () => number) {
  const registry = new Registry();
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
  new Gauge({
    name: 'eks_jobs_worker_active_operations',
    help: 'Operations executing in this worker now',
    registers: [registry],
    collect() {
      this.set(active());
    },
  });
  return {
    registry,
    onAttempt(e: AttemptEvent) {
      attempts.inc({ cluster: e.cluster, command: e.command, outcome: e.outcome, code: e.code ?? '' });
      duration.observe({ cluster: e.cluster, command: e.command, outcome: e.outcome }, e.durationMs / 1000);
    },
  };
}
