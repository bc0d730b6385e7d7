import { type Job, Queue, Worker } from 'bullmq';
import type { ClusterRegistry } from '../shared/cluster/index.js';
import {
  backoffDelayMs,
  type CommandEnvelope,
  commandCatalog,
  isCommandName,
  type RetryPolicy,
} from '../shared/commands/index.js';
import type { EventPublisher } from '../shared/events/event-log.js';
import { DEFAULT_NAME_SUFFIX, type NameSuffix } from '../shared/kube/names.js';
import type { Logger } from '../shared/logger.js';
import { SET_STATE, WORKER_MARK, workerMarkScript } from '../shared/operations/batch-progress.js';
import {
  MADE_UID_FIELD,
  type OperationError,
  type OperationResult,
  STORED_ERROR_FIELD,
  type StoredError,
} from '../shared/operations/index.js';
import { parseStoredError } from '../shared/operations/operation-state.js';
import { closeRedis, type RedisClient, type RedisConnector } from '../shared/redis.js';
import { type KeyLayout, redisKeys } from '../shared/redis-keys.js';
import { defineScript } from '../shared/redis-script.js';
import { type CircuitBreakerOptions, createCircuitBreaker } from './circuit-breaker.js';
import { createEarlierJob } from './earlier-job.js';
import { createFinishedJobs } from './finished-jobs.js';
import { createJobWatch, type JobWatch, type OperationInfo } from './job-watch.js';
import { operationEvent, operationInfoOf } from './operation-events.js';
import { type AttemptEvent, createProcessor, RetryLater } from './process-command.js';

export type { AttemptEvent } from './process-command.js';

/** Options of {@link createCommandWorkers}. */
export interface CommandWorkersOptions {
  /** Makes each cluster's Redis connection (Config.redis.connection). */
  connector: RedisConnector;
  /** BullMQ key prefix (Config.queuePrefix). */
  prefix: string;
  /** How keys are named (Config.redis.keyLayout). @defaultValue 'plain' */
  layout?: KeyLayout;
  clusters: ClusterRegistry;
  logger: Logger;
  /** Commands run at once per cluster, unless the cluster spec says otherwise. @defaultValue 32 */
  concurrency?: number;
  /** Finished operations are kept this long (also set per job by the producer). @defaultValue 7 days */
  retentionMs?: number;
  /**
   * How long a worker's hold on a job lasts without renewal. A worker killed with SIGKILL
   * loses its jobs to another worker after about half to all of this plus {@link stalledIntervalMs}.
   * @defaultValue 6000
   */
  lockDurationMs?: number;
  /** How often workers look for jobs whose lock expired. @defaultValue 2000 */
  stalledIntervalMs?: number;
  /** Times a job may be recovered from a dead worker before it fails. @defaultValue 10 */
  maxStalledCount?: number;
  /** Overrides of every command's retry policy (Config.retryDeadlineMs; tests use short backoffs). */
  retry?: Partial<Pick<RetryPolicy, 'initialDelayMs' | 'maxDelayMs' | 'attemptTimeoutMs' | 'deadlineMs'>>;
  /** The per-cluster circuit breaker. @defaultValue 5 failures in a row, pauses 1 s doubling to 30 s */
  breaker?: CircuitBreakerOptions;
  /** How generated names end (Config.nameSuffix), for names drawn again at the worker. */
  nameSuffix?: NameSuffix;
  /** Called after every attempt, e.g. for metrics. */
  onAttempt?: (event: AttemptEvent) => void;
  /**
   * Where operation events go (`operation.succeeded|failed|retrying`, docs/architecture.md §12),
   * published before BullMQ records the outcome: a crash in between publishes them again.
   */
  events?: EventPublisher;
  /** With `events`: the lease of each cluster's Job watch (JOB_WATCH_LEASE); no watch without it. */
  jobWatchLeaseMs?: number;
}

/** The running workers, one per configured cluster. */
export interface CommandWorkers {
  /** Resolves once every worker is connected and fetching. */
  ready(): Promise<void>;
  /** True while every worker is running. */
  isRunning(): boolean;
  /** Number of operations executing right now. */
  active(): number;
  /** Stops fetching, waits for active operations to finish, closes connections. */
  close(): Promise<void>;
}

// Writes the error record only while the job exists: a job removed meanwhile must not reappear as
// a stub hash. A batch item's transition (failed, or queued again) goes in the same call.
const RECORD_ERROR = defineScript(`${SET_STATE}${WORKER_MARK}
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end
if #KEYS == 3 then return workerMark(KEYS[2], KEYS[3], ARGV[3], ARGV[4], ARGV[5], ARGV[6]) end
return 0`);

// KEYS: the operation's job hash. ARGV: field, uid. Only while the operation is kept (never makes a hash).
const NOTE_MADE = defineScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
return redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2])`);

const callbackOf = (job: Job) => operationInfoOf(job.data)?.callback;

/** Operations the Job watch remembers per cluster: a re-list asks for each managed Job's. */
const OPERATION_INFO_CACHE = 10_000;

const batchOf = (job: Job): string | undefined => {
  const id = (job.data as { batchId?: unknown } | undefined)?.batchId;
  return typeof id === 'string' ? id : undefined;
};

// Needed for manual rate limiting: BullMQ only honours queue.rateLimit() when a limiter max is
// set, so clusters without their own limiter get one that never binds by itself.
const UNBOUNDED_LIMITER = { max: 1_000_000, duration: 1000 };

/**
 * Starts one BullMQ worker per configured cluster on queue `ops-{cluster}`. Each executes
 * commands with the cluster's client (see process-command.ts for what an attempt does).
 */
export function createCommandWorkers(options: CommandWorkersOptions): CommandWorkers {
  const { clusters, logger, prefix } = options;
  const keys = redisKeys(prefix, options.layout);
  const retentionSeconds = Math.ceil((options.retentionMs ?? 7 * 86_400_000) / 1000);
  const ttlMs = retentionSeconds * 1000;
  const connections: RedisClient[] = [];
  const workers: Worker<CommandEnvelope, OperationResult, string>[] = [];
  const queues: Queue[] = [];
  const finishers: ReturnType<typeof createFinishedJobs>[] = [];
  const watches: JobWatch[] = [];
  let active = 0;

  const policyOf = (command: string): RetryPolicy => {
    const base = isCommandName(command) ? commandCatalog[command].retry : commandCatalog['job.create'].retry;
    return { ...base, ...options.retry };
  };

  for (const name of clusters.names()) {
    const client = clusters.get(name)!;
    const connection = options.connector.connect('worker');
    connections.push(connection);
    const queue = new Queue(keys.queueName(name), { connection, prefix });
    queue.on('error', (err) => logger.warn({ err, cluster: name }, 'queue error'));
    queues.push(queue);
    const clusterLogger = logger.child({ cluster: name });
    const jobKey = (id: string) => queue.toKey(id);
    /** KEYS and ARGV of a batch item's transition, reported under the job's lock. */
    const markOf = (job: Job, state: string) => {
      const batchId = batchOf(job);
      if (!batchId || !job.token) return undefined;
      return {
        keys: [keys.batchProgress(name, batchId), `${jobKey(job.id!)}:lock`],
        args: [job.id!, state, job.token, ttlMs],
      };
    };
    if (options.events && options.jobWatchLeaseMs) {
      // What an operation says about its Job never changes: read each once (a Job that runs and
      // ends, or a re-list after an expired watch, would read it again), oldest forgotten first.
      const infos = new Map<string, OperationInfo>();
      watches.push(
        createJobWatch({
          cluster: name,
          client,
          redis: connection,
          keys,
          leaseMs: options.jobWatchLeaseMs,
          publisher: options.events,
          logger: clusterLogger,
          async noteMade(id, uid) {
            await NOTE_MADE.run(connection, [jobKey(id)], [MADE_UID_FIELD, uid]);
          },
          async operationInfo(id) {
            const known = infos.get(id);
            if (known) return known;
            const [raw, timestamp] = await connection.hmget(jobKey(id), 'data', 'timestamp');
            const found = raw ? operationInfoOf(JSON.parse(raw)) : undefined;
            const at = Number(timestamp);
            const info =
              found && timestamp && Number.isFinite(at)
                ? { ...found, submittedAt: new Date(at).toISOString() }
                : found;
            if (info) {
              if (infos.size >= OPERATION_INFO_CACHE) infos.delete(infos.keys().next().value!);
              infos.set(id, info);
            }
            return info;
          },
        }),
      );
    }
    const finished = createFinishedJobs({
      connection,
      jobKey,
      progressKey: (batchId) => keys.batchProgress(name, batchId),
      ttlMs,
      logger: clusterLogger,
    });
    finishers.push(finished);

    /** `spent`: whether the attempt counts (a rate-limited one does not). */
    const recordError = async (
      job: Job,
      error: OperationError,
      nextRetryAt: number | undefined,
      spent: boolean,
    ) => {
      const stored: StoredError = {
        ...error,
        attempt: job.attemptsStarted,
        // BullMQ counts the attempt only after this write; readers see the count it will have.
        made: job.attemptsMade + (spent ? 1 : 0),
        ...(nextRetryAt ? { nextRetryAt } : {}),
      };
      const mark = markOf(job, nextRetryAt === undefined ? 'failed' : 'queued');
      // The failure or retry is published before it is recorded: a crash in between repeats both.
      const callback = callbackOf(job);
      if (nextRetryAt === undefined) {
        await options.events?.publish(operationEvent(job, { type: 'operation.failed', error }), callback);
      } else if (spent) {
        const retrying = {
          type: 'operation.retrying' as const,
          error,
          attempt: job.attemptsMade + 1,
          nextRetryAt,
        };
        await options.events?.publish(operationEvent(job, retrying), callback);
      }
      await RECORD_ERROR.run(
        connection,
        mark ? [jobKey(job.id!), ...mark.keys] : [jobKey(job.id!)],
        mark
          ? [STORED_ERROR_FIELD, JSON.stringify(stored), ...mark.args]
          : [STORED_ERROR_FIELD, JSON.stringify(stored)],
      );
    };
    // The socket writes of one turn of the event loop (BullMQ's moves of the jobs that start or
    // end in it, our marks) go out as one: on a busy worker a write per command cost more CPU in
    // system calls than the commands themselves, in this process and in Redis.
    let corked = false;
    const coalesce = () => {
      const stream = (connection as unknown as { stream?: { cork(): void; uncork(): void } }).stream;
      if (corked || !stream || connection.status !== 'ready') return;
      corked = true;
      stream.cork();
      setImmediate(() => {
        corked = false;
        stream.uncork();
      });
    };
    // Sent at once (not awaited), so it reaches Redis ahead of BullMQ's own move of the job.
    const mark = (job: Job, state: 'running' | 'succeeded') => {
      coalesce();
      const m = markOf(job, state);
      if (!m) return;
      workerMarkScript
        .run(connection, m.keys, m.args)
        .catch((err) =>
          clusterLogger.warn({ err, operationId: job.id, state }, 'batch progress not recorded'),
        );
    };

    const process = createProcessor({
      cluster: name,
      client,
      queue,
      logger: clusterLogger,
      breaker: createCircuitBreaker(options.breaker),
      nameSuffix: options.nameSuffix ?? DEFAULT_NAME_SUFFIX,
      policyOf,
      recordError,
      mark,
      // Only where a Job watch notes the Jobs operations make.
      ...(options.events && options.jobWatchLeaseMs
        ? {
            earlierJob: createEarlierJob({
              client,
              noted: async (id) => {
                const [uid, stored] = await connection.hmget(jobKey(id), MADE_UID_FIELD, STORED_ERROR_FIELD);
                const last = parseStoredError(stored);
                return {
                  ...(uid ? { uid } : {}),
                  ...(last?.attempt !== undefined
                    ? { lastError: { code: last.code, attempt: last.attempt } }
                    : {}),
                };
              },
              watchedUpTo: async () => (await connection.get(keys.watchVersion(name))) ?? undefined,
              logger: clusterLogger,
            }),
          }
        : {}),
      ...(options.onAttempt ? { onAttempt: options.onAttempt } : {}),
    });
    const processor = async (job: Job<CommandEnvelope, OperationResult, string>) => {
      active++;
      try {
        const result = await process(job);
        // Before BullMQ completes the job; if this throws, the attempt is retried and replays.
        await options.events?.publish(
          operationEvent(job, { type: 'operation.succeeded', result }),
          callbackOf(job),
        );
        return result;
      } finally {
        active--;
      }
    };

    const worker = new Worker<CommandEnvelope, OperationResult, string>(keys.queueName(name), processor, {
      connection,
      prefix,
      concurrency: client.spec.concurrency ?? options.concurrency ?? 32,
      limiter: client.spec.limiter
        ? { max: client.spec.limiter.max, duration: client.spec.limiter.durationMs }
        : UNBOUNDED_LIMITER,
      lockDuration: options.lockDurationMs ?? 6000,
      stalledInterval: options.stalledIntervalMs ?? 2000,
      maxStalledCount: options.maxStalledCount ?? 10,
      removeOnComplete: { age: retentionSeconds },
      removeOnFail: { age: retentionSeconds },
      // Rate limits come from the cluster's Retry-After; do not cap them at BullMQ's 30 s default.
      maximumRateLimitDelay: 60_000,
      settings: {
        backoffStrategy: (attemptsMade, _type, err) =>
          err instanceof RetryLater ? err.delayMs : backoffDelayMs(policyOf('job.create'), attemptsMade),
      },
    });
    worker.on('error', (err) => clusterLogger.error({ err }, 'worker error'));
    worker.on('completed', (job) => finished.completed(job));
    worker.on('failed', (job) => {
      if (job) finished.failed(job);
    });
    worker.on('stalled', (jobId) =>
      clusterLogger.warn({ operationId: jobId }, 'operation stalled; re-queued'),
    );
    workers.push(worker);
  }

  let closing: Promise<void> | undefined;
  return {
    async ready() {
      await Promise.all(workers.map((w) => w.waitUntilReady()));
    },
    isRunning: () => workers.every((w) => w.isRunning()),
    active: () => active,
    close() {
      closing ??= (async () => {
        await Promise.all(watches.map((w) => w.close()));
        await Promise.all(workers.map((w) => w.close()));
        await Promise.all(finishers.map((f) => f.close()));
        await Promise.all(queues.map((q) => q.close()));
        await Promise.all(connections.map((c) => closeRedis(c)));
      })();
      return closing;
    },
  };
}
