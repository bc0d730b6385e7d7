export { BACKOFF_TYPE, newBatchId } from './enqueue.js';
export { isRedisUnavailable, OperationsError, type OperationsErrorCode } from './errors.js';
export {
  batchOperationId,
  clusterTag,
  createClusterTagIndex,
  idempotentBatchId,
  idempotentOperationId,
  isOperationId,
  newOperationId,
  OPERATION_ID_PATTERN,
  operationIdTime,
} from './operation-id.js';
export {
  buildOperation,
  type JobSnapshot,
  MADE_UID_FIELD,
  type Operation,
  type OperationCause,
  type OperationError,
  type OperationResult,
  type OperationState,
  operationCauseSchema,
  operationErrorSchema,
  operationResultSchema,
  operationSchema,
  operationStateSchema,
  STORED_ERROR_FIELD,
  type StoredError,
  storedErrorSchema,
} from './operation-record.js';
export { createOperations } from './operations.js';
export { queueNameOf } from './queue-names.js';
export type {
  EnqueueBulkMeta,
  EnqueueCommand,
  EnqueueMeta,
  ListOptions,
  OperationPage,
  Operations,
  OperationsOptions,
} from './types.js';
