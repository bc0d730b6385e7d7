/**
 * Legacy discovery documents (/api, /apis, /api/v1, /apis/batch/v1, /apis/events.k8s.io/v1) and /version. Clients that
 * ask for aggregated discovery get these plain documents and fall back, as they do with older servers.
 */

const JOB_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** `events` in the core group and in events.k8s.io/v1: the same objects, one storage version hash. */
const EVENTS_RESOURCE = {
  name: 'events',
  singularName: 'event',
  namespaced: true,
  kind: 'Event',
  verbs: JOB_VERBS,
  shortNames: ['ev'],
  storageVersionHash: 'r2yiGXH7wu8=',
};

/** The server version: Kubernetes 1.32 as EKS reports it. */
export function versionInfo(): Record<string, string> {
  return {
    major: '1',
    minor: '32',
    gitVersion: 'v1.32.3-eks-4096722',
    gitCommit: '4096722d7f3a41ea8e5e8b4b7a9a0d48f33bd5ba',
    gitTreeState: 'clean',
    buildDate: '2025-03-18T20:17:44Z',
    goVersion: 'go1.23.6',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

export function apiVersions(serverAddress: string): unknown {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

const BATCH_GROUP = {
  name: 'batch',
  versions: [{ groupVersion: 'batch/v1', version: 'v1' }],
  preferredVersion: { groupVersion: 'batch/v1', version: 'v1' },
};

/** The review groups: create-only resources every user may post (SelfSubject*Review). */
const REVIEW_GROUPS = {
  'authentication.k8s.io': [{ name: 'selfsubjectreviews', kind: 'SelfSubjectReview' }],
  'authorization.k8s.io': [
    { name: 'selfsubjectaccessreviews', kind: 'SelfSubjectAccessReview' },
    { name: 'selfsubjectrulesreviews', kind: 'SelfSubjectRulesReview' },
  ],
};

function v1Group(name: string) {
  const v1 = { groupVersion: `${name}/v1`, version: 'v1' };
  return { name, versions: [v1], preferredVersion: v1 };
}

const EVENTS_API_GROUP = v1Group('events.k8s.io');

export function apiGroupList(): unknown {
  // The API server lists groups by priority: events.k8s.io, then authentication and
  // authorization, then batch (kube-apiserver's apiVersionPriorities).
  const groups = [EVENTS_API_GROUP, ...Object.keys(REVIEW_GROUPS).map(v1Group), BATCH_GROUP];
  return { kind: 'APIGroupList', apiVersion: 'v1', groups };
}

/** `/apis/<group>` and `/apis/<group>/v1` of the review groups, by path. */
export function reviewGroupDocuments(): [string, () => unknown][] {
  return Object.entries(REVIEW_GROUPS).flatMap(([group, resources]): [string, () => unknown][] => [
    [`/apis/${group}`, () => ({ kind: 'APIGroup', apiVersion: 'v1', ...v1Group(group) })],
    [
      `/apis/${group}/v1`,
      () => ({
        kind: 'APIResourceList',
        apiVersion: 'v1',
        groupVersion: `${group}/v1`,
        resources: resources.map((r) => ({
          name: r.name,
          singularName: r.name.slice(0, -1),
          namespaced: false,
          kind: r.kind,
          verbs: ['create'],
        })),
      }),
    ],
  ]);
}

export function batchGroup(): unknown {
  return { kind: 'APIGroup', apiVersion: 'v1', ...BATCH_GROUP };
}

export function eventsGroup(): unknown {
  return { kind: 'APIGroup', apiVersion: 'v1', ...EVENTS_API_GROUP };
}

export function eventsV1Resources(): unknown {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: 'events.k8s.io/v1',
    resources: [EVENTS_RESOURCE],
  };
}

export function coreV1Resources(): unknown {
  return {
    kind: 'APIResourceList',
    groupVersion: 'v1',
    resources: [
      EVENTS_RESOURCE,
      {
        name: 'namespaces',
        singularName: 'namespace',
        namespaced: false,
        kind: 'Namespace',
        verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
        shortNames: ['ns'],
        storageVersionHash: 'Q3oi5N2YM8M=',
      },
      {
        name: 'namespaces/finalize',
        singularName: '',
        namespaced: false,
        kind: 'Namespace',
        verbs: ['update'],
      },
      {
        name: 'namespaces/status',
        singularName: '',
        namespaced: false,
        kind: 'Namespace',
        verbs: ['get', 'patch', 'update'],
      },
      {
        name: 'pods',
        singularName: 'pod',
        namespaced: true,
        kind: 'Pod',
        verbs: ['delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
        shortNames: ['po'],
        categories: ['all'],
        storageVersionHash: 'xPOwRZ+Yhw8=',
      },
      { name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] },
      {
        name: 'pods/status',
        singularName: '',
        namespaced: true,
        kind: 'Pod',
        verbs: ['get', 'patch', 'update'],
      },
    ],
  };
}

export function batchV1Resources(): unknown {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: 'batch/v1',
    resources: [
      {
        name: 'jobs',
        singularName: 'job',
        namespaced: true,
        kind: 'Job',
        verbs: JOB_VERBS,
        categories: ['all'],
        storageVersionHash: 'mudhfqk/qZY=',
      },
      {
        name: 'jobs/status',
        singularName: '',
        namespaced: true,
        kind: 'Job',
        verbs: ['get', 'patch', 'update'],
      },
    ],
  };
}
