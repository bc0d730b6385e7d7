import type { V1Job } from '@kubernetes/client-node';
import { DEFAULT_KEY_POLICY, type KeyPolicy } from '../../shared/api-keys/key-policy.js';
import { type ObjectWithMetadata, withLabels } from '../../shared/commands/labels.js';
import { newOperationId } from '../../shared/operations/index.js';
import {
  evaluatePodSecurity,
  type PodSecurityLevel,
  stricterLevel,
} from '../../shared/policy/pod-security.js';
import type { RouteContext } from '../context.js';
import type { ClusterClient, Principal } from '../deps.js';
import { ApiError } from '../errors.js';
import { buildJobOrThrow } from '../job-manifest.js';
import type { JobCreateBody } from '../schemas.js';
import { unsendableField } from './sendable.js';
import { checkWorkload, type Violation, withDefaultResources } from './workload-policy.js';

export type { Violation } from './workload-policy.js';

/** The policy of a principal; one without (the fallback seam, older principals) gets the default. */
export function policyOf(principal: Principal): KeyPolicy {
  return ((principal as { policy?: KeyPolicy }).policy ?? DEFAULT_KEY_POLICY) as KeyPolicy;
}

/** The Job with the key's default resources given to containers that set none. Pure. */
export function withKeyDefaults(principal: Principal, job: V1Job): V1Job {
  const template = job.spec?.template;
  if (!template) return job;
  const podSpec = withDefaultResources(policyOf(principal), template.spec);
  return podSpec === template.spec
    ? job
    : { ...job, spec: { ...job.spec!, template: { ...template, spec: podSpec as never } } };
}

/**
 * Decides a Job create against policy (docs/architecture.md §9): Pod Security at the stricter of
 * the key's level and the namespace's `enforce` label, exactly as Pod Security Admission decides
 * it, then the key's own rules (images, service accounts, node and ownership fields, resources
 * after the key's defaults). Answers every violation; none means the Job may be enqueued.
 */
export async function checkJob(
  ctx: RouteContext,
  principal: Principal,
  cluster: ClusterClient,
  namespace: string,
  job: V1Job,
): Promise<{ level: PodSecurityLevel; violations: Violation[] }> {
  const policy = policyOf(principal);
  const level = stricterLevel(
    policy.podSecurity,
    (await ctx.namespaceLevels(cluster, namespace)) ?? 'privileged',
  );
  const template = job.spec?.template;
  const psa = evaluatePodSecurity(level, template?.metadata, template?.spec);
  const workload = checkWorkload(policy, {
    metadata: job.metadata,
    podMetadata: template?.metadata,
    podSpec: template?.spec,
  });
  // At every level, as the API server refuses a Job it cannot decode: one the client cannot even
  // send would otherwise fail at the dry run (503) or in the worker (retried for a day).
  const unsendable = unsendableField(job);
  const decode = unsendable ? [{ check: 'decode', message: `failed to decode Job (${unsendable})` }] : [];
  return { level, violations: [...psa, ...decode, ...workload.violations] };
}

/** The 422 of a Job that breaks policy: one entry per violated check in `details.violations`. */
export function policyViolation(violations: readonly Violation[], level: PodSecurityLevel): ApiError {
  return new ApiError(
    'PolicyViolation',
    `the Job violates policy (${violations.length} violation(s); pod security level ${level})`,
    { level, violations },
  );
}

/** {@link checkJob}, answering 422 PolicyViolation when anything is broken. */
export async function enforceJobPolicy(
  ctx: RouteContext,
  principal: Principal,
  cluster: ClusterClient,
  namespace: string,
  job: V1Job,
): Promise<void> {
  const { level, violations } = await checkJob(ctx, principal, cluster, namespace, job);
  if (violations.length > 0) throw policyViolation(violations, level);
}

/**
 * A create body checked against policy once (422 `ValidationFailed` first, then 422
 * `PolicyViolation`), and the builder of its Job for an operation id — the key's defaults applied.
 * The check does not depend on the name, so it runs on the Job built for `operationId`, the
 * candidate id the submission starts from; building for that id again reuses it.
 */
export async function policedJobBuilder(
  ctx: RouteContext,
  principal: Principal,
  cluster: ClusterClient,
  namespace: string,
  body: JobCreateBody,
  /** Put on the Job before it is checked (a template's labels). */
  labels?: Readonly<Record<string, string>>,
) {
  const suffix = ctx.deps.config.nameSuffix;
  const make = (operationId: string) => {
    const built = buildJobOrThrow(body, namespace, operationId, { suffix });
    const job = labels ? (withLabels(built.job as ObjectWithMetadata, labels) as V1Job) : built.job;
    return { ...built, job: withKeyDefaults(principal, job) };
  };
  const operationId = newOperationId(cluster.name);
  const first = make(operationId);
  await enforceJobPolicy(ctx, principal, cluster, namespace, first.job);
  return { operationId, build: (id: string) => (id === operationId ? first : make(id)) };
}
