/**
 * A Job's terminal outcome: the interim condition (SuccessCriteriaMet or FailureTarget) first,
 * remaining pods stopped, then Complete or Failed on the next tick, and deletion once
 * `ttlSecondsAfterFinished` has passed.
 */
import { condition, findCondition, jobFinished, outcomeDecided } from './job-conditions.js';
import type { JobHost } from './job-host.js';
import type { JobSim } from './job-status.js';
import type { ScheduledTask } from './scheduler.js';
import { type Job, type JobStatus, k8sTime } from './types.js';

/** Records the interim condition, stops remaining pods, then writes the terminal condition. */
export function finishJob(
  host: JobHost,
  sim: JobSim,
  outcome: 'succeed' | 'fail',
  reason: string,
  message: string,
): void {
  const job = host.store.get<Job>('jobs', sim.namespace, sim.name);
  if (!job || jobFinished(job) || outcomeDecided(job.status)) return;
  sim.deadlineTask?.cancel();
  sim.backoffTask?.cancel();
  const interim = outcome === 'succeed' ? 'SuccessCriteriaMet' : 'FailureTarget';
  const status = job.status ?? {};
  const withInterim = host.writeJob(job, {
    ...status,
    conditions: [...(status.conditions ?? []), condition(interim, reason, message)],
  });
  const active = host.activePods(sim);
  for (const p of active) host.stopPod(p);
  if (outcome === 'fail') sim.failed += active.length;
  sim.finishTask = host.scheduler.after(0, () =>
    writeTerminal(host, sim, outcome, reason, message, withInterim.status ?? {}),
  );
}

/** Writes Complete or Failed after the interim condition, and arms the TTL. */
function writeTerminal(
  host: JobHost,
  sim: JobSim,
  outcome: 'succeed' | 'fail',
  reason: string,
  message: string,
  interimStatus: JobStatus,
): void {
  const current = host.store.get<Job>('jobs', sim.namespace, sim.name);
  if (!current || current.metadata.uid !== sim.uid || current.metadata.resourceVersion === undefined) return;
  const s = host.counts(sim, current.status ?? interimStatus);
  const now = k8sTime();
  if (outcome === 'succeed') s.completionTime = now;
  s.conditions = [
    ...(s.conditions ?? []),
    condition(outcome === 'succeed' ? 'Complete' : 'Failed', reason, message),
  ];
  const done = host.writeJob(current, s);
  // recordJobFinished (job_controller.go): Completed, or a Warning with the Failed condition's reason.
  if (outcome === 'succeed') host.event(done, 'Normal', 'Completed', 'Job completed');
  else host.event(done, 'Warning', reason, message);
  const ttl = done.spec.ttlSecondsAfterFinished;
  if (typeof ttl === 'number') sim.ttlTask = scheduleTtl(host, sim, host.ms(ttl));
}

/**
 * Picks up a Job's outcome after a restart: a finished Job's TTL runs on from its finish time,
 * and an outcome decided but not yet written gets its Complete / Failed condition. Returns false
 * when the Job has no outcome yet.
 */
export function resumeOutcome(host: JobHost, sim: JobSim, job: Job): boolean {
  const status = job.status ?? {};
  if (jobFinished(job)) {
    const ttl = job.spec.ttlSecondsAfterFinished;
    const done = findCondition(status, 'Complete') ?? findCondition(status, 'Failed');
    if (typeof ttl === 'number') {
      const since = Date.now() - Date.parse(done?.lastTransitionTime ?? '');
      sim.ttlTask = scheduleTtl(host, sim, Math.max(0, host.ms(ttl) - (Number.isFinite(since) ? since : 0)));
    }
    return true;
  }
  const success = findCondition(status, 'SuccessCriteriaMet');
  const interim = success ?? findCondition(status, 'FailureTarget');
  if (!interim) return false;
  sim.finishTask = host.scheduler.after(0, () =>
    writeTerminal(
      host,
      sim,
      success ? 'succeed' : 'fail',
      interim.reason ?? '',
      interim.message ?? '',
      status,
    ),
  );
  return true;
}

/** Deletes the finished Job `delayMs` from now, unless it was replaced by then. */
function scheduleTtl(host: JobHost, sim: JobSim, delayMs: number): ScheduledTask {
  return host.scheduler.after(delayMs, () => {
    const j = host.store.get<Job>('jobs', sim.namespace, sim.name);
    // The TTL-after-finished controller deletes with foreground propagation.
    if (j && j.metadata.uid === sim.uid) host.deleteJob(j, 'Foreground');
  });
}
