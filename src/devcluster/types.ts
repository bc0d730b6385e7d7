/** Kubernetes object shapes the devcluster reads and writes; unknown fields pass through untouched. */

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string | null;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  ownerReferences?: OwnerReference[];
  [key: string]: unknown;
}

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastProbeTime?: string | null;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface Container {
  name?: string;
  image?: string;
  command?: string[];
  args?: string[];
  [key: string]: unknown;
}

export interface PodSpec {
  containers?: Container[];
  initContainers?: Container[];
  restartPolicy?: string;
  terminationGracePeriodSeconds?: number;
  nodeName?: string;
  [key: string]: unknown;
}

export interface PodTemplateSpec {
  metadata?: ObjectMeta;
  spec?: PodSpec;
}

export interface LabelSelectorRequirementObject {
  key: string;
  operator: string;
  values?: string[];
}

export interface LabelSelectorObject {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirementObject[];
}

export interface JobSpec {
  parallelism?: number | null;
  completions?: number | null;
  backoffLimit?: number;
  activeDeadlineSeconds?: number;
  ttlSecondsAfterFinished?: number;
  suspend?: boolean;
  manualSelector?: boolean;
  selector?: LabelSelectorObject;
  completionMode?: string;
  podReplacementPolicy?: string;
  template?: PodTemplateSpec;
  [key: string]: unknown;
}

export interface JobStatus {
  startTime?: string;
  completionTime?: string;
  active?: number;
  succeeded?: number;
  failed?: number;
  ready?: number;
  terminating?: number;
  conditions?: Condition[];
  uncountedTerminatedPods?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface ContainerStatus {
  name: string;
  image: string;
  imageID: string;
  containerID?: string;
  ready: boolean;
  started: boolean;
  restartCount: number;
  state: Record<string, Record<string, unknown>>;
  lastState: Record<string, Record<string, unknown>>;
}

export interface PodStatus {
  phase?: string;
  conditions?: Condition[];
  hostIP?: string;
  podIP?: string;
  startTime?: string;
  containerStatuses?: ContainerStatus[];
  qosClass?: string;
  [key: string]: unknown;
}

export interface KObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec?: unknown;
  status?: unknown;
  [key: string]: unknown;
}

export interface Job extends KObject {
  spec: JobSpec;
  status?: JobStatus;
}

export interface Pod extends KObject {
  spec: PodSpec;
  status?: PodStatus;
}

export interface Namespace extends KObject {
  spec?: { finalizers?: string[] };
  status?: { phase?: string; conditions?: Condition[] };
}

/** The resources the devcluster stores. */
export type ResourceName = 'namespaces' | 'jobs' | 'pods' | 'events';

/** Every stored resource, in a fixed order. */
export const RESOURCE_NAMES: readonly ResourceName[] = ['namespaces', 'jobs', 'pods', 'events'];

/** Identifies a resource the way Kubernetes error messages name it (`jobs.batch`). */
export interface ResourceInfo {
  resource: ResourceName;
  group: string;
  version: string;
  kind: string;
  namespaced: boolean;
}

export const RESOURCES: Record<ResourceName, ResourceInfo> = {
  namespaces: { resource: 'namespaces', group: '', version: 'v1', kind: 'Namespace', namespaced: false },
  jobs: { resource: 'jobs', group: 'batch', version: 'v1', kind: 'Job', namespaced: true },
  pods: { resource: 'pods', group: '', version: 'v1', kind: 'Pod', namespaced: true },
  events: { resource: 'events', group: '', version: 'v1', kind: 'Event', namespaced: true },
};

/**
 * A resource as a group serves it: its own group, or another group serving the same stored
 * objects (core Events are also served by events.k8s.io/v1, pkg/registry/events/rest).
 */
export function resourceInfo(resource: ResourceName, group = RESOURCES[resource].group): ResourceInfo {
  const info = RESOURCES[resource];
  return group === info.group ? info : { ...info, group };
}

export function apiVersionOf(info: ResourceInfo): string {
  return info.group ? `${info.group}/${info.version}` : info.version;
}

/** The group and resource Kubernetes error messages name (`jobs` in `batch`); `group` when served by another. */
export function groupResource(
  resource: ResourceName,
  group = RESOURCES[resource].group,
): { group: string; resource: ResourceName } {
  return { group, resource };
}

/** An object as the API serves it: with apiVersion and kind. */
export function withType(resource: ResourceName, obj: KObject): KObject {
  const info = RESOURCES[resource];
  return { apiVersion: apiVersionOf(info), kind: info.kind, ...obj };
}

let lastSecond = Number.NaN;
let lastTime = '';

/** Kubernetes serialises metav1.Time with second precision in RFC 3339. */
export function k8sTime(ms: number = Date.now()): string {
  // Hot on every write; the string only changes once a second.
  const second = Math.floor(ms / 1000);
  if (second !== lastSecond) {
    lastTime = `${new Date(ms).toISOString().slice(0, 19)}Z`;
    lastSecond = second;
  }
  return lastTime;
}
