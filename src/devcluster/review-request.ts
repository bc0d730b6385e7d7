/**
 * The create-only review endpoints: SelfSubjectAccessReview and SelfSubjectRulesReview
 * (authorization.k8s.io/v1) and SelfSubjectReview (authentication.k8s.io/v1). Nothing is stored:
 * the answer (201 Created) is the request with `status` filled in from the requester's own user
 * and the devcluster's policy, as the real registries answer
 * (pkg/registry/authorization/selfsubjectaccessreview/rest.go, …/selfsubjectrulesreview/rest.go,
 * pkg/registry/authentication/selfsubjectreview/rest.go). Every authenticated user may create
 * them (system:basic-user), so the policy is not consulted for the create itself.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type NonResourceAttributes,
  type ResourceAttributes,
  reviewNonResourceAccess,
  reviewResourceAccess,
  rulesFor,
} from './access-review.js';
import type { PolicyRule } from './auth.js';
import type { Counters } from './counters.js';
import { send, sendStatus } from './http-response.js';
import { checkContentType, isObject, mediaType, parseObjectBody, requireObject } from './request-body.js';
import { REVIEW_SCHEMAS } from './review-protobuf.js';
import * as S from './status.js';
import { k8sTime } from './types.js';
import type { UserInfo } from './user-info.js';

/** One review resource: where it is served and what it is. */
export interface ReviewEndpoint {
  group: 'authorization.k8s.io' | 'authentication.k8s.io';
  resource: 'selfsubjectaccessreviews' | 'selfsubjectrulesreviews' | 'selfsubjectreviews';
  kind: 'SelfSubjectAccessReview' | 'SelfSubjectRulesReview' | 'SelfSubjectReview';
}

const ENDPOINTS: ReviewEndpoint[] = [
  { group: 'authorization.k8s.io', resource: 'selfsubjectaccessreviews', kind: 'SelfSubjectAccessReview' },
  { group: 'authorization.k8s.io', resource: 'selfsubjectrulesreviews', kind: 'SelfSubjectRulesReview' },
  { group: 'authentication.k8s.io', resource: 'selfsubjectreviews', kind: 'SelfSubjectReview' },
];

/** The review a path addresses (`/apis/authorization.k8s.io/v1/selfsubjectaccessreviews` …), if any. */
export function reviewOf(path: string): ReviewEndpoint | undefined {
  return ENDPOINTS.find((e) => path === `/apis/${e.group}/v1/${e.resource}`);
}

/** What the review endpoints need. */
export interface ReviewDeps {
  policy: PolicyRule[] | undefined;
  counters: Counters;
}

/** A request on a review path, after authentication. */
export interface ReviewRequest {
  req: IncomingMessage;
  res: ServerResponse;
  endpoint: ReviewEndpoint;
  method: string;
  body: Buffer;
  user: UserInfo;
}

const RESOURCE_FIELDS = ['namespace', 'verb', 'group', 'version', 'resource', 'subresource', 'name'] as const;

/** The non-empty string fields of `o` among `fields` (what decoding into the Go type and re-encoding keeps). */
function strings<K extends string>(
  o: Record<string, unknown>,
  fields: readonly K[],
): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const f of fields) if (typeof o[f] === 'string' && o[f] !== '') out[f] = o[f] as string;
  return out;
}

function isEmptyValue(v: unknown): boolean {
  return (
    v === undefined ||
    v === null ||
    v === '' ||
    (Array.isArray(v) && v.length === 0) ||
    (isObject(v) && Object.values(v).every(isEmptyValue))
  );
}

/** pkg/apis/authorization/validation ValidateSelfSubjectAccessReview, then the authorizer's decision. */
function accessReview(deps: ReviewDeps, user: UserInfo, obj: ReturnType<typeof requireObject>): unknown {
  const spec = isObject(obj.spec) ? obj.spec : {};
  const ra = isObject(spec.resourceAttributes)
    ? {
        ...strings(spec.resourceAttributes, RESOURCE_FIELDS),
        ...(isObject(spec.resourceAttributes.fieldSelector)
          ? { fieldSelector: spec.resourceAttributes.fieldSelector }
          : {}),
        ...(isObject(spec.resourceAttributes.labelSelector)
          ? { labelSelector: spec.resourceAttributes.labelSelector }
          : {}),
      }
    : undefined;
  const nra = isObject(spec.nonResourceAttributes)
    ? strings(spec.nonResourceAttributes, ['path', 'verb'])
    : undefined;
  const errs: S.FieldError[] = [];
  if (ra && nra) {
    errs.push({
      type: 'FieldValueInvalid',
      field: 'spec.nonResourceAttributes',
      // Go's %#v of the internal type, what field.Error prints for a struct without String().
      value: `authorization.NonResourceAttributes{Path:${JSON.stringify(nra.path ?? '')}, Verb:${JSON.stringify(nra.verb ?? '')}}`,
      detail: 'cannot be specified in combination with resourceAttributes',
    });
  }
  if (!ra && !nra) {
    errs.push({
      type: 'FieldValueInvalid',
      field: 'spec.resourceAttributes',
      value: 'null',
      detail: 'exactly one of nonResourceAttributes or resourceAttributes must be specified',
    });
  }
  if (!isEmptyValue(obj.metadata)) {
    errs.push({ type: 'FieldValueInvalid', field: 'metadata', value: obj.metadata, detail: 'must be empty' });
  }
  if (errs.length > 0)
    throw new S.StatusError(
      S.invalid({ group: 'authorization.k8s.io', kind: 'SelfSubjectAccessReview' }, '', errs),
    );
  const decision = ra
    ? reviewResourceAccess(deps.policy, user, ra as ResourceAttributes)
    : reviewNonResourceAccess(deps.policy, user, nra as NonResourceAttributes);
  return {
    metadata: { creationTimestamp: null },
    spec: ra ? { resourceAttributes: ra } : { nonResourceAttributes: nra },
    // `denied` stays false (omitted): RBAC only allows or has no opinion.
    status: { allowed: decision.allowed, ...(decision.reason ? { reason: decision.reason } : {}) },
  };
}

function rulesReview(deps: ReviewDeps, user: UserInfo, obj: ReturnType<typeof requireObject>): unknown {
  const spec = isObject(obj.spec) ? obj.spec : {};
  const namespace = typeof spec.namespace === 'string' ? spec.namespace : '';
  if (namespace === '') throw new S.StatusError(S.badRequest('no namespace on request'));
  // The registry answers a new object: the spec is not echoed. EKS authorizes with Node, RBAC
  // and a webhook (access entries); the union rule resolver returns RBAC's rules, marked
  // incomplete with the webhook's error (apiserver/plugin/pkg/authorizer/webhook RulesFor).
  return {
    metadata: { creationTimestamp: null },
    spec: {},
    status: {
      ...rulesFor(deps.policy, user, namespace),
      incomplete: true,
      evaluationError: 'webhook authorizer does not support user rule resolution',
    },
  };
}

function selfReview(user: UserInfo): unknown {
  return {
    metadata: { creationTimestamp: k8sTime() },
    status: {
      userInfo: {
        username: user.username,
        ...(user.uid ? { uid: user.uid } : {}),
        ...(user.groups.length > 0 ? { groups: user.groups } : {}),
        ...(user.extra && Object.keys(user.extra).length > 0 ? { extra: user.extra } : {}),
      },
    },
  };
}

/** Answers a review: 201 with the filled-in object, or the API server's error Status. */
export function serveReview(deps: ReviewDeps, r: ReviewRequest): void {
  const { endpoint: e } = r;
  let code = 0;
  try {
    if (r.method !== 'POST') throw new S.StatusError(S.methodNotAllowed());
    const ctype = mediaType(r.req.headers['content-type']);
    checkContentType('create', ctype);
    const obj = requireObject(parseObjectBody(r.body, ctype, REVIEW_SCHEMAS));
    if (obj.kind !== undefined && obj.kind !== e.kind) {
      throw new S.StatusError(
        S.badRequest(
          `the object provided is unrecognized (kind ${String(obj.kind)} does not match expected ${e.kind})`,
        ),
      );
    }
    const filled =
      e.kind === 'SelfSubjectAccessReview'
        ? accessReview(deps, r.user, obj)
        : e.kind === 'SelfSubjectRulesReview'
          ? rulesReview(deps, r.user, obj)
          : selfReview(r.user);
    code = 201;
    send(r.res, 201, { kind: e.kind, apiVersion: `${e.group}/v1`, ...(filled as object) });
  } catch (err) {
    const status =
      err instanceof S.StatusError
        ? err.status
        : S.internalError(err instanceof Error ? err.message : String(err));
    code = status.code;
    sendStatus(r.res, status);
  } finally {
    deps.counters.record(r.method === 'POST' ? 'create' : r.method.toLowerCase(), e.resource, code);
  }
}
