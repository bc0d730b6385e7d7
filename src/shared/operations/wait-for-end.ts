import { QueueEvents } from 'bullmq';
import { type RedisClient, waitingTwin } from '../redis.js';
import { OperationsError } from './errors.js';
import type { Operation } from './operation-record.js';
import type { ProducerContext } from './producer-context.js';
import { readOperations } from './read.js';

/** Waits for operations to end on one shared QueueEvents per queue, not by polling. */
export interface EndWaiter {
  wait(id: string, timeoutMs: number): Promise<Operation>;
  close(): Promise<void>;
}

/** Creates the {@link EndWaiter} of a producer. */
export function createEndWaiter(ctx: ProducerContext): EndWaiter {
  const events = new Map<string, Promise<QueueEvents>>();
  const connections: RedisClient[] = [];
  const waiters = new Map<string, Set<() => void>>();

  const read = async (id: string) => {
    const [op] = await readOperations(ctx, [id]);
    if (!op) throw new OperationsError('OperationNotFound', `operation ${id} not found`);
    return op;
  };

  function eventsOf(cluster: string): Promise<QueueEvents> {
    let pending = events.get(cluster);
    if (!pending) {
      pending = (async () => {
        const queue = ctx.queueOf(cluster);
        // Start reading right after the newest event now in the stream, so nothing that
        // happens between this point and the first blocking read is missed.
        const last = await ctx.redis.xrevrange(queue.keys.events!, '+', '-', 'COUNT', 1);
        const connection = waitingTwin(ctx.redis);
        connections.push(connection);
        const qe = new QueueEvents(ctx.keys.queueName(cluster), {
          connection,
          prefix: ctx.prefix,
          lastEventId: last[0]?.[0] ?? '0-0',
        });
        qe.on('error', (err) => ctx.logger.warn({ err, cluster }, 'queue events error'));
        const wake = ({ jobId }: { jobId: string }) => {
          const set = waiters.get(jobId);
          if (set) for (const fn of set) fn();
        };
        qe.on('completed', wake);
        qe.on('failed', wake);
        qe.on('removed', wake);
        return qe;
      })();
      events.set(cluster, pending);
      pending.catch(() => events.delete(cluster));
    }
    return pending;
  }

  return {
    async wait(id, timeoutMs) {
      const cluster = ctx.clusterOf(id);
      if (!cluster) throw new OperationsError('OperationNotFound', `operation ${id} not found`);
      const qe = await ctx.guard('waitForEnd', () => eventsOf(cluster));
      await ctx.guard('waitForEnd', () => qe.waitUntilReady());
      let wake!: () => void;
      const ended = new Promise<void>((resolve) => {
        wake = resolve;
      });
      const set = waiters.get(id) ?? new Set<() => void>();
      waiters.set(id, set);
      set.add(wake);
      let timer: NodeJS.Timeout | undefined;
      try {
        const first = await read(id);
        if (first.state === 'succeeded' || first.state === 'failed') return first;
        await Promise.race([ended, new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
        return await read(id);
      } finally {
        clearTimeout(timer);
        set.delete(wake);
        if (set.size === 0) waiters.delete(id);
      }
    },
    async close() {
      for (const set of waiters.values()) for (const fn of set) fn();
      const qes = await Promise.allSettled(events.values());
      await Promise.allSettled(qes.map((r) => (r.status === 'fulfilled' ? r.value.close() : undefined)));
      for (const c of connections) c.disconnect();
    },
  };
}
