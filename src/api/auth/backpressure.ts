import { ApiError } from '../errors.js';

/** Arguments of {@link assertQueueCapacity}. */
export interface QueueCapacityCheck {
  /** Commands waiting in the cluster's queue now. */
  depth: number;
  /** MAX_QUEUE_DEPTH. */
  maxDepth: number;
  /** Commands this request would add (a batch adds many). @defaultValue 1 */
  adding?: number;
  /** Cluster name, for the message. */
  cluster?: string;
  /**
   * Seconds the client should wait. With `drainPerSecond` it is estimated from the excess;
   * otherwise this value. @defaultValue 5
   */
  retryAfterSeconds?: number;
  /** Observed processing rate (commands/s), to estimate `Retry-After`. */
  drainPerSecond?: number;
}

/**
 * Backpressure instead of unbounded growth: throws 429 `QueueFull` with `Retry-After` when
 * adding `adding` commands would take the queue past `maxDepth`. The API calls it with the
 * waiting count before `add`/`addBulk`. The bound is soft: two replicas checking at once may
 * each add, so the queue can overshoot by one request's worth per replica.
 */
export function assertQueueCapacity(check: QueueCapacityCheck): void {
  const adding = check.adding ?? 1;
  if (check.depth + adding <= check.maxDepth) return;
  const excess = check.depth + adding - check.maxDepth;
  const estimate =
    check.drainPerSecond && check.drainPerSecond > 0
      ? Math.ceil(excess / check.drainPerSecond)
      : (check.retryAfterSeconds ?? 5);
  const seconds = Math.min(300, Math.max(1, estimate));
  const where = check.cluster ? ` of cluster ${JSON.stringify(check.cluster)}` : '';
  throw new ApiError(
    'QueueFull',
    `the queue${where} is full (${check.depth} waiting, limit ${check.maxDepth}); retry in ${seconds} s`,
    { depth: check.depth, maxDepth: check.maxDepth, adding, retryAfterSeconds: seconds },
    { 'Retry-After': String(seconds) },
  );
}
