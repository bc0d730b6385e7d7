/** Label on every object eks-jobs creates, naming the service as its manager. */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
/** Value of {@link MANAGED_BY_LABEL}. */
export const MANAGED_BY_VALUE = 'eks-jobs';
/**
 * Label carrying the id of the operation that created the object. A create that meets 409
 * AlreadyExists is a replay of our own earlier attempt exactly when the existing object
 * carries this label with this operation's id.
 */
export const OPERATION_LABEL = 'eks-jobs/operation';
/**
 * Label carrying the id of the batch (`POST /v1/batches`) an object was created in, so the
 * Jobs of one batch can be listed with a label selector (`GET …/jobs?batch=`).
 */
export const BATCH_LABEL = 'eks-jobs/batch';

/**
 * Labels naming the template (`POST …/jobs` with `{"template": …}`) a Job was rendered from,
 * and its revision, so history and label selectors can tell what it ran.
 */
export const TEMPLATE_LABEL = 'eks-jobs/template';
export const TEMPLATE_REVISION_LABEL = 'eks-jobs/template-revision';

/** The labels of a Job rendered from revision `revision` of template `name`. */
export function templateLabels(name: string, revision: number): Record<string, string> {
  return { [TEMPLATE_LABEL]: name, [TEMPLATE_REVISION_LABEL]: String(revision) };
}

/**
 * The labels eks-jobs puts on an object created by operation `operationId` (in batch `batchId`,
 * when it is a batch item). Applied in one place: `buildCommand` (catalog.ts) hands them to the
 * command module that creates the object.
 */
export function managementLabels(operationId: string, batchId?: string): Record<string, string> {
  return {
    [MANAGED_BY_LABEL]: MANAGED_BY_VALUE,
    [OPERATION_LABEL]: operationId,
    ...(batchId ? { [BATCH_LABEL]: batchId } : {}),
  };
}

/** The minimal shape of a Kubernetes object this module touches. */
export interface ObjectWithMetadata {
  metadata?: { labels?: Record<string, string>; [key: string]: unknown } | undefined;
  [key: string]: unknown;
}

/**
 * A copy of `object` whose `metadata.labels` include `labels`, overriding client-supplied values
 * of the same keys (the management labels are ours). Pure; the input is not modified.
 */
export function withLabels<T extends ObjectWithMetadata>(
  object: T,
  labels: Readonly<Record<string, string>>,
): T {
  const metadata = object.metadata ?? {};
  return { ...object, metadata: { ...metadata, labels: { ...(metadata.labels ?? {}), ...labels } } };
}

/** The operation id an object was created by, if it carries our label. */
export function operationIdOf(
  object: { metadata?: { labels?: Record<string, string> } } | undefined,
): string | undefined {
  return object?.metadata?.labels?.[OPERATION_LABEL];
}
