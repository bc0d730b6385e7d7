/**
 * Job conditions with the reasons and messages of pkg/controller/job/job_controller.go
 * (Kubernetes 1.32).
 */
import { type Condition, type Job, type JobStatus, k8sTime } from './types.js';

export const REASON_COMPLETIONS = 'CompletionsReached';
export const MESSAGE_COMPLETIONS = 'Reached expected number of succeeded pods';
export const REASON_BACKOFF = 'BackoffLimitExceeded';
export const MESSAGE_BACKOFF = 'Job has reached the specified backoff limit';
export const REASON_DEADLINE = 'DeadlineExceeded';
export const MESSAGE_DEADLINE = 'Job was active longer than specified deadline';

/** The condition of `type` that is True, if any. */
export function findCondition(status: JobStatus | undefined, type: string): Condition | undefined {
  return status?.conditions?.find((c) => c.type === type && c.status === 'True');
}

/** True once a Job has a Complete or Failed condition. */
export function jobFinished(job: Job): boolean {
  return (
    findCondition(job.status, 'Complete') !== undefined || findCondition(job.status, 'Failed') !== undefined
  );
}

/** True once a terminal outcome is decided: the interim SuccessCriteriaMet or FailureTarget condition is set. */
export function outcomeDecided(status: JobStatus | undefined): boolean {
  return (
    findCondition(status, 'FailureTarget') !== undefined ||
    findCondition(status, 'SuccessCriteriaMet') !== undefined
  );
}

/** A condition that transitions now. */
export function condition(
  type: string,
  reason: string,
  message: string,
  status: 'True' | 'False' = 'True',
): Condition {
  const now = k8sTime();
  return { type, status, lastProbeTime: now, lastTransitionTime: now, reason, message };
}
