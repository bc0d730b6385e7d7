/**
 * Deleting Jobs the way the API server and the garbage collector do for each propagation policy
 * (Orphan, Background, Foreground), with an owner index so collection does not scan every pod.
 */
import type { Kubelet } from './kubelet.js';
import type { Scheduler } from './scheduler.js';
import type { Store, StoreEvent } from './store.js';
import { type Job, k8sTime, type Pod } from './types.js';

/** How a deleted owner's dependents go. */
export type PropagationPolicy = 'Orphan' | 'Background' | 'Foreground';

/** The garbage collector for Jobs and their pods. */
export class GarbageCollector {
  /** Job uid → pod keys, for garbage collection without scanning every pod. */
  private readonly podsByOwner = new Map<string, Set<string>>();

  constructor(
    private readonly store: Store,
    private readonly scheduler: Scheduler,
    private readonly kubelet: Kubelet,
  ) {}

  /** Keeps the owner index up to date with a pod event. */
  notePodEvent(e: StoreEvent, key: string, owner: string | undefined): void {
    if (e.type === 'ADDED' && owner) {
      let set = this.podsByOwner.get(owner);
      if (!set) {
        set = new Set();
        this.podsByOwner.set(owner, set);
      }
      set.add(key);
    }
    if (e.type === 'DELETED' && owner) this.podsByOwner.get(owner)?.delete(key);
  }

  /** Pods whose controller owner reference points at `uid`. */
  podsOwnedBy(uid: string): Pod[] {
    const out: Pod[] = [];
    for (const key of this.podsByOwner.get(uid) ?? []) {
      const slash = key.indexOf('/');
      const pod = this.store.get<Pod>('pods', key.slice(0, slash), key.slice(slash + 1));
      if (pod) out.push(pod);
    }
    return out;
  }

  /**
   * Deletes a Job the way the API server and garbage collector do for each propagation policy.
   * Returns the object as the DELETE response shows it.
   */
  deleteJob(job: Job, policy: PropagationPolicy): Job {
    const uid = job.metadata.uid ?? '';
    const ns = job.metadata.namespace ?? '';
    const name = job.metadata.name ?? '';
    if (policy === 'Orphan') {
      for (const pod of this.podsOwnedBy(uid)) {
        const refs = (pod.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
        const metadata = { ...pod.metadata };
        if (refs.length > 0) metadata.ownerReferences = refs;
        else delete metadata.ownerReferences;
        this.store.update('pods', { ...pod, metadata });
        this.kubelet.orphan(`${ns}/${pod.metadata.name}`);
      }
      this.podsByOwner.delete(uid);
      return this.store.remove<Job>('jobs', ns, name) ?? job;
    }
    if (policy === 'Background') {
      const removed = this.store.remove<Job>('jobs', ns, name) ?? job;
      this.scheduler.after(0, () => this.collect(uid));
      return removed;
    }
    const marked = this.store.update<Job>('jobs', {
      ...job,
      metadata: {
        ...job.metadata,
        deletionTimestamp: k8sTime(),
        deletionGracePeriodSeconds: 0,
        finalizers: [...(job.metadata.finalizers ?? []), 'foregroundDeletion'],
      },
    });
    this.scheduler.after(0, () => this.completeForeground(uid, ns, name));
    return marked;
  }

  /** Collects the dependents of a Job deleted in the foreground, then drops its finalizer. */
  private completeForeground(uid: string, ns: string, name: string): void {
    this.collect(uid);
    const current = this.store.get<Job>('jobs', ns, name);
    if (!current || current.metadata.uid !== uid) return;
    const finalizers = (current.metadata.finalizers ?? []).filter((f) => f !== 'foregroundDeletion');
    if (finalizers.length === 0) this.store.remove('jobs', ns, name);
    else this.store.update('jobs', { ...current, metadata: { ...current.metadata, finalizers } });
  }

  /**
   * Picks up after a restart: rebuilds the owner index from the stored pods, finishes foreground
   * deletions, and collects pods whose owning Job is gone (a background deletion the stop cut short).
   */
  resume(): void {
    this.podsByOwner.clear();
    for (const pod of this.store.list<Pod>('pods')) {
      const owner = pod.metadata.ownerReferences?.find((o) => o.controller)?.uid;
      if (owner)
        this.notePodEvent(
          { type: 'ADDED', resource: 'pods', object: pod, rv: 0 },
          `${pod.metadata.namespace}/${pod.metadata.name}`,
          owner,
        );
    }
    const jobs = new Set<string>();
    for (const job of this.store.list<Job>('jobs')) {
      const uid = job.metadata.uid ?? '';
      jobs.add(uid);
      if (job.metadata.deletionTimestamp && job.metadata.finalizers?.includes('foregroundDeletion'))
        this.scheduler.after(0, () =>
          this.completeForeground(uid, job.metadata.namespace ?? '', job.metadata.name ?? ''),
        );
    }
    for (const uid of [...this.podsByOwner.keys()])
      if (!jobs.has(uid)) this.scheduler.after(0, () => this.collect(uid));
  }

  /** Garbage-collects the pods of a deleted owner. */
  private collect(uid: string): void {
    for (const pod of this.podsOwnedBy(uid))
      this.store.remove('pods', pod.metadata.namespace ?? '', pod.metadata.name ?? '');
    this.podsByOwner.delete(uid);
  }
}
