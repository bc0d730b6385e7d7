import type { JobsOptions } from 'bullmq';
import {
  buildCommand,
  type CommandEnvelope,
  type CommandTarget,
  commandCatalog,
  commandTarget,
} from '../commands/index.js';
import type { Callback } from '../events/event.js';
import { OperationsError } from './errors.js';
import { newOperationId } from './operation-id.js';
import { buildOperation, type Operation } from './operation-record.js';
import type { ProducerContext } from './producer-context.js';
import type { EnqueueBulkMeta, EnqueueCommand, EnqueueMeta } from './types.js';

/** Name of the custom BullMQ backoff type; the worker's `settings.backoffStrategy` serves it. */
export const BACKOFF_TYPE = 'eks-jobs';

/** A new batch id: `batch_` + the ULID part of an operation id. */
export function newBatchId(): string {
  return `batch_${newOperationId('batch').slice(3, 29)}`;
}

interface Prepared {
  name: string;
  data: CommandEnvelope & { target: CommandTarget };
  opts: JobsOptions & { jobId: string };
}

/** Validates and builds one command into the BullMQ job that carries it. */
function prepare(
  ctx: ProducerContext,
  cmd: EnqueueCommand,
  id: string,
  meta: { requestId: string; principal: string; batchId?: string; callback?: Callback },
): Prepared {
  ctx.queueOf(cmd.cluster);
  if (ctx.clusterOf(id) !== cmd.cluster) {
    throw new OperationsError('InvalidCommand', `operation id ${id} was not made for cluster ${cmd.cluster}`);
  }
  const built = buildCommand(cmd.command, cmd.payload, id, meta.batchId);
  if (!built.ok) throw new OperationsError('InvalidCommand', built.message, built.issues ?? []);
  const command = built.value;
  return {
    name: command.command,
    data: {
      v: 1,
      command: command.command,
      cluster: cmd.cluster,
      payload: command.payload,
      requestId: meta.requestId,
      principal: meta.principal,
      target: commandTarget(command),
      ...(meta.batchId ? { batchId: meta.batchId } : {}),
      ...(meta.callback ? { callback: meta.callback } : {}),
    },
    opts: {
      jobId: id,
      attempts: commandCatalog[command.command].retry.attempts,
      backoff: { type: BACKOFF_TYPE },
      removeOnComplete: { age: ctx.retentionSeconds },
      removeOnFail: { age: ctx.retentionSeconds },
    },
  };
}

function queued(p: Prepared, now: number): Operation {
  const job = {
    id: p.opts.jobId,
    name: p.name,
    data: p.data,
    target: p.data.target,
    attemptsMade: 0,
    maxAttempts: p.opts.attempts ?? 1,
    timestamp: now,
  };
  return buildOperation(job, 'queued', undefined, now);
}

/** Enqueues one command; an id that exists already keeps the existing operation (BullMQ jobId). */
export async function enqueueOne(
  ctx: ProducerContext,
  cmd: EnqueueCommand,
  meta: EnqueueMeta,
): Promise<Operation> {
  const id = meta.operationId ?? newOperationId(cmd.cluster);
  const p = prepare(ctx, cmd, id, meta);
  const now = Date.now();
  await ctx.guard('enqueue', () =>
    ctx.queueOf(cmd.cluster).add(p.name, p.data, { ...p.opts, timestamp: now }),
  );
  ctx.logger.debug({ operationId: id, requestId: meta.requestId, command: p.name }, 'enqueued');
  return queued(p, now);
}

/**
 * Enqueues every command or none: BullMQ's `Queue.addBulk` sends a plain pipeline (a connection
 * cut half-way commits half the batch), so the jobs go through the flow producer, whose
 * `addBulk` wraps every add in one MULTI/EXEC. A flow without children is a plain job.
 */
export async function enqueueMany(
  ctx: ProducerContext,
  cmds: readonly EnqueueCommand[],
  meta: EnqueueBulkMeta,
): Promise<Operation[]> {
  if (cmds.length === 0) return [];
  const cluster = cmds[0]!.cluster;
  const problems: { index: number; message: string; issues?: unknown }[] = [];
  const prepared: Prepared[] = [];
  cmds.forEach((cmd, index) => {
    try {
      if (cmd.cluster !== cluster) {
        throw new OperationsError('InvalidCommand', `all commands of a batch must target cluster ${cluster}`);
      }
      const id = meta.operationIds?.[index] ?? newOperationId(cmd.cluster);
      prepared.push(prepare(ctx, cmd, id, meta));
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
  const queueName = ctx.keys.queueName(cluster);
  await ctx.guard('enqueueBulk', () =>
    ctx.flows.addBulk(
      prepared.map((p) => ({ name: p.name, queueName, data: p.data, opts: { ...p.opts, timestamp: now } })),
    ),
  );
  ctx.logger.debug(
    { batchId: meta.batchId, requestId: meta.requestId, count: prepared.length },
    'enqueued batch',
  );
  return prepared.map((p) => queued(p, now));
}
