/**
 * A Job's terminal outcome: the interim condition (SuccessCriteriaMet or FailureTarget) first,
 * remaining pods stopped, then Complete or Failed on the next tick, and deletion once
 * `ttlSecondsAfterFinished` has passed.
 */
import { condition, jobFinished, outcomeDecided } from './job-conditions.js';
import type { JobHost } from './job-host.js';
import type { JobSim } from './job-status.js';
import { type Job, k8sTime } from './types.js';

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
  sim.finishTask = host.scheduler.after(0, () => {
    const current = host.store.get<Job>('jobs', sim.namespace, sim.name);
    if (!current || current.metadata.uid !== sim.uid || current.metadata.resourceVersion === undefined)
      return;
    const s = host.counts(sim, current.status ?? withInterim.status ?? {});
    const now = k8sTime();
    if (outcome === 'succeed') s.completionTime = now;
    s.conditions = [
      ...(s.conditions ?? []),
      condition(outcome === 'succeed' ? 'Complete' : 'Failed', reason, message),
    ];
    const done = host.writeJob(current, s);
    const ttl = done.spec.ttlSecondsAfterFinished;
    if (typeof ttl === 'number') sim.ttlTask = scheduleTtl(host, sim, ttl);
  });
}

/** Deletes the finished Job `ttl` seconds from now, unless it was replaced by then. */
function scheduleTtl(host: JobHost, sim: JobSim, ttl: number) {
  return host.scheduler.after(host.ms(ttl), () => {
    const j = host.store.get<Job>('jobs', sim.namespace, sim.name);
    // The TTL-after-finished controller deletes with foreground propagation.
    if (j && j.metadata.uid === sim.uid) host.deleteJob(j, 'Foreground');
  });
}
