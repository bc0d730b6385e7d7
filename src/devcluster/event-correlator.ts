/**
 * client-go's EventCorrelator (k8s.io/client-go/tools/record/events_cache.go), which every
 * controller's recorder runs before writing an event:
 *
 * - aggregation: events alike but for their message (same source, object, type, reason,
 *   reporting controller and instance) — from the tenth distinct message seen with less than
 *   `maxIntervalMs` between two of them, they are recorded as one event whose message is
 *   `(combined from similar events): <latest message>`;
 * - de-duplication: an event seen before (same key, message included) is written as a patch of
 *   the first one: `count` + 1, the new `lastTimestamp`, the first `firstTimestamp` and name;
 * - spam filtering: a token bucket per source and object (burst 25, one token back every
 *   `spamRefillMs`) drops what is over.
 *
 * Caches hold 4096 keys, least recently used first out (groupcache lru).
 */
import type { KObject } from './types.js';

const LRU_SIZE = 4096;
const AGGREGATE_MAX_EVENTS = 10;
const SPAM_BURST = 25;

class Lru<V> {
  private readonly map = new Map<string, V>();

  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > LRU_SIZE) this.map.delete(this.map.keys().next().value as string);
  }
}

type Ref = Record<string, string | undefined>;
const refOf = (e: KObject) => (e.involvedObject ?? {}) as Ref;
const sourceOf = (e: KObject) => (e.source ?? {}) as Ref;

/** getEventKey: the identity of an event, message included. */
export function eventKey(e: KObject): string {
  const r = refOf(e);
  const s = sourceOf(e);
  return [
    s.component,
    s.host,
    r.kind,
    r.namespace,
    r.name,
    r.fieldPath,
    r.uid,
    r.apiVersion,
    e.type,
    e.reason,
    e.message,
  ]
    .map((p) => p ?? '')
    .join('\u0000');
}

function aggregateKey(e: KObject): string {
  const r = refOf(e);
  const s = sourceOf(e);
  return [
    s.component,
    s.host,
    r.kind,
    r.namespace,
    r.name,
    r.uid,
    r.apiVersion,
    e.type,
    e.reason,
    e.reportingComponent,
    e.reportingInstance,
  ]
    .map((p) => (typeof p === 'string' ? p : ''))
    .join('\u0000');
}

function spamKey(e: KObject): string {
  const r = refOf(e);
  const s = sourceOf(e);
  return [s.component, s.host, r.kind, r.namespace, r.name, r.uid, r.apiVersion]
    .map((p) => p ?? '')
    .join('\u0000');
}

interface EventLog {
  count: number;
  firstTimestamp: unknown;
  name: string;
}

/** What the correlator decided: the event to write, and whether it updates an earlier one. */
export interface Correlated {
  event: KObject;
  /** Patch the event of that name (count > 1) rather than create it. */
  update: boolean;
}

/** Timing of the correlator, in real milliseconds. */
export interface CorrelatorTiming {
  /** Longest gap between two similar events that still aggregates them (600 s upstream). */
  maxIntervalMs: number;
  /** Time for the spam filter to give one token back (300 s upstream). */
  spamRefillMs: number;
}

/** One recorder's correlator (upstream: one per `StartRecordingToSink`). */
export class EventCorrelator {
  private readonly aggregates = new Lru<{ messages: Set<string>; lastMs: number }>();
  private readonly logs = new Lru<EventLog>();
  private readonly buckets = new Lru<{ tokens: number; atMs: number }>();

  constructor(private readonly timing: CorrelatorTiming) {}

  /**
   * EventCorrelate: the event to write, or undefined when the spam filter drops it.
   * `makeName` names an aggregate event (upstream `<object name>.<UnixNano in hex>`).
   */
  correlate(event: KObject, nowMs: number, time: string, makeName: () => string): Correlated | undefined {
    const { event: aggregated, key } = this.aggregate(event, nowMs, time, makeName);
    const observed = this.observe(aggregated, key);
    if (!this.accept(spamKey(observed.event), nowMs)) return undefined;
    return observed;
  }

  /** UpdateState: remembers the event as the server stored it. */
  updateState(stored: KObject): void {
    this.logs.set(eventKey(stored), {
      count: typeof stored.count === 'number' ? stored.count : 1,
      firstTimestamp: stored.firstTimestamp,
      name: stored.metadata.name ?? '',
    });
  }

  private aggregate(
    event: KObject,
    nowMs: number,
    time: string,
    makeName: () => string,
  ): { event: KObject; key: string } {
    const key = aggregateKey(event);
    let record = this.aggregates.get(key);
    if (!record || nowMs - record.lastMs > this.timing.maxIntervalMs)
      record = { messages: new Set(), lastMs: 0 };
    record.messages.add(String(event.message ?? ''));
    record.lastMs = nowMs;
    this.aggregates.set(key, record);
    if (record.messages.size < AGGREGATE_MAX_EVENTS) return { event, key: eventKey(event) };
    // Upstream pops an arbitrary message so the set stays below the threshold.
    record.messages.delete(record.messages.values().next().value as string);
    return {
      event: {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: makeName(), namespace: event.metadata.namespace },
        involvedObject: event.involvedObject,
        reason: event.reason,
        message: `(combined from similar events): ${String(event.message ?? '')}`,
        source: event.source,
        firstTimestamp: time,
        lastTimestamp: time,
        count: 1,
        type: event.type,
        eventTime: null,
        // The aggregate copies neither reportingController nor reportingInstance.
        reportingComponent: '',
        reportingInstance: '',
      },
      key,
    };
  }

  private observe(event: KObject, key: string): Correlated {
    const last = this.logs.get(key);
    let out = event;
    if (last && last.count > 0) {
      out = {
        ...event,
        metadata: { ...event.metadata, name: last.name },
        firstTimestamp: last.firstTimestamp,
        count: last.count + 1,
      };
    }
    this.logs.set(key, {
      count: typeof out.count === 'number' ? out.count : 1,
      firstTimestamp: out.firstTimestamp,
      name: out.metadata.name ?? '',
    });
    return { event: out, update: (out.count as number) > 1 };
  }

  private accept(key: string, nowMs: number): boolean {
    const bucket = this.buckets.get(key) ?? { tokens: SPAM_BURST, atMs: nowMs };
    const refill = this.timing.spamRefillMs;
    bucket.tokens =
      refill > 0 ? Math.min(SPAM_BURST, bucket.tokens + (nowMs - bucket.atMs) / refill) : SPAM_BURST;
    bucket.atMs = nowMs;
    const ok = bucket.tokens >= 1;
    if (ok) bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    return ok;
  }
}
