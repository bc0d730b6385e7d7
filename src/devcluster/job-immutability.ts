/**
 * Which parts of a Job spec an update may change (ValidateJobSpecUpdate and
 * validatePodTemplateUpdate in pkg/apis/batch/validation/validation.go, Kubernetes 1.32), compared
 * after defaulting with semantic equality, as `apivalidation.ValidateImmutableField` does.
 */
import { semanticEqual } from './semantic-equal.js';
import type { FieldError } from './status.js';
import type { Job, PodTemplateSpec } from './types.js';

function immutable(field: string, value: unknown, old: unknown): FieldError[] {
  if (semanticEqual(value, old)) return [];
  return [{ type: 'FieldValueInvalid', field, value: value ?? null, detail: 'field is immutable' }];
}

/**
 * Updating node affinity, node selector, tolerations, scheduling gates and the template's
 * labels and annotations is allowed only for suspended Jobs that never started
 * (AllowMutableSchedulingDirectives in pkg/registry/batch/job/strategy.go): the old template is
 * compared with those fields taken from the new one.
 */
function comparableOldTemplate(job: Job, old: Job): PodTemplateSpec | undefined {
  const oldTemplate = old.spec.template;
  const suspended = old.spec.suspend === true;
  const notStarted = !old.status?.startTime;
  if (!suspended || !notStarted || !oldTemplate) return oldTemplate;
  const template = job.spec.template ?? {};
  const spec = { ...(oldTemplate.spec ?? {}) };
  const newAffinity = template.spec?.affinity as Record<string, unknown> | undefined;
  const oldAffinity = spec.affinity as Record<string, unknown> | undefined;
  if (!newAffinity && oldAffinity) {
    // The affinity may be cleared when it held nothing but a node affinity.
    const { nodeAffinity: _n, ...rest } = oldAffinity;
    spec.affinity = Object.keys(rest).length === 0 ? undefined : rest;
  } else if (newAffinity) {
    spec.affinity = { ...(oldAffinity ?? {}), nodeAffinity: newAffinity.nodeAffinity };
  }
  spec.nodeSelector = template.spec?.nodeSelector;
  spec.tolerations = template.spec?.tolerations;
  spec.schedulingGates = template.spec?.schedulingGates;
  const metadata = {
    ...(oldTemplate.metadata ?? {}),
    labels: template.metadata?.labels,
    annotations: template.metadata?.annotations,
  };
  return { ...oldTemplate, metadata, spec };
}

/**
 * The immutable-field errors of replacing `old` by `job` (both defaulted). `completions` may
 * change for an Indexed Job in tandem with `parallelism` (ElasticIndexedJob, GA in 1.31).
 */
export function jobSpecUpdateErrors(job: Job, old: Job): FieldError[] {
  const spec = job.spec;
  const oldSpec = old.spec;
  const errs: FieldError[] = [];
  if (spec.completionMode === 'Indexed') {
    if (!semanticEqual(spec.completions, oldSpec.completions) && typeof spec.completions === 'number') {
      if (spec.completions !== spec.parallelism) {
        errs.push({
          type: 'FieldValueInvalid',
          field: 'spec.completions',
          value: spec.completions,
          detail: 'can only be modified in tandem with spec.parallelism',
        });
      }
    }
  } else errs.push(...immutable('spec.completions', spec.completions, oldSpec.completions));
  errs.push(...immutable('spec.selector', spec.selector, oldSpec.selector));
  errs.push(...immutable('spec.template', spec.template, comparableOldTemplate(job, old)));
  for (const f of [
    'completionMode',
    'podFailurePolicy',
    'backoffLimitPerIndex',
    'managedBy',
    'successPolicy',
  ]) {
    errs.push(...immutable(`spec.${f}`, spec[f], oldSpec[f]));
  }
  return errs;
}
