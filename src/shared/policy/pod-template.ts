/** The pod template of a Job: what Pod Security Admission evaluates for the Pods the Job creates. */
export interface PodTemplate {
  /** `spec.template.metadata` (annotations and labels matter to PSA); `undefined` when absent or not an object. */
  metadata: { annotations?: unknown; labels?: unknown } | undefined;
  /** `spec.template.spec`, untyped as the client sent it. */
  spec: unknown;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function own(obj: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/**
 * Extracts `spec.template` of a `batch/v1` Job manifest. Returns `undefined`
 * when the manifest is not an object, says it is another `apiVersion`/`kind`
 * (when those fields are present), has no `spec.template` object, or has a
 * `spec.template.metadata` that is neither an object nor null. Never throws.
 */
export function podTemplateOf(jobManifest: unknown): PodTemplate | undefined {
  if (!isObject(jobManifest)) return undefined;
  const apiVersion = own(jobManifest, 'apiVersion');
  const kind = own(jobManifest, 'kind');
  if (apiVersion !== undefined && apiVersion !== 'batch/v1') return undefined;
  if (kind !== undefined && kind !== 'Job') return undefined;
  const spec = own(jobManifest, 'spec');
  if (!isObject(spec)) return undefined;
  const template = own(spec, 'template');
  if (!isObject(template)) return undefined;
  const metadata = own(template, 'metadata');
  // A metadata that is not an object could not be decoded by Kubernetes at all.
  if (metadata !== undefined && metadata !== null && !isObject(metadata)) return undefined;
  return {
    metadata: isObject(metadata) ? metadata : undefined,
    spec: own(template, 'spec'),
  };
}
