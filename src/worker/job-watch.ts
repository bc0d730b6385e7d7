import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { ClusterClient } from '../shared/cluster/index.js';
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE, OPERATION_LABEL } from '../shared/commands/index.js';
import {
  type Callback,
  type EksJobsEvent,
  type EventType,
  eventId,
  type JobEventState,
} from '../shared/events/event.js';
import type { EventPublisher } from '../shared/events/event-log.js';
import { watchEvents } from '../shared/kube/watch-lines.js';
import type { Logger } from '../shared/logger.js';
import type { RedisClient } from '../shared/redis.js';
import type { RedisKeys } from '../shared/redis-keys.js';
import { defineScript } from '../shared/redis-script.js';
import { jobImages, jobLabels } from './job-images.js';

/** What the operation that created a Job says about it: who asked, and where its events go. */
export interface OperationInfo {
  principal: string;
  requestId?: string;
  batchId?: string;
  callback?: Callback;
  /** When the operation was submitted (ISO 8601): its queue job's timestamp. */
  submittedAt?: string;
}

/** Options of {@link createJobWatch}. */
export interface JobWatchOptions {
  cluster: string;
  client: ClusterClient;
  /** A connection that waits for Redis (the worker's). */
  redis: RedisClient;
  /** The deployment's key names (`redisKeys(QUEUE_PREFIX, layout)`): the lease and the stored version. */
  keys: Pick<RedisKeys, 'watchLease' | 'watchVersion'>;
  /** JOB_WATCH_LEASE: a dead holder's watch is taken over within about this long. @defaultValue 10000 */
  leaseMs?: number;
  publisher: EventPublisher;
  /** The operation behind a Job (from its queue job), if it is still kept. */
  operationInfo(operationId: string): Promise<OperationInfo | undefined>;
  /**
   * Notes on operation `operationId` that it made the Job `uid` (once per Job this process sees),
   * so that a create run again after its answer was lost does not make the Job a second time
   * when it is already deleted (its `ttlSecondsAfterFinished`).
   */
  noteMade?(operationId: string, uid: string): Promise<void>;
  logger: Logger;
}

/** The running watch of one cluster's managed Jobs. */
export interface JobWatch {
  /** Whether this process holds the cluster's lease right now. */
  holding(): boolean;
  /** Stops watching and gives the lease up. */
  close(): Promise<void>;
  /** Tests only: stops as a killed process would, keeping the lease until it expires. */
  abandon(): void;
}

// KEYS: lease. ARGV: owner, ttl. 1 when the caller holds the lease (now or already).
const HOLD = defineScript(`
local cur = redis.call('GET', KEYS[1])
if cur == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
if cur then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`);
// KEYS: lease, rv. ARGV: owner, rv. Only the holder moves the resourceVersion.
const SAVE_RV = defineScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[2], ARGV[2])
return 1`);
const RELEASE = defineScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`);

interface WatchedJob {
  metadata?: {
    uid?: string;
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    resourceVersion?: string;
    creationTimestamp?: string | Date;
  };
  spec?: unknown;
  status?: {
    startTime?: string | Date;
    completionTime?: string | Date;
    active?: number;
    succeeded?: number;
    failed?: number;
    conditions?: Array<{
      type?: string;
      status?: string;
      reason?: string;
      message?: string;
      lastTransitionTime?: string | Date;
    }>;
  };
}

const iso = (t: string | Date | undefined) => (t instanceof Date ? t.toISOString() : t);

/**
 * The `job.*` transitions a Job's state implies, in order: `job.running` once it has started,
 * then `job.succeeded` or `job.failed` once a terminal condition holds. Pure. Derived from the
 * state, not from the change seen, so a re-list after an expired watch (or a new holder
 * resuming) yields every transition it could have missed; the ids make repeats no-ops.
 */
export function jobTransitions(job: WatchedJob): Array<{ type: EventType; state: JobEventState }> {
  const st = job.status ?? {};
  const uid = job.metadata?.uid;
  if (!uid) return [];
  const holds = (type: string) => st.conditions?.find((c) => c.type === type && c.status === 'True');
  const terminal = holds('Complete') ?? holds('Failed');
  const base: JobEventState = {
    uid,
    phase: 'Running',
    active: st.active ?? 0,
    succeeded: st.succeeded ?? 0,
    failed: st.failed ?? 0,
    ...(st.startTime ? { startTime: iso(st.startTime)! } : {}),
    ...(st.completionTime ? { completionTime: iso(st.completionTime)! } : {}),
    ...(job.metadata?.resourceVersion ? { resourceVersion: job.metadata.resourceVersion } : {}),
  };
  const out: Array<{ type: EventType; state: JobEventState }> = [];
  if (st.startTime || terminal) out.push({ type: 'job.running', state: base });
  if (terminal) {
    const succeeded = terminal.type === 'Complete';
    const finishedAt = iso(st.completionTime) ?? iso(terminal.lastTransitionTime);
    out.push({
      type: succeeded ? 'job.succeeded' : 'job.failed',
      state: {
        ...base,
        phase: succeeded ? 'Succeeded' : 'Failed',
        ...(terminal.reason ? { reason: terminal.reason } : {}),
        ...(terminal.message ? { message: terminal.message } : {}),
        ...(finishedAt ? { finishedAt } : {}),
      },
    });
  }
  return out;
}

const SELECTOR = `${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE}`;
/** Jobs remembered as noted on their operation; one seen again after it is forgotten is noted again (a no-op). */
const NOTED_CACHE = 10_000;

class WatchExpired extends Error {}

/**
 * Watches the cluster's managed Jobs (`app.kubernetes.io/managed-by=eks-jobs`) and publishes
 * their `job.*` events (docs/architecture.md §12). Exactly one worker per cluster watches at a
 * time: it holds a Redis lease, renewed every third of its length; when it dies another takes the
 * lease once it expires and resumes from the stored resourceVersion (the holder stores it only
 * after the events up to it are published), re-listing when the server says it is too old (410
 * Expired). Bookmarks keep the stored version fresh on quiet clusters.
 */
export function createJobWatch(options: JobWatchOptions): JobWatch {
  const { client, redis, keys, cluster, publisher, logger } = options;
  const leaseMs = options.leaseMs ?? 10_000;
  // The lease names its holder's host and pid, so whoever reads the key can tell which worker watches.
  const owner = `${hostname()}:${process.pid}:${randomUUID()}`;
  // One script moves both: with sharded keys they share the cluster queue's slot.
  const leaseKey = keys.watchLease(cluster);
  const rvKey = keys.watchVersion(cluster);
  const log = logger.child({ cluster, component: 'job-watch' });
  let closed = false;
  let holding = false;
  let current: AbortController | undefined;
  let wake: (() => void) | undefined;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(t);
        resolve();
      };
    });

  const hold = async () => (await HOLD.run(redis, [leaseKey], [owner, String(leaseMs)])) === 1;
  const saveRv = async (rv: string | undefined) => {
    if (rv && (await SAVE_RV.run(redis, [leaseKey, rvKey], [owner, rv])) !== 1) {
      throw new Error('lost the watch lease');
    }
  };

  // Jobs already noted on their operation by this process, oldest forgotten first.
  const noted = new Set<string>();
  async function noteMade(opId: string | undefined, uid: string | undefined): Promise<void> {
    if (!opId || !uid || !options.noteMade || noted.has(uid)) return;
    await options.noteMade(opId, uid);
    if (noted.size >= NOTED_CACHE) noted.delete(noted.values().next().value!);
    noted.add(uid);
  }

  async function publishJob(job: WatchedJob): Promise<void> {
    const opId = job.metadata?.labels?.[OPERATION_LABEL];
    await noteMade(opId, job.metadata?.uid);
    const transitions = jobTransitions(job);
    if (transitions.length === 0) return;
    const info = opId ? await options.operationInfo(opId) : undefined;
    // Once the operation has expired, the Job's own creation time stands for its submission.
    const submittedAt = info?.submittedAt ?? iso(job.metadata?.creationTimestamp);
    const labels = jobLabels(job);
    const images = jobImages(job);
    for (const { type, state } of transitions) {
      const event: EksJobsEvent = {
        id: eventId(type, state.uid),
        type,
        timestamp: new Date().toISOString(),
        data: {
          cluster,
          kind: 'Job',
          ...(job.metadata?.namespace ? { namespace: job.metadata.namespace } : {}),
          name: job.metadata?.name ?? '',
          principal: info?.principal ?? '',
          ...(opId ? { operationId: opId } : {}),
          ...(info?.batchId ? { batchId: info.batchId } : {}),
          ...(info?.requestId ? { requestId: info.requestId } : {}),
          job: state,
          ...(submittedAt ? { submittedAt } : {}),
          images,
          ...(labels ? { labels } : {}),
        },
      };
      await publisher.publish(event, info?.callback);
    }
  }

  async function relist(): Promise<string> {
    const list = await client.run(({ batch }) => batch.listJobForAllNamespaces({ labelSelector: SELECTOR }));
    for (const job of list.items) await publishJob(job as WatchedJob);
    const rv = list.metadata?.resourceVersion ?? '0';
    await saveRv(rv);
    log.info({ jobs: list.items.length, resourceVersion: rv }, 'listed managed Jobs');
    return rv;
  }

  async function watchOnce(rv: string, signal: AbortSignal): Promise<string> {
    const query = {
      watch: 'true',
      labelSelector: SELECTOR,
      resourceVersion: rv,
      allowWatchBookmarks: 'true',
      timeoutSeconds: '300',
    };
    const { status, body } = await client.stream('/apis/batch/v1/jobs', query, signal);
    if (status === 410) throw new WatchExpired();
    if (status !== 200) {
      for await (const _ of body);
      throw new Error(`the watch answered HTTP ${status}`);
    }
    let last = rv;
    for await (const e of watchEvents<{ type: string; object: WatchedJob & { code?: number } }>(body)) {
      if (e.type === 'ERROR') {
        if (e.object.code === 410) throw new WatchExpired();
        throw new Error(`the watch sent an error: ${JSON.stringify(e.object).slice(0, 200)}`);
      }
      if (e.type === 'ADDED' || e.type === 'MODIFIED' || e.type === 'DELETED') await publishJob(e.object);
      const next = e.object.metadata?.resourceVersion;
      if (next) {
        await saveRv(next);
        last = next;
      }
    }
    return last;
  }

  async function watchWhileHolding(signal: AbortSignal): Promise<void> {
    let rv = (await redis.get(rvKey)) ?? (await relist());
    while (!signal.aborted) {
      try {
        rv = await watchOnce(rv, signal);
      } catch (err) {
        if (!(err instanceof WatchExpired)) throw err;
        log.info({ resourceVersion: rv }, 'watch expired (410); listing again');
        rv = await relist();
      }
    }
  }

  const loop = (async () => {
    while (!closed) {
      let ok = false;
      try {
        ok = await hold();
      } catch (err) {
        log.warn({ err }, 'could not reach Redis for the watch lease');
      }
      if (!ok) {
        holding = false;
        await pause(Math.max(50, Math.floor(leaseMs / 3)));
        continue;
      }
      if (!holding) log.info('holding the Job watch lease');
      holding = true;
      const abort = new AbortController();
      current = abort;
      const renew = setInterval(
        () => {
          hold()
            .then((still) => {
              if (!still) {
                log.warn('lost the Job watch lease');
                abort.abort();
              }
            })
            .catch(() => abort.abort());
        },
        Math.max(50, Math.floor(leaseMs / 3)),
      );
      try {
        await watchWhileHolding(abort.signal);
      } catch (err) {
        if (!abort.signal.aborted && !closed) {
          log.warn({ err }, 'Job watch failed; starting again');
          await pause(1000);
        }
      } finally {
        clearInterval(renew);
        current = undefined;
      }
    }
  })();

  return {
    holding: () => holding && !closed,
    abandon() {
      closed = true;
      current?.abort();
      wake?.();
    },
    async close() {
      closed = true;
      current?.abort();
      wake?.();
      await loop;
      holding = false;
      await RELEASE.run(redis, [leaseKey], [owner]).catch(() => undefined);
    },
  };
}
