/**
 * Simulates the scheduler and the kubelet for Job pods: Pending → Running → Succeeded/Failed,
 * restarts in place under restartPolicy OnFailure (CrashLoopBackOff), and the container output
 * the interpreter decided, revealed over the run as the pod log.
 */
import { generateName } from './names.js';
import {
  containerLog,
  type PodSim,
  type PodSimState,
  podSimFromState,
  podSimState,
  runSeconds,
} from './pod-sim.js';
import {
  crashLoopStatus,
  finishedStatus,
  type PodOwner,
  podFromTemplate,
  runningStatus,
  terminatedState,
} from './pod-status.js';
import type { Scheduler } from './scheduler.js';
import { type ContainerRun, simulateContainer } from './sh-interpreter.js';
import type { Status } from './status.js';
import type { Store } from './store.js';
import { type Container, type Job, k8sTime, type Pod } from './types.js';

/** Simulated durations, in seconds before scaling. */
export interface SimulationTiming {
  /** Multiplies every simulated duration and every duration taken from a spec. */
  timeScale: number;
  /** Pending → Running. */
  podStartSeconds: number;
  /** Run time of a container whose command the interpreter does not know. */
  defaultRunSeconds: number;
}

/** What the kubelet tells the Job controller about the pods of a Job (`jobKey` is `namespace/name`). */
export interface KubeletEvents {
  /** A pod started, or crashed and waits to restart: the Job's counts may have changed. */
  podChanged(jobKey: string): void;
  /** A pod reached Succeeded or Failed. */
  podFinished(jobKey: string, podKey: string, phase: 'Succeeded' | 'Failed'): void;
}

function runsOf(containers: Container[], defaultRunSeconds: number): Map<string, ContainerRun> {
  const runs = new Map<string, ContainerRun>();
  for (const c of containers) runs.set(c.name ?? '', simulateContainer(c.command, c.args, defaultRunSeconds));
  return runs;
}

/** The kubelet's back-off before restarting a crashed container: 10s, 20s, 40s ... capped at 5 minutes. */
function crashBackoffSeconds(restarts: number): number {
  return Math.min(10 * 2 ** (restarts - 1), 300);
}

/** The simulated kubelet of the devcluster's one node. */
export class Kubelet {
  private readonly pods = new Map<string, PodSim>();

  constructor(
    private readonly store: Store,
    private readonly scheduler: Scheduler,
    private readonly timing: SimulationTiming,
    private readonly events: KubeletEvents,
  ) {}

  private ms(seconds: number): number {
    return seconds * 1000 * this.timing.timeScale;
  }

  /** The simulation of pod `namespace/name`, if it runs here. */
  get(key: string): PodSim | undefined {
    return this.pods.get(key);
  }

  /**
   * Creates a Pending pod of `job` (owned by `owner`) and schedules its start; returns its key.
   * `admit` is the API server's admission of the pod create: the Status it answers instead
   * refuses the pod, which is then neither stored nor run.
   */
  createPod(job: Job, owner: PodOwner, admit: (pod: Pod) => Status | undefined): string | Status {
    let name = generateName(`${owner.name}-`);
    while (this.store.get('pods', owner.namespace, name)) name = generateName(`${owner.name}-`);
    const pod = podFromTemplate(job, owner, name, k8sTime());
    const refused = admit(pod);
    if (refused) return refused;
    const created = this.store.create('pods', pod);
    const key = `${owner.namespace}/${name}`;
    const p: PodSim = {
      namespace: owner.namespace,
      name,
      ownerUid: owner.uid,
      jobName: owner.name,
      runs: runsOf(job.spec.template?.spec?.containers ?? [], this.timing.defaultRunSeconds),
      phase: 'Pending',
      startedAtMs: undefined,
      previous: new Map(),
      restarts: 0,
      task: undefined,
      followers: new Set(),
    };
    this.pods.set(key, p);
    p.task = this.scheduler.after(this.ms(this.timing.podStartSeconds), () =>
      this.startPod(key, created.spec.restartPolicy === 'OnFailure'),
    );
    return key;
  }

  /** Stops a pod's simulation where it is and marks it Failed (the controller deletes it next). */
  halt(p: PodSim): void {
    p.task?.cancel();
    p.phase = 'Failed';
  }

  /** Forgets a pod that was deleted: its timers stop and log followers are told; returns its last state. */
  forget(key: string): PodSim | undefined {
    const pod = this.pods.get(key);
    if (!pod) return undefined;
    pod.task?.cancel();
    this.pods.delete(key);
    for (const f of pod.followers) f();
    return pod;
  }

  /** The pod no longer belongs to a Job (orphaned by the garbage collector). */
  orphan(key: string): void {
    const sim = this.pods.get(key);
    if (sim) sim.ownerUid = undefined;
  }

  /** Every pod's simulation, for persisting. */
  snapshot(): PodSimState[] {
    return [...this.pods].map(([key, p]) => podSimState(key, p, this.msPerSecond()));
  }

  /**
   * Takes over the pods of a restarted cluster. The node is taken to have kept running while the
   * API server was away: a Running pod's run has advanced by `downtimeMs` and ends when its
   * remaining time is up (at once if that has passed). A Pending pod starts after the full start
   * delay (or crash back-off) from now. Finished pods keep their logs.
   */
  restore(states: PodSimState[], downtimeMs: number): void {
    for (const st of states) {
      const sim = podSimFromState(st);
      const pod = this.store.get<Pod>('pods', sim.namespace, sim.name);
      if (!pod) continue;
      this.pods.set(st.key, sim);
      const restartOnFailure = pod.spec.restartPolicy === 'OnFailure';
      if (sim.phase === 'Running') {
        const elapsed = (st.elapsedSeconds ?? 0) + downtimeMs / this.msPerSecond();
        sim.startedAtMs = performance.now() - elapsed * this.msPerSecond();
        sim.task = this.scheduler.after(this.ms(Math.max(0, runSeconds(sim) - elapsed)), () =>
          this.endPod(st.key, restartOnFailure),
        );
      } else if (sim.phase === 'Pending') {
        const delay = sim.restarts > 0 ? crashBackoffSeconds(sim.restarts) : this.timing.podStartSeconds;
        sim.task = this.scheduler.after(this.ms(delay), () => this.startPod(st.key, restartOnFailure));
      }
    }
  }

  /** Real milliseconds per simulated second, as the log clock counts them. */
  private msPerSecond(): number {
    return 1000 * Math.max(this.timing.timeScale, 1e-9);
  }

  private startPod(key: string, restartOnFailure: boolean): void {
    const sim = this.pods.get(key);
    const pod = this.store.get<Pod>('pods', sim?.namespace ?? '', sim?.name ?? '');
    if (!sim || !pod) return;
    sim.phase = 'Running';
    sim.startedAtMs = performance.now();
    this.store.update('pods', { ...pod, status: runningStatus(pod, sim.restarts, k8sTime()) });
    for (const f of sim.followers) f();
    sim.task = this.scheduler.after(this.ms(runSeconds(sim)), () => this.endPod(key, restartOnFailure));
    if (sim.ownerUid) this.events.podChanged(`${sim.namespace}/${sim.jobName}`);
  }

  private endPod(key: string, restartOnFailure: boolean): void {
    const sim = this.pods.get(key);
    const pod = this.store.get<Pod>('pods', sim?.namespace ?? '', sim?.name ?? '');
    if (!sim || !pod) return;
    let exitCode = 0;
    for (const r of sim.runs.values()) if (r.exitCode !== 0 && exitCode === 0) exitCode = r.exitCode;
    const now = k8sTime();
    const startedAt = pod.status?.containerStatuses?.[0]?.state.running?.startedAt ?? now;
    const terminated = (name: string) => terminatedState(sim.runs, name, sim.restarts, startedAt, now);
    const jobKey = sim.ownerUid ? `${sim.namespace}/${sim.jobName}` : undefined;
    if (exitCode !== 0 && restartOnFailure) {
      // restartPolicy OnFailure: the kubelet restarts the container in the same pod.
      sim.restarts++;
      for (const [name, run] of sim.runs) sim.previous.set(name, run);
      const lastStates = new Map(
        (pod.spec.containers ?? []).map((c) => [c.name ?? '', terminated(c.name ?? '')]),
      );
      this.store.update('pods', { ...pod, status: crashLoopStatus(pod, sim.restarts, lastStates) });
      sim.phase = 'Pending';
      sim.runs = runsOf(pod.spec.containers ?? [], this.timing.defaultRunSeconds);
      const delay = crashBackoffSeconds(sim.restarts);
      sim.task = this.scheduler.after(this.ms(delay), () => this.startPod(key, true));
      if (jobKey) this.events.podChanged(jobKey);
      return;
    }
    sim.phase = exitCode === 0 ? 'Succeeded' : 'Failed';
    this.store.update('pods', {
      ...pod,
      status: finishedStatus(pod, sim.phase, sim.restarts, terminated, now),
    });
    for (const f of sim.followers) f();
    if (jobKey) this.events.podFinished(jobKey, key, sim.phase);
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
    return sim ? containerLog(sim, container, previous, this.msPerSecond()) : undefined;
  }

  /** Calls `listener` whenever the pod changes phase or goes away; returns an unsubscribe function. */
  followPod(namespace: string, pod: string, listener: () => void): () => void {
    const sim = this.pods.get(`${namespace}/${pod}`);
    if (!sim) return () => {};
    sim.followers.add(listener);
    return () => sim.followers.delete(listener);
  }
}
