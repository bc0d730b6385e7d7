/**
 * The Pod Security Admission policy of a namespace, read from its `pod-security.kubernetes.io/*`
 * labels exactly as upstream `k8s.io/pod-security-admission` v0.32 (`api/helpers.go`
 * `PolicyToEvaluate`, `ParseLevel`, `ParseVersion`; label names in `api/constants.go`) reads
 * them. Pure: no I/O, never throws.
 */
import { POD_SECURITY_LEVELS, type PodSecurityLevel } from './pod-security.js';

const LABEL_PREFIX = 'pod-security.kubernetes.io/';

/** The labels a namespace's policy is read from (upstream `api/constants.go`). */
export const POD_SECURITY_LABELS = {
  enforce: `${LABEL_PREFIX}enforce`,
  enforceVersion: `${LABEL_PREFIX}enforce-version`,
  audit: `${LABEL_PREFIX}audit`,
  auditVersion: `${LABEL_PREFIX}audit-version`,
  warn: `${LABEL_PREFIX}warn`,
  warnVersion: `${LABEL_PREFIX}warn-version`,
} as const;

/** A policy version: `latest` or `v1.<minor>` (upstream `api.Version`, rendered by its `String()`). */
export type PodSecurityVersion = 'latest' | `v1.${number}`;

/** A level at a version (upstream `api.LevelVersion`). */
export interface LevelVersion {
  level: PodSecurityLevel;
  version: PodSecurityVersion;
}

/** The three modes of a namespace's policy (upstream `api.Policy`). */
export interface NamespacePodSecurityPolicy {
  enforce: LevelVersion;
  audit: LevelVersion;
  warn: LevelVersion;
}

/**
 * One label that could not be parsed: upstream's `field.Invalid(metadata.labels[<label>], value,
 * detail)`, e.g. `{label: 'pod-security.kubernetes.io/enforce', value: 'strict', detail: 'must be
 * one of privileged, baseline, restricted'}`.
 */
export interface PolicyLabelError {
  label: string;
  value: string;
  detail: string;
}

/** The policy and the label errors of {@link policyToEvaluate}. */
export interface EvaluatedNamespacePolicy {
  policy: NamespacePodSecurityPolicy;
  errors: PolicyLabelError[];
}

/**
 * The API server's built-in defaults (no `PodSecurityConfiguration` given, as on EKS): every mode
 * `privileged:latest`, which is what a namespace without labels gets.
 */
export const DEFAULT_POD_SECURITY_POLICY: NamespacePodSecurityPolicy = {
  enforce: { level: 'privileged', version: 'latest' },
  audit: { level: 'privileged', version: 'latest' },
  warn: { level: 'privileged', version: 'latest' },
};

/** `LevelVersion.String()`: `restricted:latest`, `baseline:v1.25`. */
export function levelVersionString(lv: LevelVersion): string {
  return `${lv.level}:${lv.version}`;
}

/**
 * Upstream `ParseLevel`: one of the three levels; anything else is `restricted` with the error
 * `must be one of privileged, baseline, restricted`.
 */
export function parsePodSecurityLevel(value: string): { level: PodSecurityLevel; error?: string } {
  const level = POD_SECURITY_LEVELS.find((l) => l === value);
  if (level) return { level };
  return { level: 'restricted', error: `must be one of ${POD_SECURITY_LEVELS.join(', ')}` };
}

const VERSION = /^v1\.([0-9]|[1-9][0-9]*)$/;
// Go's strconv.Atoi fails beyond int64.
const MAX_INT64 = 9223372036854775807n;

/**
 * Upstream `ParseVersion`: `latest` or `v1.<minor>` (no leading zero, minor within int64);
 * anything else is `latest` with the error `must be "latest" or "v1.x"`.
 */
export function parsePodSecurityVersion(value: string): { version: PodSecurityVersion; error?: string } {
  if (value === 'latest') return { version: 'latest' };
  const match = VERSION.exec(value);
  if (!match || BigInt(match[1] as string) > MAX_INT64)
    return { version: 'latest', error: 'must be "latest" or "v1.x"' };
  return { version: value as PodSecurityVersion };
}

/**
 * Upstream `PolicyToEvaluate` (v0.32): the namespace's policy from its labels, each mode falling
 * back to `defaults` when its labels are absent.
 *
 * - An unparsable level is `restricted` for enforce (fail closed) and `privileged` for audit and
 *   warn (fail open); an unparsable version is `latest`. Each is reported in `errors`, in label
 *   order enforce, enforce-version, audit, audit-version, warn, warn-version.
 * - When `enforce` is set (and valid) to a level stricter than warn's and no `warn` label is set,
 *   warn takes the enforce level — and its version too unless `warn-version` is set.
 */
export function policyToEvaluate(
  labels: Readonly<Record<string, unknown>> | undefined,
  defaults: NamespacePodSecurityPolicy = DEFAULT_POD_SECURITY_POLICY,
): EvaluatedNamespacePolicy {
  const policy: NamespacePodSecurityPolicy = {
    enforce: { ...defaults.enforce },
    audit: { ...defaults.audit },
    warn: { ...defaults.warn },
  };
  const errors: PolicyLabelError[] = [];
  if (!labels) return { policy, errors };
  const read = (label: string): string | undefined => {
    if (!Object.hasOwn(labels, label)) return undefined;
    const v = labels[label];
    return typeof v === 'string' ? v : String(v);
  };
  const level = (label: string, failOpen: boolean): PodSecurityLevel | undefined => {
    const value = read(label);
    if (value === undefined) return undefined;
    const parsed = parsePodSecurityLevel(value);
    if (parsed.error === undefined) return parsed.level;
    errors.push({ label, value, detail: parsed.error });
    return failOpen ? 'privileged' : parsed.level;
  };
  const version = (label: string): PodSecurityVersion | undefined => {
    const value = read(label);
    if (value === undefined) return undefined;
    const parsed = parsePodSecurityVersion(value);
    if (parsed.error !== undefined) errors.push({ label, value, detail: parsed.error });
    return parsed.version;
  };

  const L = POD_SECURITY_LABELS;
  const enforceErrorsBefore = errors.length;
  const enforceLevel = level(L.enforce, false);
  const hasEnforceLevel = enforceLevel !== undefined && errors.length === enforceErrorsBefore;
  if (enforceLevel !== undefined) policy.enforce.level = enforceLevel;
  const enforceVersion = version(L.enforceVersion);
  if (enforceVersion !== undefined) policy.enforce.version = enforceVersion;
  const auditLevel = level(L.audit, true);
  if (auditLevel !== undefined) policy.audit.level = auditLevel;
  const auditVersion = version(L.auditVersion);
  if (auditVersion !== undefined) policy.audit.version = auditVersion;
  const warnLevel = level(L.warn, true);
  if (warnLevel !== undefined) policy.warn.level = warnLevel;
  const warnVersion = version(L.warnVersion);
  if (warnVersion !== undefined) policy.warn.version = warnVersion;

  const rank = (l: PodSecurityLevel) => POD_SECURITY_LEVELS.indexOf(l);
  if (warnLevel === undefined && hasEnforceLevel && rank(policy.enforce.level) > rank(policy.warn.level)) {
    policy.warn.level = policy.enforce.level;
    if (warnVersion === undefined) policy.warn.version = policy.enforce.version;
  }
  return { policy, errors };
}

/** Upstream `Policy.FullyPrivileged()`: every mode is `privileged`. */
export function isFullyPrivileged(policy: NamespacePodSecurityPolicy): boolean {
  return (
    policy.enforce.level === 'privileged' &&
    policy.audit.level === 'privileged' &&
    policy.warn.level === 'privileged'
  );
}
