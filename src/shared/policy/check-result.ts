import type { PodMetadata, PodSpec } from './pod-model.js';

/**
 * The outcome of one check, as `CheckResult` in upstream `policy/checks.go`:
 * when not allowed, a short `reason` and an optional `detail`.
 */
export type CheckResult = { allowed: true } | { allowed: false; reason: string; detail: string };

/** Evaluation switches that upstream keeps in process-wide state. */
export interface CheckOptions {
  /**
   * Upstream 1.32 `RelaxPolicyForUserNamespacePods` (`policy/helpers.go`), turned on
   * by the alpha feature gate `UserNamespacesPodSecurityStandards` (off by default):
   * pods with `hostUsers: false` then pass `procMount`, `runAsNonRoot` and `runAsUser`.
   */
  relaxForUserNamespacePods: boolean;
}

/** A check function: upstream `CheckPodFn` (`func(*metav1.ObjectMeta, *corev1.PodSpec) CheckResult`). */
export type CheckPodFn = (metadata: PodMetadata, spec: PodSpec, options: CheckOptions) => CheckResult;

/** The result of an allowed check. */
export const ALLOWED: CheckResult = { allowed: true };

/** A forbidden result. */
export function forbidden(reason: string, detail: string): CheckResult {
  return { allowed: false, reason, detail };
}
