/** JSON merge patch (RFC 7386) and JSON patch (RFC 6902) over plain JSON values. */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** RFC 7386: objects merge recursively, `null` deletes, everything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const out: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** A JSON patch operation that cannot be applied; the server answers 422 (or 409 for a failed `test`). */
export class PatchError extends Error {
  constructor(
    message: string,
    readonly testFailed = false,
  ) {
    super(message);
  }
}

function parsePointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new PatchError(`invalid JSON pointer: "${path}"`);
  return path
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function getAt(doc: unknown, tokens: string[]): unknown {
  let cur = doc;
  for (const t of tokens) {
    if (Array.isArray(cur)) cur = cur[Number(t)];
    else if (isObject(cur)) cur = cur[t];
    else return undefined;
  }
  return cur;
}

function parentOf(
  doc: unknown,
  tokens: string[],
  path: string,
): { parent: Record<string, unknown> | unknown[]; key: string } {
  const parent = getAt(doc, tokens.slice(0, -1));
  const key = tokens[tokens.length - 1];
  if (key === undefined || (!Array.isArray(parent) && !isObject(parent))) {
    throw new PatchError(`doc is missing path: "${path}": missing value`);
  }
  return { parent, key };
}

function add(doc: unknown, path: string, value: unknown): unknown {
  const tokens = parsePointer(path);
  if (tokens.length === 0) return value;
  const { parent, key } = parentOf(doc, tokens, path);
  if (Array.isArray(parent)) {
    const i = key === '-' ? parent.length : Number(key);
    if (!Number.isInteger(i) || i < 0 || i > parent.length)
      throw new PatchError(`add operation does not apply: index out of bounds: ${key}`);
    parent.splice(i, 0, value);
  } else parent[key] = value;
  return doc;
}

function remove(doc: unknown, path: string): unknown {
  const tokens = parsePointer(path);
  const { parent, key } = parentOf(doc, tokens, path);
  if (Array.isArray(parent)) {
    const i = Number(key);
    if (!Number.isInteger(i) || i < 0 || i >= parent.length)
      throw new PatchError(`remove operation does not apply: doc is missing path: "${path}"`);
    parent.splice(i, 1);
  } else {
    if (!Object.hasOwn(parent, key))
      throw new PatchError(`remove operation does not apply: doc is missing path: "${path}": missing value`);
    delete parent[key];
  }
  return doc;
}

/** Applies RFC 6902 operations to a deep copy of `target`. */
export function jsonPatch(target: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw new PatchError('json patch must be an array of operations');
  let doc = structuredClone(target) as Json;
  for (const raw of ops) {
    if (!isObject(raw) || typeof raw.op !== 'string' || typeof raw.path !== 'string')
      throw new PatchError('invalid json patch operation');
    const { op, path } = raw;
    switch (op) {
      case 'add':
        doc = add(doc, path, structuredClone(raw.value)) as Json;
        break;
      case 'remove':
        doc = remove(doc, path) as Json;
        break;
      case 'replace':
        if (getAt(doc, parsePointer(path)) === undefined)
          throw new PatchError(
            `replace operation does not apply: doc is missing key: ${path}: missing value`,
          );
        doc = add(remove(doc, path), path, structuredClone(raw.value)) as Json;
        break;
      case 'test':
        if (JSON.stringify(getAt(doc, parsePointer(path))) !== JSON.stringify(raw.value))
          throw new PatchError(`testing value ${path} failed: test failed`, true);
        break;
      case 'move':
      case 'copy': {
        if (typeof raw.from !== 'string') throw new PatchError(`${op} operation requires "from"`);
        const value = structuredClone(getAt(doc, parsePointer(raw.from)));
        if (value === undefined)
          throw new PatchError(`${op} operation does not apply: doc is missing from path: ${raw.from}`);
        if (op === 'move') doc = remove(doc, raw.from) as Json;
        doc = add(doc, path, value) as Json;
        break;
      }
      default:
        throw new PatchError(`Unexpected kind: ${op}`);
    }
  }
  return doc;
}

/**
 * Merge keys of the lists strategic merge patch merges instead of replacing, by path (list
 * indices left out), from the `patchStrategy:"merge" patchMergeKey:"…"` tags of
 * k8s.io/apimachinery/pkg/apis/meta/v1/types.go and k8s.io/api/core/v1/types.go. `''` marks a
 * list of primitives merged as a set. Every other list is replaced, as in the real server.
 */
const MERGE_KEYS: Record<string, string> = {
  'metadata.finalizers': '',
  'metadata.ownerReferences': 'uid',
  'spec.template.metadata.finalizers': '',
  'spec.template.spec.containers': 'name',
  'spec.template.spec.initContainers': 'name',
  'spec.template.spec.containers.env': 'name',
  'spec.template.spec.initContainers.env': 'name',
  'spec.template.spec.containers.ports': 'containerPort',
  'spec.template.spec.initContainers.ports': 'containerPort',
  'spec.template.spec.containers.volumeMounts': 'mountPath',
  'spec.template.spec.initContainers.volumeMounts': 'mountPath',
  'spec.template.spec.volumes': 'name',
  'spec.template.spec.imagePullSecrets': 'name',
};

const DELETE_FROM = '$deleteFromPrimitiveList/';
const SET_ORDER = '$setElementOrder/';

function mergeList(path: string, target: unknown, patch: unknown[], deletions: unknown[]): unknown[] {
  const key = MERGE_KEYS[path];
  const base = Array.isArray(target) ? [...target] : [];
  if (key === undefined) return patch;
  if (key === '') {
    const out = base.filter((v) => !deletions.some((d) => d === v));
    for (const v of patch) if (!out.includes(v)) out.push(v);
    return out;
  }
  let out = base;
  for (const item of patch) {
    if (!isObject(item)) throw new PatchError(`${path}: list items must be objects merged on "${key}"`);
    const at = out.findIndex((o) => isObject(o) && o[key] === item[key]);
    if (item.$patch === 'delete') {
      out = out.filter((_, i) => i !== at);
      continue;
    }
    if (item.$patch === 'replace') {
      const { $patch: _p, ...rest } = item;
      if (at >= 0) out[at] = rest;
      else out.push(rest);
      continue;
    }
    if (at >= 0) out[at] = strategicMergePatch(out[at], item, path);
    else out.push(strategicMergePatch(undefined, item, path));
  }
  return out;
}

/**
 * Strategic merge patch for the types the devcluster serves (k8s.io/apimachinery/pkg/util/strategicpatch):
 * maps merge and `null` deletes as in a merge patch, but lists with a merge key merge by that key,
 * primitive merge lists merge as sets, and the `$patch`, `$deleteFromPrimitiveList/…`,
 * `$setElementOrder/…` and `$retainKeys` directives are honoured (element order is not).
 */
export function strategicMergePatch(target: unknown, patch: unknown, path = ''): unknown {
  if (!isObject(patch)) return patch;
  if (patch.$patch === 'delete') return undefined;
  const replace = patch.$patch === 'replace';
  const out: Record<string, unknown> = isObject(target) && !replace ? { ...target } : {};
  const retain = Array.isArray(patch.$retainKeys) ? (patch.$retainKeys as unknown[]) : undefined;
  if (retain) for (const k of Object.keys(out)) if (!retain.includes(k)) delete out[k];
  for (const [k, v] of Object.entries(patch)) {
    if (k === '$patch' || k === '$retainKeys' || k.startsWith(SET_ORDER) || k.startsWith(DELETE_FROM))
      continue;
    const sub = path ? `${path}.${k}` : k;
    const deletions = patch[`${DELETE_FROM}${k}`];
    if (v === null) delete out[k];
    else if (Array.isArray(v)) out[k] = mergeList(sub, out[k], v, Array.isArray(deletions) ? deletions : []);
    else if (isObject(v)) {
      const merged = strategicMergePatch(out[k], v, sub);
      if (merged === undefined) delete out[k];
      else out[k] = merged;
    } else out[k] = v;
  }
  // A deletion directive with no list in the patch still removes values.
  for (const [k, v] of Object.entries(patch)) {
    if (!k.startsWith(DELETE_FROM) || !Array.isArray(v)) continue;
    const field = k.slice(DELETE_FROM.length);
    if (field in patch) continue;
    const list = out[field];
    if (Array.isArray(list)) out[field] = list.filter((x) => !v.includes(x));
  }
  return out;
}
