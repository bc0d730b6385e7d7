/**
 * Simulates the Job controller: it tracks each Job's pods from store events and reconciles the
 * Job on the next tick after any change ({@link syncJob}), deciding its outcome with
 * {@link finishJob}. Conditions, reasons and messages follow pkg/controller/job/job_controller.go
 * (Kubernetes 1.32), its events (source `job-controller`) the ones the real controller and its
 * pod control (pkg/controller/controller_utils.go) record. Pods are run by the {@link Kubelet},
 * deletions carried out by the {@link GarbageCollector}; this class wires them together and is
 * what the API calls.
 */
import { EventRecorder } from './event-recorder.js';
import { GarbageCollector, type PropagationPolicy } from './garbage-collector.js';
import type { JobHost } from './job-host.js';
import { finishJob } from './job-outcome.js';
import {
  cancelJobTimers,
  type JobSim,
  type JobSimState,
  jobSimFromState,
  jobSimState,
  newJobSim,
  statusCounts,
} from './job-status.js';
import { resumeJob, syncJob } from './job-sync.js';
import { Kubelet, type SimulationTiming } from './kubelet.js';
import { admitPod } from './pod-security.js';
import type { PodSimState } from './pod-sim.js';
import type { Scheduler } from './scheduler.js';
import type { Store, StoreEvent } from './store.js';
import type { Job, JobStatus, Namespace, Pod } from './types.js';

/** The Job's pod was refused because its namespace is terminating: the pod control records nothing then. */
function namespaceTerminating(refusal: { details?: { causes?: { reason?: string }[] } }): boolean {
  return refusal.details?.causes?.some((c) => c.reason === 'NamespaceTerminating') ?? false;
}

/** The simulation state of every Job and pod, as a state directory keeps it. */
export interface SimulationState {
  jobs: JobSimState[];
  pods: PodSimState[];
}

/** The Job controller, with the kubelet and garbage collector it drives. */
export class JobController {
  private readonly jobs = new Map<string, JobSim>();
  private readonly kubelet: Kubelet;
  private readonly gc: GarbageCollector;
  private readonly host: JobHost;
  private writing = false;
  private readonly unsubscribe: () => void;

  constructor(store: Store, scheduler: Scheduler, timing: SimulationTiming) {
    const recorder = new EventRecorder(store, { component: 'job-controller' }, timing.timeScale);
    const event: JobHost['event'] = (job, type, reason, message) =>
      recorder.event('jobs', job, type, reason, message);
    // RealPodControl.DeletePod: `Deleted pod: NAME` once the delete went through.
    const deleted = (p: { namespace: string; name: string; jobName: string }) => {
      const job = store.get<Job>('jobs', p.namespace, p.jobName);
      if (this.deletePod(p, false) && job) event(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.name}`);
    };
    this.kubelet = new Kubelet(store, scheduler, timing, {
      podChanged: (jobKey) => this.host.queueSync(jobKey),
      podFinished: (jobKey, podKey, phase) => this.onPodFinished(jobKey, podKey, phase),
    });
    this.gc = new GarbageCollector(store, scheduler, this.kubelet);
    const activePods: JobHost['activePods'] = (sim) => {
      const out = [];
      for (const k of sim.pods) {
        const p = this.kubelet.get(k);
        if (p && (p.phase === 'Pending' || p.phase === 'Running')) out.push(p);
      }
      return out;
    };
    const host: JobHost = {
      store,
      scheduler,
      ms: (seconds) => seconds * 1000 * timing.timeScale,
      writeJob: (job, status) => this.writeJob(store, job, status),
      activePods,
      counts: (sim, status) => statusCounts(sim, status, activePods(sim)),
      createPod: (job, sim) => {
        const created = this.kubelet.createPod(job, sim, (pod) =>
          admitPod(store.get<Namespace>('namespaces', '', sim.namespace), pod),
        );
        // RealPodControl.createPods: `Created pod: NAME`, or `Error creating: <the API error>`.
        if (typeof created !== 'string') {
          if (!namespaceTerminating(created))
            event(job, 'Warning', 'FailedCreate', `Error creating: ${created.message ?? ''}`);
          return created;
        }
        sim.pods.add(created);
        event(job, 'Normal', 'SuccessfulCreate', `Created pod: ${created.slice(created.indexOf('/') + 1)}`);
        return undefined;
      },
      removePod: deleted,
      stopPod: (p) => {
        this.kubelet.halt(p);
        deleted(p);
      },
      event,
      queueSync: (key) => {
        const sim = this.jobs.get(key);
        if (!sim || sim.syncQueued) return;
        sim.syncQueued = true;
        scheduler.after(0, () => {
          sim.syncQueued = false;
          if (this.jobs.get(key) === sim) syncJob(host, key, sim);
        });
      },
      dropJob: (key, sim) => {
        cancelJobTimers(sim);
        this.jobs.delete(key);
      },
      finish: (key, outcome, reason, message) => {
        const sim = this.jobs.get(key);
        if (sim) finishJob(host, sim, outcome, reason, message);
      },
      deleteJob: (job, policy) => this.deleteJob(job, policy),
    };
    this.host = host;
    this.unsubscribe = store.subscribe((e) => this.onEvent(e));
  }

  stop(): void {
    this.unsubscribe();
  }

  /** The simulation state, for persisting next to a store snapshot. */
  snapshot(): SimulationState {
    return { jobs: [...this.jobs.values()].map(jobSimState), pods: this.kubelet.snapshot() };
  }

  /**
   * Resumes the simulation of a restarted cluster, after the store was restored: pods continue
   * ({@link Kubelet.restore}), deletions the stop cut short are finished, and every Job is
   * re-evaluated on the next tick ({@link resumeJob}). `downtimeMs` is how long the server was away.
   */
  restore(state: SimulationState, downtimeMs: number): void {
    this.kubelet.restore(state.pods, downtimeMs);
    this.gc.resume();
    const saved = new Map(state.jobs.map((j) => [`${j.namespace}/${j.name}`, j]));
    for (const job of this.host.store.list<Job>('jobs')) {
      const key = `${job.metadata.namespace}/${job.metadata.name}`;
      const st = saved.get(key);
      const sim = jobSimFromState(job, st?.uid === job.metadata.uid ? st : undefined, downtimeMs);
      this.jobs.set(key, sim);
      resumeJob(this.host, key, sim, job);
    }
  }

  private writeJob(store: Store, job: Job, status: JobStatus): Job {
    this.writing = true;
    try {
      return store.update('jobs', { ...job, status });
    } finally {
      this.writing = false;
    }
  }

  private onEvent(e: StoreEvent): void {
    if (e.resource === 'pods') {
      const key = `${e.object.metadata.namespace}/${e.object.metadata.name}`;
      const owner = e.object.metadata.ownerReferences?.find((o) => o.controller)?.uid;
      this.gc.notePodEvent(e, key, owner);
      if (e.type === 'DELETED') this.onPodDeleted(key);
      return;
    }
    if (e.resource !== 'jobs' || this.writing) return;
    const job = e.object as Job;
    const key = `${job.metadata.namespace}/${job.metadata.name}`;
    if (e.type === 'ADDED') {
      this.jobs.set(key, newJobSim(job));
      this.host.queueSync(key);
    } else if (e.type === 'MODIFIED') {
      this.host.queueSync(key);
    } else {
      const sim = this.jobs.get(key);
      if (sim && sim.uid === job.metadata.uid) this.host.dropJob(key, sim);
    }
  }

  private onPodDeleted(key: string): void {
    const pod = this.kubelet.forget(key);
    if (!pod?.ownerUid) return;
    const jobKey = `${pod.namespace}/${pod.jobName}`;
    const sim = this.jobs.get(jobKey);
    if (!sim?.pods.has(key)) return;
    sim.pods.delete(key);
    // With finalizer-based tracking a pod removed before it succeeded counts as failed.
    if (pod.phase !== 'Succeeded') {
      sim.failed++;
      sim.consecutiveFailures++;
      sim.lastFailureAtMs = performance.now();
    }
    this.host.queueSync(jobKey);
  }

  private onPodFinished(jobKey: string, podKey: string, phase: 'Succeeded' | 'Failed'): void {
    const job = this.jobs.get(jobKey);
    if (!job?.pods.has(podKey)) return;
    if (phase === 'Succeeded') {
      job.succeeded++;
      job.consecutiveFailures = 0;
    } else {
      job.failed++;
      job.consecutiveFailures++;
      job.lastFailureAtMs = performance.now();
    }
    job.pods.delete(podKey);
    this.host.queueSync(jobKey);
  }

  /** Deletes a pod now (the simulation skips graceful termination); false when it was already gone. */
  deletePod(p: { namespace: string; name: string }, countAsFailure = true): boolean {
    const key = `${p.namespace}/${p.name}`;
    const sim = this.kubelet.get(key);
    if (sim && !countAsFailure) {
      // Pods the controller removes itself (suspend, scale down, terminal outcome) are not failures.
      const jobKey = `${sim.namespace}/${sim.jobName}`;
      this.jobs.get(jobKey)?.pods.delete(key);
    }
    return this.host.store.remove('pods', p.namespace, p.name) !== undefined;
  }

  /** Pods whose controller owner reference points at `uid`. */
  podsOwnedBy(uid: string): Pod[] {
    return this.gc.podsOwnedBy(uid);
  }

  /**
   * Deletes a Job the way the API server and garbage collector do for each propagation policy.
   * Returns the object as the DELETE response shows it.
   */
  deleteJob(job: Job, policy: PropagationPolicy): Job {
    return this.gc.deleteJob(job, policy);
  }

  /** The log text of a container (see {@link Kubelet.logs}); `undefined` for a pod the simulation does not know. */
  logs(namespace: string, pod: string, container: string, previous: boolean) {
    return this.kubelet.logs(namespace, pod, container, previous);
  }

  /** Calls `listener` whenever the pod changes phase or goes away; returns an unsubscribe function. */
  followPod(namespace: string, pod: string, listener: () => void): () => void {
    return this.kubelet.followPod(namespace, pod, listener);
  }
}
