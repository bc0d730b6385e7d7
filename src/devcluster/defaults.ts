/** Defaulting the API server applies on create (pkg/apis/batch/v1/defaults.go, pkg/apis/core/v1/defaults.go). */
import { isObject } from './request-body.js';
import type { Container, Job, KObject, Namespace, PodTemplateSpec, ResourceName } from './types.js';

/** The label every Namespace carries with its own name (since 1.21). */
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Labels the job controller's selector generation puts on the template (pkg/registry/batch/job/strategy.go). */
export const JOB_LABELS = {
  controllerUid: 'batch.kubernetes.io/controller-uid',
  jobName: 'batch.kubernetes.io/job-name',
  legacyControllerUid: 'controller-uid',
  legacyJobName: 'job-name',
} as const;

function defaultContainer(c: Container): Container {
  const image = typeof c.image === 'string' ? c.image : '';
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const tagged = lastSegment.includes(':') && !lastSegment.endsWith(':latest');
  return {
    ...c,
    resources: c.resources ?? {},
    terminationMessagePath: c.terminationMessagePath ?? '/dev/termination-log',
    terminationMessagePolicy: c.terminationMessagePolicy ?? 'File',
    imagePullPolicy: c.imagePullPolicy ?? (tagged || image.includes('@') ? 'IfNotPresent' : 'Always'),
  };
}

/** Pod spec defaults; `restartPolicy` defaults to Always, which Job validation then refuses, as on a real server. */
export function defaultPodTemplate(t: PodTemplateSpec | undefined): PodTemplateSpec {
  const spec = t?.spec ?? {};
  return {
    ...t,
    metadata: { creationTimestamp: null, ...(t?.metadata ?? {}) },
    spec: {
      ...spec,
      containers: Array.isArray(spec.containers) ? spec.containers.map(defaultContainer) : spec.containers,
      ...(Array.isArray(spec.initContainers)
        ? { initContainers: spec.initContainers.map(defaultContainer) }
        : {}),
      restartPolicy: spec.restartPolicy ?? 'Always',
      terminationGracePeriodSeconds: spec.terminationGracePeriodSeconds ?? 30,
      dnsPolicy: spec.dnsPolicy ?? 'ClusterFirst',
      securityContext: spec.securityContext ?? {},
      schedulerName: spec.schedulerName ?? 'default-scheduler',
    },
  };
}

/**
 * The batch/v1 defaults of a Job's spec (SetDefaults_Job, pkg/apis/batch/v1/defaults.go) and of
 * its pod template: what decoding a request body applies, on create and on update alike.
 */
export function defaultJobSpec(jobSpec: Job['spec']): Job['spec'] {
  const spec = { ...jobSpec };
  if (
    (spec.completions === undefined || spec.completions === null) &&
    (spec.parallelism === undefined || spec.parallelism === null)
  ) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  if (spec.parallelism === undefined || spec.parallelism === null) spec.parallelism = 1;
  spec.backoffLimit ??= 6;
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  spec.podReplacementPolicy ??= 'TerminatingOrFailed';
  // A null manualSelector is dropped; `delete` only when the key is there (it slows the object down).
  if ((spec.manualSelector === undefined || spec.manualSelector === null) && 'manualSelector' in spec)
    delete spec.manualSelector;
  spec.template = defaultPodTemplate(spec.template);
  return spec;
}

/** SetDefaults_Job copies the template labels onto a Job that has none. */
function withTemplateLabels(job: Job): Job {
  const labels = job.metadata.labels;
  const templateLabels = job.spec.template?.metadata?.labels;
  if ((labels && Object.keys(labels).length > 0) || !templateLabels) return job;
  return { ...job, metadata: { ...job.metadata, labels: { ...templateLabels } } };
}

/** A Job body defaulted as the decoder does (no selector generation: that is the create strategy's). */
export function defaultJobAsDecoded(job: Job): Job {
  return withTemplateLabels({ ...job, spec: defaultJobSpec(job.spec) });
}

/**
 * A request body as decoding defaults it, before the create strategy runs (no generated
 * selector; a Namespace gets its name label but not yet the `kubernetes` finalizer): what the
 * field manager sees of a create.
 */
export function defaultAsDecoded(resource: ResourceName, obj: KObject): KObject {
  if (resource === 'jobs')
    return defaultJobAsDecoded({ ...obj, spec: isObject(obj.spec) ? obj.spec : {} } as Job);
  if (resource !== 'namespaces') return obj;
  const labels = { ...(obj.metadata.labels ?? {}), [NAMESPACE_NAME_LABEL]: obj.metadata.name ?? '' };
  return { ...obj, metadata: { ...obj.metadata, labels } };
}

/**
 * Defaults a Job and, unless `manualSelector`, generates its selector and template labels from
 * the uid. Returns whether the selector was generated (validation differs).
 */
export function defaultJob(job: Job, uid: string): { job: Job; generatedSelector: boolean } {
  const spec = defaultJobSpec(job.spec);
  const template = spec.template as PodTemplateSpec;
  const generatedSelector = spec.manualSelector !== true;
  if (generatedSelector && spec.selector === undefined) {
    spec.selector = { matchLabels: { [JOB_LABELS.controllerUid]: uid } };
    template.metadata = {
      ...template.metadata,
      labels: {
        ...(template.metadata?.labels ?? {}),
        [JOB_LABELS.controllerUid]: uid,
        [JOB_LABELS.jobName]: job.metadata.name ?? '',
        [JOB_LABELS.legacyControllerUid]: uid,
        [JOB_LABELS.legacyJobName]: job.metadata.name ?? '',
      },
    };
  }
  // v1 defaulting runs again when the object is read back from storage, which is why the
  // generated labels show on the Job itself.
  return {
    job: withTemplateLabels({ ...job, spec }),
    generatedSelector: generatedSelector && job.spec.selector === undefined,
  };
}

/** Namespaces get the `kubernetes` finalizer, phase Active and the immutable name label (since 1.21). */
export function defaultNamespace(ns: Namespace): Namespace {
  const name = ns.metadata.name ?? '';
  return {
    ...ns,
    metadata: {
      ...ns.metadata,
      labels: { ...(ns.metadata.labels ?? {}), [NAMESPACE_NAME_LABEL]: name },
    },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}
