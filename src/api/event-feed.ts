import type { EksJobsEvent } from '../shared/events/event.js';
import { EVENT_FIELD, eventLogKey } from '../shared/events/event-log.js';
import type { Logger } from '../shared/logger.js';
import { type RedisClient, waitingTwin } from '../shared/redis.js';
import type { KeyLayout } from '../shared/redis-keys.js';

/**
 * The live event feed behind `GET /v1/events`: one `XREAD BLOCK` loop per process over the event
 * log (src/shared/events/event-log.ts), running while someone is subscribed, fanning entries out
 * to subscribers in memory. A subscription resumes after a stream id: it reads the history after
 * it with `XRANGE (id` in bounded pages (pulled as the client consumes them), then continues with
 * the live entries buffered meanwhile, de-duplicated by stream id order — no gap, no duplicate.
 */

/** A stream id of the log: `<ms>-<seq>`. */
export const STREAM_ID = /^\d+-\d+$/;

/** What a subscription yields. */
export type FeedItem =
  | { kind: 'event'; id: string; event: EksJobsEvent }
  /** Entries after the resume id were trimmed from the log; the oldest still there. */
  | { kind: 'gap'; oldestAvailable: string | null };

/** Why a subscription ended. */
export type FeedEndReason = 'closed' | 'overflow' | 'unsubscribed';

/** One subscriber's view of the feed. */
export interface FeedSubscription {
  /** The next item, waiting for one; undefined once the subscription has ended. */
  next(): Promise<FeedItem | undefined>;
  /** Why it ended, once it has. */
  readonly endReason: FeedEndReason | undefined;
  /** Ends the subscription (the client went away). */
  unsubscribe(): void;
}

export interface SubscribeOptions {
  /** Resume after this stream id (Last-Event-ID); live only when absent. Must match {@link STREAM_ID}. */
  after?: string;
}

export interface EventFeed {
  /** Subscribes; resolves once the subscription is in place (live entries from then on are kept). */
  subscribe(options?: SubscribeOptions): Promise<FeedSubscription>;
  /** Interval of the SSE heartbeat comments, ms. */
  readonly heartbeatMs: number;
  /** Open subscriptions. */
  subscribers(): number;
  /** Ends every open stream (on shutdown) and stops reading the log. Idempotent. */
  close(): Promise<void>;
}

export interface EventFeedOptions {
  /** The API's connection; duplicated for the blocking reader. */
  redis: RedisClient;
  /** QUEUE_PREFIX. */
  prefix: string;
  /** How keys are named (Config.redis.keyLayout). @defaultValue 'plain' */
  layout?: KeyLayout;
  logger: Logger;
  /** @defaultValue 15000 */
  heartbeatMs?: number;
  /** Items a subscriber may have waiting before its stream is ended. @defaultValue 1000 */
  maxQueue?: number;
  /** Entries per XRANGE page / XREAD call. @defaultValue 200 */
  pageSize?: number;
  /** How long one XREAD blocks, ms (below the connection's command timeout). @defaultValue 1000 */
  blockMs?: number;
}

/** Compares two stream ids numerically. */
export function compareStreamIds(a: string, b: string): number {
  const [am, as] = a.split('-').map(BigInt) as [bigint, bigint];
  const [bm, bs] = b.split('-').map(BigInt) as [bigint, bigint];
  if (am !== bm) return am < bm ? -1 : 1;
  if (as !== bs) return as < bs ? -1 : 1;
  return 0;
}

type RawEntry = [id: string, fields: string[]];

interface Sub {
  queue: FeedItem[];
  /** Live entries seen while the history is still being read. */
  live: RawEntry[];
  /** The history read's position; undefined once it is done. */
  historyAfter: string | undefined;
  /** The last id handed out (or the resume id). */
  last: string | undefined;
  ended: FeedEndReason | undefined;
  wake: (() => void) | undefined;
}

export function createEventFeed(options: EventFeedOptions): EventFeed {
  const { redis, prefix, logger } = options;
  const key = eventLogKey(prefix, options.layout);
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const maxQueue = options.maxQueue ?? 1000;
  const pageSize = options.pageSize ?? 200;
  const blockMs = options.blockMs ?? 1000;
  const subs = new Set<Sub>();
  let closed = false;
  let reader: RedisClient | undefined;
  /** The loop, while it runs; resolves with the id it reads after, once it knows it. */
  let loop: { started: Promise<void>; done: Promise<void> } | undefined;

  const parse = (entry: RawEntry): FeedItem | undefined => {
    const [id, fields] = entry;
    const i = fields.indexOf(EVENT_FIELD);
    if (i < 0 || i % 2 !== 0) return undefined;
    try {
      return { kind: 'event', id, event: JSON.parse(fields[i + 1] ?? '') as EksJobsEvent };
    } catch {
      logger.warn({ id }, 'event log entry is not JSON; skipped');
      return undefined;
    }
  };

  const end = (sub: Sub, reason: FeedEndReason) => {
    if (sub.ended) return;
    sub.ended = reason;
    sub.queue.length = 0;
    sub.live.length = 0;
    subs.delete(sub);
    sub.wake?.();
  };

  const deliver = (entries: RawEntry[]) => {
    for (const sub of subs) {
      if (sub.historyAfter !== undefined) {
        sub.live.push(...entries);
        if (sub.live.length > maxQueue) end(sub, 'overflow');
        continue;
      }
      for (const e of entries) {
        if (sub.last !== undefined && compareStreamIds(e[0], sub.last) <= 0) continue;
        const item = parse(e);
        sub.last = e[0];
        if (item) sub.queue.push(item);
      }
      if (sub.queue.length > maxQueue) end(sub, 'overflow');
      else sub.wake?.();
    }
  };

  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  /**
   * Queues a `gap` when the log was trimmed past `after`: the resume point is older than the
   * log's oldest entry, so entries after it may be gone. (Trimming does not move Redis's
   * `max-deleted-entry-id`, only XDEL does; it is honoured too.) Conservative by one entry: when
   * only the resume point itself was trimmed, nothing was lost, yet a gap is announced.
   */
  const checkGap = async (sub: Sub, after: string) => {
    const oldest = (await redis.xrange(key, '-', '+', 'COUNT', 1)) as RawEntry[];
    const first = oldest[0]?.[0];
    const info = (await redis.xinfo('STREAM', key).catch(() => undefined)) as unknown[] | undefined;
    const field = (name: string) => {
      const i = info ? info.indexOf(name) : -1;
      return i >= 0 ? String(info?.[i + 1]) : undefined;
    };
    const maxDeleted = field('max-deleted-entry-id');
    // Redis 7 counts every entry ever added: as many as the log holds means nothing was removed.
    const neverTrimmed = field('entries-added') !== undefined && field('entries-added') === field('length');
    const trimmed =
      !neverTrimmed &&
      ((first !== undefined && compareStreamIds(after, first) < 0) ||
        (maxDeleted !== undefined && STREAM_ID.test(maxDeleted) && compareStreamIds(after, maxDeleted) < 0));
    if (trimmed) sub.queue.push({ kind: 'gap', oldestAvailable: first ?? null });
  };

  // The blocking XREAD waits out reconnects instead of failing fast like the API's connection; a
  // read that outlives its BLOCK by a second is on a dead connection.
  const newReader = () => waitingTwin(redis, { commandTimeout: blockMs + 1000 });

  /**
   * Starts the loop. It reads after the log's last entry as of its start. It stops when nobody is
   * subscribed, and clears `loop` in the same tick as it decides to, so a subscriber arriving
   * later starts a new loop instead of joining one that is winding down (which would miss the
   * entries appended meanwhile). `started` rejects when the log's position cannot be read.
   */
  const startLoop = () => {
    let markStarted!: () => void;
    let failStart!: (err: unknown) => void;
    const started = new Promise<void>((resolve, reject) => {
      markStarted = resolve;
      failStart = reject;
    });
    started.catch(() => {});
    const self: { started: Promise<void>; done: Promise<void> } = { started, done: Promise.resolve() };
    const stop = () => {
      if (loop === self) loop = undefined;
    };
    const run = async () => {
      let lastId: string;
      try {
        const latest = (await redis.xrevrange(key, '+', '-', 'COUNT', 1)) as RawEntry[];
        lastId = latest[0]?.[0] ?? '0-0';
      } catch (err) {
        stop();
        failStart(err);
        return;
      }
      markStarted();
      reader ??= newReader();
      while (!closed && subs.size > 0) {
        try {
          const res = (await reader.xread('COUNT', pageSize, 'BLOCK', blockMs, 'STREAMS', key, lastId)) as
            | [string, RawEntry[]][]
            | null;
          const entries = res?.[0]?.[1] ?? [];
          if (entries.length > 0) {
            lastId = entries[entries.length - 1]![0];
            deliver(entries);
          }
        } catch (err) {
          if (closed) break;
          logger.warn({ err }, 'event feed: reading the log failed; retrying');
          await sleep(500);
        }
      }
      stop();
    };
    self.done = run();
    return self;
  };

  return {
    heartbeatMs,
    subscribers: () => subs.size,
    async subscribe(opts = {}) {
      const sub: Sub = {
        queue: [],
        live: [],
        historyAfter: opts.after,
        last: opts.after,
        ended: undefined,
        wake: undefined,
      };
      if (closed) sub.ended = 'closed';
      else {
        subs.add(sub);
        try {
          loop ??= startLoop();
          // The loop reads after the log's last entry as of its start; the history read below
          // starts later, so history and live overlap (de-duplicated) and leave no gap.
          await loop.started;
          if (opts.after !== undefined && !sub.ended) await checkGap(sub, opts.after);
        } catch (err) {
          end(sub, 'unsubscribed');
          throw err;
        }
      }
      const nextItem = async (): Promise<FeedItem | undefined> => {
        for (;;) {
          if (sub.ended) return undefined;
          const item = sub.queue.shift();
          if (item) return item;
          if (sub.historyAfter !== undefined) {
            const page = (await redis.xrange(
              key,
              `(${sub.historyAfter}`,
              '+',
              'COUNT',
              pageSize,
            )) as RawEntry[];
            if (sub.ended) return undefined;
            for (const e of page) {
              const parsed = parse(e);
              if (parsed) sub.queue.push(parsed);
              sub.last = e[0];
            }
            if (page.length > 0) sub.historyAfter = page[page.length - 1]![0];
            if (page.length < pageSize) {
              // History done: what came live meanwhile, past what the history gave.
              sub.historyAfter = undefined;
              const live = sub.live.splice(0);
              for (const e of live) {
                if (sub.last !== undefined && compareStreamIds(e[0], sub.last) <= 0) continue;
                const parsed = parse(e);
                sub.last = e[0];
                if (parsed) sub.queue.push(parsed);
              }
            }
            continue;
          }
          await new Promise<void>((resolve) => {
            sub.wake = resolve;
          });
          sub.wake = undefined;
        }
      };
      return {
        next: nextItem,
        get endReason() {
          return sub.ended;
        },
        unsubscribe: () => end(sub, 'unsubscribed'),
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const sub of [...subs]) end(sub, 'closed');
      reader?.disconnect();
      await loop?.done.catch(() => {});
    },
  };
}
