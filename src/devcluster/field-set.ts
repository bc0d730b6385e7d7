/**
 * Sets of field paths, as structured-merge-diff (sigs.k8s.io/structured-merge-diff/v4) keeps
 * field ownership: a path is a list of elements written as in `fieldsV1` — `f:<field>`,
 * `k:<key fields as JSON>` for an item of a keyed list, `v:<JSON value>` for an item of a set.
 * A set holds each path joined by NUL. Here: the fields an applied configuration sets
 * (typed/tofieldset.go), the comparison of two objects (typed/compare.go), the `fieldsV1`
 * encoding (fieldpath/serialize.go) and the path text of conflict messages (fieldpath/path.go).
 */
import { type FieldNode, fieldNode } from './field-schema.js';
import { isObject } from './request-body.js';

/** Paths joined by {@link SEP}; the empty string is the root. */
export type FieldSet = Set<string>;

const SEP = '\u0000';

/** The path one element further down. */
export function child(path: string, element: string): string {
  return path === '' ? element : `${path}${SEP}${element}`;
}

/** The elements of a path. */
export function elements(path: string): string[] {
  return path === '' ? [] : path.split(SEP);
}

/** The element naming a list item: its key fields (`k:`) or, in a set, its value (`v:`). */
export function itemElement(node: FieldNode, item: unknown): string {
  if (node.kind !== 'keyed') return `v:${JSON.stringify(item)}`;
  const key: Record<string, unknown> = {};
  for (const name of [...node.keys].sort()) {
    const value = isObject(item) && item[name] !== undefined ? item[name] : node.defaults?.[name];
    if (value !== undefined) key[name] = value;
  }
  return `k:${JSON.stringify(key)}`;
}

/** Values equal as JSON, whatever the key order (value.Equals). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (!isObject(a) || !isObject(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => k in b && jsonEqual(a[k], b[k]));
}

function isEmptyObject(v: unknown): boolean {
  return isObject(v) && Object.keys(v).length === 0;
}

function walkFields(value: unknown, node: FieldNode, path: string, out: FieldSet): void {
  if (node.kind === 'atomic' || value === null || typeof value !== 'object') {
    out.add(path);
    return;
  }
  if (Array.isArray(value)) {
    if (node.kind !== 'keyed' && node.kind !== 'set') {
      out.add(path);
      return;
    }
    for (const item of value) {
      const p = child(path, itemElement(node, item));
      if (node.kind === 'keyed') walkFields(item, node.item, p, out);
      out.add(p);
    }
    return;
  }
  for (const [name, v] of Object.entries(value)) {
    if (v === undefined) continue;
    const p = child(path, `f:${name}`);
    walkFields(v, fieldNode(node, name, v), p, out);
    // A map's entries are owned themselves; a struct's fields only when null or empty.
    if (node.kind === 'map' || v === null || isEmptyObject(v)) out.add(p);
  }
}

/** The fields a value sets (TypedValue.ToFieldSet): what an applier comes to own. */
export function toFieldSet(value: unknown, node: FieldNode): FieldSet {
  const out: FieldSet = new Set();
  walkFields(value, node, '', out);
  out.delete('');
  return out;
}

/** What changed from one object to another (typed.Comparison). */
export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

function isEmptyish(v: unknown): boolean {
  return v === undefined || v === null || (Array.isArray(v) ? v.length === 0 : isEmptyObject(v));
}

/** How typed/compare.go walks a value: item by item, field by field, or as one leaf. */
function granularity(l: unknown, r: unknown, node: FieldNode): 'list' | 'map' | 'leaf' {
  if (node.kind === 'atomic' || (isEmptyish(l) && isEmptyish(r))) return 'leaf';
  if (node.kind === 'keyed' || node.kind === 'set') {
    return (l == null || Array.isArray(l)) && (r == null || Array.isArray(r)) ? 'list' : 'leaf';
  }
  return (l == null || isObject(l)) && (r == null || isObject(r)) ? 'map' : 'leaf';
}

function compareAt(l: unknown, r: unknown, node: FieldNode, path: string, cmp: Comparison): void {
  const walk = granularity(l, r, node);
  if (walk === 'leaf') {
    if (l === undefined) cmp.added.add(path);
    else if (r === undefined) cmp.removed.add(path);
    else if (!jsonEqual(l, r)) cmp.modified.add(path);
    return;
  }
  if (walk === 'list') {
    const items = new Map<string, [unknown, unknown]>();
    for (const item of Array.isArray(l) ? l : []) items.set(itemElement(node, item), [item, undefined]);
    for (const item of Array.isArray(r) ? r : []) {
      const e = itemElement(node, item);
      items.set(e, [items.get(e)?.[0], item]);
    }
    const itemNode = node.kind === 'keyed' ? node.item : { kind: 'atomic' as const };
    for (const [e, [li, ri]] of items) compareAt(li, ri, itemNode, child(path, e), cmp);
  } else {
    const lo = isObject(l) ? l : {};
    const ro = isObject(r) ? r : {};
    for (const name of new Set([...Object.keys(lo), ...Object.keys(ro)])) {
      const lv = lo[name];
      const rv = ro[name];
      if (lv === undefined && rv === undefined) continue;
      compareAt(lv, rv, fieldNode(node, name, rv ?? lv), child(path, `f:${name}`), cmp);
    }
  }
  // A structured value that appears or disappears is itself added or removed.
  if (l === undefined) cmp.added.add(path);
  else if (r === undefined) cmp.removed.add(path);
}

/** Compares `lhs` with `rhs` (TypedValue.Compare); `null` counts as present, unlike absent. */
export function compare(lhs: unknown, rhs: unknown, node: FieldNode): Comparison {
  const cmp: Comparison = { added: new Set(), modified: new Set(), removed: new Set() };
  compareAt(lhs, rhs, node, '', cmp);
  for (const s of [cmp.added, cmp.modified, cmp.removed]) s.delete('');
  return cmp;
}

/** The union of sets. */
export function union(...sets: FieldSet[]): FieldSet {
  const out: FieldSet = new Set();
  for (const s of sets) for (const p of s) out.add(p);
  return out;
}

/** `a` without the paths in `b` (Set.Difference). */
export function difference(a: FieldSet, b: FieldSet): FieldSet {
  return new Set([...a].filter((p) => !b.has(p)));
}

/** `a` without the paths in `b` or under them (Set.RecursiveDifference). */
export function recursiveDifference(a: FieldSet, prefixes: FieldSet): FieldSet {
  return new Set([...a].filter((p) => ![...prefixes].some((q) => p === q || p.startsWith(`${q}${SEP}`))));
}

const ORDER: Record<string, number> = { f: 0, k: 1, v: 2, i: 3 };

function compareElements(a: string, b: string): number {
  const byType = (ORDER[a[0] ?? ''] ?? 4) - (ORDER[b[0] ?? ''] ?? 4);
  if (byType !== 0) return byType;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The order Set.Iterate visits paths: at each level the members, then the children, each sorted. */
export function comparePaths(a: string, b: string): number {
  const x = elements(a);
  const y = elements(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const xLeaf = i === x.length - 1;
    const yLeaf = i === y.length - 1;
    if (xLeaf !== yLeaf) return xLeaf ? -1 : 1;
    const c = compareElements(x[i] as string, y[i] as string);
    if (c !== 0 || xLeaf) return c;
  }
  return x.length - y.length;
}

function valueText(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** A path as conflict messages print it: `.spec.template.spec.containers[name="main"].image`. */
export function pathText(path: string): string {
  return elements(path)
    .map((e) => {
      const body = e.slice(2);
      if (e.startsWith('f:')) return `.${body}`;
      if (e.startsWith('v:')) return `[=${valueText(JSON.parse(body))}]`;
      const key = JSON.parse(body) as Record<string, unknown>;
      return `[${Object.entries(key)
        .map(([k, v]) => `${k}=${valueText(v)}`)
        .join(',')}]`;
    })
    .join('');
}

interface Trie {
  member: boolean;
  children: Map<string, Trie>;
}

/** The `fieldsV1` object of a set: a path that is owned and has owned children carries `.`. */
export function encodeFieldsV1(set: FieldSet): Record<string, unknown> {
  const root: Trie = { member: false, children: new Map() };
  for (const path of set) {
    let node = root;
    for (const e of elements(path)) {
      let next = node.children.get(e);
      if (!next) {
        next = { member: false, children: new Map() };
        node.children.set(e, next);
      }
      node = next;
    }
    node.member = true;
  }
  const emit = (node: Trie): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    if (node.member && node.children.size > 0) out['.'] = {};
    for (const e of [...node.children.keys()].sort(compareElements))
      out[e] = emit(node.children.get(e) as Trie);
    return out;
  };
  return emit(root);
}

/** The set a `fieldsV1` object describes, or undefined when it is not one. */
export function decodeFieldsV1(fields: unknown): FieldSet | undefined {
  if (!isObject(fields)) return undefined;
  const out: FieldSet = new Set();
  const walk = (node: Record<string, unknown>, path: string): boolean => {
    for (const [e, sub] of Object.entries(node)) {
      if (e === '.') {
        if (path !== '') out.add(path);
        continue;
      }
      if (!isObject(sub) || !/^[fkvi]:/.test(e)) return false;
      const p = child(path, e);
      if (Object.keys(sub).length === 0) out.add(p);
      else if (!walk(sub, p)) return false;
    }
    return true;
  };
  return walk(fields, '') ? out : undefined;
}
