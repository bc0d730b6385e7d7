import { type JobType, Queue } from 'bullmq';
import { z } from 'zod';
import { numberField } from '../hash-fields.js';
import type { RedisClient } from '../redis.js';
import { type KeyLayout, webhookQueueName } from '../redis-keys.js';
import type { DeliveryData } from './deliveries.js';
import {
  type DeliveryIndexKind,
  deliveryIndexKey,
  deliveryIndexTtlMs,
  indexDelivery,
} from './delivery-index.js';
import {
  DELIVERY_FIELDS,
  type DeliveryListQuery,
  type DeliveryPage,
  type DeliveryState,
  type DeliveryView,
  deliveryFromFields,
  type WebhookDeliveryStore,
} from './delivery-view.js';
import type { DeliveryResult, RedriveMark } from './disabled.js';

/**
 * Webhook deliveries as the API lists and re-drives them (docs/architecture.md §12): read from
 * the delivery jobs of the `webhooks` queue, found through the per-operation, per-batch and
 * per-principal indexes (delivery-index.ts), or — for an admin's listing of everything or of a
 * state — through BullMQ's state lists.
 */

/** A `cursor` that is not one this store made. */
export class DeliveryCursorError extends Error {
  override name = 'DeliveryCursorError';
}

/** Options of {@link createDeliveryStore}. */
export interface DeliveryStoreOptions {
  /** The API's (fail-fast) Redis connection; the caller keeps owning it. */
  redis: RedisClient;
  /** QUEUE_PREFIX. */
  prefix: string;
  /** How keys are named (Config.redis.keyLayout). @defaultValue 'plain' */
  layout?: KeyLayout;
  /** OPERATION_RETENTION, as the delivery queue keeps finished deliveries. @defaultValue 7 days */
  retentionMs?: number;
  /** WEBHOOK_RETRY_FOR. @defaultValue 25 h */
  retryForMs?: number;
}

/** Index entries looked at per request at most, whatever the filters leave (pages can be short). */
const scanBudget = (limit: number) => Math.max(4 * limit, 200);

const indexCursor = z.strictObject({ k: z.literal('i'), s: z.number(), i: z.string() });
const listCursor = z.strictObject({
  k: z.literal('l'),
  t: z.number().int().min(0),
  o: z.number().int().min(0),
});
const cursorSchema = z.discriminatedUnion('k', [indexCursor, listCursor]);
type IndexCursor = z.output<typeof indexCursor>;
type ListCursor = z.output<typeof listCursor>;

function encodeCursor(cursor: IndexCursor | ListCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor<K extends 'i' | 'l'>(raw: string, kind: K) {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const cursor = cursorSchema.safeParse(parsed);
  if (!cursor.success || cursor.data.k !== kind) {
    throw new DeliveryCursorError('cursor is not a nextCursor of this listing');
  }
  return cursor.data as Extract<IndexCursor | ListCursor, { k: K }>;
}

/** BullMQ state lists by state, for listings without an index (admin keys). */
const PENDING_LISTS: JobType[] = ['active', 'waiting', 'prioritized', 'delayed'];
const STATE_LISTS: Record<DeliveryState | 'any', JobType[]> = {
  pending: PENDING_LISTS,
  delivered: ['completed'],
  disabled: ['completed'],
  failed: ['failed'],
  any: [...PENDING_LISTS, 'failed', 'completed'],
};

function matches(d: DeliveryView, q: DeliveryListQuery): boolean {
  return (
    (q.state === undefined || d.state === q.state) &&
    (q.operation === undefined || d.event.operationId === q.operation) &&
    (q.batch === undefined || d.event.batchId === q.batch) &&
    (q.principal === undefined || d.principal === q.principal)
  );
}

export function createDeliveryStore(options: DeliveryStoreOptions): WebhookDeliveryStore {
  const { redis, prefix } = options;
  // As the operations producer does: never wait for a reconnect, never ask BullMQ for a job's
  // state (its script searches the wait list); a delivery's state is read from its own hash.
  const queue = new Queue<DeliveryData & RedriveMark, DeliveryResult, string>(
    webhookQueueName(options.layout),
    {
      connection: redis,
      prefix,
      skipWaitingForReady: true,
      skipVersionCheck: true,
    },
  );
  queue.on('error', () => {});
  const ttlMs = deliveryIndexTtlMs(
    options.retentionMs ?? 7 * 86_400_000,
    options.retryForMs ?? 25 * 3_600_000,
  );

  async function read(id: string): Promise<DeliveryView | undefined> {
    const fields = await redis.hmget(queue.toKey(id), ...DELIVERY_FIELDS);
    const pending = fields[0] !== null && fields[2] === null;
    // Only a pending delivery that has failed an attempt can be waiting for its next one.
    const score = pending && numberField(fields[5]) ? await redis.zscore(queue.keys.delayed!, id) : null;
    return deliveryFromFields(id, fields, numberField(score));
  }

  /** Walks one index newest first from the cursor, keeping what matches, within the scan budget. */
  async function fromIndex(key: string, q: DeliveryListQuery): Promise<DeliveryPage> {
    const after = q.cursor ? decodeCursor(q.cursor, 'i') : undefined;
    const bound = after ? String(after.s) : '+inf';
    const budget = scanBudget(q.limit);
    const items: DeliveryView[] = [];
    const gone: string[] = [];
    let last: IndexCursor | undefined;
    let scanned = 0;
    let offset = 0;
    // True once nothing in the index follows `last`.
    let done = false;
    while (items.length < q.limit && scanned < budget) {
      const count = Math.min(budget - scanned, Math.max(q.limit - items.length, 20));
      const raw = await redis.zrevrangebyscore(key, bound, '-inf', 'WITHSCORES', 'LIMIT', offset, count);
      offset += raw.length / 2;
      const entries: { id: string; s: number }[] = [];
      for (let i = 0; i < raw.length; i += 2) {
        const id = raw[i]!;
        const s = Number(raw[i + 1]);
        // Within a score, members come in descending order: those not below the cursor were shown.
        if (after && s === after.s && id >= after.i) continue;
        entries.push({ id, s });
      }
      const views = await Promise.all(entries.map((e) => read(e.id)));
      let consumed = 0;
      for (const [n, e] of entries.entries()) {
        consumed += 1;
        scanned += 1;
        last = { k: 'i', s: e.s, i: e.id };
        const view = views[n];
        if (!view) gone.push(e.id);
        else if (matches(view, q)) items.push(view);
        if (items.length === q.limit) break;
      }
      if (raw.length / 2 < count && consumed === entries.length) {
        done = true;
        break;
      }
    }
    // Entries whose job retention removed: dropped here rather than by a sweep.
    if (gone.length > 0) await redis.zrem(key, ...gone);
    const resume = last ?? after;
    return { items, ...(!done && resume ? { nextCursor: encodeCursor(resume) } : {}) };
  }

  /** Walks BullMQ's state lists (one after the other, each newest first) from the cursor. */
  async function fromLists(q: DeliveryListQuery): Promise<DeliveryPage> {
    const lists = STATE_LISTS[q.state ?? 'any'];
    const at = q.cursor ? decodeCursor(q.cursor, 'l') : { k: 'l' as const, t: 0, o: 0 };
    if (at.t > lists.length) throw new DeliveryCursorError('cursor is not a nextCursor of this listing');
    const budget = scanBudget(q.limit);
    const items: DeliveryView[] = [];
    let { t, o } = at;
    let scanned = 0;
    while (t < lists.length && items.length < q.limit && scanned < budget) {
      const count = Math.min(budget - scanned, Math.max(q.limit - items.length, 20));
      const ids = await queue.getRanges([lists[t]!], o, o + count - 1, false);
      const views = await Promise.all(ids.map(read));
      let consumed = 0;
      for (const view of views) {
        consumed += 1;
        scanned += 1;
        if (view && matches(view, q)) items.push(view);
        if (items.length === q.limit) break;
      }
      o += consumed;
      if (ids.length < count && consumed === ids.length) {
        t += 1;
        o = 0;
      }
    }
    return { items, ...(t < lists.length ? { nextCursor: encodeCursor({ k: 'l', t, o }) } : {}) };
  }

  function indexFor(q: DeliveryListQuery): [DeliveryIndexKind, string] | undefined {
    if (q.operation !== undefined) return ['operation', q.operation];
    if (q.batch !== undefined) return ['batch', q.batch];
    if (q.principal !== undefined) return ['principal', q.principal];
    return undefined;
  }

  return {
    async list(q) {
      const index = indexFor(q);
      return index ? fromIndex(deliveryIndexKey(prefix, ...index), q) : fromLists(q);
    },

    get: read,

    async redrive(id) {
      const before = await read(id);
      if (!before) return { outcome: 'not-found' };
      if (before.state !== 'failed') return { outcome: 'not-failed', state: before.state };
      const job = await queue.getJob(id);
      if (!job) return { outcome: 'not-found' };
      const redrivenAt = Date.now();
      await job.updateData({ ...job.data, redrivenAt });
      try {
        await job.retry('failed', { resetAttemptsMade: true });
      } catch (err) {
        // Another re-drive got there first, or retention removed the job meanwhile.
        const now = await read(id);
        if (!now) return { outcome: 'not-found' };
        if (now.state !== 'failed') return { outcome: 'not-failed', state: now.state };
        throw err;
      }
      await indexDelivery(redis, prefix, id, job.data, { at: redrivenAt, ttlMs, mode: 'redrive' });
      const after = await read(id);
      return after ? { outcome: 'redriven', delivery: after } : { outcome: 'not-found' };
    },

    close: () => queue.close(),
  };
}
