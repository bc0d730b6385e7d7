import type { Job } from 'bullmq';
import type { Logger } from '../shared/logger.js';
import { SET_STATE } from '../shared/operations/batch-progress.js';
import type { RedisClient } from '../shared/redis.js';
import { defineScript } from '../shared/redis-script.js';

/**
 * Work done once a job has finished, off the hot path: batched, one script call per queue for
 * up to {@link FinishedJobsOptions.maxItems} jobs or every {@link FinishedJobsOptions.delayMs}.
 * For each job, only while its hash exists and is the finished job we saw (same `timestamp`):
 * - compaction: a succeeded create's `data` is replaced by a copy without `payload.manifest`
 *   (nothing reads the manifest of a succeeded operation: its state, target and who asked
 *   come from the rest; re-drive applies to failed ones only), so a retained operation costs
 *   Redis about a third less;
 * - its batch item's state, from the hash itself (succeeded with a `returnvalue`, else failed):
 *   a repair for a mark the worker could not make (e.g. a failure BullMQ decided itself).
 * A call lost to a crash leaves the operation large; it never changes an answer.
 */
const FINISHED = defineScript(`${SET_STATE}
local ttl = ARGV[1]
local compacted = 0
for i = 1, #KEYS / 2 do
  local job, progress = KEYS[2 * i - 1], KEYS[2 * i]
  local ts, data, item = ARGV[3 * i - 1], ARGV[3 * i], ARGV[3 * i + 1]
  local f = redis.call('HMGET', job, 'finishedOn', 'returnvalue', 'timestamp')
  if f[1] and f[3] == ts then
    if data ~= '' and f[2] then
      redis.call('HSET', job, 'data', data)
      compacted = compacted + 1
    end
    if item ~= '' then setState(progress, item, f[2] and 'succeeded' or 'failed', ttl) end
  end
end
return compacted`);

/** Options of {@link createFinishedJobs}. */
export interface FinishedJobsOptions {
  connection: RedisClient;
  /** The job hash key of an id (`queue.toKey`). */
  jobKey(id: string): string;
  /** The progress hash of a batch (`batchProgressKey`). */
  progressKey(batchId: string): string;
  ttlMs: number;
  logger: Logger;
  /** @defaultValue 100 */
  maxItems?: number;
  /** @defaultValue 50 */
  delayMs?: number;
}

interface Item {
  id: string;
  timestamp: number;
  /** Compact data, or '' to leave the data alone. */
  data: string;
  batchId: string | undefined;
}

/** The data of a succeeded create without its manifest, or undefined when there is nothing to drop. */
export function compactData(data: unknown): string | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const { payload, ...rest } = data as { payload?: unknown; target?: { name?: unknown } };
  if (!payload || typeof payload !== 'object' || !('manifest' in payload)) return undefined;
  // Without a stored target an operation's target is read from the payload: keep it whole.
  if (typeof rest.target?.name !== 'string') return undefined;
  const { manifest: _manifest, ...kept } = payload as Record<string, unknown>;
  return JSON.stringify({ ...rest, payload: kept });
}

/** A queue's batcher of finished jobs (see {@link FINISHED}). */
export function createFinishedJobs(options: FinishedJobsOptions) {
  const maxItems = options.maxItems ?? 100;
  const delayMs = options.delayMs ?? 50;
  let pending: Item[] = [];
  let timer: NodeJS.Timeout | undefined;
  const inFlight = new Set<Promise<void>>();

  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0) return;
    const items = pending;
    pending = [];
    const keys: string[] = [];
    const args: (string | number)[] = [options.ttlMs];
    for (const it of items) {
      keys.push(options.jobKey(it.id), it.batchId ? options.progressKey(it.batchId) : options.jobKey(it.id));
      args.push(String(it.timestamp), it.data, it.batchId ? it.id : '');
    }
    const call = FINISHED.run(options.connection, keys, args).then(
      () => {},
      (err) => options.logger.warn({ err, jobs: items.length }, 'finished-job compaction failed'),
    );
    inFlight.add(call);
    void call.finally(() => inFlight.delete(call));
  };

  const add = (item: Item) => {
    pending.push(item);
    if (pending.length >= maxItems) flush();
    else timer ??= setTimeout(flush, delayMs);
  };

  return {
    /** A job BullMQ just completed (the worker's `completed` event). */
    completed(job: Job) {
      const data = compactData(job.data) ?? '';
      const batchId = (job.data as { batchId?: unknown } | undefined)?.batchId;
      if (!data && typeof batchId !== 'string') return;
      add({
        id: job.id!,
        timestamp: job.timestamp,
        data,
        batchId: typeof batchId === 'string' ? batchId : undefined,
      });
    },
    /** A job BullMQ just failed for good (the worker's `failed` event, `finishedOn` set): its batch item. */
    failed(job: Job) {
      const batchId = (job.data as { batchId?: unknown } | undefined)?.batchId;
      if (!job.finishedOn || typeof batchId !== 'string') return;
      add({ id: job.id!, timestamp: job.timestamp, data: '', batchId });
    },
    /** Sends what is pending and waits for every call under way. */
    async close() {
      flush();
      await Promise.all([...inFlight]);
    },
  };
}
