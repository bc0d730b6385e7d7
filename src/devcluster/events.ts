/**
 * Event objects as the API server serves them. They are stored in their core/v1 form; the
 * events.k8s.io/v1 group serves the same objects converted (pkg/apis/events/v1/conversion.go:
 * `regarding` ↔ `involvedObject`, `note` ↔ `message`, `deprecatedSource` ↔ `source`,
 * `deprecatedFirstTimestamp`/`deprecatedLastTimestamp`/`deprecatedCount` ↔ `firstTimestamp`/
 * `lastTimestamp`/`count`, `reportingController` ↔ `reportingComponent`). Validation follows
 * pkg/apis/core/validation/events.go, the selectable fields pkg/registry/core/event/strategy.go
 * (ToSelectableFields) and the field label conversions of both groups.
 */
import { isObject } from './request-body.js';
import type * as S from './status.js';
import type { KObject } from './types.js';

/** The group serving core Events in the new representation. */
export const EVENTS_GROUP = 'events.k8s.io';

/** Field selectors of core/v1 events (pkg/apis/core/v1 AddFieldLabelConversionsForEvent). */
export const EVENT_FIELD_LABELS = [
  'involvedObject.kind',
  'involvedObject.namespace',
  'involvedObject.name',
  'involvedObject.uid',
  'involvedObject.apiVersion',
  'involvedObject.resourceVersion',
  'involvedObject.fieldPath',
  'reason',
  'reportingComponent',
  'source',
  'type',
  'metadata.namespace',
  'metadata.name',
];

/** events.k8s.io/v1 field selectors → the core fields they select (pkg/apis/events/v1/conversion.go). */
export const EVENTS_V1_FIELD_LABELS: Record<string, string> = {
  reason: 'reason',
  'regarding.kind': 'involvedObject.kind',
  'regarding.namespace': 'involvedObject.namespace',
  'regarding.name': 'involvedObject.name',
  'regarding.uid': 'involvedObject.uid',
  'regarding.apiVersion': 'involvedObject.apiVersion',
  'regarding.resourceVersion': 'involvedObject.resourceVersion',
  'regarding.fieldPath': 'involvedObject.fieldPath',
  reportingController: 'reportingComponent',
  source: 'source',
  type: 'type',
  'metadata.namespace': 'metadata.namespace',
  'metadata.name': 'metadata.name',
};

/** The value of a selectable field: `source` falls back to the reporting controller. */
export function eventFieldValue(event: KObject, field: string): string | undefined {
  if (field === 'source') {
    const component = isObject(event.source) ? event.source.component : undefined;
    return typeof component === 'string' && component !== ''
      ? component
      : String(event.reportingComponent ?? '');
  }
  if (field === 'reportingComponent') return String(event.reportingComponent ?? '');
  return undefined;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const obj = (v: unknown): Record<string, unknown> => (isObject(v) ? v : {});
/**
 * metav1.Time (RFC 3339 in seconds, UTC) and, with `micro`, metav1.MicroTime (microseconds): the
 * form the server writes whatever the client sent; a zero (or unreadable) time is written as null.
 */
function time(v: unknown, micro = false): string | null {
  const ms = typeof v === 'string' ? Date.parse(v) : Number.NaN;
  if (!Number.isFinite(ms)) return null;
  const seconds = new Date(ms).toISOString().slice(0, 19);
  if (!micro) return `${seconds}Z`;
  const fraction = /T[^.]*\.(\d+)/.exec(v as string)?.[1] ?? '';
  return `${seconds}.${fraction.slice(0, 6).padEnd(6, '0')}Z`;
}

/**
 * An Event in its core/v1 JSON form, as a real server writes it: struct order, `omitempty`
 * fields left out when empty, `reportingComponent`/`reportingInstance` always present (no
 * `omitempty` in k8s.io/api/core/v1), zero times as null.
 */
export function coreEvent(body: Record<string, unknown>, metadata: KObject['metadata']): KObject {
  const out: KObject = {
    apiVersion: 'v1',
    kind: 'Event',
    metadata,
    involvedObject: obj(body.involvedObject),
  };
  if (str(body.reason)) out.reason = body.reason;
  if (str(body.message)) out.message = body.message;
  out.source = obj(body.source);
  out.firstTimestamp = time(body.firstTimestamp);
  out.lastTimestamp = time(body.lastTimestamp);
  if (typeof body.count === 'number' && body.count !== 0) out.count = body.count;
  if (str(body.type)) out.type = body.type;
  out.eventTime = time(body.eventTime, true);
  if (isObject(body.series)) out.series = body.series;
  if (str(body.action)) out.action = body.action;
  if (isObject(body.related)) out.related = body.related;
  out.reportingComponent = str(body.reportingComponent);
  out.reportingInstance = str(body.reportingInstance);
  return out;
}

/** The events.k8s.io/v1 form of a stored (core) Event. */
export function toEventsV1(event: KObject): KObject {
  const out: KObject = {
    apiVersion: `${EVENTS_GROUP}/v1`,
    kind: 'Event',
    metadata: event.metadata,
    eventTime: time(event.eventTime, true),
  };
  if (isObject(event.series)) out.series = event.series;
  if (str(event.reportingComponent)) out.reportingController = event.reportingComponent;
  if (str(event.reportingInstance)) out.reportingInstance = event.reportingInstance;
  if (str(event.action)) out.action = event.action;
  if (str(event.reason)) out.reason = event.reason;
  out.regarding = obj(event.involvedObject);
  if (isObject(event.related)) out.related = event.related;
  if (str(event.message)) out.note = event.message;
  if (str(event.type)) out.type = event.type;
  out.deprecatedSource = obj(event.source);
  out.deprecatedFirstTimestamp = time(event.firstTimestamp);
  out.deprecatedLastTimestamp = time(event.lastTimestamp);
  if (typeof event.count === 'number' && event.count !== 0) out.deprecatedCount = event.count;
  return out;
}

/** A body written through events.k8s.io/v1, in the core field names. */
export function fromEventsV1(body: Record<string, unknown>): Record<string, unknown> {
  return {
    metadata: body.metadata,
    involvedObject: body.regarding,
    reason: body.reason,
    message: body.note,
    source: body.deprecatedSource,
    firstTimestamp: body.deprecatedFirstTimestamp,
    lastTimestamp: body.deprecatedLastTimestamp,
    count: body.deprecatedCount,
    type: body.type,
    eventTime: body.eventTime,
    series: body.series,
    action: body.action,
    related: body.related,
    reportingComponent: body.reportingController,
    reportingInstance: body.reportingInstance,
  };
}

const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function tooLong(field: string, value: unknown, limit: number): S.FieldError[] {
  return str(value).length > limit
    ? [{ type: 'FieldValueInvalid', field, value: '', detail: `can have at most ${limit} characters` }]
    : [];
}

function required(field: string, value: unknown): S.FieldError[] {
  return str(value) === '' ? [{ type: 'FieldValueRequired', field }] : [];
}

/** legacyValidateEvent: what every Event write must pass, whichever group it came through. */
function legacyErrors(event: KObject): S.FieldError[] {
  const errs: S.FieldError[] = [];
  const ns = event.metadata.namespace ?? '';
  const involvedNs = str(obj(event.involvedObject).namespace);
  const mismatch: S.FieldError = {
    type: 'FieldValueInvalid',
    field: 'involvedObject.namespace',
    value: involvedNs,
    detail: 'does not match event.namespace',
  };
  if (event.eventTime === null) {
    if (involvedNs === '' ? ns !== '' && ns !== 'default' : ns !== involvedNs) errs.push(mismatch);
  } else {
    if (involvedNs === '' && ns !== 'default' && ns !== 'kube-system') errs.push(mismatch);
    const controller = str(event.reportingComponent);
    errs.push(...required('reportingController', controller));
    if (controller !== '' && !QUALIFIED_NAME.test(controller.slice(controller.lastIndexOf('/') + 1)))
      errs.push({
        type: 'FieldValueInvalid',
        field: 'reportingController',
        value: controller,
        detail:
          "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      });
    errs.push(...required('reportingInstance', event.reportingInstance));
    errs.push(...tooLong('reportingInstance', event.reportingInstance, 128));
    errs.push(...required('action', event.action), ...tooLong('action', event.action, 128));
    errs.push(...required('reason', event.reason), ...tooLong('reason', event.reason, 128));
    errs.push(...tooLong('message', event.message, 1024));
  }
  return errs;
}

/**
 * ValidateEventCreate (or the metadata part of the generic create): core/v1 writes get the legacy
 * checks only; events.k8s.io/v1 writes must also set `eventTime` and a Normal/Warning `type`,
 * and leave the deprecated fields unset.
 */
export function validateEvent(event: KObject, group: string): S.FieldError[] {
  const errs: S.FieldError[] = [];
  const name = event.metadata.name ?? '';
  if (name === '')
    errs.push({
      type: 'FieldValueRequired',
      field: 'metadata.name',
      detail: 'name or generateName is required',
    });
  else if (name.length > 253 || !DNS1123_SUBDOMAIN.test(name))
    errs.push({
      type: 'FieldValueInvalid',
      field: 'metadata.name',
      value: name,
      detail:
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    });
  errs.push(...legacyErrors(event));
  if (group !== EVENTS_GROUP) return errs;
  if (event.eventTime === null) errs.push({ type: 'FieldValueRequired', field: 'eventTime' });
  if (event.type !== 'Normal' && event.type !== 'Warning')
    errs.push({
      type: 'FieldValueInvalid',
      field: 'type',
      value: '',
      detail: `has invalid value: ${str(event.type)}`,
    });
  const unset = (field: string, isSet: boolean) => {
    if (isSet) errs.push({ type: 'FieldValueInvalid', field, value: '', detail: 'needs to be unset' });
  };
  unset('firstTimestamp', event.firstTimestamp !== null);
  unset('lastTimestamp', event.lastTimestamp !== null);
  unset('count', typeof event.count === 'number' && event.count !== 0);
  const source = obj(event.source);
  unset('source', str(source.component) !== '' || str(source.host) !== '');
  return errs;
}
