export {
  isRedisUnavailable,
  OPERATIONS_ERROR_STATUS,
  OperationsError,
  type OperationsErrorCode,
} from './errors.js';
export {
  clusterTag,
  createClusterTagIndex,
  isOperationId,
  newOperationId,
  OPERATION_ID_PATTERN,
  operationIdTime,
} from './operation-id.js';
export {
  buildOperation,
  type JobSnapshot,
  type Operation,
  type OperationCause,
  type OperationError,
  type OperationResult,
  type OperationState,
  operationCauseSchema,
  operationErrorSchema,
  operationResultSchema,
  operationSchema,
  operationStateOf,
  operationStateSchema,
  STORED_ERROR_FIELD,
  type StoredError,
  storedErrorSchema,
} from './operation-record.js';
export {
  BACKOFF_TYPE,
  createOperations,
  type EnqueueBulkMeta,
  type EnqueueCommand,
  type EnqueueMeta,
  type ListOptions,
  labelCreatedObjects,
  newBatchId,
  type OperationPage,
  type Operations,
  type OperationsOptions,
} from './operations.js';
export { queueNameOf } from './queue-names.js';
