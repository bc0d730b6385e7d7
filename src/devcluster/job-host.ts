/**
 * What the Job controller's reconcile and outcome steps work through: the store, timers, the
 * Job's pods, and the controller's own writes (which it does not react to).
 */
import type { EventType } from './event-recorder.js';
import type { PropagationPolicy } from './garbage-collector.js';
import type { JobSim } from './job-status.js';
import type { PodSim } from './pod-sim.js';
import type { Scheduler } from './scheduler.js';
import type { Status } from './status.js';
import type { Store } from './store.js';
import type { Job, JobStatus } from './types.js';

/** The controller's capabilities, handed to the reconcile and outcome steps. */
export interface JobHost {
  store: Store;
  scheduler: Scheduler;
  /** Scaled milliseconds of simulated seconds. */
  ms(seconds: number): number;
  /** Writes the Job's status without the controller reacting to its own write. */
  writeJob(job: Job, status: JobStatus): Job;
  /** The Job's pods that are Pending or Running. */
  activePods(sim: JobSim): PodSim[];
  /** `status` with the Job's current pod counts. */
  counts(sim: JobSim, status: JobStatus): JobStatus;
  /** Creates one more pod for the Job; the Status the API server refused it with, if it did. */
  createPod(job: Job, sim: JobSim): Status | undefined;
  /** Deletes a pod the controller removes itself, which does not count as a failure. */
  removePod(p: PodSim): void;
  /** Stops a pod where it is, then removes it. */
  stopPod(p: PodSim): void;
  /** Syncs the Job again on a later tick. */
  queueSync(key: string): void;
  /** Forgets a Job that is gone. */
  dropJob(key: string, sim: JobSim): void;
  /** Records an event about the Job, from `job-controller`. */
  event(job: Job, type: EventType, reason: string, message: string): void;
  /** Decides the Job's outcome (if the Job is still tracked). */
  finish(key: string, outcome: 'succeed' | 'fail', reason: string, message: string): void;
  deleteJob(job: Job, policy: PropagationPolicy): Job;
}
