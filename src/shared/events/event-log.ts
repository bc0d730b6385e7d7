import type { RedisClient } from '../redis.js';
import { type KeyLayout, redisKeys } from '../redis-keys.js';
import { defineScript } from '../redis-script.js';
import type { Callback, EksJobsEvent } from './event.js';
import { wants } from './event.js';

/**
 * The event log: one Redis stream of every event, capped at `EVENTS_HISTORY` entries (the window
 * `GET /v1/events` resumes over with `Last-Event-ID`), fed by {@link createEventPublisher}.
 * Entries hold one field, `e`: the event as JSON.
 */
export function eventLogKey(prefix: string, layout: KeyLayout = 'plain'): string {
  return redisKeys(prefix, layout).eventLog();
}

/** The field of a log entry that holds the event. */
export const EVENT_FIELD = 'e';

// KEYS: seen (marks an event id as published; kept as long as operations are, so a replay stays
// a replay), log. ARGV: ttl ms, max length, event JSON. The entry's id, or false when the event
// was published before.
const APPEND = defineScript(`
if not redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[1]) then return false end
return redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], '*', '${EVENT_FIELD}', ARGV[3])`);

/** Hands an event to the webhook deliveries of its callback (src/shared/webhooks/deliveries.ts). */
export type EnqueueDelivery = (event: EksJobsEvent, callback: Callback) => Promise<void>;

/** Options of {@link createEventPublisher}. */
export interface EventPublisherOptions {
  redis: RedisClient;
  /** QUEUE_PREFIX. */
  prefix: string;
  /** How keys are named (Config.redis.keyLayout). @defaultValue 'plain' */
  layout?: KeyLayout;
  /** Entries kept in the log (EVENTS_HISTORY). @defaultValue 100000 */
  historyLength?: number;
  /** How long a published id is remembered (OPERATION_RETENTION). @defaultValue 7 days */
  dedupTtlMs?: number;
  /** Where events with a callback go; without it callbacks are not delivered. */
  enqueueDelivery?: EnqueueDelivery;
}

/** Publishes events once each; see {@link createEventPublisher}. */
export interface EventPublisher {
  /**
   * Publishes `event`: first to its callback's deliveries (idempotent by event id), then to the
   * log, unless an event of the same id was published before. Callers publish before they
   * acknowledge what the event reports (the operation's completion, the watch's
   * resourceVersion), so a crash in between publishes again and loses nothing: at least once,
   * and once in the log. Resolves true when the event is new in the log.
   */
  publish(event: EksJobsEvent, callback?: Callback): Promise<boolean>;
}

export function createEventPublisher(options: EventPublisherOptions): EventPublisher {
  const { redis } = options;
  const keys = redisKeys(options.prefix, options.layout);
  const history = String(options.historyLength ?? 100_000);
  const ttl = String(options.dedupTtlMs ?? 7 * 86_400_000);
  const log = keys.eventLog();
  return {
    async publish(event, callback) {
      if (callback && options.enqueueDelivery && wants(callback, event.type)) {
        await options.enqueueDelivery(event, callback);
      }
      const id = await APPEND.run(
        redis,
        [keys.eventSeen(event.id), log],
        [ttl, history, JSON.stringify(event)],
      );
      return id !== null;
    },
  };
}
