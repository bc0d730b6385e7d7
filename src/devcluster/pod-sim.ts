/**
 * The simulation state of one pod: its container runs (the interpreter's outcome and output),
 * phase and restarts, how far the current run is, and the log text that reveals so far; with
 * the form a state directory keeps it in.
 */
import type { ScheduledTask } from './scheduler.js';
import type { ContainerRun } from './sh-interpreter.js';

/** The simulation state of one pod. */
export interface PodSim {
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

/** A pod's simulation as a state directory keeps it. */
export interface PodSimState {
  key: string;
  ownerUid: string | undefined;
  jobName: string;
  runs: [string, ContainerRun][];
  previous: [string, ContainerRun][];
  phase: PodSim['phase'];
  restarts: number;
  /** Simulated seconds the current run had been going (Running pods). */
  elapsedSeconds: number | undefined;
}

/** Simulated seconds until the pod's longest container exits. */
export function runSeconds(sim: PodSim): number {
  let duration = 0;
  for (const r of sim.runs.values()) duration = Math.max(duration, r.durationSeconds);
  return duration;
}

/** The persistable part of a pod's simulation; `msPerSecond` converts the run clock. */
export function podSimState(key: string, p: PodSim, msPerSecond: number): PodSimState {
  return {
    key,
    ownerUid: p.ownerUid,
    jobName: p.jobName,
    runs: [...p.runs],
    previous: [...p.previous],
    phase: p.phase,
    restarts: p.restarts,
    elapsedSeconds:
      p.startedAtMs === undefined ? undefined : (performance.now() - p.startedAtMs) / msPerSecond,
  };
}

/** A pod's simulation from its kept state, not running yet (no task, no start time). */
export function podSimFromState(st: PodSimState): PodSim {
  const slash = st.key.indexOf('/');
  return {
    namespace: st.key.slice(0, slash),
    name: st.key.slice(slash + 1),
    ownerUid: st.ownerUid,
    jobName: st.jobName,
    runs: new Map(st.runs),
    phase: st.phase,
    startedAtMs: undefined,
    previous: new Map(st.previous),
    restarts: st.restarts,
    task: undefined,
    followers: new Set(),
  };
}

/** The log text of a container: output written so far, or of the previous run. */
export function containerLog(
  sim: PodSim,
  container: string,
  previous: boolean,
  msPerSecond: number,
): { text: string; done: boolean } {
  const run = previous ? sim.previous.get(container) : sim.runs.get(container);
  if (!run) return { text: '', done: true };
  if (sim.phase === 'Pending' && !previous) return { text: '', done: false };
  const done = previous || sim.phase === 'Succeeded' || sim.phase === 'Failed';
  const elapsedSeconds =
    done || sim.startedAtMs === undefined
      ? Number.POSITIVE_INFINITY
      : (performance.now() - sim.startedAtMs) / msPerSecond;
  let text = '';
  for (const chunk of run.output) if (chunk.atSeconds <= elapsedSeconds) text += chunk.text;
  return { text, done };
}
