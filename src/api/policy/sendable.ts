import * as k8s from '@kubernetes/client-node';

/** A generated model's attribute list (`V1PodSpec.getAttributeTypeMap()`). */
type AttributeMap = ReadonlyArray<{ name: string; type: string }>;
const models = k8s as unknown as Record<string, { getAttributeTypeMap?: () => AttributeMap } | undefined>;

const ARRAY = /^Array<(.*)>$/;
const MAP = /^\{ \[key: string\]: (.*); \}$/;

function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

/**
 * Where the Kubernetes client could not send `value` as `type` (`V1Job` by default): the
 * client's ObjectSerializer walks an object by its generated types, and where the type is an
 * array it iterates the value, so a plain object, number or boolean there (`volumes: {…}`,
 * `env: {A: "1"}`, `args: 5`) throws a TypeError before any request is made. A dry run then
 * answered 503 ClusterUnavailable, and an enqueued create was retried for a day without reaching
 * the cluster. This walks the same types and answers the first such field as
 * `<path>: expected array, got <type>`, or undefined when the value can be sent. Pure.
 */
export function unsendableField(value: unknown, type = 'V1Job'): string | undefined {
  // Almost every manifest can be sent: check it without building a single path string, and
  // walk again to name the field only when there is one to name.
  return sendable(value, type) ? undefined : locate(value, type, '');
}

/** Whether the client can send `value` as `type`; the same walk as {@link locate}, by own keys. */
function sendable(value: unknown, type: string): boolean {
  if (value === undefined || value === null) return true;
  const { array, map, attributes } = shapeOf(type);
  if (array) {
    if (typeof value === 'string') return true;
    if (!Array.isArray(value)) return false;
    for (const el of value) if (!sendable(el, array[1]!)) return false;
    return true;
  }
  if (typeof value !== 'object') return true;
  if (map) {
    for (const key in value) if (!sendable((value as Record<string, unknown>)[key], map[1]!)) return false;
    return true;
  }
  if (!attributes) return true;
  for (const key in value) {
    const attrType = attributes.get(key);
    if (attrType !== undefined && !sendable((value as Record<string, unknown>)[key], attrType)) return false;
  }
  return true;
}

/** The path of the first field the client cannot send (see {@link unsendableField}). */
function locate(value: unknown, type: string, path: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  const { t, array, map } = shapeOf(type);
  if (array) {
    // A string iterates (character by character): the cluster refuses what it gets, the client does not throw.
    if (typeof value === 'string') return undefined;
    if (!Array.isArray(value)) return `${path}: expected array, got ${typeName(value)}`;
    for (const [i, el] of value.entries()) {
      const bad = locate(el, array[1]!, `${path}[${i}]`);
      if (bad) return bad;
    }
    return undefined;
  }
  if (map) {
    if (typeof value !== 'object') return undefined;
    for (const key of Object.keys(value)) {
      const bad = locate((value as Record<string, unknown>)[key], map[1]!, `${path}[${JSON.stringify(key)}]`);
      if (bad) return bad;
    }
    return undefined;
  }
  const attributes = models[t]?.getAttributeTypeMap?.();
  if (!attributes || typeof value !== 'object') return undefined;
  for (const { name, type: attrType } of attributes) {
    // Most attributes are absent: no path string for them (this runs on every create).
    if (!Object.hasOwn(value, name)) continue;
    const child = (value as Record<string, unknown>)[name];
    if (child === undefined || child === null) continue;
    const bad = locate(child, attrType, path ? `${path}.${name}` : name);
    if (bad) return bad;
  }
  return undefined;
}

interface Shape {
  t: string;
  array: RegExpExecArray | null;
  map: RegExpExecArray | null;
  /** A model's attributes by name → type; undefined for a primitive or unknown type. */
  attributes: Map<string, string> | undefined;
}

/** A type string's shape, parsed once per distinct type (a few dozen in the Job model). */
function shapeOf(type: string): Shape {
  let shape = shapes.get(type);
  if (!shape) {
    const t = type.replace(/ \| (null|undefined)$/, '');
    const list = models[t]?.getAttributeTypeMap?.();
    shape = {
      t,
      array: ARRAY.exec(t),
      map: MAP.exec(t),
      attributes: list ? new Map(list.map((a) => [a.name, a.type])) : undefined,
    };
    shapes.set(type, shape);
  }
  return shape;
}
const shapes = new Map<string, Shape>();
