import { z } from 'zod';
import { callbackSchema } from '../events/event.js';

/** Lifecycle state of an operation as clients see it. */
export const operationStateSchema = z.enum(['queued', 'running', 'succeeded', 'failed']);
export type OperationState = z.output<typeof operationStateSchema>;

/** One cause of a Kubernetes `Invalid` answer (`Status.details.causes[]`). */
export const operationCauseSchema = z.object({
  reason: z.string().optional(),
  message: z.string().optional(),
  field: z.string().optional(),
});
export type OperationCause = z.output<typeof operationCauseSchema>;

/**
 * The last error of an operation: on a failed operation why it failed, on a queued one why
 * the previous attempt did not succeed. `code` is one of the worker's classification codes
 * (`AlreadyExists`, `NamespaceNotFound`, `NamespaceTerminating`, `Invalid`, `Unauthorized`,
 * `Forbidden`, `RateLimited`, `ClusterError`, `ClusterUnavailable`, `Timeout`, `Conflict`,
 * `NotFound`, `InvalidCommand`, `UnknownCommand`, `Internal`).
 */
export const operationErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  retryable: z.boolean(),
  /** Status code of the Kubernetes answer, when there was one. */
  httpStatus: z.number().int().optional(),
  causes: z.array(operationCauseSchema).optional(),
});
export type OperationError = z.output<typeof operationErrorSchema>;

/**
 * What a succeeded operation did. `uid`/`resourceVersion` are absent when a delete found the
 * object already gone.
 */
export const operationResultSchema = z.object({
  uid: z.string().optional(),
  resourceVersion: z.string().optional(),
  name: z.string(),
  namespace: z.string().optional(),
  /** True when a create met its own object from an earlier attempt (409 + our label). */
  replayed: z.boolean().optional(),
  /**
   * True when a delete found nothing to delete, or a namespace deletion already in progress; on
   * a create (with `replayed`), when an earlier run made the Job, unheard of, and it was deleted
   * (its `ttlSecondsAfterFinished`) before this run: `uid` is the Job's, and nothing was created.
   */
  alreadyGone: z.boolean().optional(),
});
export type OperationResult = z.output<typeof operationResultSchema>;

/** JSON shape of an operation, as `GET /v1/operations/{id}` returns it. Times are ISO 8601. */
export const operationSchema = z.object({
  id: z.string(),
  command: z.string(),
  cluster: z.string(),
  target: z.object({ namespace: z.string().optional(), name: z.string() }),
  state: operationStateSchema,
  attempts: z.object({ made: z.number().int(), max: z.number().int() }),
  /** When the next attempt is due, while a retry is scheduled. */
  nextRetryAt: z.string().optional(),
  result: operationResultSchema.optional(),
  error: operationErrorSchema.optional(),
  createdAt: z.string(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  requestId: z.string(),
  principal: z.string(),
  batchId: z.string().optional(),
  /** Where the operation's events are POSTed, when the submission asked (docs/architecture.md §12). */
  callback: callbackSchema.optional(),
});
export type Operation = z.output<typeof operationSchema>;

/**
 * Error details the worker stores next to the job after a failed attempt (a field of the
 * BullMQ job hash, so it is removed with the job). `nextRetryAt` is epoch ms.
 */
export const storedErrorSchema = operationErrorSchema.extend({
  nextRetryAt: z.number().optional(),
  /** BullMQ's attempts-started count when the error was written: a later start means "running again". */
  attempt: z.number().int().optional(),
  /** Attempts made once this failure is counted (BullMQ counts it just after the write). */
  made: z.number().int().optional(),
});
export type StoredError = z.output<typeof storedErrorSchema>;

/** Name of the job-hash field holding a {@link StoredError} as JSON. */
export const STORED_ERROR_FIELD = 'eksJobsError';

/**
 * Name of the job-hash field holding the uid of the Job a create made, as the Job watch saw it: a
 * create run again after its answer was lost finds it there even when the Job is already deleted.
 */
export const MADE_UID_FIELD = 'eksJobsMadeUid';

/** The parts of a BullMQ job an operation is built from. */
export interface JobSnapshot {
  id: string;
  name: string;
  data: {
    cluster?: unknown;
    requestId?: unknown;
    principal?: unknown;
    batchId?: unknown;
    callback?: unknown;
  };
  target: { namespace?: string; name: string };
  attemptsMade: number;
  maxAttempts: number;
  timestamp: number;
  processedOn?: number | undefined;
  finishedOn?: number | undefined;
  returnvalue?: unknown;
  failedReason?: string | undefined;
}

const iso = (ms: number | undefined) => (ms ? new Date(ms).toISOString() : undefined);

/**
 * Builds the client-facing {@link Operation} from a job snapshot, its state and the stored
 * error of its last failed attempt. Pure.
 */
export function buildOperation(
  job: JobSnapshot,
  state: OperationState,
  storedError: StoredError | undefined,
  now: number = Date.now(),
): Operation {
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const op: Operation = {
    id: job.id,
    command: job.name,
    cluster: str(job.data.cluster),
    target: job.target,
    state,
    attempts: { made: job.attemptsMade, max: job.maxAttempts },
    createdAt: iso(job.timestamp) ?? new Date(0).toISOString(),
    requestId: str(job.data.requestId),
    principal: str(job.data.principal),
  };
  if (typeof job.data.batchId === 'string') op.batchId = job.data.batchId;
  const callback = callbackSchema.safeParse(job.data.callback);
  if (callback.success) op.callback = callback.data;
  const startedAt = iso(job.processedOn);
  if (startedAt && state !== 'queued') op.startedAt = startedAt;
  if (state === 'succeeded' || state === 'failed') {
    const finishedAt = iso(job.finishedOn);
    if (finishedAt) op.finishedAt = finishedAt;
  }
  if (state === 'succeeded') {
    const result = operationResultSchema.safeParse(job.returnvalue);
    if (result.success) op.result = result.data;
  }
  if (state !== 'succeeded') {
    if (storedError) {
      const { nextRetryAt, attempt: _attempt, made: _made, ...error } = storedError;
      op.error = error;
      if (state === 'queued' && nextRetryAt && nextRetryAt > now)
        op.nextRetryAt = new Date(nextRetryAt).toISOString();
    } else if (state === 'failed') {
      // Failed without our record: BullMQ itself failed it (stalled too often, lock lost…).
      op.error = { code: 'Internal', message: job.failedReason ?? 'failed', retryable: false };
    }
  }
  return op;
}
