/**
 * The subset of a Kubernetes `core/v1` Pod that Pod Security Admission reads,
 * decoded from untyped JSON the way the Go API machinery would decode it into
 * `corev1.PodSpec` / `metav1.ObjectMeta`:
 *
 * - keys are case-sensitive (`sigs.k8s.io/json`); unknown keys are ignored;
 * - `null` (or an absent key) gives the Go zero value: a nil pointer, a nil
 *   slice, `false`, `""` — so `hostPath: null` is *not* a hostPath volume;
 * - `{}` for a struct pointer gives a non-nil struct with zero fields — so
 *   `seccompProfile: {}` is a profile of type `""`;
 * - a `null` array element is a zero struct (`[null]` is one container named `""`);
 * - a value of the wrong JSON type for a field PSA reads (a string where a
 *   boolean is expected, a float or out-of-range number for an integer, an
 *   object where an array is expected, …) makes Go's decoder fail. Upstream
 *   admission then denies the pod with "failed to decode object"; here that is
 *   a {@link PodDecodeError}, which `evaluatePodSecurity` reports as a single
 *   `decode` violation (fail closed). Fields PSA never reads are not type-checked.
 */

/** `corev1.SELinuxOptions`. */
export interface SELinuxOptions {
  user: string;
  role: string;
  type: string;
}

/** The fields of `corev1.SecurityContext` / `corev1.PodSecurityContext` PSA reads; `undefined` is Go's nil. */
export interface SecurityContext {
  privileged?: boolean;
  allowPrivilegeEscalation?: boolean;
  runAsNonRoot?: boolean;
  runAsUser?: number;
  procMount?: string;
  capabilities?: { add: string[]; drop: string[] };
  seLinuxOptions?: SELinuxOptions;
  seccompProfile?: { type: string };
  appArmorProfile?: { type: string };
  windowsOptions?: { hostProcess?: boolean };
}

/** The pod-level security context: the shared fields plus sysctls. */
export interface PodSecurityContext extends SecurityContext {
  sysctls: { name: string }[];
}

/** A container, init container or ephemeral container. */
export interface Container {
  name: string;
  securityContext?: SecurityContext;
  ports: { hostPort: number }[];
}

/** A volume: its name and the JSON keys of the volume sources that are set (non-null). */
export interface Volume {
  name: string;
  sources: ReadonlySet<string>;
}

/** The decoded pod spec. */
export interface PodSpec {
  initContainers: Container[];
  containers: Container[];
  ephemeralContainers: Container[];
  volumes: Volume[];
  hostNetwork: boolean;
  hostPID: boolean;
  hostIPC: boolean;
  hostUsers?: boolean;
  os?: { name: string };
  securityContext?: PodSecurityContext;
}

/** The decoded pod metadata. */
export interface PodMetadata {
  annotations: ReadonlyMap<string, string>;
  labels: ReadonlyMap<string, string>;
}

/** Raised when the input could not be decoded into the Go types (see the module comment). */
export class PodDecodeError extends Error {
  constructor(
    readonly path: string,
    readonly expected: string,
    readonly got: string,
  ) {
    super(`${path}: expected ${expected}, got ${got}`);
    this.name = 'PodDecodeError';
  }
}

type JsonObject = Record<string, unknown>;

/** Every volume source of `corev1.VolumeSource` in Kubernetes 1.32, by JSON key. */
export const VOLUME_SOURCE_KEYS = [
  'hostPath',
  'emptyDir',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'secret',
  'nfs',
  'iscsi',
  'glusterfs',
  'persistentVolumeClaim',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'downwardAPI',
  'fc',
  'azureFile',
  'configMap',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'projected',
  'portworxVolume',
  'scaleIO',
  'storageos',
  'csi',
  'ephemeral',
  'image',
] as const;

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Own property only, so that `__proto__`, `constructor` etc. are never inherited values. */
function own(obj: JsonObject, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

function absent(v: unknown): v is null | undefined {
  return v === undefined || v === null;
}

function objectAt(v: unknown, path: string): JsonObject | undefined {
  if (absent(v)) return undefined;
  if (!isObject(v)) throw new PodDecodeError(path, 'object', typeName(v));
  return v;
}

function boolAt(v: unknown, path: string): boolean | undefined {
  if (absent(v)) return undefined;
  if (typeof v !== 'boolean') throw new PodDecodeError(path, 'boolean', typeName(v));
  return v;
}

function stringAt(v: unknown, path: string): string | undefined {
  if (absent(v)) return undefined;
  if (typeof v !== 'string') throw new PodDecodeError(path, 'string', typeName(v));
  return v;
}

function intAt(v: unknown, path: string, bits: 32 | 64): number | undefined {
  if (absent(v)) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    throw new PodDecodeError(path, `int${bits}`, typeof v === 'number' ? String(v) : typeName(v));
  }
  const limit = 2 ** (bits - 1);
  if (v < -limit || v >= limit) throw new PodDecodeError(path, `int${bits}`, String(v));
  return v;
}

function arrayAt<T>(v: unknown, path: string, item: (el: unknown, path: string) => T): T[] {
  if (absent(v)) return [];
  if (!Array.isArray(v)) throw new PodDecodeError(path, 'array', typeName(v));
  const out: T[] = [];
  for (let i = 0; i < v.length; i++) out.push(item(v[i], `${path}[${i}]`));
  return out;
}

/** A struct element of an array: `null` is the zero struct. */
function elementAt(v: unknown, path: string): JsonObject {
  return objectAt(v, path) ?? {};
}

function decodeStringMap(v: unknown, path: string): Map<string, string> {
  const out = new Map<string, string>();
  const obj = objectAt(v, path);
  if (obj === undefined) return out;
  for (const key of Object.keys(obj)) {
    // A null map value decodes to "" in Go.
    out.set(key, stringAt(obj[key], `${path}[${JSON.stringify(key)}]`) ?? '');
  }
  return out;
}

/**
 * Decodes a security context. Container-only fields (`privileged`,
 * `allowPrivilegeEscalation`, `procMount`, `capabilities`) are not part of
 * `corev1.PodSecurityContext`: at pod level Go ignores them as unknown keys.
 */
function decodeSecurityContext(v: JsonObject, path: string, isContainer: boolean): SecurityContext {
  const sc: SecurityContext = {};
  if (isContainer) decodeContainerOnlyFields(v, path, sc);
  const runAsNonRoot = boolAt(own(v, 'runAsNonRoot'), `${path}.runAsNonRoot`);
  if (runAsNonRoot !== undefined) sc.runAsNonRoot = runAsNonRoot;
  const runAsUser = intAt(own(v, 'runAsUser'), `${path}.runAsUser`, 64);
  if (runAsUser !== undefined) sc.runAsUser = runAsUser;
  const se = objectAt(own(v, 'seLinuxOptions'), `${path}.seLinuxOptions`);
  if (se !== undefined) {
    stringAt(own(se, 'level'), `${path}.seLinuxOptions.level`);
    sc.seLinuxOptions = {
      user: stringAt(own(se, 'user'), `${path}.seLinuxOptions.user`) ?? '',
      role: stringAt(own(se, 'role'), `${path}.seLinuxOptions.role`) ?? '',
      type: stringAt(own(se, 'type'), `${path}.seLinuxOptions.type`) ?? '',
    };
  }
  const seccomp = objectAt(own(v, 'seccompProfile'), `${path}.seccompProfile`);
  if (seccomp !== undefined) {
    stringAt(own(seccomp, 'localhostProfile'), `${path}.seccompProfile.localhostProfile`);
    sc.seccompProfile = { type: stringAt(own(seccomp, 'type'), `${path}.seccompProfile.type`) ?? '' };
  }
  const apparmor = objectAt(own(v, 'appArmorProfile'), `${path}.appArmorProfile`);
  if (apparmor !== undefined) {
    stringAt(own(apparmor, 'localhostProfile'), `${path}.appArmorProfile.localhostProfile`);
    sc.appArmorProfile = { type: stringAt(own(apparmor, 'type'), `${path}.appArmorProfile.type`) ?? '' };
  }
  const win = objectAt(own(v, 'windowsOptions'), `${path}.windowsOptions`);
  if (win !== undefined) {
    const hostProcess = boolAt(own(win, 'hostProcess'), `${path}.windowsOptions.hostProcess`);
    sc.windowsOptions = hostProcess === undefined ? {} : { hostProcess };
  }
  return sc;
}

function decodeContainerOnlyFields(v: JsonObject, path: string, sc: SecurityContext): void {
  const privileged = boolAt(own(v, 'privileged'), `${path}.privileged`);
  if (privileged !== undefined) sc.privileged = privileged;
  const ape = boolAt(own(v, 'allowPrivilegeEscalation'), `${path}.allowPrivilegeEscalation`);
  if (ape !== undefined) sc.allowPrivilegeEscalation = ape;
  const procMount = stringAt(own(v, 'procMount'), `${path}.procMount`);
  if (procMount !== undefined) sc.procMount = procMount;
  const caps = objectAt(own(v, 'capabilities'), `${path}.capabilities`);
  if (caps !== undefined) {
    const cap = (el: unknown, p: string) => stringAt(el, p) ?? '';
    sc.capabilities = {
      add: arrayAt(own(caps, 'add'), `${path}.capabilities.add`, cap),
      drop: arrayAt(own(caps, 'drop'), `${path}.capabilities.drop`, cap),
    };
  }
}

function decodeContainer(v: unknown, path: string): Container {
  const obj = elementAt(v, path);
  const scObj = objectAt(own(obj, 'securityContext'), `${path}.securityContext`);
  const container: Container = {
    name: stringAt(own(obj, 'name'), `${path}.name`) ?? '',
    ports: arrayAt(own(obj, 'ports'), `${path}.ports`, (el, p) => ({
      hostPort: intAt(own(elementAt(el, p), 'hostPort'), `${p}.hostPort`, 32) ?? 0,
    })),
  };
  if (scObj !== undefined)
    container.securityContext = decodeSecurityContext(scObj, `${path}.securityContext`, true);
  return container;
}

function decodeVolume(v: unknown, path: string): Volume {
  const obj = elementAt(v, path);
  const sources = new Set<string>();
  for (const key of VOLUME_SOURCE_KEYS) {
    if (objectAt(own(obj, key), `${path}.${key}`) !== undefined) sources.add(key);
  }
  return { name: stringAt(own(obj, 'name'), `${path}.name`) ?? '', sources };
}

/**
 * Decodes a pod spec. `undefined`/`null` is the zero `PodSpec` (no containers).
 * @throws PodDecodeError when a field PSA reads has the wrong JSON type.
 */
export function decodePodSpec(input: unknown): PodSpec {
  const obj = objectAt(input, 'spec') ?? {};
  const spec: PodSpec = {
    initContainers: arrayAt(own(obj, 'initContainers'), 'spec.initContainers', decodeContainer),
    containers: arrayAt(own(obj, 'containers'), 'spec.containers', decodeContainer),
    ephemeralContainers: arrayAt(
      own(obj, 'ephemeralContainers'),
      'spec.ephemeralContainers',
      decodeContainer,
    ),
    volumes: arrayAt(own(obj, 'volumes'), 'spec.volumes', decodeVolume),
    hostNetwork: boolAt(own(obj, 'hostNetwork'), 'spec.hostNetwork') ?? false,
    hostPID: boolAt(own(obj, 'hostPID'), 'spec.hostPID') ?? false,
    hostIPC: boolAt(own(obj, 'hostIPC'), 'spec.hostIPC') ?? false,
  };
  const hostUsers = boolAt(own(obj, 'hostUsers'), 'spec.hostUsers');
  if (hostUsers !== undefined) spec.hostUsers = hostUsers;
  const os = objectAt(own(obj, 'os'), 'spec.os');
  if (os !== undefined) spec.os = { name: stringAt(own(os, 'name'), 'spec.os.name') ?? '' };
  const psc = objectAt(own(obj, 'securityContext'), 'spec.securityContext');
  if (psc !== undefined) {
    spec.securityContext = {
      ...decodeSecurityContext(psc, 'spec.securityContext', false),
      sysctls: arrayAt(own(psc, 'sysctls'), 'spec.securityContext.sysctls', (el, p) => {
        const s = elementAt(el, p);
        stringAt(own(s, 'value'), `${p}.value`);
        return { name: stringAt(own(s, 'name'), `${p}.name`) ?? '' };
      }),
    };
  }
  return spec;
}

/**
 * Decodes pod metadata (only annotations and labels matter to PSA).
 * @throws PodDecodeError when annotations or labels are not maps of strings.
 */
export function decodePodMetadata(input: unknown): PodMetadata {
  const obj = objectAt(input, 'metadata') ?? {};
  return {
    annotations: decodeStringMap(own(obj, 'annotations'), 'metadata.annotations'),
    labels: decodeStringMap(own(obj, 'labels'), 'metadata.labels'),
  };
}
