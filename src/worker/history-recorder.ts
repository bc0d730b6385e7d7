import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { writeHistory } from '../shared/db/history-writes.js';
import type { Tables } from '../shared/db/index.js';
import type { EksJobsEvent } from '../shared/events/event.js';
import { EVENT_FIELD, eventLogKey } from '../shared/events/event-log.js';
import type { Logger } from '../shared/logger.js';
import type { RedisClient, RedisConnector } from '../shared/redis.js';
import type { KeyLayout } from '../shared/redis-keys.js';
import { checkBacklog, createGroup } from './history-backlog.js';
import { historyWritesOf } from './history-rows.js';

/** The consumer group of the event log whose consumers write the history. */
export const HISTORY_GROUP = 'history';

/** Options of {@link createHistoryRecorder}. */
export interface HistoryRecorderOptions {
  /** Makes the recorder's own connection (its reads block). */
  connector: RedisConnector;
  /** QUEUE_PREFIX: the event log is `<prefix>:events:log` (`<prefix>:{events}:log` sharded). */
  prefix: string;
  /** How keys are named (Config.redis.keyLayout). @defaultValue 'plain' */
  layout?: KeyLayout;
  db: Kysely<Tables>;
  logger: Logger;
  /** Where its metrics go. @defaultValue nowhere */
  registry?: Registry;
  /** Events read, and written, per batch at most. @defaultValue 500 */
  batchSize?: number;
  /** How long one read waits for new events; also bounds how long `close()` waits. @defaultValue 1000 */
  blockMs?: number;
  /**
   * Events another consumer was handed this long ago and has not acknowledged are taken over (a
   * killed worker's). Longer than a batch may take to commit. @defaultValue 30000
   */
  claimIdleMs?: number;
  /** How often lost entries and the backlog are checked. @defaultValue 5000 */
  checkEveryMs?: number;
  /** Consumer name. @defaultValue `host:pid:random` */
  consumer?: string;
}

/** The running recorder of one worker process. */
export interface HistoryRecorder {
  /** Resolves once the consumer group exists (created at the log's start when it did not). */
  ready(): Promise<void>;
  /** Stops reading; a batch being written is finished and acknowledged first. */
  close(): Promise<void>;
}

type Entry = [id: string, fields: string[] | null];
/** PostgreSQL refused the data itself (22: data exception, 23: integrity constraint): retrying cannot help. */
const isDataError = (err: unknown) => /^2[23]/.test(String((err as { code?: unknown })?.code ?? ''));

function recorderMetrics(registry: Registry | undefined) {
  const registers = registry ? [registry] : [];
  return {
    events: new Counter({
      name: 'eks_jobs_history_events_total',
      help: 'Events of the event log the history recorder handled, by outcome (written; skipped: nothing to record or unreadable; rejected: PostgreSQL refused the row)',
      labelNames: ['outcome'] as const,
      registers,
    }),
    rows: new Counter({
      name: 'eks_jobs_history_rows_total',
      help: 'History row writes by table and outcome (inserted, updated; stale: the row was as new or newer)',
      labelNames: ['table', 'outcome'] as const,
      registers,
    }),
    batchSeconds: new Histogram({
      name: 'eks_jobs_history_batch_seconds',
      help: 'Time to write one batch of history to PostgreSQL (the commit included)',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    failures: new Counter({
      name: 'eks_jobs_history_write_failures_total',
      help: 'Batches PostgreSQL did not take (unreachable, timed out); each is written again',
      registers,
    }),
    lost: new Counter({
      name: 'eks_jobs_history_events_lost_total',
      help: 'Events trimmed from the event log (EVENTS_HISTORY) before the history recorder read them',
      registers,
    }),
    backlog: new Gauge({
      name: 'eks_jobs_history_backlog',
      help: 'Events of the log not yet written to the history (not yet read, or read and not acknowledged), at the last check',
      registers,
    }),
  };
}

/**
 * The history recorder (docs/history.md): reads the event log through the consumer group
 * `history` — each entry is handed to one consumer of the group, so the worker processes share
 * the work — turns each batch into rows and writes them in one transaction, and acknowledges the
 * entries only after the commit. A worker killed before that leaves its entries pending in the
 * group; another recorder claims them once they have been idle `claimIdleMs` and writes them
 * again. At-least-once delivery plus upserts that only move a row forward: one row per Job and
 * per operation, whatever was replayed.
 */
export function createHistoryRecorder(options: HistoryRecorderOptions): HistoryRecorder {
  const { db, prefix } = options;
  const batchSize = options.batchSize ?? 500;
  const blockMs = options.blockMs ?? 1000;
  const claimIdleMs = options.claimIdleMs ?? 30_000;
  const checkEveryMs = options.checkEveryMs ?? 5000;
  const consumer = options.consumer ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const stream = eventLogKey(prefix, options.layout);
  const log = options.logger.child({ component: 'history-recorder', consumer });
  const metrics = recorderMetrics(options.registry);
  // Its own connection: a blocking read holds a connection for up to blockMs.
  const redis: RedisClient = options.connector.connect('worker');
  let closed = false;
  let wake: (() => void) | undefined;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  async function ensureGroup(): Promise<void> {
    // From the log's start: a recorder switched on later records what the log still holds.
    if (await createGroup(redis, stream, HISTORY_GROUP)) log.info('created the history consumer group');
  }

  function parse(entries: readonly Entry[]): EksJobsEvent[] {
    const events: EksJobsEvent[] = [];
    for (const [id, fields] of entries) {
      const raw = fields?.[fields.indexOf(EVENT_FIELD) + 1];
      try {
        if (raw === undefined) throw new Error('no event field');
        events.push(JSON.parse(raw) as EksJobsEvent);
      } catch {
        metrics.events.inc({ outcome: 'skipped' });
        log.warn({ entry: id }, 'event log entry is not an event; skipped');
      }
    }
    return events;
  }

  async function writeOnce(events: readonly EksJobsEvent[]): Promise<void> {
    const writes = historyWritesOf(events);
    const rowCount = writes.jobs.length + writes.deletions.length + writes.operations.length;
    if (rowCount === 0) return;
    const end = metrics.batchSeconds.startTimer();
    const counts = await writeHistory(db, writes);
    end();
    for (const table of ['jobs', 'operations'] as const) {
      for (const outcome of ['inserted', 'updated', 'stale'] as const) {
        if (counts[table][outcome] > 0) metrics.rows.inc({ table, outcome }, counts[table][outcome]);
      }
    }
    if (counts.deleted > 0) metrics.rows.inc({ table: 'jobs', outcome: 'deleted' }, counts.deleted);
  }

  /** Writes `events` until PostgreSQL takes them; false when closed first (nothing is acknowledged then). */
  async function write(events: readonly EksJobsEvent[]): Promise<boolean> {
    let delayMs = 500;
    for (;;) {
      try {
        await writeOnce(events);
        metrics.events.inc({ outcome: 'written' }, events.length);
        return true;
      } catch (err) {
        if (isDataError(err)) {
          await writeOneByOne(events);
          return true;
        }
        metrics.failures.inc();
        log.warn({ err, events: events.length, retryInMs: delayMs }, 'could not write history; retrying');
        if (closed) return false;
        await pause(delayMs);
        if (closed) return false;
        delayMs = Math.min(delayMs * 2, 30_000);
      }
    }
  }

  /** A batch PostgreSQL refused: each event alone, so one bad event costs only its own row. */
  async function writeOneByOne(events: readonly EksJobsEvent[]): Promise<void> {
    for (const event of events) {
      try {
        await writeOnce([event]);
        metrics.events.inc({ outcome: 'written' });
      } catch (err) {
        if (!isDataError(err)) throw err;
        metrics.events.inc({ outcome: 'rejected' });
        log.error(
          { err, eventId: event.id, type: event.type },
          'PostgreSQL refused the history of an event; skipped',
        );
      }
    }
  }

  async function handle(entries: readonly Entry[]): Promise<void> {
    if (entries.length === 0) return;
    if (!(await write(parse(entries)))) return;
    await redis.xack(stream, HISTORY_GROUP, ...entries.map(([id]) => id));
  }

  async function readNew(): Promise<Entry[]> {
    const reply = (await redis.xreadgroup(
      'GROUP',
      HISTORY_GROUP,
      consumer,
      'COUNT',
      batchSize,
      'BLOCK',
      blockMs,
      'STREAMS',
      stream,
      '>',
    )) as Array<[string, Entry[]]> | null;
    return reply?.[0]?.[1] ?? [];
  }

  /** Takes over entries other consumers were handed `claimIdleMs` ago and never acknowledged. */
  async function claimStale(): Promise<void> {
    let cursor = '0-0';
    do {
      const [next, entries, deleted] = (await redis.xautoclaim(
        stream,
        HISTORY_GROUP,
        consumer,
        claimIdleMs,
        cursor,
        'COUNT',
        batchSize,
      )) as [string, Entry[], string[]?];
      if (deleted && deleted.length > 0) {
        // Trimmed from the log while a dead consumer held them: Redis has dropped them from the group.
        metrics.lost.inc(deleted.length);
        log.error(
          { lost: deleted.length },
          'history events held by a stopped worker were trimmed from the event log before they were written',
        );
      }
      const live = entries.filter(([, fields]) => fields !== null);
      if (live.length > 0)
        log.info({ entries: live.length }, 'took over history events a stopped worker held');
      await handle(live);
      cursor = next;
    } while (cursor !== '0-0' && !closed);
  }

  async function check(): Promise<void> {
    const backlog = await checkBacklog(redis, stream, HISTORY_GROUP, {
      self: consumer,
      forgetIdleMs: Math.max(3_600_000, claimIdleMs * 10),
    });
    if (!backlog.group) await ensureGroup();
    if (backlog.lost > 0) {
      metrics.lost.inc(backlog.lost);
      log.error(
        { lost: backlog.lost },
        'events were trimmed from the event log (EVENTS_HISTORY) before the history recorder read them; their history is missing',
      );
    }
    if (backlog.undelivered >= 0) metrics.backlog.set(backlog.undelivered + backlog.pending);
  }

  const started = ensureGroup();
  const loop = (async () => {
    await started.catch(() => {});
    let nextCheck = 0;
    let nextClaim = 0;
    let delayMs = 500;
    while (!closed) {
      try {
        const now = Date.now();
        if (now >= nextCheck) {
          await check();
          nextCheck = now + checkEveryMs;
        }
        if (now >= nextClaim) {
          await claimStale();
          nextClaim = now + Math.max(500, Math.floor(claimIdleMs / 2));
        }
        await handle(await readNew());
        delayMs = 500;
      } catch (err) {
        if (closed) break;
        // The group is gone (the stream was deleted, or Redis restarted empty): make it again.
        if (String((err as Error).message).startsWith('NOGROUP')) await ensureGroup().catch(() => {});
        log.warn({ err, retryInMs: delayMs }, 'history recorder failed; starting again');
        await pause(delayMs);
        delayMs = Math.min(delayMs * 2, 30_000);
      }
    }
  })();

  let closing: Promise<void> | undefined;
  return {
    ready: () => started,
    close() {
      closing ??= (async () => {
        closed = true;
        wake?.();
        await loop;
        await redis.quit().catch(() => redis.disconnect());
      })();
      return closing;
    },
  };
}
