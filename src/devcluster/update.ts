/**
 * Update and patch: replacing an object or its `status` / `finalize` subresource, resourceVersion
 * and uid preconditions, the Job spec's mutable and immutable fields, managedFields, and the
 * patch types (applied to the current object, then handled as an update; server-side apply in
 * apply.ts).
 */
import type { ApiResult } from './api-result.js';
import { applyObject, checkPatchOptions } from './apply.js';
import { createObject } from './create.js';
import { defaultAsDecoded, defaultJobAsDecoded } from './defaults.js';
import { coreEvent, EVENTS_GROUP, fromEventsV1, validateEvent } from './events.js';
import { jsonEqual } from './field-set.js';
import { checkFieldValidation } from './field-validation.js';
import { type FieldTracking, trackUpdate } from './managed-fields.js';
import type { NamespaceController } from './namespace-controller.js';
import { jsonPatch, mergePatch, PatchError, strategicMergePatch } from './patch.js';
import { admitNamespace, warnPodController } from './pod-security.js';
import { getObject } from './read.js';
import { APPLY_PATCH_TYPE, isObject, requireObject } from './request-body.js';
import type { Route } from './route.js';
import { semanticEqual } from './semantic-equal.js';
import { served } from './served.js';
import * as S from './status.js';
import type { Store } from './store.js';
import { groupResource, type Job, type KObject, type Namespace, type ResourceName } from './types.js';
import { validateJobUpdate } from './validation.js';

/** Replaces an object (or its status / finalize subresource) from a full body. */
export function updateObject(
  store: Store,
  namespaces: NamespaceController,
  route: Route,
  rawBody: unknown,
  query: URLSearchParams,
  fields: FieldTracking,
): ApiResult {
  const { resource } = route;
  const existing = getObject(store, route);
  const body = requireObject(rawBody);
  const headers: Record<string, string> = {};
  checkFieldValidation(resource, body, query, headers, route.group);
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
        groupResource(resource, route.group),
        name,
        'the object has been modified; please apply your changes to the latest version and try again',
      ),
    );
  }
  if (meta.uid !== undefined && meta.uid !== existing.metadata.uid) {
    throw new S.StatusError(
      S.conflict(
        groupResource(resource),
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
    if (resource === 'events') {
      // An Event update replaces every field (ValidateEventUpdate: the legacy checks for core/v1).
      next = coreEvent(route.group === EVENTS_GROUP ? fromEventsV1(body) : body, metadata);
      const errs = validateEvent(next, '');
      if (errs.length > 0)
        throw new S.StatusError(S.invalid({ group: route.group, kind: 'Event' }, name, errs));
    } else if (resource === 'jobs') {
      const old = existing as Job;
      // The body is decoded, so defaulted, before the strategy compares it with the stored Job.
      const job = defaultJobAsDecoded({
        ...(next as Job),
        spec: isObject(body.spec) ? (body.spec as Job['spec']) : {},
      });
      const errs = validateJobUpdate(job, old);
      if (errs.length > 0) throw new S.StatusError(S.invalid({ group: 'batch', kind: 'Job' }, name, errs));
      specChanged = !semanticEqual(job.spec, old.spec);
      next = job;
      // PodSecurity evaluates every Job update (not its status) after validation.
      warnPodController(store.get<Namespace>('namespaces', '', route.namespace ?? ''), next as Job, headers);
    } else if (resource === 'namespaces') {
      // Decoding defaults the name label back should the body drop it.
      next = defaultAsDecoded(resource, next);
      const refused = admitNamespace(next as Namespace, existing as Namespace);
      if (refused) throw new S.StatusError(refused, headers);
    }
  } else {
    throw new S.StatusError(S.methodNotAllowed());
  }
  next = withManagedFields(next, {
    resource,
    fields,
    live: existing,
    subresource: route.subresource,
    requested: meta.managedFields,
  });
  if (query.get('dryRun') === 'All') return { status: 200, body: next, headers };
  // An update that changes nothing is not written: same resourceVersion, no watch event
  // (GuaranteedUpdate in apiserver/pkg/storage/etcd3/store.go).
  if (jsonEqual(next, existing)) return { status: 200, body: existing, headers };
  const stored = store.update(resource, next, specChanged);
  afterUpdate(store, namespaces, resource, stored);
  return { status: 200, body: store.get(resource, route.namespace ?? '', name) ?? stored, headers };
}

/** Objects being deleted disappear once their last finalizer is removed. */
function afterUpdate(
  store: Store,
  namespaces: NamespaceController,
  resource: ResourceName,
  obj: KObject,
): void {
  if (!obj.metadata.deletionTimestamp) return;
  if (resource === 'namespaces') {
    namespaces.removeIfFinalized(obj as Namespace);
    return;
  }
  if ((obj.metadata.finalizers?.length ?? 0) === 0)
    store.remove(resource, obj.metadata.namespace ?? '', obj.metadata.name ?? '');
}

/** What managedFields an update writes: those an apply computed, or the Update of its manager. */
function withManagedFields(
  next: KObject,
  w: {
    resource: ResourceName;
    fields: FieldTracking;
    live: KObject;
    subresource?: string;
    requested: unknown;
  },
): KObject {
  const managedFields =
    w.fields.operation === 'Apply'
      ? w.fields.managedFields
      : trackUpdate({
          resource: w.resource,
          subresource: w.subresource,
          live: w.live,
          next,
          requested: w.requested,
          manager: w.fields.manager,
        });
  const { managedFields: _old, ...metadata } = next.metadata;
  return { ...next, metadata: managedFields.length > 0 ? { ...metadata, managedFields } : metadata };
}

/**
 * PATCH: server-side apply, or a JSON, merge or strategic merge patch applied to the current
 * object and then updated with the result.
 */
export function patchObject(
  store: Store,
  namespaces: NamespaceController,
  route: Route,
  contentType: string,
  rawBody: unknown,
  query: URLSearchParams,
  manager: string,
): ApiResult {
  if (contentType === APPLY_PATCH_TYPE) {
    if (route.subresource !== undefined) throw new S.StatusError(S.methodNotAllowed());
    return applyObject(store, route, rawBody, query, {
      create: (r, body, fields) => createObject(store, { ...r, name: undefined }, body, query, fields),
      update: (r, body, fields) => updateObject(store, namespaces, r, body, query, fields),
    });
  }
  checkPatchOptions(query, false);
  const existing = getObject(store, route);
  const current = served(route, existing);
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
          ? S.conflict(groupResource(route.resource, route.group), route.name ?? '', err.message)
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
  return updateObject(store, namespaces, route, body, query, { operation: 'Update', manager });
}
