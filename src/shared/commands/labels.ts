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

/** The labels eks-jobs puts on an object created by operation `operationId`. */
export function managementLabels(operationId: string): Record<string, string> {
  return { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE, [OPERATION_LABEL]: operationId };
}

/** The minimal shape of a Kubernetes object this module touches. */
export interface ObjectWithMetadata {
  metadata?: { labels?: Record<string, string>; [key: string]: unknown } | undefined;
  [key: string]: unknown;
}

/**
 * Returns a copy of `object` whose `metadata.labels` include the management labels of
 * `operationId`, overriding any client-supplied values of those two keys (they are ours).
 * Pure; the input is not modified.
 */
export function withManagementLabels<T extends ObjectWithMetadata>(object: T, operationId: string): T {
  const metadata = object.metadata ?? {};
  return {
    ...object,
    metadata: { ...metadata, labels: { ...(metadata.labels ?? {}), ...managementLabels(operationId) } },
  };
}

/** The operation id an object was created by, if it carries our label. */
export function operationIdOf(object: ObjectWithMetadata | undefined): string | undefined {
  return object?.metadata?.labels?.[OPERATION_LABEL];
}
