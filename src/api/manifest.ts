import type { V1Container, V1EnvVar, V1Job, V1JobSpec } from '@kubernetes/client-node';
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE, managementLabels } from '../shared/commands/index.js';
import { dns1123SubdomainError, MAX_LABEL_LENGTH, type RandomInt, resolveGenerateName } from './names.js';
import type { JobCreateBody } from './schemas.js';

/** One problem with a request body, in the shape every 422 lists them. */
export interface FieldIssue {
  path: Array<string | number>;
  message: string;
}

/** Outcome of {@link buildJob}: the Job to enqueue, or every problem found. */
export type BuildJobResult = { ok: true; job: V1Job; name: string } | { ok: false; issues: FieldIssue[] };

/** Options of {@link buildJob}. */
export interface BuildJobOptions {
  /** The namespace from the path; a manifest naming another one is refused. */
  namespace: string;
  /** Operation id written into the management labels. */
  operationId: string;
  /** Random source for `generateName`. @defaultValue node:crypto randomInt */
  random?: RandomInt;
}

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

function labelIssues(labels: Record<string, string> | undefined, path: Array<string | number>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const [key, value] of Object.entries(labels ?? {})) {
    const slash = key.lastIndexOf('/');
    const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
    const name = slash >= 0 ? key.slice(slash + 1) : key;
    if (
      (prefix !== undefined && dns1123SubdomainError(prefix)) ||
      name.length > 63 ||
      !LABEL_NAME.test(name)
    ) {
      issues.push({ path: [...path, key], message: 'invalid label key' });
    }
    if (value.length > 63 || !LABEL_VALUE.test(value)) {
      issues.push({
        path: [...path, key],
        message:
          "label values are at most 63 characters: alphanumerics, '-', '_' or '.', alphanumeric at both ends",
      });
    }
  }
  return issues;
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
 * A copy of `job` whose parts {@link buildJob} replaces (the object, `spec`, `spec.template`)
 * are its own, so the request body — still fingerprinted for `Idempotency-Key` — is never
 * changed. The rest is shared, not deep-copied: nothing downstream mutates it.
 */
function copyForLabels(job: V1Job): V1Job {
  const template = job.spec?.template;
  return job.spec
    ? { ...job, spec: { ...job.spec, ...(template ? { template: { ...template } } : {}) } }
    : { ...job };
}

/**
 * Validates a job-create body against what the API decides (names, namespace, labels), resolves
 * `generateName` to a final name, and adds the management labels. Pure: the same input and random
 * source give the same Job. Deeper validation is the cluster's (`?dryRun=true` shows it).
 */
export function buildJob(body: JobCreateBody, options: BuildJobOptions): BuildJobResult {
  const manifest = isManifest(body);
  const job: V1Job = manifest
    ? copyForLabels(body as V1Job)
    : expandShortForm(body as Extract<JobCreateBody, { image: string }>, options.namespace);
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
    const problem = dns1123SubdomainError(name) ?? (name.length > MAX_LABEL_LENGTH ? 'too long' : undefined);
    if (problem) {
      issues.push({
        path: at('name'),
        message:
          name.length > MAX_LABEL_LENGTH
            ? `must be no more than ${MAX_LABEL_LENGTH} characters`
            : `a Job name ${problem}`,
      });
    }
  } else if (metadata.generateName) {
    // The generated name must be valid whatever the suffix, so check the prefix with a stand-in suffix.
    const problem = dns1123SubdomainError(`${metadata.generateName.slice(0, MAX_LABEL_LENGTH - 5)}xxxxx`);
    if (problem) issues.push({ path: at('generateName'), message: `a Job name prefix ${problem}` });
    else name = resolveGenerateName(metadata.generateName, options.random);
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
  job.metadata = {
    ...rest,
    name,
    namespace: options.namespace,
    labels: { ...metadata.labels, ...managementLabels(options.operationId) },
  };
  if (job.spec?.template) {
    job.spec.template.metadata = {
      ...job.spec.template.metadata,
      labels: { ...job.spec.template.metadata?.labels, [MANAGED_BY_LABEL]: MANAGED_BY_VALUE },
    };
  }
  return { ok: true, job, name };
}
