/**
 * The pod objects and statuses the simulated kubelet writes: a Job's pod from its template, and
 * the status of each phase (Pending, Running, waiting in CrashLoopBackOff, Succeeded/Failed).
 */
import type { ContainerRun } from './sh-interpreter.js';
import type { Condition, ContainerStatus, Job, Pod, PodStatus } from './types.js';

const NODE_NAME = 'devcluster-node-1';
const HOST_IP = '10.0.0.10';

type State = Record<string, Record<string, unknown>>;

/** A container status in `state`; image and container IDs are set once it has left `waiting`. */
export function containerStatus(
  name: string,
  image: string,
  state: State,
  restartCount: number,
  lastState: State = {},
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

/** The Job that owns a pod, as its controller owner reference names it. */
export interface PodOwner {
  namespace: string;
  name: string;
  uid: string;
}

/** A new Pending pod `name` of the Job `owner`, from the Job's pod template, scheduled at `now`. */
export function podFromTemplate(job: Job, owner: PodOwner, name: string, now: string): Pod {
  const template = job.spec.template ?? {};
  const tspec = template.spec ?? {};
  const containers = tspec.containers ?? [];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      generateName: `${owner.name}-`,
      namespace: owner.namespace,
      labels: { ...(template.metadata?.labels ?? {}) },
      ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
      ownerReferences: [
        {
          apiVersion: 'batch/v1',
          kind: 'Job',
          name: owner.name,
          uid: owner.uid,
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
        containerStatus(c.name ?? '', c.image ?? '', { waiting: { reason: 'ContainerCreating' } }, 0),
      ),
    },
  };
}

function lastStateOf(pod: Pod, container: string | undefined): State {
  return pod.status?.containerStatuses?.find((s) => s.name === container)?.lastState ?? {};
}

/** The status of a pod whose containers (re)started at `now`, after `restarts` restarts. */
export function runningStatus(pod: Pod, restarts: number, now: string): PodStatus {
  const name = pod.metadata.name ?? '';
  return {
    ...pod.status,
    phase: 'Running',
    podIP: `10.1.${(name.charCodeAt(name.length - 1) % 250) + 1}.${(name.charCodeAt(name.length - 2) % 250) + 1}`,
    conditions: [
      { type: 'PodReadyToStartContainers', status: 'True', lastProbeTime: null, lastTransitionTime: now },
      { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: now },
      { type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: now },
      { type: 'ContainersReady', status: 'True', lastProbeTime: null, lastTransitionTime: now },
      ...(pod.status?.conditions?.filter((c) => c.type === 'PodScheduled') ?? []),
    ],
    containerStatuses: (pod.spec.containers ?? []).map((c) =>
      containerStatus(
        c.name ?? '',
        c.image ?? '',
        { running: { startedAt: now } },
        restarts,
        lastStateOf(pod, c.name),
      ),
    ),
  };
}

/** The `terminated` state of container `name` of a run that started at `startedAt` and ended at `now`. */
export function terminatedState(
  runs: Map<string, ContainerRun>,
  name: string,
  restarts: number,
  startedAt: unknown,
  now: string,
): State {
  const code = runs.get(name)?.exitCode ?? 0;
  return {
    terminated: {
      exitCode: code,
      reason: code === 0 ? 'Completed' : 'Error',
      startedAt,
      finishedAt: now,
      containerID: `containerd://${name}-${restarts}`,
    },
  };
}

/** The status of a pod whose containers crashed and wait to restart (restartPolicy OnFailure). */
export function crashLoopStatus(pod: Pod, restarts: number, lastStates: Map<string, State>): PodStatus {
  return {
    ...pod.status,
    containerStatuses: (pod.spec.containers ?? []).map((c) =>
      containerStatus(
        c.name ?? '',
        c.image ?? '',
        {
          waiting: {
            reason: 'CrashLoopBackOff',
            message: `back-off restarting failed container ${c.name}`,
          },
        },
        restarts,
        lastStates.get(c.name ?? ''),
      ),
    ),
  };
}

/** The status of a pod that ended in `phase` at `now`; `terminated` gives each container's final state. */
export function finishedStatus(
  pod: Pod,
  phase: 'Succeeded' | 'Failed',
  restarts: number,
  terminated: (container: string) => State,
  now: string,
): PodStatus {
  const readyFalse = (type: string): Condition => ({
    type,
    status: 'False' as const,
    lastProbeTime: null,
    lastTransitionTime: now,
    reason: 'PodCompleted',
  });
  return {
    ...pod.status,
    phase,
    conditions: (pod.status?.conditions ?? []).map((c) =>
      c.type === 'Ready' || c.type === 'ContainersReady' || c.type === 'PodReadyToStartContainers'
        ? readyFalse(c.type)
        : c,
    ),
    containerStatuses: (pod.spec.containers ?? []).map((c) => ({
      ...containerStatus(
        c.name ?? '',
        c.image ?? '',
        terminated(c.name ?? ''),
        restarts,
        lastStateOf(pod, c.name),
      ),
      ready: false,
      started: false,
    })),
  };
}
