/**
 * Label and field selectors as the API server parses them from query strings
 * (k8s.io/apimachinery/pkg/labels/selector.go, pkg/fields/selector.go).
 */
export type Operator = 'exists' | '!' | '=' | '!=' | 'in' | 'notin' | 'gt' | 'lt';

export interface Requirement {
  key: string;
  op: Operator;
  values: string[];
}

/** Thrown for an unparsable selector; the server answers 400 BadRequest with this message. */
export class SelectorParseError extends Error {}

const KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function checkKey(key: string): string {
  if (!KEY.test(key)) throw new SelectorParseError(`unable to parse requirement: invalid label key "${key}"`);
  return key;
}

function checkValue(v: string): string {
  if (v.length > 63 || !VALUE.test(v)) {
    throw new SelectorParseError(`unable to parse requirement: invalid label value: "${v}"`);
  }
  return v;
}

/** Splits on commas that are not inside a `(...)` value set. */
function splitTopLevel(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

/** Parses a `labelSelector` query value: equality (`=`, `==`, `!=`) and set-based (`in`, `notin`, `key`, `!key`). */
export function parseLabelSelector(input: string): Requirement[] {
  const out: Requirement[] = [];
  for (const part of splitTopLevel(input)) {
    let m = /^!\s*(\S+)$/.exec(part);
    if (m?.[1]) {
      out.push({ key: checkKey(m[1]), op: '!', values: [] });
      continue;
    }
    m = /^(\S+?)\s+(in|notin)\s*\(([^)]*)\)$/.exec(part);
    if (m?.[1] && m[2] && m[3] !== undefined) {
      const values = m[3]
        .split(',')
        .map((v) => v.trim())
        .filter((v, _i, all) => v.length > 0 || all.length === 1);
      out.push({ key: checkKey(m[1]), op: m[2] as Operator, values: values.map(checkValue) });
      continue;
    }
    m = /^([^=!<>\s]+)\s*(==|=|!=|>|<)\s*(\S*)$/.exec(part);
    if (m?.[1] && m[2] && m[3] !== undefined) {
      const op: Operator = m[2] === '!=' ? '!=' : m[2] === '>' ? 'gt' : m[2] === '<' ? 'lt' : '=';
      if ((op === 'gt' || op === 'lt') && !/^-?\d+$/.test(m[3])) {
        throw new SelectorParseError(
          `unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer`,
        );
      }
      out.push({ key: checkKey(m[1]), op, values: [op === 'gt' || op === 'lt' ? m[3] : checkValue(m[3])] });
      continue;
    }
    if (/^\S+$/.test(part) && !/[=!<>()]/.test(part)) {
      out.push({ key: checkKey(part), op: 'exists', values: [] });
      continue;
    }
    throw new SelectorParseError(`unable to parse requirement: found '${part}', expected: valid selector`);
  }
  return out;
}

/** True when every requirement holds for `labels`. */
export function matchesLabels(
  reqs: readonly Requirement[],
  labels: Record<string, string> | undefined,
): boolean {
  for (const r of reqs) {
    const has = labels !== undefined && Object.hasOwn(labels, r.key);
    const v = has ? labels[r.key] : undefined;
    switch (r.op) {
      case 'exists':
        if (!has) return false;
        break;
      case '!':
        if (has) return false;
        break;
      case '=':
      case 'in':
        if (v === undefined || !r.values.includes(v)) return false;
        break;
      case '!=':
      case 'notin':
        if (v !== undefined && r.values.includes(v)) return false;
        break;
      case 'gt':
      case 'lt': {
        if (v === undefined || !/^-?\d+$/.test(v)) return false;
        const n = Number(v);
        const bound = Number(r.values[0]);
        if (r.op === 'gt' ? !(n > bound) : !(n < bound)) return false;
        break;
      }
    }
  }
  return true;
}

export interface FieldRequirement {
  field: string;
  op: '=' | '!=';
  value: string;
}

/** Parses a `fieldSelector`; only fields in `supported` are accepted, as the server does per resource. */
export function parseFieldSelector(input: string, supported: readonly string[]): FieldRequirement[] {
  const out: FieldRequirement[] = [];
  for (const part of input
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0)) {
    const m = /^([^=!]+?)\s*(==|=|!=)\s*(.*)$/.exec(part);
    if (!m?.[1] || !m[2] || m[3] === undefined) {
      throw new SelectorParseError(`invalid selector: '${input}'; can't understand '${part}'`);
    }
    if (!supported.includes(m[1])) throw new SelectorParseError(`field label not supported: ${m[1]}`);
    out.push({ field: m[1], op: m[2] === '!=' ? '!=' : '=', value: m[3] });
  }
  return out;
}

/** True when every field requirement holds; `fields` maps field path to its value. */
export function matchesFields(reqs: readonly FieldRequirement[], fields: (field: string) => string): boolean {
  for (const r of reqs) {
    const v = fields(r.field);
    if (r.op === '=' ? v !== r.value : v === r.value) return false;
  }
  return true;
}
