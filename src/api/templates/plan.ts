import { pathString } from '../validation.js';
import { excerpt, hasBraces, parseTemplateString } from './grammar.js';
import type { TemplateIssue } from './issues.js';
import type { ParameterSpec } from './parameters.js';
import type { ParameterValue } from './schemas.js';

/**
 * A template's `job` compiled once into a plan that renders without parsing anything again: the
 * parts without placeholders are kept as values, each string with placeholders as its pieces.
 */
export type PlanNode =
  | { kind: 'literal'; value: unknown }
  | { kind: 'object'; entries: Array<[string, PlanNode]> }
  | { kind: 'array'; items: PlanNode[] }
  /** A string that is exactly one placeholder: the typed value (by parameter index). */
  | { kind: 'value'; param: number }
  /** A string with placeholders in it: text, and parameter indexes for string forms. */
  | { kind: 'text'; parts: Array<string | number> };

/** Where placeholders are: one string value of the job, and what it is made of. */
export interface Slot {
  /** The path in the job, and as text (`spec.template.spec.containers[0].args[1]`). */
  path: Array<string | number>;
  text: string;
  /** The parameters it uses (indexes, each once, in order of appearance). */
  params: number[];
  /** The string was exactly one placeholder without `| string`: it takes the typed value. */
  typed: boolean;
  /** The string as written, for messages. */
  source: string;
}

/** What compiling a template's `job` gives. */
export interface Plan {
  root: PlanNode;
  slots: Slot[];
  /** Which parameters some placeholder uses, by index. */
  used: boolean[];
  issues: TemplateIssue[];
}

/** How deep a template's `job` may nest: far past any Job, short of a stack overflow. */
export const MAX_DEPTH = 64;

/**
 * Compiles a template's `job` against its parameters, collecting every definition error at its
 * path: a placeholder naming no declared parameter, a malformed or unclosed one, a placeholder in
 * a key, an array parameter inside a longer string, nesting past {@link MAX_DEPTH}.
 */
export function compilePlan(job: Record<string, unknown>, specs: readonly ParameterSpec[]): Plan {
  const index = new Map(specs.map((s, i) => [s.name, i]));
  const declared = specs.length > 0 ? specs.map((s) => s.name).join(', ') : 'none';
  const plan: Plan = {
    root: { kind: 'literal', value: null },
    slots: [],
    used: specs.map(() => false),
    issues: [],
  };
  const issue = (path: Array<string | number>, message: string, parameter?: string) =>
    plan.issues.push({ path: `job.${pathString(path)}`, message, ...(parameter ? { parameter } : {}) });

  const compileString = (s: string, path: Array<string | number>): PlanNode => {
    if (!hasBraces(s)) return { kind: 'literal', value: s };
    const parsed = parseTemplateString(s);
    if (!parsed.ok) {
      issue(path, parsed.message);
      return { kind: 'literal', value: s };
    }
    const slot: Slot = { path, text: pathString(path), params: [], typed: false, source: s };
    const parts: Array<string | number> = [];
    for (const segment of parsed.segments) {
      if (typeof segment === 'string') {
        parts.push(segment);
        continue;
      }
      const i = index.get(segment.name);
      if (i === undefined) {
        issue(path, `${segment.source} names no declared parameter (declared: ${excerpt(declared, 200)})`);
        continue;
      }
      plan.used[i] = true;
      if (!slot.params.includes(i)) slot.params.push(i);
      if (specs[i]!.type === 'array' && (parsed.segments.length > 1 || segment.asString)) {
        issue(
          path,
          `${segment.source}: an array parameter can only be a whole string, "{{ ${segment.name} }}", which it replaces`,
          segment.name,
        );
      }
      parts.push(i);
    }
    if (slot.params.length === 0) return { kind: 'literal', value: parts.join('') };
    plan.slots.push(slot);
    const only = parsed.segments[0];
    if (parsed.segments.length === 1 && typeof only === 'object' && !only.asString) {
      slot.typed = true;
      return { kind: 'value', param: parts[0] as number };
    }
    return { kind: 'text', parts };
  };

  const compile = (value: unknown, path: Array<string | number>): PlanNode => {
    if (typeof value === 'string') return compileString(value, path);
    if (value === null || typeof value !== 'object') return { kind: 'literal', value };
    if (path.length >= MAX_DEPTH) {
      issue(path, `nests deeper than ${MAX_DEPTH} levels`);
      return { kind: 'literal', value: null };
    }
    if (Array.isArray(value)) {
      const items = value.map((v, i) => compile(v, [...path, i]));
      return items.every((n) => n.kind === 'literal')
        ? { kind: 'literal', value: items.map((n) => (n as { value: unknown }).value) }
        : { kind: 'array', items };
    }
    const entries: Array<[string, PlanNode]> = [];
    for (const [key, v] of Object.entries(value)) {
      if (hasBraces(key)) {
        issue(
          [...path, key],
          'a key may not hold "{{": placeholders are allowed only in string values, and keys are literal',
        );
      }
      entries.push([key, compile(v, [...path, key])]);
    }
    return entries.every(([, n]) => n.kind === 'literal')
      ? { kind: 'literal', value: objectOf(entries.map(([k, n]) => [k, (n as { value: unknown }).value])) }
      : { kind: 'object', entries };
  };

  plan.root = compile(job, []);
  return plan;
}

/** An object with exactly these own properties (`__proto__` included, as JSON.parse makes it). */
function objectOf(entries: Iterable<[string, unknown]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) {
    if (k === '__proto__')
      Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    else out[k] = v;
  }
  return out;
}

/** A deep copy of a JSON value, so that no two renders share an object. */
function copy(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copy);
  return objectOf(Object.entries(value).map(([k, v]) => [k, copy(v)]));
}

/**
 * Renders a plan with one value per parameter (by index) and their string forms: structure comes
 * from the plan alone, each value lands where its placeholder was, as one JSON value.
 */
export function renderPlan(
  node: PlanNode,
  values: readonly ParameterValue[],
  strings: readonly string[],
): unknown {
  switch (node.kind) {
    case 'literal':
      return copy(node.value);
    case 'value':
      return copy(values[node.param]);
    case 'text':
      return node.parts.map((p) => (typeof p === 'number' ? strings[p] : p)).join('');
    case 'array':
      return node.items.map((n) => renderPlan(n, values, strings));
    case 'object':
      return objectOf(node.entries.map(([k, n]) => [k, renderPlan(n, values, strings)]));
  }
}
