import { type Job, type JobsOptions, Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  type CommandEnvelope,
  type CommandName,
  type CommandTarget,
  commandCatalog,
  commandTarget,
  managementLabels,
  type ParsedCommand,
  parseCommand,
  withManagementLabels,
} from '../commands/index.js';
import type { Logger } from '../logger.js';
import { isRedisUnavailable, OperationsError } from './errors.js';
import { createClusterTagIndex, newOperationId } from './operation-id.js';
import {
  buildOperation,
  type Operation,
  type OperationResult,
  type OperationState,
  operationStateOf,
  STORED_ERROR_FIELD,
  type StoredError,
  storedErrorSchema,
} from './operation-record.js';
import { queueNameOf } from './queue-names.js';

/** Name of the custom BullMQ backoff type; the worker's `settings.backoffStrategy` serves it. */
export const BACKOFF_TYPE = 'eks-jobs';

/** Options of {@link createOperations}. */
export interface OperationsOptions {
  /**
   * The producer's Redis connection (`createRedis(url, 'producer')`): it must fail fast.
   * Not closed by {@link Operations.close}; the caller owns it.
   */
  redis: Redis;
  /** BullMQ key prefix (Config.queuePrefix), may carry a `{hash tag}`. */
  prefix: string;
  /** Names of the configured clusters; one queue `ops-{cluster}` each. */
  clusters: readonly string[];
  /** How long finished operations stay readable (Config.operationRetentionMs). */
  retentionMs: number;
  logger: Logger;
}

/** One command to enqueue. The payload is validated against the catalog. */
export interface EnqueueCommand {
  cluster: string;
  command: CommandName;
  payload: unknown;
}

/** Who asked, carried into every log line of every attempt. */
export interface EnqueueMeta {
  requestId: string;
  principal: string;
  /**
   * Id decided beforehand (see {@link newOperationId}), e.g. to label a manifest or for
   * Idempotency-Key. Enqueueing an id that already exists keeps the existing operation.
   * @defaultValue a new id
   */
  operationId?: string;
}

/** Meta of {@link Operations.enqueueBulk}. */
export interface EnqueueBulkMeta {
  requestId: string;
  principal: string;
  /** Set on every operation of the batch. @defaultValue a new `batch_…` id */
  batchId?: string;
  /** Ids decided beforehand, one per command in order. @defaultValue new ids */
  operationIds?: readonly string[];
}

/** Options of {@link Operations.list}. */
export interface ListOptions {
  /** Only this cluster. @defaultValue every configured cluster (or {@link ListOptions.clusters}) */
  cluster?: string;
  /** Only these clusters, in this order (e.g. those the caller may read). @defaultValue every configured cluster */
  clusters?: readonly string[];
  /** Only operations in this state. @defaultValue every state */
  state?: OperationState;
  /** Page size, 1–1000. */
  limit: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

/** A page of {@link Operations.list}. */
export interface OperationPage {
  items: Operation[];
  /** Present when there may be more. */
  nextCursor?: string;
}

/** The producer API: enqueue commands and read, re-drive or cancel operations. */
export interface Operations {
  /**
   * Validates `cmd` against the command catalog, adds the management labels to what it
   * creates, and enqueues it on the cluster's queue.
   * @throws OperationsError `ClusterNotFound`, `InvalidCommand` (details: zod issues) or `QueueUnavailable`.
   */
  enqueue(cmd: EnqueueCommand, meta: EnqueueMeta): Promise<Operation>;
  /**
   * Enqueues all of `cmds` or none of them (one BullMQ `addBulk`, a single MULTI). All
   * commands must target the same cluster. Every item is validated before anything is added.
   * @throws OperationsError `InvalidCommand` with `details: [{ index, message, issues }]` listing every bad item.
   */
  enqueueBulk(cmds: readonly EnqueueCommand[], meta: EnqueueBulkMeta): Promise<Operation[]>;
  /** The operation, or undefined when no such id exists (never enqueued, cancelled or expired). */
  get(id: string): Promise<Operation | undefined>;
  /**
   * Lists operations, newest first within each state, cluster by cluster (offset paging: an
   * operation changing state between pages may be skipped or seen twice).
   */
  list(options: ListOptions): Promise<OperationPage>;
  /**
   * Re-drives a failed operation with a full budget of attempts.
   * @throws OperationsError `OperationNotFound`, `OperationNotRetryable` (not failed).
   */
  retry(id: string): Promise<Operation>;
  /**
   * Cancels (removes) a queued operation.
   * @throws OperationsError `OperationNotFound`, `OperationRunning`, `OperationFinished`.
   */
  cancel(id: string): Promise<void>;
  /**
   * Resolves when the operation has succeeded or failed, or after `timeoutMs` with its state
   * at that time. Uses one shared QueueEvents per queue, not polling.
   * @throws OperationsError `OperationNotFound`.
   */
  waitForEnd(id: string, timeoutMs: number): Promise<Operation>;
  /** Commands of `cluster` not yet started: waiting + delayed (including retries). */
  depth(cluster: string): Promise<number>;
  /** Cluster the operation id belongs to, or undefined (no Redis access). */
  clusterOf(id: string): string | undefined;
  /** Closes queues and event listeners (not the Redis connection passed in). */
  close(): Promise<void>;
}

const QUEUED_TYPES = ['waiting', 'prioritized', 'delayed'] as const;
const TYPES_BY_STATE: Record<OperationState, readonly string[]> = {
  queued: QUEUED_TYPES,
  running: ['active'],
  succeeded: ['completed'],
  failed: ['failed'],
};
const ALL_TYPES = [...QUEUED_TYPES, 'active', 'completed', 'failed'] as const;

type OpJob = Job<CommandEnvelope, OperationResult, string>;

interface Cursor {
  c: number;
  t: number;
  o: number;
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(s: string | undefined): Cursor {
  if (!s) return { c: 0, t: 0, o: 0 };
  try {
    const v = JSON.parse(Buffer.from(s, 'base64url').toString()) as Cursor;
    if ([v.c, v.t, v.o].every((n) => Number.isInteger(n) && n >= 0)) return v;
  } catch {}
  throw new OperationsError(
    'InvalidCursor',
    'the cursor is not one this API handed out; start again without it',
  );
}

/** Adds the management labels to whatever the command creates. Pure. */
export function labelCreatedObjects(cmd: ParsedCommand, operationId: string): ParsedCommand {
  switch (cmd.command) {
    case 'job.create':
      return {
        ...cmd,
        payload: { ...cmd.payload, manifest: withManagementLabels(cmd.payload.manifest, operationId) },
      };
    case 'namespace.create':
      return {
        ...cmd,
        payload: { ...cmd.payload, labels: { ...cmd.payload.labels, ...managementLabels(operationId) } },
      };
    default:
      return cmd;
  }
}

/** A new batch id: `batch_` + the ULID part of an operation id. */
export function newBatchId(): string {
  return `batch_${newOperationId('batch').slice(3, 29)}`;
}

/**
 * Creates the producer API over one BullMQ queue per cluster. Every call fails fast with
 * `QueueUnavailable` when Redis is down: queues are built with `skipWaitingForReady` and
 * `skipVersionCheck` on the fail-fast producer connection, so nothing ever waits for a reconnect.
 */
export function createOperations(options: OperationsOptions): Operations {
  const { redis, prefix, retentionMs, logger } = options;
  const clusters = [...options.clusters];
  const clusterOf = createClusterTagIndex(clusters);
  const queues = new Map<string, Queue<CommandEnvelope, OperationResult, string>>();
  for (const cluster of clusters) {
    const queue = new Queue<CommandEnvelope, OperationResult, string>(queueNameOf(cluster), {
      connection: redis,
      prefix,
      skipWaitingForReady: true,
      skipVersionCheck: true,
    });
    queue.on('error', (err) => logger.warn({ err, cluster }, 'queue error'));
    queues.set(cluster, queue);
  }

  const events = new Map<string, Promise<QueueEvents>>();
  const eventConnections: Redis[] = [];
  const waiters = new Map<string, Set<() => void>>();
  let closed = false;

  const retentionSeconds = Math.max(1, Math.ceil(retentionMs / 1000));

  function queueOf(cluster: string) {
    const queue = queues.get(cluster);
    if (!queue) throw new OperationsError('ClusterNotFound', `unknown cluster ${JSON.stringify(cluster)}`);
    return queue;
  }

  async function guard<T>(what: string, fn: () => Promise<T>): Promise<T> {
    if (redis.status !== 'ready') {
      throw new OperationsError('QueueUnavailable', `queue unavailable (redis ${redis.status})`);
    }
    try {
      return await fn();
    } catch (err) {
      if (err instanceof OperationsError) throw err;
      if (isRedisUnavailable(err)) {
        logger.warn({ err, what }, 'redis unavailable');
        throw new OperationsError('QueueUnavailable', 'queue unavailable', undefined, { cause: err });
      }
      throw err;
    }
  }

  function prepare(cmd: EnqueueCommand, id: string, requestId: string, principal: string, batchId?: string) {
    queueOf(cmd.cluster);
    const parsed = parseCommand(cmd.command, cmd.payload);
    if (!parsed.ok) {
      throw new OperationsError('InvalidCommand', parsed.message, parsed.issues ?? []);
    }
    if (clusterOf(id) !== cmd.cluster) {
      throw new OperationsError(
        'InvalidCommand',
        `operation id ${id} was not made for cluster ${cmd.cluster}`,
      );
    }
    const labelled = labelCreatedObjects(parsed.value, id);
    const target = commandTarget(labelled);
    const envelope: CommandEnvelope & { target: CommandTarget } = {
      v: 1,
      command: labelled.command,
      cluster: cmd.cluster,
      payload: labelled.payload,
      requestId,
      principal,
      target,
      ...(batchId ? { batchId } : {}),
    };
    const opts: JobsOptions = {
      jobId: id,
      attempts: commandCatalog[labelled.command].retry.attempts,
      backoff: { type: BACKOFF_TYPE },
      removeOnComplete: { age: retentionSeconds },
      removeOnFail: { age: retentionSeconds },
    };
    return { name: labelled.command, data: envelope, opts, target };
  }

  function freshOperation(p: ReturnType<typeof prepare>, now: number): Operation {
    return buildOperation(
      {
        id: p.opts.jobId!,
        name: p.name,
        data: p.data,
        target: p.target,
        attemptsMade: 0,
        maxAttempts: p.opts.attempts ?? 1,
        timestamp: now,
      },
      'queued',
      undefined,
      now,
    );
  }

  function targetOf(job: OpJob): CommandTarget {
    const stored = (job.data as { target?: CommandTarget }).target;
    if (stored && typeof stored.name === 'string') return stored;
    const parsed = parseCommand(job.name, job.data?.payload);
    return parsed.ok ? commandTarget(parsed.value) : { name: '' };
  }

  async function storedErrors(queue: Queue, ids: string[]): Promise<(StoredError | undefined)[]> {
    if (ids.length === 0) return [];
    const pipeline = redis.pipeline();
    for (const id of ids) pipeline.hget(queue.toKey(id), STORED_ERROR_FIELD);
    const results = (await pipeline.exec()) ?? [];
    return results.map(([err, raw]) => {
      if (err || typeof raw !== 'string') return undefined;
      try {
        const parsed = storedErrorSchema.safeParse(JSON.parse(raw));
        return parsed.success ? parsed.data : undefined;
      } catch {
        return undefined;
      }
    });
  }

  function toOperation(job: OpJob, state: OperationState, stored: StoredError | undefined): Operation {
    return buildOperation(
      {
        id: job.id!,
        name: job.name,
        data: job.data ?? {},
        target: targetOf(job),
        attemptsMade: job.attemptsMade,
        maxAttempts: job.opts.attempts ?? 1,
        timestamp: job.timestamp,
        processedOn: job.processedOn,
        finishedOn: job.finishedOn,
        returnvalue: job.returnvalue,
        failedReason: job.failedReason,
      },
      state,
      stored,
    );
  }

  async function load(id: string): Promise<{ queue: Queue; job: OpJob; bullState: string } | undefined> {
    const cluster = clusterOf(id);
    if (!cluster) return undefined;
    const queue = queueOf(cluster);
    const [job, bullState] = await Promise.all([queue.getJob(id), queue.getJobState(id)]);
    if (!job || bullState === 'unknown') return undefined;
    return { queue, job, bullState };
  }

  async function get(id: string): Promise<Operation | undefined> {
    return guard('get', async () => {
      const cluster = clusterOf(id);
      if (!cluster) return undefined;
      const queue = queueOf(cluster);
      const [job, bullState, [stored]] = await Promise.all([
        queue.getJob(id),
        queue.getJobState(id),
        storedErrors(queue, [id]),
      ]);
      const state = operationStateOf(bullState);
      if (!job || !state) return undefined;
      return toOperation(job, state, stored);
    });
  }

  async function eventsOf(cluster: string): Promise<QueueEvents> {
    let pending = events.get(cluster);
    if (!pending) {
      pending = (async () => {
        const queue = queueOf(cluster);
        // Start reading right after the newest event now in the stream, so nothing that
        // happens between this point and the first blocking read is missed.
        const last = await redis.xrevrange(queue.keys.events!, '+', '-', 'COUNT', 1);
        const connection = redis.duplicate({
          enableOfflineQueue: true,
          maxRetriesPerRequest: null,
          commandTimeout: undefined,
        });
        connection.on('error', () => {});
        eventConnections.push(connection);
        const qe = new QueueEvents(queueNameOf(cluster), {
          connection,
          prefix,
          lastEventId: last[0]?.[0] ?? '0-0',
        });
        qe.on('error', (err) => logger.warn({ err, cluster }, 'queue events error'));
        const wake = ({ jobId }: { jobId: string }) => {
          const set = waiters.get(jobId);
          if (set) for (const fn of set) fn();
        };
        qe.on('completed', wake);
        qe.on('failed', wake);
        qe.on('removed', wake);
        return qe;
      })();
      events.set(cluster, pending);
      pending.catch(() => events.delete(cluster));
    }
    return pending;
  }

  return {
    clusterOf,

    async enqueue(cmd, meta) {
      const id = meta.operationId ?? newOperationId(cmd.cluster);
      const p = prepare(cmd, id, meta.requestId, meta.principal);
      const now = Date.now();
      await guard('enqueue', () => queueOf(cmd.cluster).add(p.name, p.data, { ...p.opts, timestamp: now }));
      logger.debug({ operationId: id, requestId: meta.requestId, command: p.name }, 'enqueued');
      return freshOperation(p, now);
    },

    async enqueueBulk(cmds, meta) {
      if (cmds.length === 0) return [];
      const cluster = cmds[0]!.cluster;
      const batchId = meta.batchId ?? newBatchId();
      const problems: { index: number; message: string; issues?: unknown }[] = [];
      const prepared: ReturnType<typeof prepare>[] = [];
      cmds.forEach((cmd, index) => {
        try {
          if (cmd.cluster !== cluster) {
            throw new OperationsError(
              'InvalidCommand',
              `all commands of a batch must target cluster ${cluster}`,
            );
          }
          const id = meta.operationIds?.[index] ?? newOperationId(cmd.cluster);
          prepared.push(prepare(cmd, id, meta.requestId, meta.principal, batchId));
        } catch (err) {
          if (!(err instanceof OperationsError) || err.code === 'QueueUnavailable') throw err;
          problems.push({ index, message: err.message, ...(err.details ? { issues: err.details } : {}) });
        }
      });
      if (problems.length) {
        throw new OperationsError(
          'InvalidCommand',
          `${problems.length} of ${cmds.length} commands are invalid`,
          problems,
        );
      }
      const now = Date.now();
      await guard('enqueueBulk', () =>
        queueOf(cluster).addBulk(
          prepared.map((p) => ({ name: p.name, data: p.data, opts: { ...p.opts, timestamp: now } })),
        ),
      );
      logger.debug({ batchId, requestId: meta.requestId, count: prepared.length }, 'enqueued batch');
      return prepared.map((p) => freshOperation(p, now));
    },

    get,

    async list({ cluster, clusters: only, state, limit, cursor }) {
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
        throw new OperationsError('InvalidCommand', 'limit must be an integer from 1 to 1000');
      }
      const names = (cluster ? [cluster] : (only ?? clusters)).filter((name) => queueOf(name));
      const types = state ? TYPES_BY_STATE[state] : ALL_TYPES;
      let { c, t, o } = decodeCursor(cursor);
      const items: Operation[] = [];
      return guard('list', async () => {
        while (c < names.length && items.length < limit) {
          const queue = queueOf(names[c]!);
          const type = types[t];
          if (type === undefined) {
            c++;
            t = 0;
            o = 0;
            continue;
          }
          const want = limit - items.length;
          const jobs = (await queue.getJobs([type as 'waiting'], o, o + want - 1, false)).filter(
            (j): j is OpJob => Boolean(j?.id),
          );
          const errors = await storedErrors(
            queue,
            jobs.map((j) => j.id!),
          );
          const opState = operationStateOf(type)!;
          jobs.forEach((job, i) => {
            items.push(toOperation(job, opState, errors[i]));
          });
          if (jobs.length < want) {
            t++;
            o = 0;
          } else {
            o += jobs.length;
          }
        }
        const more = c < names.length;
        return more ? { items, nextCursor: encodeCursor({ c, t, o }) } : { items };
      });
    },

    async retry(id) {
      return guard('retry', async () => {
        const found = await load(id);
        if (!found) throw new OperationsError('OperationNotFound', `operation ${id} not found`);
        if (found.bullState !== 'failed') {
          throw new OperationsError(
            'OperationNotRetryable',
            `operation ${id} is ${operationStateOf(found.bullState)}, not failed`,
          );
        }
        try {
          await found.job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
        } catch (err) {
          if (isRedisUnavailable(err)) throw err;
          // Lost a race: someone else re-drove or removed it first.
          throw new OperationsError(
            'OperationNotRetryable',
            `operation ${id} is no longer failed`,
            undefined,
            { cause: err },
          );
        }
        const op = await get(id);
        if (!op) throw new OperationsError('OperationNotFound', `operation ${id} not found`);
        return op;
      });
    },

    async cancel(id) {
      return guard('cancel', async () => {
        const found = await load(id);
        if (!found) throw new OperationsError('OperationNotFound', `operation ${id} not found`);
        const state = operationStateOf(found.bullState);
        if (state === 'running') throw new OperationsError('OperationRunning', `operation ${id} is running`);
        if (state !== 'queued')
          throw new OperationsError('OperationFinished', `operation ${id} already ${state}`);
        try {
          await found.job.remove();
        } catch (err) {
          if (isRedisUnavailable(err)) throw err;
          // BullMQ refuses to remove a job whose lock a worker holds: it started meanwhile.
          throw new OperationsError('OperationRunning', `operation ${id} is running`, undefined, {
            cause: err,
          });
        }
      });
    },

    async waitForEnd(id, timeoutMs) {
      const cluster = clusterOf(id);
      if (!cluster) throw new OperationsError('OperationNotFound', `operation ${id} not found`);
      const qe = await guard('waitForEnd', () => eventsOf(cluster));
      await guard('waitForEnd', () => qe.waitUntilReady());
      let wake!: () => void;
      const ended = new Promise<void>((resolve) => {
        wake = resolve;
      });
      const set = waiters.get(id) ?? new Set<() => void>();
      waiters.set(id, set);
      set.add(wake);
      let timer: NodeJS.Timeout | undefined;
      try {
        const first = await get(id);
        if (!first) throw new OperationsError('OperationNotFound', `operation ${id} not found`);
        if (first.state === 'succeeded' || first.state === 'failed') return first;
        await Promise.race([ended, new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
        const op = await get(id);
        if (!op) throw new OperationsError('OperationNotFound', `operation ${id} not found`);
        return op;
      } finally {
        clearTimeout(timer);
        set.delete(wake);
        if (set.size === 0) waiters.delete(id);
      }
    },

    async depth(cluster) {
      const queue = queueOf(cluster);
      return guard('depth', async () => {
        const counts = await queue.getJobCounts('waiting', 'prioritized', 'delayed');
        return Object.values(counts).reduce((a, b) => a + b, 0);
      });
    },

    async close() {
      if (closed) return;
      closed = true;
      for (const set of waiters.values()) for (const fn of set) fn();
      const qes = await Promise.allSettled(events.values());
      await Promise.allSettled(qes.map((r) => (r.status === 'fulfilled' ? r.value.close() : undefined)));
      await Promise.allSettled([...queues.values()].map((q) => q.close()));
      for (const c of eventConnections) c.disconnect();
    },
  };
}
