/**
 * Server-side apply: `PATCH` with `application/apply-patch+yaml` (handlers/patch.go applyPatcher,
 * internal/structuredmerge.go Apply, merge/update.go Updater.Apply). The body — YAML or JSON —
 * is the manager's whole intent: it is merged onto the live object (which it creates if there
 * is none), the fields the manager applied before and dropped now are removed unless another
 * manager owns them, and changing a field another manager owns is a 409 conflict unless `force`.
 */
import { parse as parseYaml } from 'yaml';
import type { ApiResult } from './api-result.js';
import { mergeApplied, prune } from './apply-merge.js';
import { schemaOf } from './field-schema.js';
import {
  type Comparison,
  comparePaths,
  type FieldSet,
  jsonEqual,
  pathText,
  recursiveDifference,
  toFieldSet,
} from './field-set.js';
import {
  compareFields,
  decodeManaged,
  emptyObject,
  encodeManaged,
  type FieldTracking,
  fieldsApiVersion,
  ignoredFields,
  type Managed,
  type ManagerFields,
  managerId,
  printManager,
  recordUpdate,
  strip,
  withoutManagedFields,
} from './managed-fields.js';
import { isObject } from './request-body.js';
import type { Route } from './route.js';
import * as S from './status.js';
import type { Store } from './store.js';
import { groupResource, type KObject, k8sTime, RESOURCES, withType } from './types.js';

/** Writes the applied object: an update of the live one, or a create when there is none. */
export interface ApplyWriters {
  create(route: Route, body: KObject, fields: FieldTracking): ApiResult;
  update(route: Route, body: KObject, fields: FieldTracking): ApiResult;
}

function patchOptionsInvalid(field: string, type: S.FieldError['type'], detail: string): S.StatusError {
  const status = S.invalid({ group: 'meta.k8s.io', kind: 'PatchOptions' }, '', [{ type, field, detail }]);
  // errors.NewInvalid leaves out an empty name.
  if (status.details) delete status.details.name;
  return new S.StatusError(status);
}

/** strconv.ParseBool, as query parameters are decoded. */
function parseBool(value: string): boolean {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  throw new S.StatusError(
    S.badRequest(`strconv.ParseBool: parsing ${JSON.stringify(value)}: invalid syntax`),
  );
}

/**
 * PatchOptions validation (ValidatePatchOptions in apimachinery/pkg/apis/meta/v1/validation):
 * an apply names its field manager; `force` belongs to apply only. Returns `force`.
 */
export function checkPatchOptions(query: URLSearchParams, apply: boolean): boolean {
  const force = query.get('force');
  if (!apply) {
    if (force !== null)
      throw patchOptionsInvalid('force', 'FieldValueForbidden', 'may not be specified for non-apply patch');
    return false;
  }
  if (!query.get('fieldManager'))
    throw patchOptionsInvalid('fieldManager', 'FieldValueRequired', 'is required for apply patch');
  return force === null ? false : parseBool(force);
}

function parseApplied(text: string, route: Route): KObject {
  let parsed: unknown;
  try {
    // sigs.k8s.io/yaml reads YAML 1.1 (`on` is a boolean); JSON is YAML too.
    parsed = text.trim() === '' ? {} : parseYaml(text, { version: '1.1' });
  } catch (err) {
    throw new S.StatusError(
      S.badRequest(`error decoding YAML: ${err instanceof Error ? err.message : String(err)}`),
    );
  }
  if (!isObject(parsed))
    throw new S.StatusError(S.badRequest('error decoding YAML: the applied configuration is not an object'));
  const info = RESOURCES[route.resource];
  const want = fieldsApiVersion(route.resource);
  if (parsed.apiVersion !== want) {
    const got = typeof parsed.apiVersion === 'string' ? parsed.apiVersion : '';
    throw new S.StatusError(
      S.badRequest(
        `Incorrect version specified in apply patch. Specified patch version: ${got}, expected: ${want}`,
      ),
    );
  }
  if (parsed.kind !== info.kind) {
    throw new S.StatusError(
      S.badRequest(
        `the object provided is unrecognized (kind ${String(parsed.kind)} does not match expected ${info.kind})`,
      ),
    );
  }
  const metadata = isObject(parsed.metadata) ? parsed.metadata : {};
  if (metadata.managedFields !== undefined && metadata.managedFields !== null)
    throw new S.StatusError(S.badRequest('metadata.managedFields must be nil'));
  return { ...parsed, metadata } as KObject;
}

/** checkName in handlers/patch.go: the applied object must be the one the URL names. */
function checkName(obj: KObject, route: Route): void {
  const name = String(obj.metadata.name ?? '');
  if (name !== route.name)
    throw new S.StatusError(
      S.badRequest(
        `the name of the object (${name}) does not match the name on the URL (${route.name ?? ''})`,
      ),
    );
  const ns = obj.metadata.namespace;
  if (route.namespace !== undefined && typeof ns === 'string' && ns !== '' && ns !== route.namespace)
    throw new S.StatusError(
      S.badRequest(
        `the namespace of the object (${ns}) does not match the namespace on the URL (${route.namespace})`,
      ),
    );
}

function byManager(a: ManagerFields, b: ManagerFields): number {
  return a.manager < b.manager ? -1 : a.manager > b.manager ? 1 : 0;
}

/** 409 `Apply failed with N conflict(s)` (internal/conflict.go NewConflictError). */
function conflictError(conflicts: [ManagerFields, FieldSet][]): S.StatusError {
  const sorted = [...conflicts].sort(([a], [b]) => byManager(a, b));
  const rows = sorted.flatMap(([m, set]) =>
    [...set].sort(comparePaths).map((p) => ({ m, path: pathText(p) })),
  );
  let message: string;
  if (rows.length === 1) {
    const only = rows[0] as (typeof rows)[number];
    message = `Apply failed with 1 conflict: conflict with ${printManager(only.m)}: ${only.path}`;
  } else {
    const lines = sorted.flatMap(([m, set]) => [
      `conflicts with ${printManager(m)}:`,
      ...[...set].sort(comparePaths).map((p) => `- ${pathText(p)}`),
    ]);
    message = `Apply failed with ${rows.length} conflicts: ${lines.join('\n')}`;
  }
  return new S.StatusError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: 'Conflict',
    details: {
      causes: rows.map((r) => ({
        reason: 'FieldManagerConflict',
        message: `conflict with ${printManager(r.m)}`,
        field: r.path,
      })),
    },
    code: 409,
  });
}

/**
 * The managers of the live object; one that nobody managed yet is all "before-first-apply"'s
 * (skipNonAppliedManager), so the first apply cannot silently take its fields over.
 */
function liveManagers(route: Route, existing: KObject | undefined, live: KObject | undefined): Managed {
  const managed = (existing && decodeManaged(existing.metadata.managedFields)) || new Map();
  if (live && managed.size === 0) {
    const who: ManagerFields = {
      manager: 'before-first-apply',
      operation: 'Update',
      apiVersion: fieldsApiVersion(route.resource),
      set: new Set(),
    };
    recordUpdate(managed, compareFields(route.resource, emptyObject(route.resource), live), who);
  }
  return managed;
}

/**
 * Takes from the other managers what the apply changed (their conflicts: 409 unless `force`)
 * and what it removed (merge/update.go Updater.update).
 */
function settleOwnership(managed: Managed, applierId: string, cmp: Comparison, force: boolean): void {
  const changed = new Set([...cmp.added, ...cmp.modified]);
  const conflicts: [ManagerFields, FieldSet][] = [];
  for (const [id, m] of managed) {
    if (id === applierId) continue;
    const clash = new Set([...m.set].filter((p) => changed.has(p)));
    if (clash.size > 0) conflicts.push([m, clash]);
  }
  if (conflicts.length > 0 && !force) throw conflictError(conflicts);
  for (const [id, m] of managed) {
    if (id !== applierId) m.set = new Set([...m.set].filter((p) => !changed.has(p) && !cmp.removed.has(p)));
  }
}

/**
 * Applies `rawText` for the manager named by `fieldManager`: the merged object with its
 * managedFields is written by `writers`, which validate and store it like any write.
 */
export function applyObject(
  store: Store,
  route: Route,
  rawText: unknown,
  query: URLSearchParams,
  writers: ApplyWriters,
): ApiResult {
  const force = checkPatchOptions(query, true);
  const config = parseApplied(typeof rawText === 'string' ? rawText : '', route);
  const { resource } = route;
  const schema = schemaOf(resource);
  const existing = store.get(resource, route.namespace ?? '', route.name ?? '');
  const live = existing ? withoutManagedFields(withType(resource, existing)) : undefined;
  if (!live && typeof config.metadata.uid === 'string' && config.metadata.uid !== '') {
    throw new S.StatusError(
      S.conflict(
        groupResource(resource),
        route.name ?? '',
        `uid mismatch: the provided object specified uid ${config.metadata.uid}, and no existing object was found`,
      ),
    );
  }
  const managed = liveManagers(route, existing, live);
  const applier: ManagerFields = {
    manager: query.get('fieldManager') ?? '',
    operation: 'Apply',
    apiVersion: fieldsApiVersion(resource),
    set: recursiveDifference(toFieldSet(config, schema), ignoredFields()),
  };
  const applierId = managerId(applier);
  const previous = managed.get(applierId);
  managed.set(applierId, applier);
  const base = live ?? {};
  const merged = mergeApplied(base, config, schema);
  const owners = [...managed.values()].map((m) => m.set);
  const result = (previous ? prune(merged, previous.set, owners, schema) : merged) as KObject;
  settleOwnership(managed, applierId, compareFields(resource, base, result), force);
  applier.set = strip(applier.set);
  // The time moves when the object changed (managedFieldsUpdater.Apply).
  const time = live && jsonEqual(live, result) ? previous?.time : k8sTime();
  if (time) applier.time = time;
  const body: KObject = { ...result, metadata: isObject(result.metadata) ? { ...result.metadata } : {} };
  checkName(body, route);
  const fields: FieldTracking = { operation: 'Apply', managedFields: encodeManaged(managed) };
  return existing ? writers.update(route, body, fields) : writers.create(route, body, fields);
}
