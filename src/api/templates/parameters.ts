import { excerpt, placeholderIn } from './grammar.js';
import type { TemplateIssue } from './issues.js';
import { type CompiledPattern, compilePattern } from './pattern.js';
import type { ParameterType, ParameterValue, TemplateParameter } from './schemas.js';

/** A declared parameter, checked and ready to check values against. */
export interface ParameterSpec {
  name: string;
  type: ParameterType;
  required: boolean;
  default?: ParameterValue;
  enum?: ReadonlyArray<string | number>;
  pattern?: CompiledPattern;
  minimum?: number;
  maximum?: number;
}

/** What is wrong with a value: `at` is '' for the value itself, `[2]` for an item of an array. */
export interface ValueProblem {
  at: string;
  message: string;
}

const EXPECTED: Record<ParameterType, string> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'a boolean',
  array: 'an array of strings',
};

/** `string "3"`, `number 1.5`, `an object`: what a value is, for messages. */
export function describeValue(v: unknown): string {
  if (typeof v === 'string') return `string ${JSON.stringify(excerpt(v))}`;
  if (typeof v === 'number' || typeof v === 'boolean') return `${typeof v} ${v}`;
  if (v === null) return 'null';
  return Array.isArray(v) ? 'an array' : `an ${typeof v}`;
}

function ofType(type: ParameterType, v: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof v === 'string';
    case 'integer':
      return typeof v === 'number' && Number.isSafeInteger(v);
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'array':
      return Array.isArray(v);
  }
}

/** The checks of one scalar: a string, a number, or an item of an array. */
function scalarProblems(spec: ParameterSpec, v: string | number | boolean, at: string): ValueProblem[] {
  const problems: ValueProblem[] = [];
  if (typeof v === 'string') {
    const injected = placeholderIn(v);
    if (injected) {
      problems.push({
        at,
        message: `must not contain a placeholder (${JSON.stringify(injected)}): values are inserted as they are and never expanded`,
      });
    }
    if (spec.pattern && !spec.pattern.test(v)) {
      problems.push({
        at,
        message: `must match the pattern ${spec.pattern.source} (got ${describeValue(v)})`,
      });
    }
  }
  if (spec.enum && typeof v !== 'boolean' && !spec.enum.includes(v)) {
    const allowed = spec.enum.map((e) => JSON.stringify(e)).join(', ');
    problems.push({ at, message: `must be one of ${excerpt(allowed, 200)} (got ${describeValue(v)})` });
  }
  if (typeof v === 'number') {
    if (spec.minimum !== undefined && v < spec.minimum) {
      problems.push({ at, message: `must be at least ${spec.minimum} (got ${v})` });
    }
    if (spec.maximum !== undefined && v > spec.maximum) {
      problems.push({ at, message: `must be at most ${spec.maximum} (got ${v})` });
    }
  }
  return problems;
}

/**
 * What is wrong with `value` as a value of the parameter: its JSON type (never coerced: `"3"` is
 * not an integer), then `enum`, `pattern`, `minimum`/`maximum`, and no placeholder in a string.
 * Empty when the value is good.
 */
export function valueProblems(spec: ParameterSpec, value: unknown): ValueProblem[] {
  if (!ofType(spec.type, value)) {
    return [{ at: '', message: `expected ${EXPECTED[spec.type]}, got ${describeValue(value)}` }];
  }
  if (!Array.isArray(value)) return scalarProblems(spec, value as string | number | boolean, '');
  const problems: ValueProblem[] = [];
  for (const [i, item] of value.entries()) {
    if (typeof item !== 'string') {
      problems.push({ at: `[${i}]`, message: `expected a string, got ${describeValue(item)}` });
    } else problems.push(...scalarProblems(spec, item, `[${i}]`));
  }
  return problems;
}

/** The string form of a value, for a placeholder inside a longer string or under `| string`. */
export function stringForm(value: string | number | boolean): string {
  return typeof value === 'string' ? value : String(value);
}

/**
 * The value a definition is rendered with to check that it gives a valid Job: the default, else
 * a harmless value of the type (the first of `enum`; "x"; 1 kept within minimum/maximum; false).
 */
export function sampleValue(spec: ParameterSpec): ParameterValue {
  if (spec.default !== undefined) return spec.default;
  const first = spec.enum?.[0];
  switch (spec.type) {
    case 'string':
      return typeof first === 'string' ? first : 'x';
    case 'array':
      return [typeof first === 'string' ? first : 'x'];
    case 'boolean':
      return false;
    default:
      if (typeof first === 'number') return first;
      return Math.min(Math.max(1, spec.minimum ?? 1), spec.maximum ?? 1);
  }
}

const APPLIES: Array<{ field: 'pattern' | 'minimum' | 'maximum' | 'enum'; types: ParameterType[] }> = [
  { field: 'pattern', types: ['string', 'array'] },
  { field: 'minimum', types: ['integer', 'number'] },
  { field: 'maximum', types: ['integer', 'number'] },
  { field: 'enum', types: ['string', 'array', 'integer', 'number'] },
];

/**
 * Checks a declared parameter on its own — the fields that apply to its type, its pattern, its
 * enum and default against its type and constraints, `required` against `default` — and answers
 * it ready for use, with every issue at `parameters[index].…`.
 */
export function compileParameter(
  def: TemplateParameter,
  index: number,
): { spec: ParameterSpec; issues: TemplateIssue[] } {
  const base = `parameters[${index}]`;
  const issues: TemplateIssue[] = [];
  const issue = (at: string, message: string) =>
    issues.push({
      path: `${base}${at}`,
      message: `parameter "${def.name}": ${message}`,
      parameter: def.name,
    });
  const spec: ParameterSpec = { name: def.name, type: def.type, required: def.default === undefined };

  for (const { field, types } of APPLIES) {
    if (def[field] !== undefined && !types.includes(def.type)) {
      issue(`.${field}`, `${field} does not apply to a ${def.type} parameter`);
    }
  }
  if (def.pattern !== undefined && (def.type === 'string' || def.type === 'array')) {
    const compiled = compilePattern(def.pattern);
    if (compiled.ok) spec.pattern = compiled.pattern;
    else issue('.pattern', `pattern ${compiled.message}`);
  }
  for (const field of ['minimum', 'maximum'] as const) {
    const bound = def[field];
    if (bound === undefined || (def.type !== 'integer' && def.type !== 'number')) continue;
    if (def.type === 'integer' && !Number.isSafeInteger(bound))
      issue(`.${field}`, `${field} must be an integer`);
    else spec[field] = bound;
  }
  if (spec.minimum !== undefined && spec.maximum !== undefined && spec.minimum > spec.maximum) {
    issue('.minimum', `minimum ${spec.minimum} is greater than maximum ${spec.maximum}`);
  }
  if (def.enum !== undefined && def.type !== 'boolean') {
    const itemSpec: ParameterSpec = { ...spec, type: def.type === 'array' ? 'string' : def.type };
    for (const [i, option] of def.enum.entries()) {
      for (const p of valueProblems(itemSpec, option)) issue(`.enum[${i}]`, `enum value ${p.message}`);
      if (def.enum.indexOf(option) !== i)
        issue(`.enum[${i}]`, `enum value ${JSON.stringify(option)} is repeated`);
    }
    spec.enum = def.enum;
  }
  if (def.required === true && def.default !== undefined) {
    issue('.required', 'a required parameter has no default: drop one of required and default');
  } else if (def.required === false && def.default === undefined) {
    issue('.required', 'an optional parameter needs a default: give one, or drop required');
  }
  if (def.default !== undefined) {
    for (const p of valueProblems(spec, def.default)) issue(`.default${p.at}`, `default ${p.message}`);
    spec.default = def.default;
  }
  return { spec, issues };
}
