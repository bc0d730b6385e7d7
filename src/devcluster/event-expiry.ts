/**
 * Events expire: the API server stores each one with a TTL (`--event-ttl`, 1 h by default,
 * pkg/registry/core/event/storage TTLFunc) counted again from every write, and etcd deletes it
 * when the lease runs out — watches see DELETED. Here a timer per write removes the event unless
 * it was written again since, which keeps a long run's events bounded.
 */
import type { Scheduler } from './scheduler.js';
import type { Store, StoreEvent } from './store.js';
import type { KObject } from './types.js';

/** When the event was last written, as far as a restored object tells. */
function lastWriteMs(event: KObject): number {
  for (const t of [event.lastTimestamp, event.eventTime, event.metadata.creationTimestamp]) {
    const ms = typeof t === 'string' ? Date.parse(t) : Number.NaN;
    if (Number.isFinite(ms)) return ms;
  }
  return Date.now();
}

/** Removes events `ttlMs` after their last write. */
export class EventExpiry {
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: Store,
    private readonly scheduler: Scheduler,
    private readonly ttlMs: number,
  ) {
    this.unsubscribe = store.subscribe((e) => this.onWrite(e));
  }

  /** After a restart: each stored event expires its TTL after its last write (downtime counts). */
  resume(): void {
    for (const event of this.store.list('events')) {
      const left = this.ttlMs - (Date.now() - lastWriteMs(event));
      this.expire(event, Math.max(0, left));
    }
  }

  stop(): void {
    this.unsubscribe();
  }

  private onWrite(e: StoreEvent): void {
    if (e.resource === 'events' && e.type !== 'DELETED') this.expire(e.object, this.ttlMs);
  }

  private expire(event: KObject, delayMs: number): void {
    const ns = event.metadata.namespace ?? '';
    const name = event.metadata.name ?? '';
    const rv = event.metadata.resourceVersion;
    this.scheduler.after(delayMs, () => {
      if (this.store.get('events', ns, name)?.metadata.resourceVersion === rv)
        this.store.remove('events', ns, name);
    });
  }
}
