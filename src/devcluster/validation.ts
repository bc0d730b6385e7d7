/**
 * The API server's validation for the objects the devcluster accepts. Messages follow
 * k8s.io/apimachinery/pkg/util/validation/validation.go and pkg/apis/batch/validation.
 */
import { JOB_LABELS } from './defaults.js';
import { jobSpecUpdateErrors } from './job-immutability.js';
import type { FieldError } from './status.js';
import type { Container, Job, Namespace, PodTemplateSpec } from './types.js';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

/** DNS-1123 label (namespace names, container names); empty list when valid. */
export function dns1123LabelErrors(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push('must be no more than 63 characters');
  if (!DNS1123_LABEL.test(value)) errs.push(LABEL_MSG);
  return errs;
}

/** DNS-1123 subdomain (Job names); empty list when valid. */
export function dns1123SubdomainErrors(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push('must be no more than 253 characters');
  if (!DNS1123_SUBDOMAIN.test(value)) errs.push(SUBDOMAIN_MSG);
  return errs;
}

function labelErrors(labels: Record<string, string> | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    const slash = k.lastIndexOf('/');
    const name = slash >= 0 ? k.slice(slash + 1) : k;
    const prefix = slash >= 0 ? k.slice(0, slash) : '';
    if (
      name.length === 0 ||
      name.length > 63 ||
      !QUALIFIED_NAME.test(name) ||
      (prefix && dns1123SubdomainErrors(prefix).length > 0)
    ) {
      errs.push({
        type: 'FieldValueInvalid',
        field,
        value: k,
        detail:
          "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      });
    }
    if (typeof v !== 'string') {
      errs.push({ type: 'FieldValueInvalid', field, value: v, detail: LABEL_VALUE_MSG });
      continue;
    }
    if (v.length > 63)
      errs.push({ type: 'FieldValueInvalid', field, value: v, detail: 'must be no more than 63 characters' });
    if (!LABEL_VALUE.test(v))
      errs.push({ type: 'FieldValueInvalid', field, value: v, detail: LABEL_VALUE_MSG });
  }
  return errs;
}

function nameErrors(
  name: string | undefined,
  generateName: string | undefined,
  check: (v: string) => string[],
): FieldError[] {
  if (!name) {
    if (!generateName) {
      return [
        { type: 'FieldValueRequired', field: 'metadata.name', detail: 'name or generateName is required' },
      ];
    }
    // A generated name is validated with its trailing dash masked (ValidateObjectMeta, maskTrailingDash).
    const masked = generateName.endsWith('-') ? `${generateName.slice(0, -1)}a` : generateName;
    return check(masked).map((detail) => ({
      type: 'FieldValueInvalid',
      field: 'metadata.generateName',
      value: generateName,
      detail,
    }));
  }
  return check(name).map((detail) => ({
    type: 'FieldValueInvalid',
    field: 'metadata.name',
    value: name,
    detail,
  }));
}

function nonNegative(v: unknown, field: string, strictlyPositive = false): FieldError[] {
  if (v === undefined || v === null) return [];
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    return [{ type: 'FieldValueInvalid', field, value: v, detail: 'must be an integer' }];
  }
  if (strictlyPositive ? v <= 0 : v < 0) {
    return [
      {
        type: 'FieldValueInvalid',
        field,
        value: v,
        detail: strictlyPositive ? 'must be greater than zero' : 'must be greater than or equal to 0',
      },
    ];
  }
  return [];
}

function containerErrors(containers: Container[] | undefined, field: string): FieldError[] {
  if (!Array.isArray(containers) || containers.length === 0) return [{ type: 'FieldValueRequired', field }];
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((c, i) => {
    const f = `${field}[${i}]`;
    if (!c.name) errs.push({ type: 'FieldValueRequired', field: `${f}.name` });
    else {
      for (const detail of dns1123LabelErrors(c.name))
        errs.push({ type: 'FieldValueInvalid', field: `${f}.name`, value: c.name, detail });
      if (seen.has(c.name)) errs.push({ type: 'FieldValueDuplicate', field: `${f}.name`, value: c.name });
      seen.add(c.name);
    }
    if (!c.image || (typeof c.image === 'string' && c.image.trim() === '')) {
      errs.push({ type: 'FieldValueRequired', field: `${f}.image` });
    }
    for (const key of ['command', 'args'] as const) {
      const v = c[key];
      if (v !== undefined && (!Array.isArray(v) || v.some((s) => typeof s !== 'string'))) {
        errs.push({
          type: 'FieldValueInvalid',
          field: `${f}.${key}`,
          value: v,
          detail: 'must be a list of strings',
        });
      }
    }
  });
  return errs;
}

function templateErrors(template: PodTemplateSpec | undefined): FieldError[] {
  const errs: FieldError[] = [];
  if (!template?.spec) {
    return [{ type: 'FieldValueRequired', field: 'spec.template.spec.containers' }];
  }
  errs.push(...labelErrors(template.metadata?.labels, 'spec.template.labels'));
  errs.push(...containerErrors(template.spec.containers, 'spec.template.spec.containers'));
  if (template.spec.initContainers !== undefined) {
    errs.push(
      ...containerErrors(template.spec.initContainers, 'spec.template.spec.initContainers').filter(
        (e) => e.type !== 'FieldValueRequired' || e.field.includes('['),
      ),
    );
  }
  const rp = template.spec.restartPolicy;
  if (rp !== 'OnFailure' && rp !== 'Never') {
    errs.push({
      type: 'FieldValueNotSupported',
      field: 'spec.template.spec.restartPolicy',
      value: rp ?? '',
      supported: ['OnFailure', 'Never'],
    });
  }
  return errs;
}

/** The checks of a Job spec that create and update share (validateJobSpec). */
function jobSpecErrors(spec: Job['spec']): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...nonNegative(spec.parallelism, 'spec.parallelism'));
  errs.push(...nonNegative(spec.completions, 'spec.completions'));
  errs.push(...nonNegative(spec.activeDeadlineSeconds, 'spec.activeDeadlineSeconds', true));
  errs.push(...nonNegative(spec.backoffLimit, 'spec.backoffLimit'));
  errs.push(...nonNegative(spec.ttlSecondsAfterFinished, 'spec.ttlSecondsAfterFinished'));
  if (spec.completionMode !== 'NonIndexed' && spec.completionMode !== 'Indexed') {
    errs.push({
      type: 'FieldValueNotSupported',
      field: 'spec.completionMode',
      value: spec.completionMode,
      supported: ['NonIndexed', 'Indexed'],
    });
  }
  return errs;
}

function selectorMismatch(spec: Job['spec']): FieldError[] {
  const labels = spec.template?.metadata?.labels ?? {};
  const ok = Object.entries(spec.selector?.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  if (ok) return [];
  return [
    {
      type: 'FieldValueInvalid',
      field: 'spec.template.metadata.labels',
      value: labels,
      detail: '`selector` does not match template `labels`',
    },
  ];
}

/** Validates a defaulted Job about to be created (selector and labels already generated unless manualSelector). */
export function validateJob(job: Job, opts: { generatedSelector: boolean }): FieldError[] {
  const manual = job.spec.manualSelector === true;
  const errs: FieldError[] = [];
  errs.push(...nameErrors(job.metadata.name, job.metadata.generateName, dns1123SubdomainErrors));
  errs.push(...labelErrors(job.metadata.labels, 'metadata.labels'));
  const spec = job.spec;
  errs.push(...jobSpecErrors(spec));
  if (!opts.generatedSelector && !manual) {
    errs.push({
      type: 'FieldValueInvalid',
      field: 'spec.selector',
      value: spec.selector,
      detail: '`selector` not auto-generated',
    });
  } else if (!opts.generatedSelector) {
    if (!spec.selector) errs.push({ type: 'FieldValueRequired', field: 'spec.selector' });
    else errs.push(...selectorMismatch(spec));
  }
  errs.push(...templateErrors(spec.template));
  return errs;
}

/**
 * The generated selector's labels must still be on the template (validateGeneratedSelector with
 * ValidateHasLabel): the legacy ones always, the `batch.kubernetes.io/` ones when the old
 * template had them (RequirePrefixedLabels in pkg/registry/batch/job/strategy.go).
 */
function generatedSelectorErrors(job: Job, requirePrefixed: boolean): FieldError[] {
  if (job.spec.manualSelector === true || !job.spec.selector) return [];
  const uid = job.metadata.uid ?? '';
  const name = job.metadata.name ?? '';
  const labels = job.spec.template?.metadata?.labels ?? {};
  const expected: [string, string][] = [
    [JOB_LABELS.legacyControllerUid, uid],
    [JOB_LABELS.legacyJobName, name],
    ...(requirePrefixed
      ? ([
          [JOB_LABELS.controllerUid, uid],
          [JOB_LABELS.jobName, name],
        ] as [string, string][])
      : []),
  ];
  const errs: FieldError[] = [];
  for (const [key, value] of expected) {
    const field = `spec.template.metadata.labels[${key}]`;
    if (!(key in labels)) errs.push({ type: 'FieldValueRequired', field, detail: `must be '${value}'` });
    else if (labels[key] !== value)
      errs.push({ type: 'FieldValueInvalid', field, value: labels, detail: `must be '${value}'` });
  }
  const wanted = Object.fromEntries(expected);
  const matches = Object.entries(job.spec.selector.matchLabels ?? {}).every(([k, v]) => wanted[k] === v);
  if (!matches) {
    errs.push({
      type: 'FieldValueInvalid',
      field: 'spec.selector',
      value: job.spec.selector,
      detail: '`selector` not auto-generated',
    });
  }
  return errs;
}

/**
 * Validates a defaulted Job replacing `old` (jobStrategy.ValidateUpdate: ValidateJob, then
 * ValidateJobUpdate with its immutable fields). The real server runs the spec checks twice and
 * reports their causes twice; they are reported once here.
 */
export function validateJobUpdate(job: Job, old: Job): FieldError[] {
  const oldLabels = old.spec.template?.metadata?.labels ?? {};
  const requirePrefixed = JOB_LABELS.jobName in oldLabels && JOB_LABELS.controllerUid in oldLabels;
  const errs = labelErrors(job.metadata.labels, 'metadata.labels');
  errs.push(...generatedSelectorErrors(job, requirePrefixed));
  errs.push(...jobSpecErrors(job.spec));
  if (!job.spec.selector) errs.push({ type: 'FieldValueRequired', field: 'spec.selector' });
  else errs.push(...selectorMismatch(job.spec));
  errs.push(...templateErrors(job.spec.template));
  errs.push(...jobSpecUpdateErrors(job, old));
  return errs;
}

/** A Job name that fits a label value: pods carry it in `batch.kubernetes.io/job-name`. */
export function jobNameLabelErrors(job: Job): FieldError[] {
  const name = job.metadata.name ?? '';
  if (name.length <= 63) return [];
  return [
    {
      type: 'FieldValueInvalid',
      field: 'spec.template.labels',
      value: name,
      detail: 'must be no more than 63 characters',
    },
  ];
}

/** Validates a Namespace about to be created. */
export function validateNamespace(ns: Namespace): FieldError[] {
  const errs = nameErrors(ns.metadata.name, ns.metadata.generateName, dns1123LabelErrors);
  errs.push(...labelErrors(ns.metadata.labels, 'metadata.labels'));
  return errs;
}
