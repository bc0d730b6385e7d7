/**
 * The Job controller's bookkeeping for one Job and the arithmetic of its status: the pod counts,
 * the back-off limit, how many pods it wants, and the delay before a failed pod is replaced.
 */
import type { ScheduledTask } from './scheduler.js';
import type { Job, JobSpec, JobStatus } from './types.js';

/** What the controller tracks of one Job between syncs. */
export interface JobSim {
  namespace: string;
  name: string;
  uid: string;
  /** Keys (`namespace/name`) of its pods that have not finished. */
  pods: Set<string>;
  succeeded: number;
  failed: number;
  consecutiveFailures: number;
  lastFailureAtMs: number;
  backoffTask: ScheduledTask | undefined;
  deadlineTask: ScheduledTask | undefined;
  ttlTask: ScheduledTask | undefined;
  finishTask: ScheduledTask | undefined;
  syncQueued: boolean;
  /** Syncs in a row in which the API server refused to create a pod (e.g. PodSecurity). */
  createFailures: number;
  /** The sync again after such a sync, once the controller's API back-off has passed. */
  retryTask: ScheduledTask | undefined;
}

/** Fresh bookkeeping for a Job just created. */
export function newJobSim(job: Job): JobSim {
  return {
    namespace: job.metadata.namespace ?? '',
    name: job.metadata.name ?? '',
    uid: job.metadata.uid ?? '',
    pods: new Set(),
    succeeded: 0,
    failed: 0,
    consecutiveFailures: 0,
    lastFailureAtMs: 0,
    backoffTask: undefined,
    deadlineTask: undefined,
    ttlTask: undefined,
    finishTask: undefined,
    syncQueued: false,
    createFailures: 0,
    retryTask: undefined,
  };
}

/** Stops every timer of the Job. */
export function cancelJobTimers(sim: JobSim): void {
  sim.backoffTask?.cancel();
  sim.deadlineTask?.cancel();
  sim.ttlTask?.cancel();
  sim.finishTask?.cancel();
  sim.retryTask?.cancel();
}

/** `status` with the counts of active (and of those, Running), succeeded and failed pods. */
export function statusCounts(
  sim: JobSim,
  status: JobStatus,
  active: readonly { phase: string }[],
): JobStatus {
  const out: JobStatus = { ...status };
  const ready = active.filter((p) => p.phase === 'Running').length;
  for (const [field, n] of [
    ['active', active.length],
    ['succeeded', sim.succeeded],
    ['failed', sim.failed],
  ] as const) {
    if (n > 0) out[field] = n;
    else delete out[field];
  }
  out.ready = ready;
  out.terminating = 0;
  out.uncountedTerminatedPods = {};
  return out;
}

/** True when the Job has failed too often: restarts count under OnFailure, failed pods otherwise. */
export function pastBackoffLimit(spec: JobSpec, sim: JobSim, restartsOfActive: () => number): boolean {
  const backoffLimit = spec.backoffLimit ?? 6;
  const onFailure = spec.template?.spec?.restartPolicy === 'OnFailure';
  const restarts = onFailure ? restartsOfActive() : 0;
  return onFailure
    ? backoffLimit === 0
      ? restarts + sim.failed > 0
      : restarts + sim.failed >= backoffLimit
    : sim.failed > backoffLimit;
}

/** True when enough pods succeeded (or, without `completions`, one did and none is left running). */
export function completionsReached(spec: JobSpec, sim: JobSim, activeCount: number): boolean {
  const completions = spec.completions ?? undefined;
  return (
    (completions !== undefined && sim.succeeded >= completions) ||
    (completions === undefined && sim.succeeded > 0 && activeCount === 0)
  );
}

/** How many pods should be active now. */
export function podsWanted(spec: JobSpec, sim: JobSim): number {
  const completions = spec.completions ?? undefined;
  const parallelism = spec.parallelism ?? 1;
  return completions === undefined
    ? sim.succeeded > 0
      ? 0
      : parallelism
    : Math.min(parallelism, completions - sim.succeeded);
}

/** Failed pods are replaced after an exponential back-off: 10s, 20s, 40s ... capped at 6 minutes. */
export function replacementDelaySeconds(sim: JobSim): number {
  return sim.consecutiveFailures > 0 ? Math.min(10 * 2 ** (sim.consecutiveFailures - 1), 360) : 0;
}

/**
 * The Job controller's delay before it syncs a Job again after a sync failed (here: a pod
 * create was refused): its work queue's per-item exponential back-off, 1s doubling to 60s
 * (`DefaultJobApiBackOff`, `MaxJobApiBackOff` in pkg/controller/job/job_controller.go).
 */
export function apiBackoffSeconds(failures: number): number {
  return Math.min(2 ** Math.max(0, failures - 1), 60);
}

/** A Job's bookkeeping as a state directory keeps it (timers are re-armed from the Job on restore). */
export interface JobSimState {
  namespace: string;
  name: string;
  uid: string;
  pods: string[];
  succeeded: number;
  failed: number;
  consecutiveFailures: number;
  /** Milliseconds between the last pod failure and the snapshot; undefined without failures. */
  sinceLastFailureMs: number | undefined;
}

/** The persistable part of a Job's bookkeeping. */
export function jobSimState(sim: JobSim): JobSimState {
  return {
    namespace: sim.namespace,
    name: sim.name,
    uid: sim.uid,
    pods: [...sim.pods],
    succeeded: sim.succeeded,
    failed: sim.failed,
    consecutiveFailures: sim.consecutiveFailures,
    sinceLastFailureMs: sim.lastFailureAtMs > 0 ? performance.now() - sim.lastFailureAtMs : undefined,
  };
}

/**
 * Bookkeeping restored from a snapshot, or rebuilt from the Job's status when the snapshot has
 * none. The back-off clock runs on from the last failure (the time the server was down counts).
 */
export function jobSimFromState(job: Job, st: JobSimState | undefined, downtimeMs: number): JobSim {
  const sim = newJobSim(job);
  if (!st) {
    sim.succeeded = job.status?.succeeded ?? 0;
    sim.failed = job.status?.failed ?? 0;
    return sim;
  }
  for (const k of st.pods) sim.pods.add(k);
  sim.succeeded = st.succeeded;
  sim.failed = st.failed;
  sim.consecutiveFailures = st.consecutiveFailures;
  if (st.sinceLastFailureMs !== undefined)
    sim.lastFailureAtMs = performance.now() - st.sinceLastFailureMs - downtimeMs;
  return sim;
}
