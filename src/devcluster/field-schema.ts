/**
 * The shape server-side apply needs of the types the devcluster serves: which lists merge by key
 * or as sets, which maps own their entries one by one, which structs are atomic. From the
 * `+listType`, `+listMapKey`, `+mapType` and `+structType` markers of k8s.io/api/core/v1/types.go,
 * k8s.io/api/batch/v1/types.go and k8s.io/apimachinery/pkg/apis/meta/v1/types.go, as the API
 * server's OpenAPI schema hands them to structured-merge-diff. A field not described is treated
 * as structured-merge-diff treats a field of unknown type ("deduced"): an object is a struct
 * whose fields merge one by one, a list is atomic, a scalar is a leaf.
 */
import type { ResourceName } from './types.js';

/** How one field merges and is owned. */
export type FieldNode =
  /** Fields merge one by one; a field holding a non-empty object is not itself owned. */
  | { kind: 'struct'; fields: Record<string, FieldNode> }
  /** A map whose every entry is owned (labels, annotations, resource lists). */
  | { kind: 'map' }
  /** Replaced and owned as a whole. */
  | { kind: 'atomic' }
  /** A list of scalars merged as a set (`v:` elements). */
  | { kind: 'set' }
  /** A list merged by key (`k:` elements); `defaults` fill a key field an item leaves out. */
  | { kind: 'keyed'; keys: string[]; item: FieldNode; defaults?: Record<string, unknown> };

const ATOMIC: FieldNode = { kind: 'atomic' };
const MAP: FieldNode = { kind: 'map' };
const SET: FieldNode = { kind: 'set' };
const STRUCT: FieldNode = { kind: 'struct', fields: {} };

function struct(fields: Record<string, FieldNode>): FieldNode {
  return { kind: 'struct', fields };
}

function keyed(keys: string[], item: FieldNode = STRUCT, defaults?: Record<string, unknown>): FieldNode {
  return defaults ? { kind: 'keyed', keys, item, defaults } : { kind: 'keyed', keys, item };
}

const OBJECT_META = struct({
  labels: MAP,
  annotations: MAP,
  finalizers: SET,
  ownerReferences: keyed(['uid']),
  managedFields: ATOMIC,
});

const CONTAINER = struct({
  env: keyed(
    ['name'],
    struct({
      valueFrom: struct({
        configMapKeyRef: ATOMIC,
        secretKeyRef: ATOMIC,
        fieldRef: ATOMIC,
        resourceFieldRef: ATOMIC,
      }),
    }),
  ),
  ports: keyed(['containerPort', 'protocol'], STRUCT, { protocol: 'TCP' }),
  volumeMounts: keyed(['mountPath']),
  volumeDevices: keyed(['devicePath']),
  resources: struct({ limits: MAP, requests: MAP, claims: keyed(['name']) }),
});

const NODE_AFFINITY = struct({ requiredDuringSchedulingIgnoredDuringExecution: ATOMIC });

const POD_SPEC = struct({
  containers: keyed(['name'], CONTAINER),
  initContainers: keyed(['name'], CONTAINER),
  ephemeralContainers: keyed(['name'], CONTAINER),
  volumes: keyed(['name']),
  imagePullSecrets: keyed(['name'], ATOMIC),
  hostAliases: keyed(['ip']),
  topologySpreadConstraints: keyed(['topologyKey', 'whenUnsatisfiable']),
  schedulingGates: keyed(['name']),
  resourceClaims: keyed(['name']),
  nodeSelector: MAP,
  overhead: MAP,
  affinity: struct({ nodeAffinity: NODE_AFFINITY }),
});

const JOB = struct({
  metadata: OBJECT_META,
  spec: struct({
    // metav1.LabelSelector is `+structType=atomic`.
    selector: ATOMIC,
    template: struct({ metadata: OBJECT_META, spec: POD_SPEC }),
  }),
  status: struct({ conditions: keyed(['type']) }),
});

const NAMESPACE = struct({
  metadata: OBJECT_META,
  status: struct({ conditions: keyed(['type']) }),
});

const POD = struct({
  metadata: OBJECT_META,
  spec: POD_SPEC,
  status: struct({ conditions: keyed(['type']) }),
});

/** The schema of a resource's objects. */
export function schemaOf(resource: ResourceName): FieldNode {
  if (resource === 'jobs') return JOB;
  if (resource === 'namespaces') return NAMESPACE;
  return POD;
}

/** The node of a struct or map field, deduced from its value when the schema does not describe it. */
export function fieldNode(parent: FieldNode, name: string, value: unknown): FieldNode {
  const known = parent.kind === 'struct' ? parent.fields[name] : undefined;
  return known ?? (Array.isArray(value) ? ATOMIC : STRUCT);
}
