/**
 * One reconcile of a Job against its pods: suspend and resume, the active deadline, the back-off
 * limit, completions, and creating, replacing (after back-off) or removing pods.
 */
import {
  condition,
  jobFinished,
  MESSAGE_BACKOFF,
  MESSAGE_COMPLETIONS,
  MESSAGE_DEADLINE,
  outcomeDecided,
  REASON_BACKOFF,
  REASON_COMPLETIONS,
  REASON_DEADLINE,
} from './job-conditions.js';
import type { JobHost } from './job-host.js';
import { resumeOutcome } from './job-outcome.js';
import {
  apiBackoffSeconds,
  completionsReached,
  type JobSim,
  pastBackoffLimit,
  podsWanted,
  replacementDelaySeconds,
} from './job-status.js';
import { type Job, type JobStatus, k8sTime } from './types.js';

/** Brings the Job `key` one step closer to what its spec asks. */
export function syncJob(host: JobHost, key: string, sim: JobSim): void {
  const job = host.store.get<Job>('jobs', sim.namespace, sim.name);
  if (!job || job.metadata.uid !== sim.uid) {
    host.dropJob(key, sim);
    return;
  }
  if (job.metadata.deletionTimestamp || jobFinished(job)) return;
  const status: JobStatus = { ...(job.status ?? {}) };
  const conditions = [...(status.conditions ?? [])];
  const spec = job.spec;
  if (outcomeDecided(status)) return;

  if (spec.suspend) {
    for (const p of host.activePods(sim)) host.removePod(p);
    const suspended = conditions.find((c) => c.type === 'Suspended');
    if (suspended?.status !== 'True') {
      const c = condition('Suspended', 'JobSuspended', 'Job suspended');
      if (suspended) conditions[conditions.indexOf(suspended)] = c;
      else conditions.push(c);
      host.event(job, 'Normal', 'Suspended', 'Job suspended');
      sim.deadlineTask?.cancel();
      delete status.startTime;
      host.writeJob(job, { ...host.counts(sim, status), conditions });
    }
    return;
  }
  const suspended = conditions.find((c) => c.type === 'Suspended' && c.status === 'True');
  if (suspended) {
    conditions[conditions.indexOf(suspended)] = condition('Suspended', 'JobResumed', 'Job resumed', 'False');
    host.event(job, 'Normal', 'Resumed', 'Job resumed');
  }

  const now = Date.now();
  if (!status.startTime) {
    status.startTime = k8sTime(now);
    if (typeof spec.activeDeadlineSeconds === 'number') {
      armDeadline(host, key, sim, host.ms(spec.activeDeadlineSeconds));
    }
  }

  const active = host.activePods(sim);
  if (pastBackoffLimit(spec, sim, () => active.reduce((n, p) => n + p.restarts, 0))) {
    host.writeJob(job, { ...host.counts(sim, status), conditions });
    host.finish(key, 'fail', REASON_BACKOFF, MESSAGE_BACKOFF);
    return;
  }
  if (completionsReached(spec, sim, active.length)) {
    host.writeJob(job, { ...host.counts(sim, status), conditions });
    host.finish(key, 'succeed', REASON_COMPLETIONS, MESSAGE_COMPLETIONS);
    return;
  }
  const want = podsWanted(spec, sim);
  if (active.length < want) {
    const delay = replacementDelaySeconds(sim);
    const readyAt = sim.lastFailureAtMs + host.ms(delay);
    const wait = readyAt - performance.now();
    if (delay > 0 && wait > 0) {
      if (!sim.backoffTask) {
        sim.backoffTask = host.scheduler.after(wait, () => {
          sim.backoffTask = undefined;
          host.queueSync(key);
        });
      }
    } else createPods(host, key, sim, job, want - active.length);
  } else if (active.length > want) {
    for (const p of active.slice(want)) host.removePod(p);
  }
  const next = { ...host.counts(sim, status), conditions };
  if (JSON.stringify(next) !== JSON.stringify(job.status ?? {})) host.writeJob(job, next);
}

/**
 * Creates `n` pods, as the controller's slow start does (batches of 1, 2, 4 …, the rest skipped
 * after a batch with a refusal): a refused create (PodSecurity, pkg/controller/job
 * job_controller.go manageJob) leaves the Job active without that pod, records `FailedCreate`
 * (`Error creating: <the API error>`), fails the sync, and the Job is synced again after the
 * API back-off.
 */
function createPods(host: JobHost, key: string, sim: JobSim, job: Job, n: number): void {
  for (let batch = 1, left = n; left > 0; left -= batch, batch *= 2) {
    let refused = false;
    for (let i = 0; i < Math.min(batch, left); i++) if (host.createPod(job, sim)) refused = true;
    if (refused) {
      sim.createFailures++;
      if (!sim.retryTask) {
        sim.retryTask = host.scheduler.after(host.ms(apiBackoffSeconds(sim.createFailures)), () => {
          sim.retryTask = undefined;
          host.queueSync(key);
        });
      }
      return;
    }
  }
  sim.createFailures = 0;
}

/** Fails the Job with DeadlineExceeded `delayMs` from now (replacing an earlier deadline). */
function armDeadline(host: JobHost, key: string, sim: JobSim, delayMs: number): void {
  sim.deadlineTask?.cancel();
  sim.deadlineTask = host.scheduler.after(delayMs, () =>
    host.finish(key, 'fail', REASON_DEADLINE, MESSAGE_DEADLINE),
  );
}

/**
 * Picks a Job up after a restart: its outcome (TTL, or the terminal condition still to write)
 * or, for a running Job, what is left of its active deadline (measured from `startTime`, so the
 * time the server was down counts), then a sync that re-evaluates its pods.
 */
export function resumeJob(host: JobHost, key: string, sim: JobSim, job: Job): void {
  if (job.metadata.deletionTimestamp || resumeOutcome(host, sim, job)) return;
  const startTime = job.status?.startTime;
  const deadline = job.spec.activeDeadlineSeconds;
  if (!job.spec.suspend && startTime && typeof deadline === 'number') {
    const since = Date.now() - Date.parse(startTime);
    armDeadline(host, key, sim, Math.max(0, host.ms(deadline) - (Number.isFinite(since) ? since : 0)));
  }
  host.queueSync(key);
}
