/**
 * Create: NamespaceLifecycle admission, `generateName`, defaulting and validation of Jobs and
 * Namespaces, PodSecurity admission (validating, so after validation), AlreadyExists, and `dryRun`.
 */
import { randomUUID } from 'node:crypto';
import type { ApiResult } from './api-result.js';
import { defaultJob, defaultNamespace } from './defaults.js';
import { coreEvent, EVENTS_GROUP, fromEventsV1, validateEvent } from './events.js';
import { checkFieldValidation } from './field-validation.js';
import { type FieldTracking, withCreatedManagedFields } from './managed-fields.js';
import { generateName } from './names.js';
import { admitNamespace, warnPodController } from './pod-security.js';
import { isObject, requireObject } from './request-body.js';
import type { Route } from './route.js';
import * as S from './status.js';
import type { Store } from './store.js';
import {
  groupResource,
  type Job,
  type KObject,
  k8sTime,
  type Namespace,
  RESOURCES,
  type ResourceName,
} from './types.js';
import { jobNameLabelErrors, validateJob, validateNamespace } from './validation.js';

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

function checkNamespaceAdmission(store: Store, resource: ResourceName, ns: string, name: string): void {
  const nsObj = store.get<Namespace>('namespaces', '', ns);
  if (!nsObj) throw new S.StatusError(S.notFound(groupResource('namespaces'), ns));
  if (nsObj.metadata.deletionTimestamp) {
    // NamespaceLifecycle admission (plugin/pkg/admission/namespace/lifecycle): Forbidden with a NamespaceTerminating cause.
    throw new S.StatusError(
      S.forbidden(
        groupResource(resource),
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

/** The Event a POST body describes, in its stored (core) form, or 422. */
function admitEvent(route: Route, body: Record<string, unknown>, meta: KObject['metadata']): KObject {
  const event = coreEvent(route.group === EVENTS_GROUP ? fromEventsV1(body) : body, meta);
  const errs = validateEvent(event, route.group);
  if (errs.length > 0)
    throw new S.StatusError(S.invalid({ group: route.group, kind: 'Event' }, meta.name ?? '', errs));
  return event;
}

/** Creates the object a POST body describes (namespaces, Jobs and events; pods are the controller's). */
export function createObject(
  store: Store,
  route: Route,
  rawBody: unknown,
  query: URLSearchParams,
  fields: FieldTracking,
): ApiResult {
  const { resource } = route;
  if (resource === 'pods' || route.name !== undefined || route.subresource !== undefined)
    throw new S.StatusError(S.methodNotAllowed());
  const body = requireObject(rawBody);
  const info = RESOURCES[resource];
  if (body.kind !== undefined && body.kind !== info.kind) {
    throw new S.StatusError(
      S.badRequest(
        `the object provided is unrecognized (kind ${String(body.kind)} does not match expected ${info.kind})`,
      ),
    );
  }
  const headers: Record<string, string> = {};
  checkFieldValidation(resource, body, query, headers, route.group);
  const meta = body.metadata;
  if (route.namespace !== undefined) {
    if (meta.namespace !== undefined && meta.namespace !== '' && meta.namespace !== route.namespace) {
      throw new S.StatusError(
        S.badRequest('the namespace of the provided object does not match the namespace sent on the request'),
      );
    }
    meta.namespace = route.namespace;
  } else delete meta.namespace;
  for (const f of SERVER_SET_METADATA) if (f in meta) delete meta[f];
  // NamespaceLifecycle is a mutating admission plugin (its Admit method), so it runs before the
  // registry generates a name and validates (apiserver admission/plugin/namespace/lifecycle).
  if (route.namespace !== undefined)
    checkNamespaceAdmission(store, resource, route.namespace, typeof meta.name === 'string' ? meta.name : '');
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
    // Validating admission runs on the validated object, before storage answers AlreadyExists
    // (apiserver registry/generic/registry/store.go Create); its warnings stay on any answer.
    warnPodController(store.get<Namespace>('namespaces', '', route.namespace ?? ''), obj as Job, headers);
  } else if (resource === 'events') {
    obj = admitEvent(route, body, meta);
  } else {
    const { status: _status, ...rest } = body;
    const ns = { ...rest, apiVersion: 'v1', kind: 'Namespace', metadata: meta } as Namespace;
    const errs = validateNamespace(ns);
    if (errs.length > 0)
      throw new S.StatusError(S.invalid({ group: '', kind: 'Namespace' }, String(meta.name ?? ''), errs));
    obj = defaultNamespace(ns);
    const refused = admitNamespace(obj as Namespace);
    if (refused) throw new S.StatusError(refused, headers);
  }
  obj = withCreatedManagedFields(resource, body, obj, fields);
  const name = obj.metadata.name ?? '';
  const existing = store.get(resource, route.namespace ?? '', name);
  if (existing) {
    throw new S.StatusError(
      existing.metadata.deletionTimestamp
        ? S.beingDeleted(groupResource(resource, route.group), name)
        : S.alreadyExists(groupResource(resource, route.group), name),
      headers,
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
  const stored = store.create(resource, obj);
  if (resource === 'namespaces') delete stored.metadata.generation;
  return { status: 201, body: stored, headers };
}
