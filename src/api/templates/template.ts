import type { JobCreateBody } from '../schemas.js';
import { pathString, zodIssues } from '../validation.js';
import type { TemplateIssue } from './issues.js';
import { checkRenderedJob, kubeTypeIssues, slotFinder } from './job-check.js';
import {
  compileParameter,
  type ParameterSpec,
  sampleValue,
  stringForm,
  valueProblems,
} from './parameters.js';
import { compilePlan, type Plan, renderPlan } from './plan.js';
import { type ParameterValue, TemplateDefinition } from './schemas.js';

/** Options of {@link CompiledTemplate.render}. */
export interface RenderOptions {
  /**
   * The namespace the Job goes to (the path's, or a batch item's): a manifest naming another is
   * refused, as `POST …/jobs` refuses it. @defaultValue the manifest's own, else `default`
   */
  namespace?: string;
}

/** What a render gives: the Job body to submit, or every problem, each naming its parameter. */
export type RenderResult =
  | {
      ok: true;
      /** A job-create body (manifest or short form), valid as `POST …/jobs` validates it. */
      job: JobCreateBody;
      /** Every parameter's value, defaults filled in. */
      values: Record<string, ParameterValue>;
    }
  | { ok: false; issues: TemplateIssue[] };

/** A definition checked and compiled once, rendered as often as needed. */
export interface CompiledTemplate {
  /** The definition as parsed (`parameters` defaulted to `[]`). */
  readonly definition: TemplateDefinition;
  readonly parameters: readonly ParameterSpec[];
  /**
   * Renders the template with one submission's `parameters` (the JSON object of values by name):
   * missing required, unknown, mistyped or out-of-bounds values are issues at
   * `parameters.<name>`, and so is a rendered Job the value makes invalid. Pure; never parses
   * the template again.
   */
  render(parameters: unknown, options?: RenderOptions): RenderResult;
}

/** What {@link compileTemplate} gives. */
export type CompileResult = { ok: true; template: CompiledTemplate } | { ok: false; issues: TemplateIssue[] };

const strings = (values: readonly ParameterValue[]) =>
  values.map((v) => (Array.isArray(v) ? '' : stringForm(v as string | number | boolean)));

/**
 * Checks a template definition (any JSON: the schema first) and compiles it. A definition is
 * valid when it fits {@link TemplateDefinition}, every parameter is consistent (see
 * `compileParameter`), names are unique, every placeholder is well formed and names a declared
 * parameter, every declared parameter is used, and rendering it with the defaults — a harmless
 * sample value for each required parameter — gives a Job that `POST …/jobs` accepts, with each
 * placeholder's value of the JSON type its Kubernetes field takes. Issues are at paths of the
 * definition (`parameters[1].default`, `job.spec.parallelism`).
 */
export function compileTemplate(input: unknown): CompileResult {
  const parsed = TemplateDefinition.safeParse(input);
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error.issues) };
  const definition = parsed.data;
  const issues: TemplateIssue[] = [];
  const specs: ParameterSpec[] = [];
  const seen = new Set<string>();
  for (const [i, def] of definition.parameters.entries()) {
    if (seen.has(def.name)) {
      issues.push({
        path: `parameters[${i}].name`,
        message: `parameter "${def.name}" is declared twice`,
        parameter: def.name,
      });
    }
    seen.add(def.name);
    const compiled = compileParameter(def, i);
    issues.push(...compiled.issues);
    specs.push(compiled.spec);
  }

  const plan = compilePlan(definition.job, specs);
  issues.push(...plan.issues);
  for (const [i, spec] of specs.entries()) {
    // A name declared twice is one issue already, whichever of the two the placeholders name.
    if (plan.used[i] || specs.some((other, j) => j !== i && other.name === spec.name)) continue;
    issues.push({
      path: `parameters[${i}].name`,
      message: `parameter "${spec.name}" is declared but no placeholder uses it, so a value given for it would change nothing`,
      parameter: spec.name,
    });
  }
  if (issues.length > 0) return { ok: false, issues };

  issues.push(...sampleRenderIssues(definition, plan, specs));
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, template: compiled(definition, plan, specs) };
}

/** The problems of the Job a definition renders with its defaults (and sample values). */
function sampleRenderIssues(
  definition: TemplateDefinition,
  plan: Plan,
  specs: ParameterSpec[],
): TemplateIssue[] {
  const samples = specs.map(sampleValue);
  const job = renderPlan(plan.root, samples, strings(samples));
  const slotOf = slotFinder(plan.slots);
  const kubeIssues = definition.job.kind === 'Job' ? kubeTypeIssues(plan.slots, specs) : [];
  const checked = checkRenderedJob(job);
  const issues: TemplateIssue[] = kubeIssues.map((i) => {
    const slot = slotOf(i.path)!;
    return { path: `job.${i.path}`, message: i.message, parameter: specs[slot.params[0]!]!.name };
  });
  if (checked.ok) return issues;
  const typed = new Set(kubeIssues.map((i) => i.path));
  for (const { path, message } of checked.issues) {
    if (typed.has(path)) continue;
    const slot = slotOf(path);
    if (!slot) {
      issues.push({ path: `job.${path}`, message });
      continue;
    }
    const names = slot.params.map((i) => specs[i]!.name);
    const spec = specs[slot.params[0]!]!;
    let text = `${message} (rendered with ${slot.params.map((i) => `${specs[i]!.name}=${JSON.stringify(samples[i])}`).join(', ')})`;
    if (
      slot.typed &&
      spec.type !== 'string' &&
      spec.type !== 'array' &&
      message.includes('expected string')
    ) {
      text += `: "{{ ${spec.name} | string }}" gives its string form`;
    }
    issues.push({
      path: `job.${path}`,
      message: text,
      ...(names.length === 1 ? { parameter: names[0] } : {}),
    });
  }
  return issues;
}

function compiled(
  definition: TemplateDefinition,
  plan: Plan,
  specs: readonly ParameterSpec[],
): CompiledTemplate {
  const index = new Map(specs.map((s, i) => [s.name, i]));
  const declared = specs.length > 0 ? specs.map((s) => `"${s.name}"`).join(', ') : 'none';
  const slotOf = slotFinder(plan.slots);

  const render = (parameters: unknown, options: RenderOptions = {}): RenderResult => {
    const given = parameters ?? {};
    if (typeof given !== 'object' || Array.isArray(given)) {
      return {
        ok: false,
        issues: [{ path: 'parameters', message: 'must be an object of parameter values by name' }],
      };
    }
    const issues: TemplateIssue[] = [];
    for (const key of Object.keys(given)) {
      if (!index.has(key)) {
        issues.push({
          path: pathString(['parameters', key]),
          message: `unknown parameter "${key}" (the template's parameters: ${declared})`,
          parameter: key,
        });
      }
    }
    const values = specs.map((spec): ParameterValue => {
      const value = Object.hasOwn(given, spec.name)
        ? (given as Record<string, unknown>)[spec.name]
        : undefined;
      if (value === undefined) {
        if (spec.required) {
          issues.push({
            path: `parameters.${spec.name}`,
            message: `required parameter "${spec.name}" is missing`,
            parameter: spec.name,
          });
        }
        return spec.default ?? '';
      }
      for (const p of valueProblems(spec, value)) {
        issues.push({
          path: `parameters.${spec.name}${p.at}`,
          message: `parameter "${spec.name}": ${p.message}`,
          parameter: spec.name,
        });
      }
      return value as ParameterValue;
    });
    if (issues.length > 0) return { ok: false, issues };

    const checked = checkRenderedJob(renderPlan(plan.root, values, strings(values)), options.namespace);
    if (!checked.ok)
      return { ok: false, issues: checked.issues.flatMap(({ path, message }) => blame(path, message)) };
    return {
      ok: true,
      job: checked.job,
      values: Object.fromEntries(specs.map((s, i) => [s.name, values[i]!])),
    };
  };

  /** An issue of the rendered Job, at each parameter that made it (or at `template` if none did). */
  const blame = (path: string, message: string): TemplateIssue[] => {
    const slot = slotOf(path);
    if (!slot) return [{ path: 'template', message: `the rendered Job is not valid at ${path}: ${message}` }];
    return slot.params.map((i) => ({
      path: `parameters.${specs[i]!.name}`,
      message: `parameter "${specs[i]!.name}" makes job.${path} invalid: ${message}`,
      parameter: specs[i]!.name,
    }));
  };

  return { definition, parameters: specs, render };
}

/** Every problem of a template definition ({@link compileTemplate}); empty when it is valid. */
export function validateTemplate(input: unknown): TemplateIssue[] {
  const result = compileTemplate(input);
  return result.ok ? [] : result.issues;
}

/**
 * Compiles and renders in one call: the definition's issues if it is not valid, else
 * {@link CompiledTemplate.render}'s result. To render many parameter sets of one template (a
 * batch), compile once with {@link compileTemplate} and call `render` for each.
 */
export function renderTemplate(input: unknown, parameters: unknown, options?: RenderOptions): RenderResult {
  const result = compileTemplate(input);
  return result.ok ? result.template.render(parameters, options) : result;
}
