/**
 * The PodSecurity admission plugin of the API server, with the built-in defaults (every mode
 * `privileged:latest`) and no exemptions, as EKS runs it. What it decides and writes follows
 * `plugin/pkg/admission/security/podsecurity/admission.go` and its delegate
 * `staging/src/k8s.io/pod-security-admission/admission/admission.go` (+ `response.go`) at
 * v0.32 (Kubernetes 1.32):
 *
 * - pods (create): `ValidatePod` — a fully privileged namespace allows at once; otherwise a pod
 *   violating the `enforce` level is refused, 403 `pods "<name>" is forbidden: violates PodSecurity
 *   "<level>:<version>": <ForbiddenDetail>` (apierrors.NewForbidden of `forbiddenResponse`); an
 *   allowed pod violating the `warn` level gets `would violate PodSecurity …` as a warning;
 * - Jobs (create, update; not their `status`): `ValidatePodController` — never refused; when
 *   the pod template violates the `warn` level (which defaults to the `enforce` level, see
 *   `policyToEvaluate`), the answer carries `Warning: 299 - "would violate PodSecurity …"`;
 * - namespaces (create, update; not subresources): `ValidateNamespace` — unparsable
 *   `pod-security.kubernetes.io/*` labels are refused, 422 Invalid, on create and when an update
 *   changes the errors.
 *
 * The checks are `src/shared/policy` (Kubernetes 1.32's), whatever the label's version.
 */
import {
  type EvaluatedNamespacePolicy,
  isFullyPrivileged,
  type LevelVersion,
  levelVersionString,
  type PolicyLabelError,
  policyToEvaluate,
} from '../shared/policy/namespace-policy.js';
import {
  DECODE_CHECK_ID,
  evaluatePodSecurity,
  forbiddenDetail,
  podTemplateOf,
  type Violation,
} from '../shared/policy/pod-security.js';
import * as S from './status.js';
import type { Job, Namespace, Pod } from './types.js';
import { addWarning } from './warnings.js';

/** The namespace's policy (privileged:latest everywhere for a namespace without labels). */
export function namespacePolicy(ns: Namespace | undefined): EvaluatedNamespacePolicy {
  return policyToEvaluate(ns?.metadata.labels);
}

type Metadata = { annotations?: unknown; labels?: unknown } | undefined;

/** `EvaluatePod`'s evaluations, each level:version evaluated once (upstream `cachedResults`). */
function evaluator(metadata: Metadata, spec: unknown): (lv: LevelVersion) => Violation[] {
  const cache = new Map<string, Violation[]>();
  return (lv) => {
    // Every version is evaluated with the 1.32 checks the shared module implements.
    let v = cache.get(lv.level);
    if (!v) {
      v = evaluatePodSecurity(lv.level, metadata, spec);
      cache.set(lv.level, v);
    }
    return v;
  };
}

function wouldViolate(lv: LevelVersion, violations: Violation[]): string | undefined {
  // A template the shared module cannot decode is one the real server's decoder refused before
  // admission; there is no PSA warning to reproduce for it.
  if (violations.length === 0 || violations.some((v) => v.check === DECODE_CHECK_ID)) return undefined;
  return `would violate PodSecurity "${levelVersionString(lv)}": ${forbiddenDetail(violations)}`;
}

/**
 * `ValidatePod` for a pod create in `ns`: the 403 Status refusing it, or undefined when it is
 * admitted (its warning, if any, is given to `warn`). The pod's name must be set (a generated
 * name is filled in before validating admission runs, `rest.AdmissionToValidateObjectFunc`).
 */
export function admitPod(
  ns: Namespace | undefined,
  pod: Pod,
  warn: (text: string) => void = () => {},
): S.Status | undefined {
  const { policy, errors } = namespacePolicy(ns);
  if (errors.length === 0 && isFullyPrivileged(policy)) return undefined;
  const evaluate = evaluator(pod.metadata, pod.spec);
  const enforced = evaluate(policy.enforce);
  if (enforced.length > 0) {
    return S.forbidden(
      { group: '', resource: 'pods' },
      pod.metadata.name ?? '',
      `violates PodSecurity "${levelVersionString(policy.enforce)}": ${forbiddenDetail(enforced)}`,
    );
  }
  const warning = wouldViolate(policy.warn, evaluate(policy.warn));
  if (warning) warn(warning);
  return undefined;
}

/**
 * `ValidatePodController` for a Job create or update (not its status) in `ns`: adds the
 * `would violate PodSecurity` warning to `headers` when the Job's pod template violates the
 * namespace's `warn` level. Never refuses.
 */
export function warnPodController(
  ns: Namespace | undefined,
  job: Job,
  headers: Record<string, string>,
): void {
  const { policy, errors } = namespacePolicy(ns);
  if (errors.length === 0 && policy.warn.level === 'privileged' && policy.audit.level === 'privileged')
    return;
  const template = podTemplateOf({ ...job, apiVersion: 'batch/v1', kind: 'Job' });
  if (!template) return;
  const warning = wouldViolate(policy.warn, evaluator(template.metadata, template.spec)(policy.warn));
  if (warning) addWarning(headers, warning);
}

function labelErrors(errors: PolicyLabelError[]): S.FieldError[] {
  return errors.map((e) => ({
    type: 'FieldValueInvalid',
    field: `metadata.labels[${e.label}]`,
    value: e.value,
    detail: e.detail,
  }));
}

/**
 * `ValidateNamespace` for a namespace create (`old` undefined) or update: the 422 Status
 * refusing unparsable `pod-security.kubernetes.io/*` labels, or undefined. An update is refused
 * only when its label errors differ from the old object's.
 */
export function admitNamespace(ns: Namespace, old?: Namespace): S.Status | undefined {
  const next = namespacePolicy(ns).errors;
  if (next.length === 0) return undefined;
  if (old && JSON.stringify(namespacePolicy(old).errors) === JSON.stringify(next)) return undefined;
  return S.invalid({ group: '', kind: 'Namespace' }, ns.metadata.name ?? '', labelErrors(next));
}
