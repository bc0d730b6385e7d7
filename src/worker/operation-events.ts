import type { Job } from 'bullmq';
import type { CommandEnvelope } from '../shared/commands/index.js';
import { callbackSchema, type EksJobsEvent, type EventData, eventId } from '../shared/events/event.js';
import type { OperationError } from '../shared/operations/index.js';
import { jobImages, jobLabels } from './job-images.js';
import type { OperationInfo } from './job-watch.js';

type Outcome =
  | { type: 'operation.succeeded'; result: unknown }
  | { type: 'operation.failed'; error: OperationError }
  | { type: 'operation.retrying'; error: OperationError; attempt: number; nextRetryAt: number };

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/**
 * Who asked for an operation and where its events go, read from its job's data (which may come
 * from an older deploy, so every field is checked). Pure. Undefined without a principal.
 */
export function operationInfoOf(data: unknown): OperationInfo | undefined {
  const d = (data ?? {}) as Record<string, unknown>;
  const principal = str(d.principal);
  if (principal === undefined) return undefined;
  const callback = callbackSchema.safeParse(d.callback);
  const requestId = str(d.requestId);
  const batchId = str(d.batchId);
  return {
    principal,
    ...(requestId ? { requestId } : {}),
    ...(batchId ? { batchId } : {}),
    ...(callback.success ? { callback: callback.data } : {}),
  };
}

/**
 * The event of an operation's outcome, from its job. Pure. The id names the outcome of this run
 * of the operation (a re-drive starts a new run, `since`), and for a retry the attempt, so the
 * worker publishing it again after a crash publishes the same event.
 */
export function operationEvent(job: Job, outcome: Outcome, now = new Date()): EksJobsEvent {
  const env = (job.data ?? {}) as Partial<CommandEnvelope> & {
    target?: { namespace?: string; name?: string };
    payload?: { manifest?: unknown };
  };
  const id = job.id ?? '';
  const run = String(typeof env.since === 'number' ? env.since : job.timestamp);
  const command = str(env.command) ?? job.name;
  const namespace = str(env.target?.namespace);
  const data: EventData = {
    cluster: str(env.cluster) ?? '',
    kind: command.startsWith('namespace.') ? 'Namespace' : 'Job',
    ...(namespace && !command.startsWith('namespace.') ? { namespace } : {}),
    name: str(env.target?.name) ?? '',
    principal: str(env.principal) ?? '',
    operationId: id,
    ...(str(env.batchId) ? { batchId: env.batchId } : {}),
    ...(str(env.requestId) ? { requestId: env.requestId } : {}),
    command,
    ...(Number.isFinite(job.timestamp) ? { submittedAt: new Date(job.timestamp).toISOString() } : {}),
  };
  if (outcome.type !== 'operation.retrying') data.attempts = job.attemptsMade + 1;
  if (outcome.type === 'operation.succeeded') {
    if (outcome.result && typeof outcome.result === 'object') {
      data.result = outcome.result as Record<string, unknown>;
    }
    // What the history keeps of a created Job, while the manifest is still at hand (a succeeded
    // create's data is compacted without it, docs/architecture.md §5).
    if (command === 'job.create' && env.payload?.manifest) {
      const labels = jobLabels(env.payload.manifest);
      data.images = jobImages(env.payload.manifest);
      if (labels) data.labels = labels;
    }
    return { id: eventId(outcome.type, id, run), type: outcome.type, timestamp: now.toISOString(), data };
  }
  data.error = { code: outcome.error.code, message: outcome.error.message };
  if (outcome.type === 'operation.failed') {
    return { id: eventId(outcome.type, id, run), type: outcome.type, timestamp: now.toISOString(), data };
  }
  data.attempt = outcome.attempt;
  data.nextRetryAt = new Date(outcome.nextRetryAt).toISOString();
  return {
    id: eventId(outcome.type, id, `${run}:${outcome.attempt}`),
    type: outcome.type,
    timestamp: now.toISOString(),
    data,
  };
}
