/**
 * Merging an applied configuration onto the live object and removing what the applier stopped
 * applying, as structured-merge-diff does (typed/merge.go, typed/remove.go and merge/update.go
 * prune, addBackOwnedItems, addBackDanglingItems).
 */
import { type FieldNode, fieldNode } from './field-schema.js';
import { child, elements, type FieldSet, itemElement } from './field-set.js';
import { isObject } from './request-body.js';

/**
 * A list merged by key or as a set: items only in the live list keep their place, items of the
 * configuration come in its order, each merged with its live counterpart.
 */
function mergeList(live: unknown[], config: unknown[], node: FieldNode): unknown[] {
  const element = (item: unknown) => itemElement(node, item);
  const liveItems = new Map(live.map((item) => [element(item), item]));
  const configured = new Set(config.map(element));
  const out: unknown[] = [];
  const emitted = new Set<string>();
  let next = 0;
  const emit = (item: unknown) => {
    const e = element(item);
    if (emitted.has(e)) return;
    emitted.add(e);
    out.push(node.kind === 'keyed' ? mergeApplied(liveItems.get(e), item, node.item) : item);
  };
  for (const item of live) {
    const e = element(item);
    if (!configured.has(e)) {
      out.push(item);
      continue;
    }
    while (next < config.length) {
      const c = config[next++];
      emit(c);
      if (element(c) === e) break;
    }
  }
  while (next < config.length) emit(config[next++]);
  return out;
}

/** The live object with the configuration merged in (TypedValue.Merge). */
export function mergeApplied(live: unknown, config: unknown, node: FieldNode): unknown {
  if (config === undefined) return live;
  if (live === undefined || live === null || config === null || node.kind === 'atomic') return config;
  if (Array.isArray(config)) {
    if (!Array.isArray(live) || (node.kind !== 'keyed' && node.kind !== 'set')) return config;
    return mergeList(live, config, node);
  }
  if (!isObject(config) || !isObject(live)) return config;
  const out: Record<string, unknown> = { ...live };
  for (const [name, value] of Object.entries(config)) {
    out[name] = mergeApplied(live[name], value, fieldNode(node, name, value));
  }
  return out;
}

function removeAt(
  value: unknown,
  node: FieldNode,
  path: string,
  remove: FieldSet,
  under: Set<string>,
): unknown {
  if (Array.isArray(value)) {
    if (node.kind !== 'keyed' && node.kind !== 'set') return value;
    const out: unknown[] = [];
    for (const item of value) {
      const p = child(path, itemElement(node, item));
      if (remove.has(p)) continue;
      out.push(node.kind === 'keyed' && under.has(p) ? removeAt(item, node.item, p, remove, under) : item);
    }
    return out;
  }
  if (!isObject(value) || node.kind === 'atomic') return value;
  const out: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(value)) {
    const p = child(path, `f:${name}`);
    if (remove.has(p)) continue;
    out[name] = under.has(p) ? removeAt(v, fieldNode(node, name, v), p, remove, under) : v;
  }
  return out;
}

function withAncestors(set: FieldSet): Set<string> {
  const out = new Set<string>();
  for (const path of set) {
    let prefix = '';
    for (const e of elements(path)) {
      prefix = child(prefix, e);
      out.add(prefix);
    }
  }
  return out;
}

/** The value without the given paths and everything under them (TypedValue.RemoveItems). */
export function removePaths(value: unknown, paths: FieldSet, node: FieldNode): unknown {
  if (paths.size === 0) return value;
  const under = new Set<string>();
  for (const p of withAncestors(paths)) if (!paths.has(p)) under.add(p);
  return removeAt(value, node, '', paths, under);
}

/**
 * Removes what the applier applied last time (`last`) and no manager — the applier's new
 * configuration included — owns now, at or under the path. A field's enclosing struct fields
 * count as applied too (Set.EnsureNamedFieldsAreMembers), so a map nobody owns anything of goes
 * whole, with entries nobody ever owned.
 */
export function prune(merged: unknown, last: FieldSet, owners: FieldSet[], node: FieldNode): unknown {
  const owned = withAncestors(new Set(owners.flatMap((s) => [...s])));
  const remove: FieldSet = new Set([...withAncestors(last)].filter((p) => !owned.has(p)));
  return removePaths(merged, remove, node);
}
