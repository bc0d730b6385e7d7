import type { V1Container, V1EnvVar, V1Job, V1JobSpec } from '@kubernetes/client-node';
import {
  dns1123SubdomainError,
  jobNameError,
  labelKeyError,
  labelValueError,
  MAX_LABEL_LENGTH,
  type NameSuffix,
  type RandomInt,
  resolveGenerateName,
  seededRandomInt,
} from '../shared/kube/names.js';
import { ApiError } from './errors.js';
import type { JobCreateBody } from './schemas.js';

/** One problem with a request body, in the shape every 422 lists them. */
export interface FieldIssue {
  path: Array<string | number>;
  message: string;
}

/** Outcome of {@link buildJob}: the Job to enqueue, or every problem found. */
export type BuildJobResult =
  | { ok: true; job: V1Job; name: string /** The prefix, when the name was drawn. */; generateName?: string }
  | { ok: false; issues: FieldIssue[] };

/** Options of {@link buildJob}. */
export interface BuildJobOptions {
  /** The namespace from the path; a manifest naming another one is refused. */
  namespace: string;
  /** Random source for `generateName`. @defaultValue node:crypto randomInt */
  random?: RandomInt;
  /** How generated names end. @defaultValue Kubernetes' five characters */
  suffix?: NameSuffix;
}

function labelIssues(labels: Record<string, string> | undefined, path: Array<string | number>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const [key, value] of Object.entries(labels ?? {})) {
    const keyProblem = labelKeyError(key);
    if (keyProblem) issues.push({ path: [...path, key], message: keyProblem });
    const valueProblem = labelValueError(value);
    if (valueProblem) issues.push({ path: [...path, key], message: valueProblem });
  }
  return issues;
}

/** The name a create body gives explicitly (not through `generateName`), if any. */
export function explicitName(body: JobCreateBody): string | undefined {
  const name = isManifest(body) ? body.metadata?.name : (body as { name?: string }).name;
  return name || undefined;
}

function isManifest(body: JobCreateBody): body is Extract<JobCreateBody, { kind: 'Job' }> {
  return 'kind' in body && body.kind === 'Job';
}

function envList(env: NonNullable<Extract<JobCreateBody, { image: string }>['env']>) {
  return Array.isArray(env) ? env : Object.entries(env).map(([name, value]) => ({ name, value }));
}

/** Turns the short form into a full `batch/v1` Job manifest (name not yet resolved). */
export function expandShortForm(body: Extract<JobCreateBody, { image: string }>, namespace: string): V1Job {
  const container: V1Container = { name: 'main', image: body.image };
  if (body.command) container.command = body.command;
  if (body.args) container.args = body.args;
  if (body.env) container.env = envList(body.env) as V1EnvVar[];
  if (body.resources) container.resources = body.resources;
  const spec: V1JobSpec = {
    template: {
      metadata: { labels: { ...body.labels } },
      spec: {
        restartPolicy: 'Never',
        containers: [container],
        ...(body.serviceAccountName ? { serviceAccountName: body.serviceAccountName } : {}),
      },
    },
  };
  if (body.backoffLimit !== undefined) spec.backoffLimit = body.backoffLimit;
  if (body.activeDeadlineSeconds !== undefined) spec.activeDeadlineSeconds = body.activeDeadlineSeconds;
  if (body.ttlSecondsAfterFinished !== undefined) spec.ttlSecondsAfterFinished = body.ttlSecondsAfterFinished;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.generateName !== undefined ? { generateName: body.generateName } : {}),
      namespace,
      ...(body.labels ? { labels: { ...body.labels } } : {}),
      ...(body.annotations ? { annotations: { ...body.annotations } } : {}),
    },
    spec,
  };
}

/**
 * Validates a job-create body against what the API decides (names, namespace, labels) and
 * resolves `generateName` to a final name. The management labels are not this function's: the
 * job.create command adds them when it is built. Pure: the same input and random source give the
 * same Job; the body is never changed (it is fingerprinted for `Idempotency-Key`). Deeper
 * validation is the cluster's (`?dryRun=true` shows it).
 */
export function buildJob(body: JobCreateBody, options: BuildJobOptions): BuildJobResult {
  const manifest = isManifest(body);
  // `callback` is the request's, not the Job's.
  const { callback: _callback, ...spec } = body as JobCreateBody & { callback?: unknown };
  const job: V1Job = manifest
    ? { ...(spec as V1Job) }
    : expandShortForm(spec as Extract<JobCreateBody, { image: string }>, options.namespace);
  const metadata = job.metadata ?? {};
  const at = (field: string): Array<string | number> => (manifest ? ['metadata', field] : [field]);
  const issues: FieldIssue[] = [];

  if (metadata.namespace !== undefined && metadata.namespace !== options.namespace) {
    issues.push({
      path: ['metadata', 'namespace'],
      message: `must be "${options.namespace}", the namespace in the path (or left out)`,
    });
  }
  let name = metadata.name;
  if (name !== undefined && name !== '') {
    const problem = jobNameError(name);
    if (problem) issues.push({ path: at('name'), message: problem });
  } else if (metadata.generateName) {
    // The generated name must be valid whatever the suffix, so check the prefix with a stand-in suffix.
    const problem = dns1123SubdomainError(`${metadata.generateName.slice(0, MAX_LABEL_LENGTH - 5)}xxxxx`);
    if (problem) issues.push({ path: at('generateName'), message: `a Job name prefix ${problem}` });
    else name = resolveGenerateName(metadata.generateName, options.random, MAX_LABEL_LENGTH, options.suffix);
  } else {
    issues.push({ path: at('name'), message: 'give name or generateName' });
  }
  issues.push(...labelIssues(metadata.labels, at('labels')));
  if (manifest) {
    issues.push(
      ...labelIssues(job.spec?.template?.metadata?.labels, ['spec', 'template', 'metadata', 'labels']),
    );
  }
  if (issues.length > 0 || !name) return { ok: false, issues };

  const { generateName: _resolved, ...rest } = metadata;
  job.metadata = { ...rest, name, namespace: options.namespace };
  return { ok: true, job, name, ...(metadata.name ? {} : { generateName: metadata.generateName }) };
}

/**
 * Builds the Job of a create request for operation `operationId` (its `generateName` seeded with
 * the id, see `seededRandomInt`; `draw` > 0 draws another name) and answers 422 with every
 * problem when it is not valid.
 */
export function buildJobOrThrow(
  body: JobCreateBody,
  namespace: string,
  operationId: string,
  options: { draw?: number; suffix?: NameSuffix } = {},
): { job: V1Job; name: string; generateName?: string } {
  const draw = options.draw ?? 0;
  const seed = draw === 0 ? operationId : `${operationId}#${draw}`;
  const built = buildJob(body, {
    namespace,
    random: seededRandomInt(seed),
    ...(options.suffix ? { suffix: options.suffix } : {}),
  });
  if (!built.ok) {
    throw new ApiError('ValidationFailed', 'the Job is not valid', {
      issues: built.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  return built;
}

/** The `job.create` payload of a built Job: its namespace, manifest, and the prefix a drawn name came from. */
export function jobCreatePayload(namespace: string, built: { job: V1Job; generateName?: string }) {
  return {
    namespace,
    manifest: built.job,
    ...(built.generateName ? { generateName: built.generateName } : {}),
  };
}
