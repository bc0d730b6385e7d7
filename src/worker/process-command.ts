import { type Job, type Queue, UnrecoverableError, Worker } from 'bullmq';
import type { ClusterClient } from '../shared/cluster/index.js';
import {
  backoffDelayMs,
  type CommandEnvelope,
  commandTarget,
  moduleOf,
  type ParsedCommand,
  parseEnvelope,
  type RetryPolicy,
} from '../shared/commands/index.js';
import type { NameSuffix } from '../shared/kube/names.js';
import type { Logger } from '../shared/logger.js';
import type { OperationError, OperationResult } from '../shared/operations/index.js';
import { type CircuitBreaker, CLUSTER_SIDE_CODES } from './circuit-breaker.js';
import { classifyError } from './classify-error.js';
import type { EarlierJob } from './earlier-job.js';
import { CommandFailure, madeEarlier, NameTaken, ownObject, runCommand } from './run-command.js';

/** What one attempt did. */
export interface AttemptEvent {
  cluster: string;
  command: string;
  outcome: 'succeeded' | 'retry' | 'rate-limited' | 'failed';
  code?: string;
  /** 1 for the first attempt; a rate-limited attempt does not use one up. */
  attempt: number;
  durationMs: number;
}

/** Thrown for a retryable failure; carries the delay our backoff strategy hands back to BullMQ. */
export class RetryLater extends Error {
  override name = 'RetryLater';
  constructor(
    message: string,
    readonly delayMs: number,
  ) {
    super(message);
  }
}

class AttemptTimeout extends Error {
  override name = 'AttemptTimeout';
  readonly code = 'ETIMEDOUT';
}

async function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new AttemptTimeout(`attempt timed out after ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** What the processor of one cluster's queue works with. */
export interface ProcessorDeps {
  cluster: string;
  client: ClusterClient;
  queue: Queue;
  logger: Logger;
  breaker: CircuitBreaker;
  nameSuffix: Readonly<NameSuffix>;
  policyOf(command: string): RetryPolicy;
  /**
   * Reports that the job was taken or succeeded (its batch item's progress; the worker's other
   * transitions are reported with {@link ProcessorDeps.recordError}). Sent, not awaited.
   */
  mark?(job: Job, state: 'running' | 'succeeded'): void;
  /**
   * Stores the error of the attempt (`spent`: whether it counts as an attempt); without a
   * `nextRetryAt` the operation is failed, else queued again.
   */
  recordError(
    job: Job,
    error: OperationError,
    nextRetryAt: number | undefined,
    spent: boolean,
  ): Promise<void>;
  onAttempt?: (event: AttemptEvent) => void;
  /** Finds the Job an earlier run of a create made unheard of, deleted or not (earlier-job.ts). */
  earlierJob?: EarlierJob;
}

type OpJob = Job<CommandEnvelope, OperationResult, string>;

/**
 * One attempt with the names it may draw: when a create meets someone else's object under a
 * drawn name, the next name is stored with the job first (so a replay after a crash uses it),
 * then created.
 */
async function attemptWithNames(deps: ProcessorDeps, job: OpJob, first: ParsedCommand, timeoutMs: number) {
  let cmd = first;
  // Run again: an earlier run may have made the Job, unheard of, and it may be deleted already.
  if (job.attemptsStarted > 1 && deps.earlierJob && moduleOf(cmd).creates && moduleOf(cmd).readBack) {
    const uid = await withTimeout(deps.earlierJob(cmd, job.id!, job.attemptsStarted), timeoutMs);
    if (uid) return withTimeout(madeEarlier(deps.client, cmd, job.id!, uid), timeoutMs);
  }
  for (;;) {
    try {
      return await withTimeout(runCommand(deps.client, cmd, job.id!), timeoutMs);
    } catch (err) {
      const next =
        err instanceof NameTaken ? moduleOf(cmd).rename?.(cmd.payload, job.id!, deps.nameSuffix) : undefined;
      if (!next) throw err;
      const renamed = { command: cmd.command, payload: next } as ParsedCommand;
      await job.updateData({ ...job.data, payload: next, target: commandTarget(renamed) } as CommandEnvelope);
      deps.logger.info(
        { operationId: job.id, name: commandTarget(renamed).name },
        'drawn name was taken; drew another',
      );
      cmd = renamed;
    }
  }
}

/**
 * The BullMQ processor of one cluster's queue: re-validates the envelope, runs the command,
 * and turns a failure into what the retry table says (docs/architecture.md §5) — retry with
 * backoff until the operation's deadline, pause the queue on a 429 or while the circuit breaker
 * is open (no attempt spent), or fail; a create is never failed while its own object exists.
 */
export function createProcessor(deps: ProcessorDeps) {
  return async (job: OpJob): Promise<OperationResult> => {
    const started = Date.now();
    const attempt = job.attemptsMade + 1;
    const data = job.data as Partial<CommandEnvelope> | undefined;
    const log = deps.logger.child({
      operationId: job.id,
      requestId: data?.requestId,
      command: job.name,
      attempt,
    });
    const report = (outcome: AttemptEvent['outcome'], code?: string) =>
      deps.onAttempt?.({
        cluster: deps.cluster,
        command: job.name,
        outcome,
        ...(code ? { code } : {}),
        attempt,
        durationMs: Date.now() - started,
      });
    const fail = async (error: OperationError) => {
      await deps.recordError(job, error, undefined, true);
      log.warn({ error, attempts: attempt }, 'operation failed');
      report('failed', error.code);
      return new UnrecoverableError(`${error.code}: ${error.message}`);
    };

    deps.mark?.(job, 'running');
    const parsed = parseEnvelope(job.name, job.data);
    if (!parsed.ok) {
      const code = parsed.reason === 'UnknownCommand' ? 'UnknownCommand' : 'InvalidCommand';
      log.error({ reason: parsed.message }, 'refusing command');
      throw await fail({ code, message: parsed.message, retryable: false });
    }
    const policy = deps.policyOf(job.name);
    try {
      log.debug('attempt started');
      const result = await attemptWithNames(deps, job, parsed.command, policy.attemptTimeoutMs);
      deps.breaker.success();
      // Before BullMQ completes it: a crash in between re-runs the job, which ends as it ends.
      deps.mark?.(job, 'succeeded');
      log.info({ result, durationMs: Date.now() - started }, 'operation succeeded');
      report('succeeded');
      return result;
    } catch (err) {
      const c =
        err instanceof CommandFailure ? err.classification : classifyError(parsed.command.command, err);
      if (c.kind === 'succeeded' || c.kind === 'check-ownership') throw err; // runCommand resolves these itself
      const { error } = c;
      const pauseMs =
        c.kind === 'rate-limited'
          ? Math.max(1, c.retryAfterMs)
          : c.kind === 'retry' && CLUSTER_SIDE_CODES.has(error.code)
            ? deps.breaker.failure()
            : 0;
      if (pauseMs > 0) {
        // Pauses this cluster's queue only (every worker of it, in every process); other clusters' queues run on.
        await deps.queue.rateLimit(pauseMs);
        await deps.recordError(job, error, Date.now() + pauseMs, false);
        const why = c.kind === 'rate-limited' ? 'cluster rate-limited us' : 'cluster failing; circuit open';
        log.warn({ error, pauseMs }, `${why}; pausing its queue`);
        report('rate-limited', error.code);
        throw Worker.RateLimitError();
      }
      const since = typeof data?.since === 'number' ? data.since : job.timestamp;
      const overdue = Date.now() - since >= policy.deadlineMs || attempt >= (job.opts.attempts ?? 1);
      if (c.kind === 'fail' || overdue) {
        // The answers of every attempt may have been lost while the object was made.
        const mine = c.kind === 'retry' ? await ownObject(deps.client, parsed.command, job.id!) : undefined;
        if (mine) {
          deps.mark?.(job, 'succeeded');
          log.info({ result: mine }, 'operation succeeded (its object exists)');
          report('succeeded');
          return mine;
        }
        throw await fail(error);
      }
      const delayMs = backoffDelayMs(policy, attempt);
      await deps.recordError(job, error, Date.now() + delayMs, true);
      log.warn({ error, delayMs }, 'attempt failed; will retry');
      report('retry', error.code);
      throw new RetryLater(`${error.code}: ${error.message}`, delayMs);
    }
  };
}
