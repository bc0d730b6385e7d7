/**
 * Kubernetes Pod Security Admission (PSA) evaluation, deciding as the upstream
 * `k8s.io/pod-security-admission` library does at version `latest` = Kubernetes
 * 1.32 (module tag v0.32.x): which checks run is in `check-registry.ts`, the
 * checks in `baseline-checks.ts` and `restricted-checks.ts`, the decoding of
 * untyped JSON in `pod-model.ts`. Pure: no I/O, never throws.
 *
 * Levels and ordering follow the Pod Security Standards
 * (https://kubernetes.io/docs/concepts/security/pod-security-standards/).
 */
import { BASELINE_CHECKS, RESTRICTED_CHECKS } from './check-registry.js';
import type { CheckOptions } from './check-result.js';
import { decodePodMetadata, decodePodSpec, PodDecodeError } from './pod-model.js';

export type { PodTemplate } from './pod-template.js';
export { podTemplateOf } from './pod-template.js';

/** A Pod Security Standards level. */
export type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';

/** The levels from least to most strict. */
export const POD_SECURITY_LEVELS: readonly PodSecurityLevel[] = ['privileged', 'baseline', 'restricted'];

/**
 * One failed check.
 * - `check`: the upstream check ID (`privileged`, `hostNamespaces`, `capabilities_restricted`, …),
 *   or `decode` when the pod could not be decoded (see {@link evaluatePodSecurity}).
 * - `message`: the upstream forbidden reason, followed by ` (detail)` when the
 *   detail is not empty — how `AggregateCheckResult.ForbiddenDetail()` renders
 *   each failure in the admission webhook's message, e.g.
 *   `privileged (container "c" must not set securityContext.privileged=true)`.
 */
export interface Violation {
  check: string;
  message: string;
}

/** Options of {@link evaluatePodSecurity}. */
export interface EvaluateOptions {
  /**
   * Reproduce the 1.32 alpha feature gate `UserNamespacesPodSecurityStandards`
   * (off by default, as upstream): pods with `spec.hostUsers: false` then pass
   * `procMount`, `runAsNonRoot` and `runAsUser`.
   */
  relaxForUserNamespacePods?: boolean;
}

/** The check ID reported when the input cannot be decoded as a Pod. */
export const DECODE_CHECK_ID = 'decode';

function rank(level: PodSecurityLevel): number {
  return POD_SECURITY_LEVELS.indexOf(level);
}

/** Whether level `a` is strictly stricter than level `b` (`restricted` > `baseline` > `privileged`). */
export function isStricter(a: PodSecurityLevel, b: PodSecurityLevel): boolean {
  return rank(a) > rank(b);
}

/** The stricter of two levels. */
export function stricterLevel(a: PodSecurityLevel, b: PodSecurityLevel): PodSecurityLevel {
  return isStricter(b, a) ? b : a;
}

function message(reason: string, detail: string): string {
  // Upstream AggregateCheckResults: an empty reason becomes "unknown forbidden reason".
  const r = reason.length === 0 ? 'unknown forbidden reason' : reason;
  return detail.length === 0 ? r : `${r} (${detail})`;
}

/**
 * Evaluates a pod (its metadata and spec, as untyped JSON) against a level and
 * returns the failed checks in upstream order (baseline check IDs sorted, then
 * restricted ones); an empty array means the pod is allowed.
 *
 * - `privileged` allows everything without looking at the input (as upstream,
 *   which returns before decoding).
 * - `restricted` runs all baseline checks except the three it replaces by
 *   stricter ones, as upstream: `hostPathVolumes` → `restrictedVolumes`,
 *   `capabilities_baseline` → `capabilities_restricted`,
 *   `seccompProfile_baseline` → `seccompProfile_restricted`.
 * - `undefined`/`null` metadata or spec are Go's zero values (no annotations,
 *   no containers).
 * - A field PSA reads with the wrong JSON type is a Go decoding failure, for
 *   which upstream admission denies the pod ("failed to decode object"): this
 *   returns the single violation `{check: 'decode', message: 'failed to decode pod (<path>: expected <type>, got <type>)'}`.
 */
export function evaluatePodSecurity(
  level: PodSecurityLevel,
  podMetadata: { annotations?: unknown; labels?: unknown } | undefined,
  podSpec: unknown,
  options: EvaluateOptions = {},
): Violation[] {
  if (level !== 'baseline' && level !== 'restricted') return [];
  const checkOptions: CheckOptions = {
    relaxForUserNamespacePods: options.relaxForUserNamespacePods === true,
  };
  try {
    const metadata = decodePodMetadata(podMetadata);
    const spec = decodePodSpec(podSpec);
    const violations: Violation[] = [];
    for (const check of level === 'baseline' ? BASELINE_CHECKS : RESTRICTED_CHECKS) {
      const result = check.run(metadata, spec, checkOptions);
      if (!result.allowed)
        violations.push({ check: check.id, message: message(result.reason, result.detail) });
    }
    return violations;
  } catch (err) {
    // Fail closed: an undecodable pod (or, defensively, any unexpected error) is denied.
    const detail = err instanceof PodDecodeError ? err.message : 'unexpected input';
    return [{ check: DECODE_CHECK_ID, message: `failed to decode pod (${detail})` }];
  }
}

/**
 * Upstream `AggregateCheckResult.ForbiddenDetail()` (`policy/checks.go`) of one evaluation: the
 * violations' messages joined with `, `, as the admission plugin writes them after
 * `violates PodSecurity "restricted:latest": `, e.g. `allowPrivilegeEscalation != false
 * (container "c" must set securityContext.allowPrivilegeEscalation=false), unrestricted
 * capabilities (…)`. Empty for no violations.
 */
export function forbiddenDetail(violations: readonly Violation[]): string {
  return violations.map((v) => v.message).join(', ');
}
