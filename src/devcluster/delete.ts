/**
 * Delete and deletecollection: preconditions, `dryRun`, propagation policies, and how each
 * resource goes away (a namespace turns Terminating, a Job follows its policy, a pod at once).
 */
import type { ApiResult } from './api-result.js';
import type { PropagationPolicy } from './garbage-collector.js';
import type { JobController } from './job-controller.js';
import type { NamespaceController } from './namespace-controller.js';
import { queryOptionalBool } from './query-bool.js';
import { getObject, listObjects } from './read.js';
import { isObject } from './request-body.js';
import type { Route } from './route.js';
import { served, servedInfo } from './served.js';
import * as S from './status.js';
import type { Store } from './store.js';
import {
  apiVersionOf,
  groupResource,
  type Job,
  type KObject,
  k8sTime,
  type Namespace,
  type Pod,
  type ResourceName,
} from './types.js';

const PROTECTED_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);

/** Warning the API server adds when a batch/v1 Job is deleted without a propagation policy (pkg/registry/batch/job/storage/storage.go). */
export const JOB_ORPHAN_WARNING =
  '299 - "child pods are preserved by default when jobs are deleted; set propagationPolicy=Background to remove them or set propagationPolicy=Orphan to suppress this warning"';

/** What a delete needs besides the store: the controllers that carry deletions out. */
export interface DeleteDeps {
  store: Store;
  jobs: JobController;
  namespaces: NamespaceController;
}

function checkPreconditions(
  resource: ResourceName,
  name: string,
  existing: KObject,
  pre: Record<string, unknown>,
): void {
  if (typeof pre.uid === 'string' && pre.uid !== existing.metadata.uid) {
    throw new S.StatusError(
      S.conflict(
        groupResource(resource),
        name,
        `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${existing.metadata.uid}`,
      ),
    );
  }
  if (typeof pre.resourceVersion === 'string' && pre.resourceVersion !== existing.metadata.resourceVersion) {
    throw new S.StatusError(
      S.conflict(
        groupResource(resource),
        name,
        `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${existing.metadata.resourceVersion}`,
      ),
    );
  }
}

/** The propagation policy from DeleteOptions or the query (`orphanDependents` too); undefined when none is given. */
function propagationPolicyOf(
  opts: Record<string, unknown>,
  query: URLSearchParams,
): PropagationPolicy | undefined {
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
  else {
    const orphan = queryOptionalBool(query, 'orphanDependents');
    if (orphan !== undefined) policy = orphan ? 'Orphan' : 'Background';
  }
  return policy;
}

function deleteNamespace(deps: DeleteDeps, name: string, existing: KObject, dryRun: boolean): ApiResult {
  if (PROTECTED_NAMESPACES.has(name))
    throw new S.StatusError(
      S.forbidden(groupResource('namespaces'), name, 'this namespace may not be deleted'),
    );
  if (existing.metadata.deletionTimestamp) {
    // pkg/registry/core/namespace/storage/storage.go: a second delete of a terminating namespace is a Conflict.
    throw new S.StatusError(
      S.conflict(
        groupResource('namespaces'),
        name,
        'The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.',
      ),
    );
  }
  if (dryRun) return { status: 200, body: existing };
  return { status: 200, body: deps.namespaces.beginDelete(existing as Namespace) };
}

function deleteJob(
  deps: DeleteDeps,
  name: string,
  existing: KObject,
  dryRun: boolean,
  requested: PropagationPolicy | undefined,
): ApiResult {
  const headers: Record<string, string> = {};
  let policy = requested;
  if (policy === undefined) {
    policy = 'Orphan';
    headers.Warning = JOB_ORPHAN_WARNING;
  }
  if (existing.metadata.deletionTimestamp || dryRun) return { status: 200, body: existing, headers };
  const result = deps.jobs.deleteJob(existing as Job, policy);
  if (policy === 'Background')
    return { status: 200, body: S.deleted(groupResource('jobs'), name, existing.metadata.uid), headers };
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

function deletePod(
  deps: DeleteDeps,
  route: Route,
  existing: KObject,
  dryRun: boolean,
  opts: Record<string, unknown>,
): ApiResult {
  if (dryRun) return { status: 200, body: existing };
  const removed =
    deps.store.remove<Pod>('pods', route.namespace ?? '', route.name ?? '') ?? (existing as Pod);
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

/** Events go at once; their store returns no deleted object (pkg/registry/core/event/storage). */
function deleteEvent(deps: DeleteDeps, route: Route, existing: KObject, dryRun: boolean): ApiResult {
  const name = route.name ?? '';
  if (!dryRun) deps.store.remove('events', route.namespace ?? '', name);
  return {
    status: 200,
    body: S.deleted(groupResource('events', route.group), name, existing.metadata.uid),
  };
}

/** Deletes the object the route names, with the DeleteOptions in the body or the query. */
export function deleteObject(
  deps: DeleteDeps,
  route: Route,
  rawBody: unknown,
  query: URLSearchParams,
): ApiResult {
  const { resource } = route;
  const name = route.name ?? '';
  const existing = getObject(deps.store, route);
  const opts = isObject(rawBody) ? rawBody : {};
  checkPreconditions(resource, name, existing, isObject(opts.preconditions) ? opts.preconditions : {});
  const dryRun = query.get('dryRun') === 'All' || (Array.isArray(opts.dryRun) && opts.dryRun.includes('All'));
  const policy = propagationPolicyOf(opts, query);
  if (resource === 'namespaces') return deleteNamespace(deps, name, existing, dryRun);
  if (resource === 'jobs') return deleteJob(deps, name, existing, dryRun, policy);
  if (resource === 'events') return deleteEvent(deps, route, existing, dryRun);
  return deletePod(deps, route, existing, dryRun, opts);
}

/** Deletes every object the route lists (namespaces refuse), answering the deleted objects as a list. */
export function deleteCollection(
  deps: DeleteDeps,
  route: Route,
  rawBody: unknown,
  query: URLSearchParams,
): ApiResult {
  if (route.resource === 'namespaces') throw new S.StatusError(S.methodNotAllowed());
  const { items } = listObjects(deps.store, route, query);
  const headers: Record<string, string> = {};
  const deleted: unknown[] = [];
  for (const item of items) {
    const r = deleteObject(
      deps,
      { ...route, namespace: item.metadata.namespace, name: item.metadata.name },
      rawBody,
      query,
    );
    Object.assign(headers, r.headers);
    if (route.resource === 'events') {
      // The generic registry's DeleteCollection answers the list it deleted (items untyped).
      const { apiVersion: _a, kind: _k, ...untyped } = served(route, item);
      deleted.push(untyped);
    } else deleted.push(r.body);
  }
  const info = servedInfo(route);
  return {
    status: 200,
    body: {
      kind: `${info.kind}List`,
      apiVersion: apiVersionOf(info),
      metadata: { resourceVersion: String(deps.store.resourceVersion()) },
      items: deleted,
    },
    headers,
  };
}
