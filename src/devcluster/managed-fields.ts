/**
 * `metadata.managedFields`: which manager owns which fields, kept on every write as the API
 * server's field manager does (k8s.io/apimachinery/pkg/util/managedfields/internal:
 * fieldmanager.go, managedfieldsupdater.go, stripmeta.go, buildmanagerinfo.go, managedfields.go;
 * merge/update.go Update in structured-merge-diff). Creates, updates and patches are `Update`
 * operations of the client's field manager; server-side apply (apply.ts) records `Apply`.
 */
import { defaultAsDecoded } from './defaults.js';
import { schemaOf } from './field-schema.js';
import {
  type Comparison,
  compare,
  decodeFieldsV1,
  difference,
  encodeFieldsV1,
  type FieldSet,
  recursiveDifference,
  union,
} from './field-set.js';
import { isObject } from './request-body.js';
import { apiVersionOf, type KObject, k8sTime, RESOURCES, type ResourceName } from './types.js';

/** One entry of `metadata.managedFields`, keys in the order the API server writes them. */
export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time?: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Record<string, unknown>;
  subresource?: string;
}

/** A manager and the fields it owns. */
export interface ManagerFields {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  subresource?: string;
  time?: string;
  set: FieldSet;
}

/** Every manager's fields by identity. */
export type Managed = Map<string, ManagerFields>;

/** How a write records ownership: the client's Update, or managedFields an apply already computed. */
export type FieldTracking =
  | { operation: 'Update'; manager: string }
  | { operation: 'Apply'; managedFields: ManagedFieldsEntry[] };

/**
 * A manager's identity (BuildManagerIdentifier): name, operation and subresource, and for an
 * Update the API version too; conflict messages print it (`"kubectl-create" using batch/v1`).
 */
export function managerId(
  m: Pick<ManagerFields, 'manager' | 'operation' | 'apiVersion' | 'subresource'>,
): string {
  return JSON.stringify({
    manager: m.manager,
    operation: m.operation,
    ...(m.operation === 'Update' ? { apiVersion: m.apiVersion } : {}),
    ...(m.subresource ? { subresource: m.subresource } : {}),
  });
}

/** Conflict-message form of a manager (printManager in internal/conflict.go). */
export function printManager(m: ManagerFields): string {
  const name = JSON.stringify(m.manager);
  const withSub = m.subresource ? `${name} with subresource ${JSON.stringify(m.subresource)}` : name;
  return m.operation === 'Update' ? `${withSub} using ${m.apiVersion}` : withSub;
}

/** The managers an object's `managedFields` describe, or undefined when they do not decode. */
export function decodeManaged(entries: unknown): Managed | undefined {
  if (!Array.isArray(entries)) return undefined;
  const out: Managed = new Map();
  for (const e of entries) {
    if (!isObject(e) || e.fieldsType !== 'FieldsV1') return undefined;
    if (e.operation !== 'Apply' && e.operation !== 'Update') return undefined;
    const set = decodeFieldsV1(e.fieldsV1 ?? {});
    if (!set) return undefined;
    const m: ManagerFields = {
      manager: typeof e.manager === 'string' ? e.manager : '',
      operation: e.operation,
      apiVersion: typeof e.apiVersion === 'string' ? e.apiVersion : '',
      set,
    };
    if (typeof e.subresource === 'string' && e.subresource) m.subresource = e.subresource;
    // A client may send the time in another RFC 3339 form (Python: +00:00); the server re-encodes it.
    const time = typeof e.time === 'string' ? Date.parse(e.time) : Number.NaN;
    if (!Number.isNaN(time)) m.time = k8sTime(time);
    out.set(managerId(m), m);
  }
  return out;
}

/** `managedFields` in the server's order: Apply before Update, then by time, manager, version. */
export function encodeManaged(managed: Managed): ManagedFieldsEntry[] {
  const seconds = (t?: string) => (t ? Date.parse(t) : 0);
  const ms = [...managed.values()].filter((m) => m.set.size > 0);
  ms.sort(
    (a, b) =>
      a.operation.localeCompare(b.operation) ||
      seconds(a.time) - seconds(b.time) ||
      (a.manager < b.manager ? -1 : a.manager > b.manager ? 1 : 0) ||
      a.apiVersion.localeCompare(b.apiVersion) ||
      (a.subresource ?? '').localeCompare(b.subresource ?? ''),
  );
  return ms.map((m) => ({
    manager: m.manager,
    operation: m.operation,
    apiVersion: m.apiVersion,
    ...(m.time ? { time: m.time } : {}),
    fieldsType: 'FieldsV1',
    fieldsV1: encodeFieldsV1(m.set),
    ...(m.subresource ? { subresource: m.subresource } : {}),
  }));
}

/** Fields nobody owns: type and identity metadata the server sets (stripMetaManager). */
const STRIPPED: FieldSet = new Set([
  'f:apiVersion',
  'f:kind',
  'f:metadata',
  ...[
    'name',
    'namespace',
    'creationTimestamp',
    'selfLink',
    'uid',
    'clusterName',
    'generation',
    'managedFields',
    'resourceVersion',
  ].map((f) => `f:metadata\u0000f:${f}`),
]);

/** A set without the fields nobody owns. */
export function strip(set: FieldSet): FieldSet {
  return difference(set, STRIPPED);
}

/**
 * Fields a write cannot own because its strategy resets them (GetResetFields): `status` on the
 * main resource, `spec` on the status subresource.
 */
export function ignoredFields(subresource?: string): FieldSet {
  return new Set([subresource === 'status' ? 'f:spec' : 'f:status']);
}

/** The API version of a resource's managedFields entries. */
export function fieldsApiVersion(resource: ResourceName): string {
  return apiVersionOf(RESOURCES[resource]);
}

/**
 * What a newly made object of the type holds before its fields are set (the typed form of an
 * empty Go object): a create owns what it adds to this.
 */
export function emptyObject(resource: ResourceName): Record<string, unknown> {
  const metadata = { creationTimestamp: null };
  if (resource === 'jobs')
    return { metadata, spec: { template: { metadata, spec: { containers: null } } }, status: {} };
  if (resource === 'pods') return { metadata, spec: { containers: null }, status: {} };
  return { metadata, spec: {}, status: {} };
}

/** The object as field management compares it: without its managedFields. */
export function withoutManagedFields(obj: KObject): KObject {
  if (!('managedFields' in obj.metadata)) return obj;
  const { managedFields: _m, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}

/** What changed between two objects, leaving out the fields the write cannot own. */
export function compareFields(
  resource: ResourceName,
  before: unknown,
  after: unknown,
  subresource?: string,
): Comparison {
  const ignored = ignoredFields(subresource);
  const cmp = compare(before, after, schemaOf(resource));
  return {
    added: recursiveDifference(cmp.added, ignored),
    modified: recursiveDifference(cmp.modified, ignored),
    removed: recursiveDifference(cmp.removed, ignored),
  };
}

/**
 * Records an Update by `who` that made the changes in `cmp` (ignored fields already left out):
 * other managers lose what changed or went, `who` gains what it set, stamped with the time
 * (managedFieldsUpdater: the time moves only when the operation took fields).
 */
export function recordUpdate(managed: Managed, cmp: Comparison, who: ManagerFields): void {
  const touched = union(cmp.added, cmp.modified, cmp.removed);
  for (const m of managed.values()) m.set = difference(m.set, touched);
  const changed = strip(union(cmp.added, cmp.modified));
  if (changed.size === 0) return;
  const id = managerId(who);
  const previous = managed.get(id)?.set ?? new Set<string>();
  managed.set(id, { ...who, time: k8sTime(), set: union(previous, changed) });
}

function isReset(requested: unknown): boolean {
  if (!Array.isArray(requested)) return false;
  return (
    requested.length === 0 ||
    (requested.length === 1 && isObject(requested[0]) && Object.keys(requested[0]).length === 0)
  );
}

/** What an Update writes: the object replacing `live` (undefined on create) as `next`. */
export interface UpdateWrite {
  resource: ResourceName;
  subresource?: string;
  live?: KObject;
  next: KObject;
  /** The managedFields the request carried: used instead of the live ones when they decode. */
  requested?: unknown;
  manager: string;
}

/**
 * The managedFields after an Update (FieldManager.Update): the request's own when it sets
 * them (`[]` or `[{}]` clears them), else the live object's, updated with what changed. An
 * object without managedFields stays without until it is applied to (skipnonapplied.go).
 */
export function trackUpdate(w: UpdateWrite): ManagedFieldsEntry[] {
  const liveManaged = () => decodeManaged(w.live?.metadata.managedFields) ?? new Map();
  let managed: Managed;
  if (w.subresource) managed = liveManaged();
  else if (isReset(w.requested)) managed = new Map();
  else
    managed =
      (Array.isArray(w.requested) && w.requested.length > 0 && decodeManaged(w.requested)) || liveManaged();
  // An update of an object nobody manages does not start tracking (skipNonAppliedManager).
  if (w.live && managed.size === 0) return [];
  const cmp = compareFields(
    w.resource,
    w.live ? withoutManagedFields(w.live) : emptyObject(w.resource),
    withoutManagedFields(w.next),
    w.subresource,
  );
  const who: ManagerFields = {
    manager: w.manager,
    operation: 'Update',
    apiVersion: fieldsApiVersion(w.resource),
    set: new Set(),
    ...(w.subresource ? { subresource: w.subresource } : {}),
  };
  recordUpdate(managed, cmp, who);
  return encodeManaged(managed);
}

/**
 * The manager of a write that names none: the user agent up to its first `/`, printable, at
 * most 128 bytes (managerOrUserAgent, prefixFromUserAgent in handlers/rest.go); `unknown` when
 * that is empty (buildManagerInfo).
 */
export function managerOf(query: URLSearchParams, userAgent: string): string {
  const named = query.get('fieldManager');
  if (named) return named;
  let prefix = '';
  for (const ch of userAgent.split('/')[0] ?? '') {
    if (!/^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(ch)) continue;
    if (Buffer.byteLength(prefix + ch) > 128) break;
    prefix += ch;
  }
  return prefix || 'unknown';
}

/**
 * The object to create with its managedFields: those an apply computed, or the creating
 * manager's Update of what the decoded (defaulted) body sets — before the create strategy adds
 * the generated selector or the namespace finalizer, which nobody owns. Simplified: managedFields
 * in a create body are not taken over.
 */
export function withCreatedManagedFields(
  resource: ResourceName,
  body: Record<string, unknown> & { metadata: Record<string, unknown> },
  obj: KObject,
  fields: FieldTracking,
): KObject {
  const managedFields =
    fields.operation === 'Apply'
      ? fields.managedFields
      : trackUpdate({ resource, next: defaultAsDecoded(resource, body as KObject), manager: fields.manager });
  return managedFields.length > 0 ? { ...obj, metadata: { ...obj.metadata, managedFields } } : obj;
}
