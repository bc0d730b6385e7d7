/**
 * The in-memory object store: one global resourceVersion counter (like etcd's revision), a
 * bounded event history per resource for watches (`watch-history.ts`), and synchronous
 * listeners for the simulated controllers.
 */
import { randomUUID } from 'node:crypto';
import { type KObject, k8sTime, RESOURCE_NAMES, type ResourceName } from './types.js';
import { type StoreEvent, WatchHistory } from './watch-history.js';

export type { StoreEvent, WatchEventType } from './watch-history.js';

export type StoreListener = (event: StoreEvent) => void;

/** Every stored object and the resourceVersion counter, as a state directory keeps them. */
export interface StoreSnapshot {
  resourceVersion: number;
  objects: Record<ResourceName, KObject[]>;
}

/** Read access for tests and the simulated controllers; objects returned must not be mutated. */
export interface StoreReader {
  get<T extends KObject = KObject>(resource: ResourceName, namespace: string, name: string): T | undefined;
  list<T extends KObject = KObject>(resource: ResourceName, namespace?: string): T[];
  count(resource: ResourceName, namespace?: string): number;
  resourceVersion(): number;
}

export class Store implements StoreReader {
  private rv = 1000;
  private readonly data = new Map<ResourceName, Map<string, Map<string, KObject>>>();
  private readonly history: WatchHistory;
  private readonly listeners = new Set<StoreListener>();

  constructor(historyLimit = 20000) {
    for (const r of RESOURCE_NAMES) this.data.set(r, new Map());
    this.history = new WatchHistory(historyLimit, this.rv);
  }

  resourceVersion(): number {
    return this.rv;
  }

  /** Every object and the counter, for persisting. */
  snapshot(): StoreSnapshot {
    return {
      resourceVersion: this.rv,
      objects: Object.fromEntries(RESOURCE_NAMES.map((r) => [r, this.list(r)])) as Record<
        ResourceName,
        KObject[]
      >,
    };
  }

  /**
   * Replaces the content with a snapshot, without events (nothing watches yet). The watch
   * history starts empty: a watch from an older resourceVersion gets 410 Expired, as after a
   * compaction.
   */
  restore(snapshot: StoreSnapshot): void {
    for (const r of RESOURCE_NAMES) {
      this.data.set(r, new Map());
      for (const obj of snapshot.objects[r] ?? [])
        this.bucket(r, obj.metadata.namespace ?? '', true)?.set(obj.metadata.name as string, obj);
    }
    this.rv = Math.max(this.rv, snapshot.resourceVersion);
    this.history.reset(this.rv);
  }

  /** The oldest resourceVersion a watch (or a list's continue token) of `resource` can resume from. */
  oldestWatchable(resource: ResourceName): number {
    return this.history.oldest(resource);
  }

  private bucket(
    resource: ResourceName,
    namespace: string,
    create: boolean,
  ): Map<string, KObject> | undefined {
    const byNs = this.data.get(resource) as Map<string, Map<string, KObject>>;
    let b = byNs.get(namespace);
    if (!b && create) {
      b = new Map();
      byNs.set(namespace, b);
    }
    return b;
  }

  get<T extends KObject = KObject>(resource: ResourceName, namespace: string, name: string): T | undefined {
    return this.bucket(resource, namespace, false)?.get(name) as T | undefined;
  }

  list<T extends KObject = KObject>(resource: ResourceName, namespace?: string): T[] {
    const byNs = this.data.get(resource) as Map<string, Map<string, KObject>>;
    const namespaces = namespace === undefined ? [...byNs.keys()].sort() : [namespace];
    const out: T[] = [];
    for (const ns of namespaces) {
      const b = byNs.get(ns);
      if (!b) continue;
      const names = [...b.keys()].sort();
      for (const n of names) out.push(b.get(n) as T);
    }
    return out;
  }

  count(resource: ResourceName, namespace?: string): number {
    const byNs = this.data.get(resource) as Map<string, Map<string, KObject>>;
    if (namespace !== undefined) return byNs.get(namespace)?.size ?? 0;
    let n = 0;
    for (const b of byNs.values()) n += b.size;
    return n;
  }

  /** Stores a new object: assigns uid (unless set), resourceVersion, generation and creationTimestamp. */
  create<T extends KObject>(resource: ResourceName, obj: T): T {
    const ns = obj.metadata.namespace ?? '';
    const name = obj.metadata.name as string;
    const uid = obj.metadata.uid ?? randomUUID();
    const resourceVersion = String(++this.rv);
    const creationTimestamp = k8sTime();
    // Pods and events carry no generation (their strategies set none); built without it rather
    // than deleted (which slows the object down).
    const noGeneration = resource === 'pods' || resource === 'events';
    const metadata = noGeneration
      ? { ...obj.metadata, uid, resourceVersion, creationTimestamp }
      : { ...obj.metadata, uid, resourceVersion, generation: 1, creationTimestamp };
    if (noGeneration && 'generation' in metadata) delete metadata.generation;
    const stored = { ...obj, metadata } as T;
    this.bucket(resource, ns, true)?.set(name, stored);
    this.emit({ type: 'ADDED', resource, object: stored, rv: this.rv });
    return stored;
  }

  /** Replaces an existing object with a new resourceVersion; `bumpGeneration` when its spec changed. */
  update<T extends KObject>(resource: ResourceName, obj: T, bumpGeneration = false): T {
    const ns = obj.metadata.namespace ?? '';
    const name = obj.metadata.name as string;
    const prev = this.get(resource, ns, name);
    const metadata = { ...obj.metadata, resourceVersion: String(++this.rv) };
    if (bumpGeneration && typeof prev?.metadata.generation === 'number')
      metadata.generation = prev.metadata.generation + 1;
    const stored = { ...obj, metadata } as T;
    this.bucket(resource, ns, true)?.set(name, stored);
    this.emit({ type: 'MODIFIED', resource, object: stored, rv: this.rv });
    return stored;
  }

  /** Removes an object for good; the DELETED event carries a fresh resourceVersion. */
  remove<T extends KObject = KObject>(
    resource: ResourceName,
    namespace: string,
    name: string,
  ): T | undefined {
    const b = this.bucket(resource, namespace, false);
    const prev = b?.get(name);
    if (!b || !prev) return undefined;
    b.delete(name);
    const last = { ...prev, metadata: { ...prev.metadata, resourceVersion: String(++this.rv) } } as T;
    this.emit({ type: 'DELETED', resource, object: last, rv: this.rv });
    return last;
  }

  /** Events of `resource` after `rv`, or `undefined` when that version is older than its retained history. */
  eventsSince(resource: ResourceName, rv: number): StoreEvent[] | undefined {
    return this.history.since(resource, rv);
  }

  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(e: StoreEvent): void {
    this.history.record(e);
    for (const l of this.listeners) l(e);
  }
}
