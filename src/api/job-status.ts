import type { V1Job, V1JobCondition } from '@kubernetes/client-node';
import { BATCH_LABEL, OPERATION_LABEL } from '../shared/commands/index.js';

/** The lifecycle phase of a Job as a user thinks of it; Kubernetes itself has no such field. */
export type JobPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Suspended';

/** A compact, stable view of a Job's status: what `GET …/jobs/{name}` answers by default. */
export interface JobStatusSummary {
  namespace: string;
  name: string;
  uid?: string;
  phase: JobPhase;
  /** Reason and message of the condition that decided the phase, e.g. `BackoffLimitExceeded`. */
  reason?: string;
  message?: string;
  counts: { active: number; ready: number; succeeded: number; failed: number; terminating: number };
  completions?: number;
  parallelism?: number;
  createdAt?: string;
  startTime?: string;
  completionTime?: string;
  conditions: Array<{
    type: string;
    status: string;
    reason?: string;
    message?: string;
    lastTransitionTime?: string;
  }>;
  /** The operation that created this Job, from its `eks-jobs/operation` label. */
  operationId?: string;
  /** The batch the Job was created in, from its `eks-jobs/batch` label. */
  batchId?: string;
  labels: Record<string, string>;
}

function isTrue(conditions: V1JobCondition[], type: string): V1JobCondition | undefined {
  return conditions.find((c) => c.type === type && c.status === 'True');
}

function iso(value: Date | string | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  return value instanceof Date ? value.toISOString() : String(value);
}

/**
 * Derives the phase. Terminal conditions win; `FailureTarget`/`SuccessCriteriaMet` are what the
 * controller writes (Kubernetes ≥ 1.31) before the final `Failed`/`Complete` once pods have
 * terminated, so they already decide the outcome.
 */
export function jobPhase(job: V1Job): { phase: JobPhase; condition?: V1JobCondition } {
  const conditions = job.status?.conditions ?? [];
  const failed = isTrue(conditions, 'Failed') ?? isTrue(conditions, 'FailureTarget');
  if (failed) return { phase: 'Failed', condition: failed };
  const complete = isTrue(conditions, 'Complete') ?? isTrue(conditions, 'SuccessCriteriaMet');
  if (complete) return { phase: 'Succeeded', condition: complete };
  const suspended = isTrue(conditions, 'Suspended');
  if (suspended) return { phase: 'Suspended', condition: suspended };
  if (job.spec?.suspend) return { phase: 'Suspended' };
  if ((job.status?.active ?? 0) > 0) return { phase: 'Running' };
  return { phase: 'Pending' };
}

/** Summarises a Job read from the Batch API. Pure. */
export function summarizeJob(job: V1Job): JobStatusSummary {
  const { phase, condition } = jobPhase(job);
  const status = job.status ?? {};
  const labels = job.metadata?.labels ?? {};
  const summary: JobStatusSummary = {
    namespace: job.metadata?.namespace ?? '',
    name: job.metadata?.name ?? '',
    phase,
    counts: {
      active: status.active ?? 0,
      ready: status.ready ?? 0,
      succeeded: status.succeeded ?? 0,
      failed: status.failed ?? 0,
      terminating: status.terminating ?? 0,
    },
    conditions: (status.conditions ?? []).map((c) => ({
      type: c.type,
      status: c.status,
      ...(c.reason ? { reason: c.reason } : {}),
      ...(c.message ? { message: c.message } : {}),
      ...(c.lastTransitionTime ? { lastTransitionTime: iso(c.lastTransitionTime) } : {}),
    })),
    labels,
  };
  if (job.metadata?.uid) summary.uid = job.metadata.uid;
  if (condition?.reason) summary.reason = condition.reason;
  if (condition?.message) summary.message = condition.message;
  if (job.spec?.completions != null) summary.completions = job.spec.completions;
  if (job.spec?.parallelism != null) summary.parallelism = job.spec.parallelism;
  const createdAt = iso(job.metadata?.creationTimestamp);
  if (createdAt) summary.createdAt = createdAt;
  const startTime = iso(status.startTime);
  if (startTime) summary.startTime = startTime;
  const completionTime = iso(status.completionTime);
  if (completionTime) summary.completionTime = completionTime;
  const operationId = labels[OPERATION_LABEL];
  if (operationId) summary.operationId = operationId;
  const batchId = labels[BATCH_LABEL];
  if (batchId) summary.batchId = batchId;
  return summary;
}
