/**
 * Simulates the Job controller, the scheduler and the kubelet for Jobs and their Pods.
 * Conditions, reasons and messages follow pkg/controller/job/job_controller.go (Kubernetes 1.32):
 * a terminal outcome is first recorded as an interim condition (SuccessCriteriaMet or
 * FailureTarget) and becomes Complete/Failed once the Job's pods have terminated.
 */

import { generateName } from './names.js';
import type { ScheduledTask, Scheduler } from './scheduler.js';
import { type ContainerRun, simulateContainer } from './sh-interpreter.js';
import type { Store, StoreEvent } from './store.js';
import type { Condition, ContainerStatus, Job, JobStatus, Pod, PodStatus } from './types.js';
import { k8sTime } from './types.js';

export type PropagationPolicy = 'Orphan' | 'Background' | 'Foreground';

/** Simulated durations, in seconds before scaling. */
export interface SimulationTiming {
  /** Multiplies every simulated duration and every duration taken from a spec. */
  timeScale: number;
  /** Pending → Running. */
  podStartSeconds: number;
  /** Run time of a container whose command the interpreter does not know. */
  defaultRunSeconds: number;
}

const NODE_NAME = 'devcluster-node-1';
const HOST_IP = '10.0.0.10';
const REASON_COMPLETIONS = 'CompletionsReached';
const MESSAGE_COMPLETIONS = 'Reached expected number of succeeded pods';
const REASON_BACKOFF = 'BackoffLimitExceeded';
const MESSAGE_BACKOFF = 'Job has reached the specified backoff limit';
const REASON_DEADLINE = 'DeadlineExceeded';
const MESSAGE_DEADLINE = 'Job was active longer than specified deadline';

interface PodSim {
  namespace: string;
  name: string;
  ownerUid: string | undefined;
  jobName: string;
  runs: Map<string, ContainerRun>;
  phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed';
  startedAtMs: number | undefined;
  /** Per container, the output of the previous (crashed) run. */
  previous: Map<string, ContainerRun>;
  restarts: number;
  task: ScheduledTask | undefined;
  /** Listeners following this pod's logs. */
  followers: Set<() => void>;
}

interface JobSim {
  namespace: string;
  name: string;
  uid: string;
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
}

function findCondition(status: JobStatus | undefined, type: string): Condition | undefined {
  return status?.conditions?.find((c) => c.type === type && c.status === 'True');
}

/** True once a Job has a Complete or Failed condition. */
export function jobFinished(job: Job): boolean {
  return (
    findCondition(job.status, 'Complete') !== undefined || findCondition(job.status, 'Failed') !== undefined
  );
}

function condition(
  type: string,
  reason: string,
  message: string,
  status: 'True' | 'False' = 'True',
): Condition {
  const now = k8sTime();
  return { type, status, lastProbeTime: now, lastTransitionTime: now, reason, message };
}

export class JobController {
  private readonly jobs = new Map<string, JobSim>();
  private readonly pods = new Map<string, PodSim>();
  /** Job uid → pod keys, for garbage collection without scanning every pod. */
  private readonly podsByOwner = new Map<string, Set<string>>();
  private writing = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: Store,
    private readonly scheduler: Scheduler,
    private readonly timing: SimulationTiming,
  ) {
    this.unsubscribe = store.subscribe((e) => this.onEvent(e));
  }

  stop(): void {
    this.unsubscribe();
  }

  private ms(seconds: number): number {
    return seconds * 1000 * this.timing.timeScale;
  }

  private onEvent(e: StoreEvent): void {
    if (e.resource === 'pods') {
      const key = `${e.object.metadata.namespace}/${e.object.metadata.name}`;
      const owner = e.object.metadata.ownerReferences?.find((o) => o.controller)?.uid;
      if (e.type === 'ADDED' && owner) {
        let set = this.podsByOwner.get(owner);
        if (!set) {
          set = new Set();
          this.podsByOwner.set(owner, set);
        }
        set.add(key);
      }
      if (e.type === 'DELETED') this.onPodDeleted(key, owner);
      return;
    }
    if (e.resource !== 'jobs' || this.writing) return;
    const job = e.object as Job;
    const key = `${job.metadata.namespace}/${job.metadata.name}`;
    if (e.type === 'ADDED') {
      this.jobs.set(key, {
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
      });
      this.queueSync(key);
    } else if (e.type === 'MODIFIED') {
      this.queueSync(key);
    } else {
      const sim = this.jobs.get(key);
      if (sim && sim.uid === job.metadata.uid) this.dropJob(key, sim);
    }
  }

  private dropJob(key: string, sim: JobSim): void {
    sim.backoffTask?.cancel();
    sim.deadlineTask?.cancel();
    sim.ttlTask?.cancel();
    sim.finishTask?.cancel();
    this.jobs.delete(key);
  }

  private onPodDeleted(key: string, owner: string | undefined): void {
    const pod = this.pods.get(key);
    if (owner) this.podsByOwner.get(owner)?.delete(key);
    if (!pod) return;
    pod.task?.cancel();
    this.pods.delete(key);
    for (const f of pod.followers) f();
    if (!pod.ownerUid) return;
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
    this.queueSync(jobKey);
  }

  private queueSync(key: string): void {
    const sim = this.jobs.get(key);
    if (!sim || sim.syncQueued) return;
    sim.syncQueued = true;
    this.scheduler.after(0, () => {
      sim.syncQueued = false;
      if (this.jobs.get(key) === sim) this.sync(key, sim);
    });
  }

  private writeJob(job: Job, status: JobStatus): Job {
    this.writing = true;
    try {
      return this.store.update('jobs', { ...job, status });
    } finally {
      this.writing = false;
    }
  }

  private activePods(sim: JobSim): PodSim[] {
    const out: PodSim[] = [];
    for (const k of sim.pods) {
      const p = this.pods.get(k);
      if (p && (p.phase === 'Pending' || p.phase === 'Running')) out.push(p);
    }
    return out;
  }

  private sync(key: string, sim: JobSim): void {
    const job = this.store.get<Job>('jobs', sim.namespace, sim.name);
    if (!job || job.metadata.uid !== sim.uid) {
      this.dropJob(key, sim);
      return;
    }
    if (job.metadata.deletionTimestamp || jobFinished(job)) return;
    const status: JobStatus = { ...(job.status ?? {}) };
    const conditions = [...(status.conditions ?? [])];
    const spec = job.spec;
    if (findCondition(status, 'FailureTarget') || findCondition(status, 'SuccessCriteriaMet')) return;

    if (spec.suspend) {
      for (const p of this.activePods(sim)) this.deletePod(p, false);
      const suspended = conditions.find((c) => c.type === 'Suspended');
      if (suspended?.status !== 'True') {
        const c = condition('Suspended', 'JobSuspended', 'Job suspended');
        if (suspended) conditions[conditions.indexOf(suspended)] = c;
        else conditions.push(c);
        sim.deadlineTask?.cancel();
        delete status.startTime;
        this.writeJob(job, { ...this.counts(sim, status), conditions });
      }
      return;
    }
    const suspended = conditions.find((c) => c.type === 'Suspended' && c.status === 'True');
    if (suspended)
      conditions[conditions.indexOf(suspended)] = condition(
        'Suspended',
        'JobResumed',
        'Job resumed',
        'False',
      );

    const now = Date.now();
    if (!status.startTime) {
      status.startTime = k8sTime(now);
      if (typeof spec.activeDeadlineSeconds === 'number') {
        sim.deadlineTask?.cancel();
        sim.deadlineTask = this.scheduler.after(this.ms(spec.activeDeadlineSeconds), () =>
          this.finish(key, 'fail', REASON_DEADLINE, MESSAGE_DEADLINE),
        );
      }
    }

    const backoffLimit = spec.backoffLimit ?? 6;
    const onFailure = spec.template?.spec?.restartPolicy === 'OnFailure';
    const active = this.activePods(sim);
    const restarts = onFailure ? active.reduce((n, p) => n + p.restarts, 0) : 0;
    const pastBackoff = onFailure
      ? backoffLimit === 0
        ? restarts + sim.failed > 0
        : restarts + sim.failed >= backoffLimit
      : sim.failed > backoffLimit;
    if (pastBackoff) {
      this.writeJob(job, { ...this.counts(sim, status), conditions });
      this.finish(key, 'fail', REASON_BACKOFF, MESSAGE_BACKOFF);
      return;
    }
    const completions = spec.completions ?? undefined;
    const parallelism = spec.parallelism ?? 1;
    if (
      (completions !== undefined && sim.succeeded >= completions) ||
      (completions === undefined && sim.succeeded > 0 && active.length === 0)
    ) {
      this.writeJob(job, { ...this.counts(sim, status), conditions });
      this.finish(key, 'succeed', REASON_COMPLETIONS, MESSAGE_COMPLETIONS);
      return;
    }
    const want =
      completions === undefined
        ? sim.succeeded > 0
          ? 0
          : parallelism
        : Math.min(parallelism, completions - sim.succeeded);
    if (active.length < want) {
      // Failed pods are replaced after an exponential back-off: 10s, 20s, 40s ... capped at 6 minutes.
      const delay = sim.consecutiveFailures > 0 ? Math.min(10 * 2 ** (sim.consecutiveFailures - 1), 360) : 0;
      const readyAt = sim.lastFailureAtMs + this.ms(delay);
      const wait = readyAt - performance.now();
      if (delay > 0 && wait > 0) {
        if (!sim.backoffTask) {
          sim.backoffTask = this.scheduler.after(wait, () => {
            sim.backoffTask = undefined;
            this.queueSync(key);
          });
        }
      } else {
        for (let i = active.length; i < want; i++) this.createPod(job, sim);
      }
    } else if (active.length > want) {
      for (const p of active.slice(want)) this.deletePod(p, false);
    }
    const next = { ...this.counts(sim, status), conditions };
    if (JSON.stringify(next) !== JSON.stringify(job.status ?? {})) this.writeJob(job, next);
  }

  private counts(sim: JobSim, status: JobStatus): JobStatus {
    const active = this.activePods(sim);
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

  /** Records the interim condition, stops remaining pods, then writes the terminal condition. */
  private finish(key: string, outcome: 'succeed' | 'fail', reason: string, message: string): void {
    const sim = this.jobs.get(key);
    if (!sim) return;
    const job = this.store.get<Job>('jobs', sim.namespace, sim.name);
    if (
      !job ||
      jobFinished(job) ||
      findCondition(job.status, 'FailureTarget') ||
      findCondition(job.status, 'SuccessCriteriaMet')
    )
      return;
    sim.deadlineTask?.cancel();
    sim.backoffTask?.cancel();
    const interim = outcome === 'succeed' ? 'SuccessCriteriaMet' : 'FailureTarget';
    const status = job.status ?? {};
    const withInterim = this.writeJob(job, {
      ...status,
      conditions: [...(status.conditions ?? []), condition(interim, reason, message)],
    });
    const active = this.activePods(sim);
    for (const p of active) {
      p.task?.cancel();
      p.phase = 'Failed';
      this.deletePod(p, false);
    }
    if (outcome === 'fail') sim.failed += active.length;
    sim.finishTask = this.scheduler.after(0, () => {
      const current = this.store.get<Job>('jobs', sim.namespace, sim.name);
      if (!current || current.metadata.uid !== sim.uid || current.metadata.resourceVersion === undefined)
        return;
      const s = this.counts(sim, current.status ?? withInterim.status ?? {});
      const now = k8sTime();
      if (outcome === 'succeed') s.completionTime = now;
      s.conditions = [
        ...(s.conditions ?? []),
        condition(outcome === 'succeed' ? 'Complete' : 'Failed', reason, message),
      ];
      const done = this.writeJob(current, s);
      const ttl = done.spec.ttlSecondsAfterFinished;
      if (typeof ttl === 'number') {
        sim.ttlTask = this.scheduler.after(this.ms(ttl), () => {
          const j = this.store.get<Job>('jobs', sim.namespace, sim.name);
          // The TTL-after-finished controller deletes with foreground propagation.
          if (j && j.metadata.uid === sim.uid) this.deleteJob(j, 'Foreground');
        });
      }
    });
  }

  private createPod(job: Job, sim: JobSim): void {
    const template = job.spec.template ?? {};
    const tspec = template.spec ?? {};
    let name = generateName(`${sim.name}-`);
    while (this.store.get('pods', sim.namespace, name)) name = generateName(`${sim.name}-`);
    const now = k8sTime();
    const containers = tspec.containers ?? [];
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        generateName: `${sim.name}-`,
        namespace: sim.namespace,
        labels: { ...(template.metadata?.labels ?? {}) },
        ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
        ownerReferences: [
          {
            apiVersion: 'batch/v1',
            kind: 'Job',
            name: sim.name,
            uid: sim.uid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: {
        ...tspec,
        serviceAccountName: tspec.serviceAccountName ?? 'default',
        serviceAccount: tspec.serviceAccountName ?? 'default',
        nodeName: NODE_NAME,
        enableServiceLinks: true,
        priority: 0,
        preemptionPolicy: 'PreemptLowerPriority',
      },
      status: {
        phase: 'Pending',
        conditions: [{ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: now }],
        hostIP: HOST_IP,
        startTime: now,
        qosClass: 'BestEffort',
        containerStatuses: containers.map((c) =>
          this.containerStatus(c.name ?? '', c.image ?? '', { waiting: { reason: 'ContainerCreating' } }, 0),
        ),
      },
    };
    const created = this.store.create('pods', pod);
    const key = `${sim.namespace}/${name}`;
    const runs = new Map<string, ContainerRun>();
    for (const c of containers)
      runs.set(c.name ?? '', simulateContainer(c.command, c.args, this.timing.defaultRunSeconds));
    const p: PodSim = {
      namespace: sim.namespace,
      name,
      ownerUid: sim.uid,
      jobName: sim.name,
      runs,
      phase: 'Pending',
      startedAtMs: undefined,
      previous: new Map(),
      restarts: 0,
      task: undefined,
      followers: new Set(),
    };
    this.pods.set(key, p);
    sim.pods.add(key);
    p.task = this.scheduler.after(this.ms(this.timing.podStartSeconds), () =>
      this.startPod(key, created.spec.restartPolicy === 'OnFailure'),
    );
  }

  private containerStatus(
    name: string,
    image: string,
    state: Record<string, Record<string, unknown>>,
    restartCount: number,
    lastState: Record<string, Record<string, unknown>> = {},
  ): ContainerStatus {
    const running = 'running' in state;
    const s: ContainerStatus = {
      name,
      image,
      imageID: '',
      ready: running,
      started: running,
      restartCount,
      state,
      lastState,
    };
    if (!('waiting' in state)) {
      s.imageID = `${image.includes(':') ? image.slice(0, image.lastIndexOf(':')) : image}@sha256:${'0'.repeat(64)}`;
      s.containerID = `containerd://${name}-${restartCount}`;
    }
    return s;
  }

  private startPod(key: string, restartOnFailure: boolean): void {
    const sim = this.pods.get(key);
    const pod = this.store.get<Pod>('pods', sim?.namespace ?? '', sim?.name ?? '');
    if (!sim || !pod) return;
    sim.phase = 'Running';
    sim.startedAtMs = performance.now();
    const now = k8sTime();
    const status: PodStatus = {
      ...pod.status,
      phase: 'Running',
      podIP: `10.1.${(sim.name.charCodeAt(sim.name.length - 1) % 250) + 1}.${(sim.name.charCodeAt(sim.name.length - 2) % 250) + 1}`,
      conditions: [
        { type: 'PodReadyToStartContainers', status: 'True', lastProbeTime: null, lastTransitionTime: now },
        { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: now },
        { type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: now },
        { type: 'ContainersReady', status: 'True', lastProbeTime: null, lastTransitionTime: now },
        ...(pod.status?.conditions?.filter((c) => c.type === 'PodScheduled') ?? []),
      ],
      containerStatuses: (pod.spec.containers ?? []).map((c) =>
        this.containerStatus(
          c.name ?? '',
          c.image ?? '',
          { running: { startedAt: now } },
          sim.restarts,
          pod.status?.containerStatuses?.find((s) => s.name === c.name)?.lastState ?? {},
        ),
      ),
    };
    this.store.update('pods', { ...pod, status });
    for (const f of sim.followers) f();
    let duration = 0;
    for (const r of sim.runs.values()) duration = Math.max(duration, r.durationSeconds);
    sim.task = this.scheduler.after(this.ms(duration), () => this.endPod(key, restartOnFailure));
    if (sim.ownerUid) this.queueSync(`${sim.namespace}/${sim.jobName}`);
  }

  private endPod(key: string, restartOnFailure: boolean): void {
    const sim = this.pods.get(key);
    const pod = this.store.get<Pod>('pods', sim?.namespace ?? '', sim?.name ?? '');
    if (!sim || !pod) return;
    let exitCode = 0;
    for (const r of sim.runs.values()) if (r.exitCode !== 0 && exitCode === 0) exitCode = r.exitCode;
    const now = k8sTime();
    const startedAt = pod.status?.containerStatuses?.[0]?.state.running?.startedAt ?? now;
    const terminated = (name: string) => {
      const code = sim.runs.get(name)?.exitCode ?? 0;
      return {
        terminated: {
          exitCode: code,
          reason: code === 0 ? 'Completed' : 'Error',
          startedAt,
          finishedAt: now,
          containerID: `containerd://${name}-${sim.restarts}`,
        },
      };
    };
    const jobKey = sim.ownerUid ? `${sim.namespace}/${sim.jobName}` : undefined;
    if (exitCode !== 0 && restartOnFailure) {
      // restartPolicy OnFailure: the kubelet restarts the container in the same pod.
      sim.restarts++;
      for (const [name, run] of sim.runs) sim.previous.set(name, run);
      const lastStates = new Map(
        (pod.spec.containers ?? []).map((c) => [c.name ?? '', terminated(c.name ?? '')]),
      );
      this.store.update('pods', {
        ...pod,
        status: {
          ...pod.status,
          containerStatuses: (pod.spec.containers ?? []).map((c) =>
            this.containerStatus(
              c.name ?? '',
              c.image ?? '',
              {
                waiting: {
                  reason: 'CrashLoopBackOff',
                  message: `back-off restarting failed container ${c.name}`,
                },
              },
              sim.restarts,
              lastStates.get(c.name ?? ''),
            ),
          ),
        },
      });
      sim.phase = 'Pending';
      const runs = new Map<string, ContainerRun>();
      for (const c of pod.spec.containers ?? [])
        runs.set(c.name ?? '', simulateContainer(c.command, c.args, this.timing.defaultRunSeconds));
      sim.runs = runs;
      const delay = Math.min(10 * 2 ** (sim.restarts - 1), 300);
      sim.task = this.scheduler.after(this.ms(delay), () => this.startPod(key, true));
      if (jobKey) this.queueSync(jobKey);
      return;
    }
    sim.phase = exitCode === 0 ? 'Succeeded' : 'Failed';
    const readyFalse = (type: string) => ({
      type,
      status: 'False' as const,
      lastProbeTime: null,
      lastTransitionTime: now,
      reason: 'PodCompleted',
    });
    this.store.update('pods', {
      ...pod,
      status: {
        ...pod.status,
        phase: sim.phase,
        conditions: (pod.status?.conditions ?? []).map((c) =>
          c.type === 'Ready' || c.type === 'ContainersReady' || c.type === 'PodReadyToStartContainers'
            ? readyFalse(c.type)
            : c,
        ),
        containerStatuses: (pod.spec.containers ?? []).map((c) => ({
          ...this.containerStatus(
            c.name ?? '',
            c.image ?? '',
            terminated(c.name ?? ''),
            sim.restarts,
            pod.status?.containerStatuses?.find((s) => s.name === c.name)?.lastState ?? {},
          ),
          ready: false,
          started: false,
        })),
      },
    });
    for (const f of sim.followers) f();
    if (!jobKey) return;
    const job = this.jobs.get(jobKey);
    if (!job?.pods.has(key)) return;
    if (sim.phase === 'Succeeded') {
      job.succeeded++;
      job.consecutiveFailures = 0;
    } else {
      job.failed++;
      job.consecutiveFailures++;
      job.lastFailureAtMs = performance.now();
    }
    job.pods.delete(key);
    this.queueSync(jobKey);
  }

  /** Deletes a pod now (the simulation skips graceful termination). */
  deletePod(p: { namespace: string; name: string }, countAsFailure = true): void {
    const key = `${p.namespace}/${p.name}`;
    const sim = this.pods.get(key);
    if (sim && !countAsFailure) {
      // Pods the controller removes itself (suspend, scale down, terminal outcome) are not failures.
      const jobKey = `${sim.namespace}/${sim.jobName}`;
      this.jobs.get(jobKey)?.pods.delete(key);
    }
    this.store.remove('pods', p.namespace, p.name);
  }

  /** Pods whose controller owner reference points at `uid`. */
  podsOwnedBy(uid: string): Pod[] {
    const out: Pod[] = [];
    for (const key of this.podsByOwner.get(uid) ?? []) {
      const slash = key.indexOf('/');
      const pod = this.store.get<Pod>('pods', key.slice(0, slash), key.slice(slash + 1));
      if (pod) out.push(pod);
    }
    return out;
  }

  /**
   * Deletes a Job the way the API server and garbage collector do for each propagation policy.
   * Returns the object as the DELETE response shows it.
   */
  deleteJob(job: Job, policy: PropagationPolicy): Job {
    const uid = job.metadata.uid ?? '';
    const ns = job.metadata.namespace ?? '';
    const name = job.metadata.name ?? '';
    if (policy === 'Orphan') {
      for (const pod of this.podsOwnedBy(uid)) {
        const refs = (pod.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
        const metadata = { ...pod.metadata };
        if (refs.length > 0) metadata.ownerReferences = refs;
        else delete metadata.ownerReferences;
        this.store.update('pods', { ...pod, metadata });
        const sim = this.pods.get(`${ns}/${pod.metadata.name}`);
        if (sim) sim.ownerUid = undefined;
      }
      this.podsByOwner.delete(uid);
      return this.store.remove<Job>('jobs', ns, name) ?? job;
    }
    if (policy === 'Background') {
      const removed = this.store.remove<Job>('jobs', ns, name) ?? job;
      this.scheduler.after(0, () => this.collect(uid));
      return removed;
    }
    const marked = this.store.update<Job>('jobs', {
      ...job,
      metadata: {
        ...job.metadata,
        deletionTimestamp: k8sTime(),
        deletionGracePeriodSeconds: 0,
        finalizers: [...(job.metadata.finalizers ?? []), 'foregroundDeletion'],
      },
    });
    this.scheduler.after(0, () => {
      this.collect(uid);
      const current = this.store.get<Job>('jobs', ns, name);
      if (!current || current.metadata.uid !== uid) return;
      const finalizers = (current.metadata.finalizers ?? []).filter((f) => f !== 'foregroundDeletion');
      if (finalizers.length === 0) this.store.remove('jobs', ns, name);
      else this.store.update('jobs', { ...current, metadata: { ...current.metadata, finalizers } });
    });
    return marked;
  }

  /** Garbage-collects the pods of a deleted owner. */
  private collect(uid: string): void {
    for (const pod of this.podsOwnedBy(uid))
      this.store.remove('pods', pod.metadata.namespace ?? '', pod.metadata.name ?? '');
    this.podsByOwner.delete(uid);
  }

  /**
   * The log text of a container: output written so far, or of the previous run.
   * Returns `undefined` when the pod is unknown to the simulation.
   */
  logs(
    namespace: string,
    pod: string,
    container: string,
    previous: boolean,
  ): { text: string; done: boolean } | undefined {
    const sim = this.pods.get(`${namespace}/${pod}`);
    if (!sim) return undefined;
    const run = previous ? sim.previous.get(container) : sim.runs.get(container);
    if (!run) return { text: '', done: true };
    if (sim.phase === 'Pending' && !previous) return { text: '', done: false };
    const done = previous || sim.phase === 'Succeeded' || sim.phase === 'Failed';
    const elapsedSeconds =
      done || sim.startedAtMs === undefined
        ? Number.POSITIVE_INFINITY
        : (performance.now() - sim.startedAtMs) / (1000 * Math.max(this.timing.timeScale, 1e-9));
    let text = '';
    for (const chunk of run.output) if (chunk.atSeconds <= elapsedSeconds) text += chunk.text;
    return { text, done };
  }

  /** Calls `listener` whenever the pod changes phase or goes away; returns an unsubscribe function. */
  followPod(namespace: string, pod: string, listener: () => void): () => void {
    const sim = this.pods.get(`${namespace}/${pod}`);
    if (!sim) return () => {};
    sim.followers.add(listener);
    return () => sim.followers.delete(listener);
  }
}
