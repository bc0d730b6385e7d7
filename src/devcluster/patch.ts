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
