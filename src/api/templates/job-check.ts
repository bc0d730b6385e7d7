import { buildJob } from '../job-manifest.js';
import { JobCreateBody } from '../schemas.js';
import { pathString, type ValidationIssue, zodIssues } from '../validation.js';
import { type KubeKind, kubeKindAt } from './kube-types.js';
import type { ParameterSpec } from './parameters.js';
import type { Slot } from './plan.js';
import type { ParameterType } from './schemas.js';

/**
 * Checks a rendered Job as `POST …/jobs` checks its body: the job-create schema (a manifest or
 * the short form), then what the API decides itself (names, labels, the namespace). Issues are
 * at paths in the Job. `namespace` is the one the Job goes to; without it, the manifest's own or
 * `default`.
 */
export function checkRenderedJob(
  job: unknown,
  namespace?: string,
): { ok: true; job: JobCreateBody } | { ok: false; issues: ValidationIssue[] } {
  const parsed = JobCreateBody.safeParse(job);
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error.issues) };
  const own = (parsed.data as { metadata?: { namespace?: unknown } }).metadata?.namespace;
  const built = buildJob(parsed.data, {
    namespace: namespace ?? (typeof own === 'string' && own ? own : 'default'),
    random: () => 0,
  });
  if (!built.ok) {
    return { ok: false, issues: built.issues.map((i) => ({ path: pathString(i.path), message: i.message })) };
  }
  return { ok: true, job: parsed.data };
}

/**
 * Finds the slot of a Job path: the string a placeholder was in, or an item of the array an
 * array parameter filled. Only those: a key may hold dots (`app.kubernetes.io/name`), so a
 * shorter path of the same text is not the same field.
 */
export function slotFinder(slots: readonly Slot[]): (path: string) => Slot | undefined {
  const byText = new Map(slots.map((s) => [s.text, s]));
  return (path) => byText.get(path) ?? byText.get(/^(.*)\[\d+\]$/.exec(path)?.[1] ?? '');
}

const KIND_TEXT: Record<KubeKind, string> = {
  string: 'a string',
  number: 'a number',
  boolean: 'a boolean',
  'int-or-string': 'an integer or a string',
  'string-array': 'an array of strings',
};

const FITS: Record<KubeKind, ReadonlyArray<ParameterType | 'text'>> = {
  string: ['string', 'text'],
  number: ['integer', 'number'],
  boolean: ['boolean'],
  'int-or-string': ['string', 'integer', 'text'],
  'string-array': ['array'],
};

const SUGGEST: Record<KubeKind, string> = {
  string: 'a string',
  number: 'an integer (or a number)',
  boolean: 'a boolean',
  'int-or-string': 'an integer or a string',
  'string-array': 'an array',
};

/**
 * Where a manifest's placeholder would put a value of the wrong JSON type for its Kubernetes
 * field — the integer of `"{{ n }}"` into `args`, a string into `parallelism` — an issue naming
 * the fix. The API server decodes strictly, so such a template would fail every submission in
 * the cluster, after it was enqueued; this refuses it when it is defined.
 */
export function kubeTypeIssues(slots: readonly Slot[], specs: readonly ParameterSpec[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const slot of slots) {
    const kind = kubeKindAt(slot.path);
    if (!kind) continue;
    const spec = specs[slot.params[0]!]!;
    const gives = slot.typed ? spec.type : 'text';
    if (FITS[kind].includes(gives)) continue;
    let message = `${JSON.stringify(slot.source)} renders ${gives === 'text' ? 'a string' : `the ${spec.type} value of "${spec.name}"`} where Kubernetes expects ${KIND_TEXT[kind]}`;
    if (kind === 'string' && slot.typed && spec.type !== 'array') {
      message += `: write "{{ ${spec.name} | string }}" for its string form`;
    } else if (slot.params.length === 1) {
      message += `: declare "${spec.name}" as ${SUGGEST[kind]}`;
      if (!slot.typed) message += ` and make the string exactly "{{ ${spec.name} }}"`;
    }
    issues.push({ path: slot.text, message });
  }
  return issues;
}
