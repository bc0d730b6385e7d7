/**
 * A controller's event recorder (k8s.io/client-go/tools/record/event.go): `event()` makes a
 * core/v1 Event about an object — named `<object name>.<UnixNano in hex>`, in the object's
 * namespace, `involvedObject` its reference, `source.component` and `reportingComponent` the
 * controller, `reportingInstance` the host (empty for kube-controller-manager's controllers),
 * `firstTimestamp` = `lastTimestamp` = now, `count` 1, `eventTime` null — runs it through the
 * {@link EventCorrelator} and writes it as the API server would take it: a create, or for a
 * repeat a patch of `count`, `lastTimestamp` and `message` (a create again if the event is
 * gone). A write the server would refuse (namespace missing or terminating, name taken) drops
 * the event, as the recorder does after a Status error.
 */
import { EventCorrelator } from './event-correlator.js';
import { coreEvent } from './events.js';
import type { Store } from './store.js';
import {
  apiVersionOf,
  type KObject,
  k8sTime,
  type Namespace,
  RESOURCES,
  type ResourceName,
} from './types.js';

/** v1.EventSource of a recorder. */
export interface EventSource {
  component: string;
  host?: string;
}

/** Event types a recorder takes (util.ValidateEventType). */
export type EventType = 'Normal' | 'Warning';

/** Records the events of one controller into the store. */
export class EventRecorder {
  private readonly correlator: EventCorrelator;
  private lastNanos = 0n;

  /** `timeScale` scales the correlator's 10-minute aggregation window and 5-minute spam refill. */
  constructor(
    private readonly store: Store,
    private readonly source: EventSource,
    timeScale: number,
  ) {
    this.correlator = new EventCorrelator({
      maxIntervalMs: 600_000 * timeScale,
      spamRefillMs: 300_000 * timeScale,
    });
  }

  /** Records an event about `obj` (a stored `resource` object). */
  event(resource: ResourceName, obj: KObject, type: EventType, reason: string, message: string): void {
    const info = RESOURCES[resource];
    const ref = obj.metadata;
    const nowMs = Date.now();
    const time = k8sTime(nowMs);
    const draft = coreEvent(
      {
        involvedObject: {
          kind: info.kind,
          namespace: ref.namespace,
          name: ref.name,
          uid: ref.uid,
          apiVersion: apiVersionOf(info),
          resourceVersion: ref.resourceVersion,
        },
        reason,
        message,
        source: this.source.host ? { ...this.source } : { component: this.source.component },
        firstTimestamp: time,
        lastTimestamp: time,
        count: 1,
        type,
        reportingComponent: this.source.component,
        reportingInstance: this.source.host ?? '',
      },
      { name: this.eventName(ref.name ?? ''), namespace: ref.namespace || 'default' },
    );
    const result = this.correlator.correlate(draft, nowMs, time, () => this.eventName(ref.name ?? ''));
    if (!result) return;
    const stored = this.write(result.event, result.update);
    if (stored) this.correlator.updateState(stored);
  }

  /** util.GenerateEventName: `<name>.<UnixNano in hex>`, kept unique here by a monotonic clock. */
  private eventName(refName: string): string {
    let nanos = BigInt(Math.round((performance.timeOrigin + performance.now()) * 1e6));
    if (nanos <= this.lastNanos) nanos = this.lastNanos + 1n;
    this.lastNanos = nanos;
    return `${refName}.${nanos.toString(16)}`;
  }

  private write(event: KObject, update: boolean): KObject | undefined {
    const ns = event.metadata.namespace ?? '';
    const name = event.metadata.name ?? '';
    const nsObj = this.store.get<Namespace>('namespaces', '', ns);
    // NotFound, or NamespaceLifecycle's NamespaceTerminating refusal: the recorder gives up.
    if (!nsObj || nsObj.metadata.deletionTimestamp) return undefined;
    const existing = this.store.get('events', ns, name);
    if (update && existing) {
      return this.store.update('events', {
        ...existing,
        count: event.count,
        lastTimestamp: event.lastTimestamp,
        message: event.message,
      });
    }
    if (existing) return undefined;
    return this.store.create('events', coreEvent(event, { name, namespace: ns }));
  }
}
