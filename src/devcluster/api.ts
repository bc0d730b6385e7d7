/**
 * Kubernetes API semantics for namespaces, jobs and pods: create with defaulting, validation and
 * NamespaceLifecycle admission, get, list, update, patch, delete with propagation policies.
 */
import { randomUUID } from 'node:crypto';
import { defaultJob, defaultNamespace } from './defaults.js';
import type { JobController, PropagationPolicy } from './job-controller.js';
import {
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
  type Requirement,
  SelectorParseError,
} from './label-selector.js';
import { generateName } from './names.js';
import type { NamespaceController } from './namespace-controller.js';
import { jsonPatch, mergePatch, PatchError, strategicMergePatch } from './patch.js';
import * as S from './status.js';
import type { Store } from './store.js';
import {
  apiVersionOf,
  type Job,
  type KObject,
  k8sTime,
  type Namespace,
  type Pod,
  RESOURCES,
  type ResourceName,
} from './types.js';
import { jobNameLabelErrors, validateJob, validateNamespace } from './validation.js';

/** A parsed Kubernetes API path. */
export interface Route {
  resource: ResourceName;
  namespace: string | undefined;
  name: string | undefined;
  subresource: string | undefined;
  /** The deprecated `/watch/` path prefix was used. */
  watchPrefix: boolean;
}

export interface ApiResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const PROTECTED_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);

/** Warning the API server adds when a batch/v1 Job is deleted without a propagation policy (pkg/registry/batch/job/storage/storage.go). */
export const JOB_ORPHAN_WARNING =
  '299 - "child pods are preserved by default when jobs are deleted; set propagationPolicy=Background to remove them or set propagationPolicy=Orphan to suppress this warning"';

const FIELD_SELECTORS: Record<ResourceName, string[]> = {
  namespaces: ['metadata.name', 'status.phase'],
  jobs: ['metadata.name', 'metadata.namespace', 'status.successful'],
  pods: [
    'metadata.name',
    'metadata.namespace',
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'status.phase',
    'status.podIP',
    'status.nominatedNodeName',
  ],
};

function fieldValue(obj: KObject, field: string): string {
  switch (field) {
    case 'metadata.name':
      return obj.metadata.name ?? '';
    case 'metadata.namespace':
      return obj.metadata.namespace ?? '';
    case 'status.successful':
      return String((obj as Job).status?.succeeded ?? 0);
    default: {
      let cur: unknown = obj;
      for (const part of field.split('.'))
        cur = typeof cur === 'object' && cur !== null ? (cur as Record<string, unknown>)[part] : undefined;
      return cur === undefined || cur === null ? '' : String(cur);
    }
  }
}

function gr(resource: ResourceName): S.GroupResource {
  return { group: RESOURCES[resource].group, resource };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A compiled list/watch filter. */
export interface Filter {
  labels: Requirement[];
  fields: ReturnType<typeof parseFieldSelector>;
}

export function parseFilter(resource: ResourceName, query: URLSearchParams): Filter {
  try {
    return {
      labels: parseLabelSelector(query.get('labelSelector') ?? ''),
      fields: parseFieldSelector(query.get('fieldSelector') ?? '', FIELD_SELECTORS[resource]),
    };
  } catch (err) {
    if (err instanceof SelectorParseError) throw new S.StatusError(S.badRequest(err.message));
    throw err;
  }
}

export function matchesFilter(filter: Filter, obj: KObject): boolean {
  return (
    matchesLabels(filter.labels, obj.metadata.labels) &&
    matchesFields(filter.fields, (f) => fieldValue(obj, f))
  );
}

/** An object as the API serves it: with apiVersion and kind. */
export function withType(resource: ResourceName, obj: KObject): KObject {
  const info = RESOURCES[resource];
  return { apiVersion: apiVersionOf(info), kind: info.kind, ...obj };
}

interface ContinueToken {
  v: string;
  rv: number;
  start: string;
}

function sortKey(obj: KObject): string {
  return `${obj.metadata.namespace ?? ''}\u0000${obj.metadata.name ?? ''}`;
}

const KNOWN_FIELDS: Record<string, string[]> = {
  '': ['apiVersion', 'kind', 'metadata', 'spec', 'status'],
  metadata: [
    'name',
    'generateName',
    'namespace',
    'uid',
    'resourceVersion',
    'generation',
    'creationTimestamp',
    'deletionTimestamp',
    'deletionGracePeriodSeconds',
    'labels',
    'annotations',
    'finalizers',
    'ownerReferences',
    'managedFields',
    'selfLink',
  ],
  'job.spec': [
    'parallelism',
    'completions',
    'activeDeadlineSeconds',
    'podFailurePolicy',
    'successPolicy',
    'backoffLimit',
    'backoffLimitPerIndex',
    'maxFailedIndexes',
    'selector',
    'manualSelector',
    'template',
    'ttlSecondsAfterFinished',
    'completionMode',
    'suspend',
    'podReplacementPolicy',
    'managedBy',
  ],
  'job.spec.template': ['metadata', 'spec'],
  'namespace.spec': ['finalizers'],
  // core/v1 PodSpec, Container and the lists eks-jobs manifests use (k8s.io/api/core/v1/types.go, 1.32).
  'pod.spec': [
    'activeDeadlineSeconds',
    'affinity',
    'automountServiceAccountToken',
    'containers',
    'dnsConfig',
    'dnsPolicy',
    'enableServiceLinks',
    'ephemeralContainers',
    'hostAliases',
    'hostIPC',
    'hostNetwork',
    'hostPID',
    'hostUsers',
    'hostname',
    'imagePullSecrets',
    'initContainers',
    'nodeName',
    'nodeSelector',
    'os',
    'overhead',
    'preemptionPolicy',
    'priority',
    'priorityClassName',
    'readinessGates',
    'resourceClaims',
    'resources',
    'restartPolicy',
    'runtimeClassName',
    'schedulerName',
    'schedulingGates',
    'securityContext',
    'serviceAccount',
    'serviceAccountName',
    'setHostnameAsFQDN',
    'shareProcessNamespace',
    'subdomain',
    'terminationGracePeriodSeconds',
    'tolerations',
    'topologySpreadConstraints',
    'volumes',
  ],
  container: [
    'args',
    'command',
    'env',
    'envFrom',
    'image',
    'imagePullPolicy',
    'lifecycle',
    'livenessProbe',
    'name',
    'ports',
    'readinessProbe',
    'resizePolicy',
    'resources',
    'restartPolicy',
    'securityContext',
    'startupProbe',
    'stdin',
    'stdinOnce',
    'terminationMessagePath',
    'terminationMessagePolicy',
    'tty',
    'volumeDevices',
    'volumeMounts',
    'workingDir',
  ],
  'container.env': ['name', 'value', 'valueFrom'],
  'container.ports': ['containerPort', 'hostIP', 'hostPort', 'name', 'protocol'],
  'container.resources': ['claims', 'limits', 'requests'],
};

/** Unknown fields in the parts of the schema the devcluster knows, for `fieldValidation`. */
function unknownFields(resource: ResourceName, obj: Record<string, unknown>): string[] {
  const out: string[] = [];
  const check = (value: unknown, known: string[] | undefined, path: string) => {
    if (!known || !isObject(value)) return;
    for (const k of Object.keys(value)) if (!known.includes(k)) out.push(path ? `${path}.${k}` : k);
  };
  check(obj, KNOWN_FIELDS[''], '');
  check(obj.metadata, KNOWN_FIELDS.metadata, 'metadata');
  if (resource === 'jobs' && isObject(obj.spec)) {
    check(obj.spec, KNOWN_FIELDS['job.spec'], 'spec');
    check(obj.spec.template, KNOWN_FIELDS['job.spec.template'], 'spec.template');
    if (isObject(obj.spec.template)) {
      check(obj.spec.template.metadata, KNOWN_FIELDS.metadata, 'spec.template.metadata');
      const pod = obj.spec.template.spec;
      check(pod, KNOWN_FIELDS['pod.spec'], 'spec.template.spec');
      if (isObject(pod)) {
        for (const list of ['containers', 'initContainers'] as const) {
          const items = pod[list];
          if (!Array.isArray(items)) continue;
          for (const [i, c] of items.entries()) {
            const at = `spec.template.spec.${list}[${i}]`;
            check(c, KNOWN_FIELDS.container, at);
            if (!isObject(c)) continue;
            check(c.resources, KNOWN_FIELDS['container.resources'], `${at}.resources`);
            for (const sub of ['env', 'ports'] as const) {
              const entries = c[sub];
              if (!Array.isArray(entries)) continue;
              for (const [j, e] of entries.entries())
                check(e, KNOWN_FIELDS[`container.${sub}`], `${at}.${sub}[${j}]`);
            }
          }
        }
      }
    }
  }
  if (resource === 'namespaces') check(obj.spec, KNOWN_FIELDS['namespace.spec'], 'spec');
  return out;
}

/** Metadata the server sets itself; dropped from a create request body. */
const SERVER_SET_METADATA = [
  'uid',
  'resourceVersion',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'generation',
  'managedFields',
  'selfLink',
] as const;

export class KubeApi {
  constructor(
    private readonly store: Store,
    private readonly jobs: JobController,
    private readonly namespaces: NamespaceController,
  ) {}

  private fieldValidation(
    resource: ResourceName,
    body: Record<string, unknown>,
    query: URLSearchParams,
    headers: Record<string, string>,
  ): void {
    const mode = query.get('fieldValidation') ?? 'Warn';
    if (mode === 'Ignore') return;
    const unknown = unknownFields(resource, body);
    if (unknown.length === 0) return;
    if (mode === 'Strict') {
      throw new S.StatusError(
        S.badRequest(`strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(', ')}`),
      );
    }
    headers.Warning = unknown.map((f) => `299 - "unknown field \\"${f}\\""`).join(', ');
  }

  private requireObject(body: unknown): Record<string, unknown> & { metadata: Record<string, unknown> } {
    if (!isObject(body))
      throw new S.StatusError(S.badRequest('the object provided is unrecognized (must be of type Object)'));
    if (body.metadata !== undefined && !isObject(body.metadata))
      throw new S.StatusError(S.badRequest('metadata must be an object'));
    return { ...body, metadata: { ...((body.metadata as Record<string, unknown> | undefined) ?? {}) } };
  }

  private checkNamespaceAdmission(resource: ResourceName, ns: string, name: string): void {
    const nsObj = this.store.get<Namespace>('namespaces', '', ns);
    if (!nsObj) throw new S.StatusError(S.notFound(gr('namespaces'), ns));
    if (nsObj.metadata.deletionTimestamp) {
      // NamespaceLifecycle admission (plugin/pkg/admission/namespace/lifecycle): Forbidden with a NamespaceTerminating cause.
      throw new S.StatusError(
        S.forbidden(
          gr(resource),
          name,
          `unable to create new content in namespace ${ns} because it is being terminated`,
          [
            {
              reason: 'NamespaceTerminating',
              message: `namespace ${ns} is being terminated`,
              field: 'metadata.namespace',
            },
          ],
        ),
      );
    }
  }

  create(route: Route, rawBody: unknown, query: URLSearchParams): ApiResult {
    const { resource } = route;
    if (resource === 'pods' || route.name !== undefined || route.subresource !== undefined)
      throw new S.StatusError(S.methodNotAllowed());
    const body = this.requireObject(rawBody);
    const info = RESOURCES[resource];
    if (body.kind !== undefined && body.kind !== info.kind) {
      throw new S.StatusError(
        S.badRequest(
          `the object provided is unrecognized (kind ${String(body.kind)} does not match expected ${info.kind})`,
        ),
      );
    }
    const headers: Record<string, string> = {};
    this.fieldValidation(resource, body, query, headers);
    const meta = body.metadata;
    if (route.namespace !== undefined) {
      if (meta.namespace !== undefined && meta.namespace !== '' && meta.namespace !== route.namespace) {
        throw new S.StatusError(
          S.badRequest(
            'the namespace of the provided object does not match the namespace sent on the request',
          ),
        );
      }
      meta.namespace = route.namespace;
    } else delete meta.namespace;
    for (const f of SERVER_SET_METADATA) if (f in meta) delete meta[f];
    // NamespaceLifecycle is a mutating admission plugin (its Admit method), so it runs before the
    // registry generates a name and validates (apiserver admission/plugin/namespace/lifecycle).
    if (route.namespace !== undefined)
      this.checkNamespaceAdmission(resource, route.namespace, typeof meta.name === 'string' ? meta.name : '');
    if (!meta.name && typeof meta.generateName === 'string' && meta.generateName)
      meta.name = generateName(meta.generateName);
    const uid = randomUUID();
    meta.uid = uid;
    let obj: KObject;
    if (resource === 'jobs') {
      const { status: _status, ...rest } = body;
      const defaulted = defaultJob(
        { ...rest, apiVersion: 'batch/v1', kind: 'Job', spec: isObject(rest.spec) ? rest.spec : {} } as Job,
        uid,
      );
      const errs = [
        ...validateJob(defaulted.job, { generatedSelector: defaulted.generatedSelector }),
        ...jobNameLabelErrors(defaulted.job),
      ];
      if (errs.length > 0)
        throw new S.StatusError(S.invalid({ group: 'batch', kind: 'Job' }, String(meta.name ?? ''), errs));
      obj = { ...defaulted.job, status: {} };
    } else {
      const { status: _status, ...rest } = body;
      const ns = { ...rest, apiVersion: 'v1', kind: 'Namespace', metadata: meta } as Namespace;
      const errs = validateNamespace(ns);
      if (errs.length > 0)
        throw new S.StatusError(S.invalid({ group: '', kind: 'Namespace' }, String(meta.name ?? ''), errs));
      obj = defaultNamespace(ns);
    }
    const name = obj.metadata.name ?? '';
    const existing = this.store.get(resource, route.namespace ?? '', name);
    if (existing) {
      throw new S.StatusError(
        existing.metadata.deletionTimestamp
          ? S.beingDeleted(gr(resource), name)
          : S.alreadyExists(gr(resource), name),
      );
    }
    if (query.get('dryRun') === 'All') {
      return {
        status: 201,
        body: {
          ...obj,
          metadata: {
            ...obj.metadata,
            creationTimestamp: k8sTime(),
            ...(resource === 'jobs' ? { generation: 1 } : {}),
          },
        },
        headers,
      };
    }
    const stored = this.store.create(resource, obj);
    if (resource === 'namespaces') delete stored.metadata.generation;
    return { status: 201, body: stored, headers };
  }

  get(route: Route): KObject {
    const obj = this.store.get(route.resource, route.namespace ?? '', route.name ?? '');
    if (!obj) throw new S.StatusError(S.notFound(gr(route.resource), route.name ?? ''));
    return obj;
  }

  list(route: Route, query: URLSearchParams): { items: KObject[]; metadata: Record<string, unknown> } {
    const filter = parseFilter(route.resource, query);
    let items = this.store.list(route.resource, route.namespace);
    if (filter.labels.length > 0 || filter.fields.length > 0)
      items = items.filter((o) => matchesFilter(filter, o));
    const rv = this.store.resourceVersion();
    const cont = query.get('continue');
    if (cont) {
      let token: ContinueToken;
      try {
        token = JSON.parse(Buffer.from(cont, 'base64url').toString('utf8')) as ContinueToken;
        if (token.v !== 'meta.k8s.io/v1' || typeof token.start !== 'string' || typeof token.rv !== 'number')
          throw new Error('bad');
      } catch {
        throw new S.StatusError(
          S.badRequest(
            'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
          ),
        );
      }
      if (token.rv < this.store.oldestWatchable()) {
        throw new S.StatusError(
          S.expired(
            'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
          ),
        );
      }
      items = items.filter((o) => sortKey(o) > token.start);
    }
    const metadata: Record<string, unknown> = { resourceVersion: String(rv) };
    const limit = Number(query.get('limit') ?? '0');
    if (Number.isInteger(limit) && limit > 0 && items.length > limit) {
      const last = items[limit - 1] as KObject;
      metadata.continue = Buffer.from(
        JSON.stringify({ v: 'meta.k8s.io/v1', rv, start: sortKey(last) }),
      ).toString('base64url');
      metadata.remainingItemCount = items.length - limit;
      items = items.slice(0, limit);
    }
    return { items, metadata };
  }

  /** Replaces an object (or its status / finalize subresource) from a full body. */
  update(route: Route, rawBody: unknown, query: URLSearchParams): ApiResult {
    const { resource } = route;
    const existing = this.get(route);
    const body = this.requireObject(rawBody);
    const headers: Record<string, string> = {};
    this.fieldValidation(resource, body, query, headers);
    const meta = body.metadata;
    const name = route.name ?? '';
    if (meta.name !== undefined && meta.name !== name) {
      throw new S.StatusError(
        S.badRequest(
          `the name of the object (${String(meta.name)}) does not match the name on the URL (${name})`,
        ),
      );
    }
    if (
      meta.resourceVersion !== undefined &&
      meta.resourceVersion !== '' &&
      meta.resourceVersion !== existing.metadata.resourceVersion
    ) {
      throw new S.StatusError(
        S.conflict(
          gr(resource),
          name,
          'the object has been modified; please apply your changes to the latest version and try again',
        ),
      );
    }
    if (meta.uid !== undefined && meta.uid !== existing.metadata.uid) {
      throw new S.StatusError(
        S.conflict(
          gr(resource),
          name,
          `Precondition failed: UID in precondition: ${String(meta.uid)}, UID in object meta: ${existing.metadata.uid}`,
        ),
      );
    }
    let next: KObject;
    let specChanged = false;
    if (route.subresource === 'status') {
      next = { ...existing, status: body.status };
    } else if (route.subresource === 'finalize' && resource === 'namespaces') {
      next = { ...existing, spec: isObject(body.spec) ? body.spec : {} };
    } else if (route.subresource === undefined) {
      const metadata = { ...existing.metadata };
      for (const f of ['labels', 'annotations', 'finalizers', 'ownerReferences'] as const) {
        if (meta[f] === undefined || meta[f] === null) delete metadata[f];
        else metadata[f] = meta[f] as never;
      }
      next = { ...existing, metadata };
      if (resource === 'jobs') {
        const oldSpec = (existing as Job).spec;
        const newSpec = isObject(body.spec) ? (body.spec as Job['spec']) : {};
        const errs: S.FieldError[] = [];
        for (const f of [
          'template',
          'selector',
          'completions',
          'completionMode',
          'manualSelector',
        ] as const) {
          if (newSpec[f] !== undefined && JSON.stringify(newSpec[f]) !== JSON.stringify(oldSpec[f])) {
            errs.push({
              type: 'FieldValueInvalid',
              field: `spec.${f}`,
              value: newSpec[f],
              detail: 'field is immutable',
            });
          }
        }
        const merged = { ...oldSpec };
        for (const f of [
          'parallelism',
          'suspend',
          'activeDeadlineSeconds',
          'ttlSecondsAfterFinished',
          'backoffLimit',
        ] as const) {
          if (newSpec[f] !== undefined) (merged as Record<string, unknown>)[f] = newSpec[f];
        }
        if (errs.length > 0) throw new S.StatusError(S.invalid({ group: 'batch', kind: 'Job' }, name, errs));
        specChanged = JSON.stringify(merged) !== JSON.stringify(oldSpec);
        next = { ...next, spec: merged };
      }
    } else {
      throw new S.StatusError(S.methodNotAllowed());
    }
    if (query.get('dryRun') === 'All') return { status: 200, body: next, headers };
    const stored = this.store.update(resource, next, specChanged);
    this.afterUpdate(resource, stored);
    return { status: 200, body: this.store.get(resource, route.namespace ?? '', name) ?? stored, headers };
  }

  /** Objects being deleted disappear once their last finalizer is removed. */
  private afterUpdate(resource: ResourceName, obj: KObject): void {
    if (!obj.metadata.deletionTimestamp) return;
    if (resource === 'namespaces') {
      this.namespaces.removeIfFinalized(obj as Namespace);
      return;
    }
    if ((obj.metadata.finalizers?.length ?? 0) === 0)
      this.store.remove(resource, obj.metadata.namespace ?? '', obj.metadata.name ?? '');
  }

  patch(route: Route, contentType: string, rawBody: unknown, query: URLSearchParams): ApiResult {
    const existing = this.get(route);
    const current = withType(route.resource, existing);
    let patched: unknown;
    try {
      if (contentType === 'application/json-patch+json') patched = jsonPatch(current, rawBody);
      else if (contentType === 'application/strategic-merge-patch+json')
        patched = strategicMergePatch(structuredClone(current), rawBody);
      else patched = mergePatch(structuredClone(current), rawBody);
    } catch (err) {
      if (err instanceof PatchError) {
        throw new S.StatusError(
          err.testFailed
            ? S.conflict(gr(route.resource), route.name ?? '', err.message)
            : { ...S.badRequest(err.message), code: 422, reason: 'Invalid' },
        );
      }
      throw err;
    }
    if (!isObject(patched)) throw new S.StatusError(S.badRequest('the patch produced an invalid object'));
    const meta = isObject(patched.metadata) ? patched.metadata : {};
    // A patch only checks resourceVersion when the patch itself sets one.
    const patchRv =
      isObject(rawBody) && isObject(rawBody.metadata) ? rawBody.metadata.resourceVersion : undefined;
    const body = {
      ...patched,
      metadata: { ...meta, resourceVersion: patchRv ?? existing.metadata.resourceVersion },
    };
    return this.update(route, body, query);
  }

  delete(route: Route, rawBody: unknown, query: URLSearchParams): ApiResult {
    const { resource } = route;
    const name = route.name ?? '';
    const existing = this.get(route);
    const opts = isObject(rawBody) ? rawBody : {};
    const pre = isObject(opts.preconditions) ? opts.preconditions : {};
    if (typeof pre.uid === 'string' && pre.uid !== existing.metadata.uid) {
      throw new S.StatusError(
        S.conflict(
          gr(resource),
          name,
          `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${existing.metadata.uid}`,
        ),
      );
    }
    if (
      typeof pre.resourceVersion === 'string' &&
      pre.resourceVersion !== existing.metadata.resourceVersion
    ) {
      throw new S.StatusError(
        S.conflict(
          gr(resource),
          name,
          `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${existing.metadata.resourceVersion}`,
        ),
      );
    }
    const dryRun =
      query.get('dryRun') === 'All' || (Array.isArray(opts.dryRun) && opts.dryRun.includes('All'));
    const rawPolicy =
      (typeof opts.propagationPolicy === 'string' ? opts.propagationPolicy : undefined) ??
      query.get('propagationPolicy') ??
      undefined;
    let policy: PropagationPolicy | undefined;
    if (rawPolicy !== undefined) {
      if (rawPolicy !== 'Orphan' && rawPolicy !== 'Background' && rawPolicy !== 'Foreground') {
        throw new S.StatusError(
          S.invalid({ group: 'meta.k8s.io', kind: 'DeleteOptions' }, '', [
            {
              type: 'FieldValueNotSupported',
              field: 'propagationPolicy',
              value: rawPolicy,
              supported: ['Foreground', 'Background', 'Orphan'],
            },
          ]),
        );
      }
      policy = rawPolicy;
    } else if (typeof opts.orphanDependents === 'boolean')
      policy = opts.orphanDependents ? 'Orphan' : 'Background';
    else if (query.get('orphanDependents') !== null)
      policy = query.get('orphanDependents') === 'true' ? 'Orphan' : 'Background';
    const headers: Record<string, string> = {};

    if (resource === 'namespaces') {
      if (PROTECTED_NAMESPACES.has(name))
        throw new S.StatusError(S.forbidden(gr(resource), name, 'this namespace may not be deleted'));
      if (existing.metadata.deletionTimestamp) {
        // pkg/registry/core/namespace/storage/storage.go: a second delete of a terminating namespace is a Conflict.
        throw new S.StatusError(
          S.conflict(
            gr(resource),
            name,
            'The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.',
          ),
        );
      }
      if (dryRun) return { status: 200, body: existing };
      return { status: 200, body: this.namespaces.beginDelete(existing as Namespace) };
    }
    if (resource === 'jobs') {
      if (policy === undefined) {
        policy = 'Orphan';
        headers.Warning = JOB_ORPHAN_WARNING;
      }
      if (existing.metadata.deletionTimestamp || dryRun) return { status: 200, body: existing, headers };
      const result = this.jobs.deleteJob(existing as Job, policy);
      if (policy === 'Background')
        return { status: 200, body: S.deleted(gr(resource), name, existing.metadata.uid), headers };
      if (policy === 'Orphan') {
        // A real server answers with the Job held by the `orphan` finalizer until the garbage
        // collector has orphaned its pods (store.go deletionFinalizersForGarbageCollection); our
        // collector is instant, so only the answer shows that state.
        const metadata = { ...result.metadata, deletionTimestamp: k8sTime(), deletionGracePeriodSeconds: 0 };
        metadata.finalizers = [...(result.metadata.finalizers ?? []), 'orphan'];
        return { status: 200, body: { ...result, metadata }, headers };
      }
      return { status: 200, body: result, headers };
    }
    if (dryRun) return { status: 200, body: existing };
    const removed = this.store.remove<Pod>('pods', route.namespace ?? '', name) ?? (existing as Pod);
    const grace =
      typeof opts.gracePeriodSeconds === 'number'
        ? opts.gracePeriodSeconds
        : (removed.spec.terminationGracePeriodSeconds ?? 30);
    return {
      status: 200,
      body: {
        ...removed,
        metadata: {
          ...removed.metadata,
          deletionTimestamp: k8sTime(Date.now() + grace * 1000),
          deletionGracePeriodSeconds: grace,
        },
      },
    };
  }

  deleteCollection(route: Route, rawBody: unknown, query: URLSearchParams): ApiResult {
    if (route.resource === 'namespaces') throw new S.StatusError(S.methodNotAllowed());
    const { items } = this.list(route, query);
    const headers: Record<string, string> = {};
    const deleted: unknown[] = [];
    for (const item of items) {
      const r = this.delete(
        { ...route, namespace: item.metadata.namespace, name: item.metadata.name },
        rawBody,
        query,
      );
      Object.assign(headers, r.headers);
      deleted.push(r.body);
    }
    const info = RESOURCES[route.resource];
    return {
      status: 200,
      body: {
        kind: `${info.kind}List`,
        apiVersion: apiVersionOf(info),
        metadata: { resourceVersion: String(this.store.resourceVersion()) },
        items: deleted,
      },
      headers,
    };
  }

  /** Resolves the container a log request is for, with the API server's error messages. */
  logTarget(route: Route, query: URLSearchParams): { pod: Pod; container: string } {
    const pod = this.get(route) as Pod;
    const names = (pod.spec.containers ?? []).map((c) => c.name ?? '');
    const name = pod.metadata.name ?? '';
    let container = query.get('container') ?? undefined;
    if (container === undefined) {
      const defaulted = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
      if (names.length === 1 || defaulted) container = defaulted ?? names[0];
      else
        throw new S.StatusError(
          S.badRequest(
            `a container name must be specified for pod ${name}, choose one of: [${names.join(' ')}]`,
          ),
        );
    }
    if (!container || !names.includes(container))
      throw new S.StatusError(S.badRequest(`container ${container ?? ''} is not valid for pod ${name}`));
    return { pod, container };
  }

  /** The log text of a container, or an error while it cannot have any. */
  logText(pod: Pod, container: string, query: URLSearchParams): { text: string; done: boolean } {
    const name = pod.metadata.name ?? '';
    const previous = query.get('previous') === 'true';
    const status = pod.status?.containerStatuses?.find((s) => s.name === container);
    if (previous) {
      if (!status || status.restartCount === 0) {
        throw new S.StatusError(
          S.badRequest(`previous terminated container "${container}" in pod "${name}" not found`),
        );
      }
    } else if (status?.state.waiting) {
      const reason = String(status.state.waiting.reason ?? 'ContainerCreating');
      if (reason === 'ContainerCreating' || status.restartCount === 0) {
        throw new S.StatusError(
          S.badRequest(`container "${container}" in pod "${name}" is waiting to start: ${reason}`),
        );
      }
    }
    const out = this.jobs.logs(pod.metadata.namespace ?? '', name, container, previous) ?? {
      text: '',
      done: true,
    };
    return { text: tailAndLimit(out.text, query), done: out.done };
  }
}

/** Applies `tailLines` and `limitBytes`. */
export function tailAndLimit(text: string, query: URLSearchParams): string {
  let out = text;
  const tail = query.get('tailLines');
  if (tail !== null && /^\d+$/.test(tail)) {
    const lines = out.split('\n');
    const trailingNewline = out.endsWith('\n');
    if (trailingNewline) lines.pop();
    const kept = Number(tail) === 0 ? [] : lines.slice(-Number(tail));
    out = kept.join('\n') + (trailingNewline && kept.length > 0 ? '\n' : '');
  }
  const limit = query.get('limitBytes');
  if (limit !== null && /^\d+$/.test(limit))
    out = Buffer.from(out).subarray(0, Number(limit)).toString('utf8');
  return out;
}
