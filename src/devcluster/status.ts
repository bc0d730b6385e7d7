/**
 * Builders for metav1.Status error bodies with the messages the real API server writes.
 * Message formats follow k8s.io/apimachinery/pkg/api/errors/errors.go and
 * k8s.io/apimachinery/pkg/util/validation/field/errors.go.
 */

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

/** A group/resource pair such as `{group: 'batch', resource: 'jobs'}`. */
export interface GroupResource {
  group: string;
  resource: string;
}

/** A group/kind pair such as `{group: 'batch', kind: 'Job'}`. */
export interface GroupKind {
  group: string;
  kind: string;
}

/** Thrown by handlers; the server renders `status` as the response. */
export class StatusError extends Error {
  constructor(
    readonly status: Status,
    readonly headers: Record<string, string> = {},
  ) {
    super(status.message ?? status.reason ?? 'error');
  }
}

function qualifiedResource(gr: GroupResource): string {
  return gr.group ? `${gr.resource}.${gr.group}` : gr.resource;
}

function details(gr: GroupResource, name?: string): StatusDetails {
  const d: StatusDetails = {};
  if (name) d.name = name;
  if (gr.group) d.group = gr.group;
  d.kind = gr.resource;
  return d;
}

function failure(code: number, reason: string, message: string, d?: StatusDetails): Status {
  const s: Status = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    code,
  };
  if (d) s.details = d;
  return s;
}

export function notFound(gr: GroupResource, name: string): Status {
  return failure(404, 'NotFound', `${qualifiedResource(gr)} "${name}" not found`, details(gr, name));
}

export function alreadyExists(gr: GroupResource, name: string): Status {
  return failure(
    409,
    'AlreadyExists',
    `${qualifiedResource(gr)} "${name}" already exists`,
    details(gr, name),
  );
}

/**
 * Creating an object whose previous incarnation is still being deleted: the generic registry
 * prefixes the AlreadyExists message (k8s.io/apiserver/pkg/registry/generic/registry/store.go).
 */
export function beingDeleted(gr: GroupResource, name: string): Status {
  const s = alreadyExists(gr, name);
  s.message = `object is being deleted: ${s.message}`;
  return s;
}

export function conflict(gr: GroupResource, name: string, why: string): Status {
  return failure(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource(gr)} "${name}": ${why}`,
    details(gr, name),
  );
}

export function forbidden(gr: GroupResource, name: string, why: string, causes?: StatusCause[]): Status {
  const q = qualifiedResource(gr);
  const message = name ? `${q} "${name}" is forbidden: ${why}` : `${q} is forbidden: ${why}`;
  const d = details(gr, name);
  if (causes) d.causes = causes;
  return failure(403, 'Forbidden', message, d);
}

/** A field error in the shape of field.Error. */
export interface FieldError {
  type:
    | 'FieldValueInvalid'
    | 'FieldValueRequired'
    | 'FieldValueNotSupported'
    | 'FieldValueForbidden'
    | 'FieldValueTooLong'
    | 'FieldValueDuplicate';
  field: string;
  /** Omitted for Required/Forbidden. */
  value?: unknown;
  detail?: string;
  supported?: string[];
}

function formatValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** field.Error.ErrorBody(): the text after `field: `. */
export function fieldErrorBody(e: FieldError): string {
  switch (e.type) {
    case 'FieldValueRequired':
      return e.detail ? `Required value: ${e.detail}` : 'Required value';
    case 'FieldValueForbidden':
      return e.detail ? `Forbidden: ${e.detail}` : 'Forbidden';
    case 'FieldValueNotSupported': {
      const base = `Unsupported value: ${formatValue(e.value)}`;
      return e.supported ? `${base}: supported values: ${e.supported.map((s) => `"${s}"`).join(', ')}` : base;
    }
    case 'FieldValueDuplicate':
      return `Duplicate value: ${formatValue(e.value)}`;
    case 'FieldValueTooLong':
      return `Too long: ${e.detail ?? ''}`;
    default:
      return e.detail
        ? `Invalid value: ${formatValue(e.value)}: ${e.detail}`
        : `Invalid value: ${formatValue(e.value)}`;
  }
}

/** 422 Invalid, as errors.NewInvalid builds it: one error inline, several in brackets. */
export function invalid(gk: GroupKind, name: string, errs: FieldError[]): Status {
  const qualifiedKind = gk.group ? `${gk.kind}.${gk.group}` : gk.kind;
  const texts = errs.map((e) => `${e.field}: ${fieldErrorBody(e)}`);
  const agg = texts.length === 1 ? texts[0] : `[${texts.join(', ')}]`;
  const d: StatusDetails = { name };
  if (gk.group) d.group = gk.group;
  d.kind = gk.kind;
  d.causes = errs.map((e) => ({ reason: e.type, message: fieldErrorBody(e), field: e.field }));
  return failure(422, 'Invalid', `${qualifiedKind} "${name}" is invalid: ${agg}`, d);
}

export function badRequest(message: string): Status {
  return failure(400, 'BadRequest', message);
}

export function unauthorized(): Status {
  return failure(401, 'Unauthorized', 'Unauthorized');
}

/**
 * A 429 Status as errors.NewTooManyRequests builds it (registry and storage throttling). API
 * Priority and Fairness answers plain text instead; the server renders that itself.
 */
export function tooManyRequests(
  retryAfterSeconds: number,
  message = 'Too many requests, please try again later.',
): Status {
  return failure(429, 'TooManyRequests', message, { retryAfterSeconds });
}

export function internalError(message: string): Status {
  return failure(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] });
}

export function serviceUnavailable(message: string): Status {
  return failure(503, 'ServiceUnavailable', message);
}

export function methodNotAllowed(): Status {
  return failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
}

export function unsupportedMediaType(accepted: string[]): Status {
  return failure(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
  );
}

/** A watch or continue token older than the retained history. */
export function expired(message: string): Status {
  return failure(410, 'Expired', message);
}

export function resourceNotFound(): Status {
  return failure(404, 'NotFound', 'the server could not find the requested resource', {});
}

/**
 * What a delete answers when the object is gone at once and its store does not return deleted
 * objects (Jobs; not Pods or Namespaces): a Success Status whose details carry the uid, and no
 * `code` (k8s.io/apiserver/pkg/registry/generic/registry/store.go, finalizeDelete).
 */
export function deleted(gr: GroupResource, name: string, uid: string | undefined): Omit<Status, 'code'> {
  const d = details(gr, name);
  if (uid) d.uid = uid;
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: d };
}
