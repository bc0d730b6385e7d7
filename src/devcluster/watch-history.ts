/**
 * The events a watch can resume from, kept per resource as the API server's watch cache keeps
 * them (one cacher per resource, `apiserver/pkg/storage/cacher/watch_cache.go`): Events written
 * by controllers never push a Job watch's history out. Each resource keeps its last `limit`
 * events; a resourceVersion older than the last one it dropped (or than the restore point) is
 * too old.
 */
import { type KObject, RESOURCE_NAMES, type ResourceName } from './types.js';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** A change to one object; `object` is the state after the change (for DELETED, the last state). */
export interface StoreEvent {
  type: WatchEventType;
  resource: ResourceName;
  object: KObject;
  rv: number;
}

class ResourceHistory {
  private readonly events: StoreEvent[] = [];
  private start = 0;

  constructor(
    /** The oldest resourceVersion a watch can resume from. */
    public floor: number,
  ) {}

  push(e: StoreEvent, limit: number): void {
    this.events.push(e);
    if (this.events.length - this.start > limit) {
      this.floor = (this.events[this.start] as StoreEvent).rv;
      this.start++;
      if (this.start > 4096) {
        this.events.splice(0, this.start);
        this.start = 0;
      }
    }
  }

  since(rv: number): StoreEvent[] | undefined {
    if (rv < this.floor) return undefined;
    // Ordered by rv: binary-search the first event after rv.
    let lo = this.start;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.events[mid] as StoreEvent).rv <= rv) lo = mid + 1;
      else hi = mid;
    }
    return this.events.slice(lo);
  }
}

/** Every resource's watch history. */
export class WatchHistory {
  private byResource = new Map<ResourceName, ResourceHistory>();

  constructor(
    private readonly limit: number,
    floor: number,
  ) {
    this.reset(floor);
  }

  /** Forgets every event: watches from before `floor` get 410 Expired, as after a compaction. */
  reset(floor: number): void {
    this.byResource = new Map(RESOURCE_NAMES.map((r) => [r, new ResourceHistory(floor)]));
  }

  record(e: StoreEvent): void {
    this.byResource.get(e.resource)?.push(e, this.limit);
  }

  /** The oldest resourceVersion a watch of `resource` can resume from. */
  oldest(resource: ResourceName): number {
    return this.byResource.get(resource)?.floor ?? 0;
  }

  /** The events of `resource` after `rv`, or undefined when `rv` is older than its history. */
  since(resource: ResourceName, rv: number): StoreEvent[] | undefined {
    return this.byResource.get(resource)?.since(rv);
  }
}
