import { enqueueMany, enqueueOne } from './enqueue.js';
import { cancelOperation, retryOperation } from './manage.js';
import { createProducerContext } from './producer-context.js';
import { listOperations, readOperations } from './read.js';
import type { Operations, OperationsOptions } from './types.js';
import { createEndWaiter } from './wait-for-end.js';

/**
 * Creates the producer API over one BullMQ queue per cluster (docs/architecture.md §5). Every
 * call fails fast with `QueueUnavailable` when Redis is down: nothing ever waits for a reconnect.
 */
export function createOperations(options: OperationsOptions): Operations {
  const ctx = createProducerContext(options);
  const ends = createEndWaiter(ctx);
  let closed = false;
  return {
    clusterOf: ctx.clusterOf,
    enqueue: (cmd, meta) => enqueueOne(ctx, cmd, meta),
    enqueueBulk: (cmds, meta) => enqueueMany(ctx, cmds, meta),
    get: async (id) => (await readOperations(ctx, [id]))[0],
    getMany: (ids) => readOperations(ctx, ids),
    list: (opts) => listOperations(ctx, opts),
    retry: (id) => retryOperation(ctx, id),
    cancel: (id) => cancelOperation(ctx, id),
    waitForEnd: (id, timeoutMs) => ends.wait(id, timeoutMs),
    async depth(cluster) {
      const queue = ctx.queueOf(cluster);
      return ctx.guard('depth', async () => {
        const counts = await queue.getJobCounts('waiting', 'prioritized', 'delayed');
        return Object.values(counts).reduce((a, b) => a + b, 0);
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      await ends.close();
      await ctx.close();
    },
  };
}
