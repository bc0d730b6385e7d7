/**
 * Simulates namespace deletion (pkg/controller/namespace): a deleted namespace turns
 * `Terminating`, its content (Jobs, pods, events) is removed, the `kubernetes` finalizer is dropped, and the object
 * disappears once no finalizers remain.
 */
import type { JobController } from './job-controller.js';
import type { Scheduler } from './scheduler.js';
import type { Store } from './store.js';
import { type Condition, type Job, k8sTime, type Namespace } from './types.js';

function contentConditions(): Condition[] {
  const now = k8sTime();
  const c = (type: string, reason: string, message: string): Condition => ({
    type,
    status: 'False',
    lastTransitionTime: now,
    reason,
    message,
  });
  return [
    c('NamespaceDeletionDiscoveryFailure', 'ResourcesDiscovered', 'All resources successfully discovered'),
    c(
      'NamespaceDeletionGroupVersionParsingFailure',
      'ParsedGroupVersions',
      'All legacy kube types successfully parsed',
    ),
    c(
      'NamespaceDeletionContentFailure',
      'ContentDeleted',
      'All content successfully deleted, may be waiting on finalization',
    ),
    c('NamespaceContentRemaining', 'ContentRemoved', 'All content successfully removed'),
    c('NamespaceFinalizersRemaining', 'ContentHasNoFinalizers', 'All content-preserving finalizers finished'),
  ];
}

export class NamespaceController {
  constructor(
    private readonly store: Store,
    private readonly scheduler: Scheduler,
    private readonly jobs: JobController,
    private readonly finalizeDelayMs: number,
  ) {}

  /** Marks the namespace Terminating and schedules removal of its content. */
  beginDelete(ns: Namespace): Namespace {
    const marked = this.store.update<Namespace>('namespaces', {
      ...ns,
      metadata: { ...ns.metadata, deletionTimestamp: k8sTime() },
      status: { ...(ns.status ?? {}), phase: 'Terminating' },
    });
    const name = ns.metadata.name ?? '';
    this.scheduler.after(this.finalizeDelayMs, () => this.finalize(name, marked.metadata.uid ?? ''));
    return marked;
  }

  /** After a restart: namespaces that were Terminating finish their deletion. */
  resume(): void {
    for (const ns of this.store.list<Namespace>('namespaces')) {
      if (!ns.metadata.deletionTimestamp) continue;
      const name = ns.metadata.name ?? '';
      this.scheduler.after(this.finalizeDelayMs, () => this.finalize(name, ns.metadata.uid ?? ''));
    }
  }

  private finalize(name: string, uid: string): void {
    const ns = this.store.get<Namespace>('namespaces', '', name);
    if (!ns || ns.metadata.uid !== uid) return;
    for (const job of this.store.list<Job>('jobs', name)) this.jobs.deleteJob(job, 'Background');
    for (const pod of this.store.list('pods', name)) this.store.remove('pods', name, pod.metadata.name ?? '');
    for (const ev of this.store.list('events', name))
      this.store.remove('events', name, ev.metadata.name ?? '');
    const current = this.store.get<Namespace>('namespaces', '', name);
    if (!current) return;
    const updated = this.store.update<Namespace>('namespaces', {
      ...current,
      spec: { ...(current.spec ?? {}), finalizers: [] },
      status: { ...(current.status ?? {}), conditions: contentConditions() },
    });
    this.removeIfFinalized(updated);
  }

  /** Removes a terminating namespace whose spec and metadata finalizers are all gone. */
  removeIfFinalized(ns: Namespace): boolean {
    if (!ns.metadata.deletionTimestamp) return false;
    if ((ns.spec?.finalizers?.length ?? 0) > 0 || (ns.metadata.finalizers?.length ?? 0) > 0) return false;
    this.store.remove('namespaces', '', ns.metadata.name ?? '');
    return true;
  }
}
