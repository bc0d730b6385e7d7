import * as k8s from '@kubernetes/client-node';

/** A generated model's attribute list (`V1PodSpec.getAttributeTypeMap()`). */
type AttributeMap = ReadonlyArray<{ baseName: string; type: string }>;
const models = k8s as unknown as Record<string, { getAttributeTypeMap?: () => AttributeMap } | undefined>;

const ARRAY = /^Array<(.*)>$/;
const MAP = /^\{ \[key: string\]: (.*); \}$/;

/** What JSON a Kubernetes field takes, as far as a placeholder's value is concerned. */
export type KubeKind = 'string' | 'number' | 'boolean' | 'int-or-string' | 'string-array';

function step(type: string, key: string | number): string | undefined {
  const t = type.replace(/ \| (null|undefined)$/, '');
  const array = ARRAY.exec(t);
  if (array) return typeof key === 'number' ? array[1] : undefined;
  const map = MAP.exec(t);
  if (map) return typeof key === 'string' ? map[1] : undefined;
  return models[t]?.getAttributeTypeMap?.().find((a) => a.baseName === key)?.type;
}

/**
 * The kind of the field at `path` of a `batch/v1` Job, from the generated models of the
 * Kubernetes client (`spec.parallelism` → number, `…containers[0].args` → string-array), or
 * undefined for a field the models do not type as one of these (an object, an unknown field).
 * The API server decodes JSON strictly: `"3"` is not an int32 and `3` is not a string.
 */
export function kubeKindAt(path: ReadonlyArray<string | number>, root = 'V1Job'): KubeKind | undefined {
  let type: string | undefined = root;
  for (const key of path) {
    type = step(type, key);
    if (type === undefined) return undefined;
  }
  switch (type) {
    case 'string':
    case 'Date':
      return 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'IntOrString':
      return 'int-or-string';
    case 'Array<string>':
      return 'string-array';
    default:
      return undefined;
  }
}
