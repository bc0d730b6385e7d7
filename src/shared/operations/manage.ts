import { type BatchItemRef, markCancelled, markRedriven } from './batch-progress.js';
import { isRedisUnavailable, OperationsError } from './errors.js';
import type { Operation } from './operation-record.js';
import type { ProducerContext } from './producer-context.js';
import { readOperations } from './read.js';

async function found(ctx: ProducerContext, id: string): Promise<Operation> {
  const [op] = await readOperations(ctx, [id]);
  if (!op) throw new OperationsError('OperationNotFound', `operation ${id} not found`);
  return op;
}

/** Where the batch item `op` is counted, when it is one. */
function batchItem(ctx: ProducerContext, op: Operation): BatchItemRef | undefined {
  if (!op.batchId) return undefined;
  return {
    progressKey: ctx.keys.batchProgress(op.cluster, op.batchId),
    jobKey: ctx.queueOf(op.cluster).toKey(op.id),
    operationId: op.id,
    ttlMs: ctx.retentionSeconds * 1000,
  };
}

/** Re-drives a failed operation with a full budget of attempts (see `Operations.retry`). */
export async function retryOperation(ctx: ProducerContext, id: string): Promise<Operation> {
  const op = await found(ctx, id);
  if (op.state !== 'failed') {
    throw new OperationsError('OperationNotRetryable', `operation ${id} is ${op.state}, not failed`);
  }
  const queue = ctx.queueOf(op.cluster);
  const job = await ctx.guard('retry', () => queue.getJob(id));
  if (!job) throw new OperationsError('OperationNotFound', `operation ${id} not found`);
  try {
    await ctx.guard('retry', () =>
      job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true }),
    );
  } catch (err) {
    if (isRedisUnavailable(err)) throw err;
    // Lost a race: someone else re-drove or removed it first.
    throw new OperationsError('OperationNotRetryable', `operation ${id} is no longer failed`, undefined, {
      cause: err,
    });
  }
  const item = batchItem(ctx, op);
  if (item) await ctx.guard('retry', () => markRedriven(ctx.redis, item));
  return found(ctx, id);
}

/** Cancels (removes) a queued operation (see `Operations.cancel`). */
export async function cancelOperation(ctx: ProducerContext, id: string): Promise<void> {
  const op = await found(ctx, id);
  if (op.state === 'running') throw new OperationsError('OperationRunning', `operation ${id} is running`);
  if (op.state !== 'queued')
    throw new OperationsError('OperationFinished', `operation ${id} already ${op.state}`);
  const queue = ctx.queueOf(op.cluster);
  try {
    // BullMQ refuses to remove a job whose lock a worker holds: it started meanwhile.
    const removed = await ctx.guard('cancel', () => queue.remove(id));
    if (removed === 0) throw new Error('locked');
  } catch (err) {
    if (isRedisUnavailable(err)) throw err;
    throw new OperationsError('OperationRunning', `operation ${id} is running`, undefined, { cause: err });
  }
  const item = batchItem(ctx, op);
  if (item) await ctx.guard('cancel', () => markCancelled(ctx.redis, item));
}
