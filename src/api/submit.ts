import type { Context } from 'hono';
import type { Callback } from '../shared/events/event.js';
import type { EnqueueCommand } from '../shared/operations/index.js';
import { idempotentOperationId, isRedisUnavailable, newOperationId } from '../shared/operations/index.js';
import { admitCallback } from './callbacks.js';
import type { AppEnv, RouteContext } from './context.js';
import type { AuditRecord, Operation } from './deps.js';
import { ApiError, ERROR_STATUS, type ErrorCode } from './errors.js';
import { requestFingerprint } from './idempotency.js';
import { preferWaitSeconds } from './prefer.js';

/** A mutation to enqueue, described by the route that received it. */
export interface Submission<S extends 200 | 201 = 200 | 201> {
  /** The cluster it goes to. */
  cluster: string;
  /** The operation id to use unless an `Idempotency-Key` names another. @defaultValue a new id */
  operationId?: string;
  /**
   * Builds the command for the operation id the request ends up with: a fresh one, or the one an
   * earlier request with the same `Idempotency-Key` claimed. Deterministic in that id (a
   * `generateName` is seeded with it), so every request of one key builds the same command.
   */
  build(operationId: string): EnqueueCommand;
  /** The validated request body, for the `Idempotency-Key` fingerprint. */
  body: unknown;
  /** Status when `Prefer: wait` saw the operation succeed: 201 for creates, 200 for deletes. */
  doneStatus: S;
  /** `Location` of the created object when a create ended in time. */
  createdLocation?: (op: Operation) => string;
  /** The request's `callback`, admitted by the URL policy before anything is enqueued. */
  callback?: Callback;
}

/** Whether an operation has ended (succeeded or failed for good). */
export function isEnded(op: Operation): boolean {
  return op.state === 'succeeded' || op.state === 'failed';
}

/** The 503 every Redis outage becomes. */
export function queueUnavailable(): ApiError {
  return new ApiError('QueueUnavailable', 'the queue is unavailable; retry shortly', undefined, {
    'Retry-After': '1',
  });
}

/** 503 at once when the API's Redis connection is down, before any command could hang on it. */
export function assertQueueUp(ctx: RouteContext): void {
  if (ctx.deps.redis.status !== 'ready') throw queueUnavailable();
}

/** Runs a queue call, turning a Redis outage into 503 QueueUnavailable. */
export async function onQueue<T>(ctx: RouteContext, fn: () => Promise<T>): Promise<T> {
  assertQueueUp(ctx);
  try {
    return await fn();
  } catch (err) {
    throw isRedisUnavailable(err) ? queueUnavailable() : err;
  }
}

/**
 * Before a 2xx: the configured number of replicas hold what this request wrote to `cluster`'s
 * queue shard, and all before it (REDIS_WAIT_REPLICAS; nothing to wait for when it is 0). Fewer in
 * time is 503 `ReplicationTimeout`: the request's writes stay, and a retry with the same
 * `Idempotency-Key` finds them and waits for the replicas again.
 */
export function confirmStored(ctx: RouteContext, cluster: string): Promise<void> {
  return onQueue(ctx, () => ctx.replicas.confirm(cluster));
}

/** How long a counted queue depth is reused (plus this replica's own adds since). */
export const DEPTH_REUSE_MS = 100;

const depths = new WeakMap<RouteContext, Map<string, { depth: number; at: number }>>();

/**
 * 429 QueueFull when the cluster's queue already holds MAX_QUEUE_DEPTH waiting commands. The
 * depth is counted in Redis at most every {@link DEPTH_REUSE_MS} per cluster (one script call
 * shared by every request in between, instead of one per submit) and this replica's admitted
 * adds are counted on top, so the limit is never overshot by more than what other replicas add
 * within that window; work drained meanwhile shows at the next count.
 */
export async function assertQueueRoom(ctx: RouteContext, cluster: string, adding = 1): Promise<void> {
  let byCluster = depths.get(ctx);
  if (!byCluster) {
    byCluster = new Map();
    depths.set(ctx, byCluster);
  }
  const stale = (e: { at: number } | undefined) => !e || performance.now() - e.at > DEPTH_REUSE_MS;
  let counted = byCluster.get(cluster);
  if (stale(counted)) {
    const depth = await onQueue(ctx, () =>
      ctx.reads.run(`depth:${cluster}`, () => ctx.deps.operations.depth(cluster)),
    );
    counted = byCluster.get(cluster);
    // The first of the requests that shared one count sets it; the others add to that entry.
    if (stale(counted)) {
      counted = { depth, at: performance.now() };
      byCluster.set(cluster, counted);
    }
  }
  const depth = counted!.depth;
  if (depth + adding > ctx.deps.config.maxQueueDepth) {
    throw new ApiError(
      'QueueFull',
      `the queue of cluster "${cluster}" is full (${depth} waiting); retry later`,
      { depth, max: ctx.deps.config.maxQueueDepth },
      { 'Retry-After': '5' },
    );
  }
  counted!.depth += adding;
}

/**
 * Enqueues a mutation with the three request semantics of docs/architecture.md §4:
 * `Idempotency-Key` (the key names one operation id for good, derived from it: a replay answers
 * it; if it does not exist — the first request died before enqueueing, it was cancelled, or a
 * failover lost it — this request enqueues it under that same id, so racing duplicates converge
 * on one operation), queue
 * back-pressure (429) and `Prefer: wait=N`.
 */
export async function submit<S extends 200 | 201>(c: Context<AppEnv>, ctx: RouteContext, s: Submission<S>) {
  const principal = c.var.principal.id;
  const callback = await admitCallback(c, ctx, s.callback);
  const meta = { requestId: c.var.requestId, principal, ...(callback ? { callback } : {}) };
  const key = c.req.header('idempotency-key');
  let operationId = s.operationId ?? newOperationId(s.cluster);
  let op: Operation | undefined;
  if (key) {
    const fingerprint = requestFingerprint(c.req.method, c.req.path, s.body);
    // Derived from the key, so a retry that finds neither claim nor operation (both lost in a
    // failover) makes the same operation and the same name again, never a second Job.
    operationId = idempotentOperationId(s.cluster, principal, key, fingerprint);
    const claim = await onQueue(ctx, () =>
      ctx.idempotency.claim(principal, key, fingerprint, operationId, s.cluster),
    );
    operationId = claim.id;
    if (!claim.fresh) op = await onQueue(ctx, () => ctx.deps.operations.get(claim.id));
  }
  const replay = op !== undefined;
  if (!op) {
    await assertQueueRoom(ctx, s.cluster);
    const command = s.build(operationId);
    op = await onQueue(ctx, () => ctx.deps.operations.enqueue(command, { ...meta, operationId }));
  }
  // A replay too: the first request may have been answered 503 before the replicas had it.
  await confirmStored(ctx, s.cluster);
  if (replay) c.header('Idempotent-Replayed', 'true');
  else {
    await ctx.auth.audit?.(
      {
        requestId: meta.requestId,
        principal,
        action: op.command as AuditRecord['action'],
        cluster: s.cluster,
        target: { namespace: op.target.namespace, name: op.target.name },
        operationId: op.id,
        outcome: 'accepted',
        status: 202,
      },
      c,
    );
  }
  return respondWithOperation(c, ctx, op, s);
}

/** Operation error codes that name the cluster's side of things; they must not read as the client's. */
const CLUSTER_SIDE: Partial<Record<string, ErrorCode>> = {
  Unauthorized: 'ClusterError',
  RateLimited: 'ClusterUnavailable',
  UnknownCommand: 'InvalidCommand',
};

/**
 * The error a `Prefer: wait` answer carries when the operation failed in time: the status the
 * same failure would have had synchronously (404 NamespaceNotFound, 409 AlreadyExists, 422
 * Invalid…), the operation in `details.operation`, and `Location` pointing at it for a retry.
 */
export function operationFailure(op: Operation): ApiError {
  const code = op.error?.code ?? 'Internal';
  const mapped = CLUSTER_SIDE[code] ?? (code in ERROR_STATUS ? (code as ErrorCode) : 'ClusterError');
  return new ApiError(
    mapped,
    `operation ${op.id} failed: ${op.error?.message ?? 'unknown error'}`,
    { operation: op },
    { Location: `/v1/operations/${op.id}`, 'Content-Location': `/v1/operations/${op.id}` },
  );
}

/**
 * Answers 202 with the operation, or — under `Prefer: wait` — its end state if it ends in time:
 * 201/200 with the operation when it succeeded, the error of {@link operationFailure} when it failed.
 */
export async function respondWithOperation<S extends 200 | 201>(
  c: Context<AppEnv>,
  ctx: RouteContext,
  accepted: Operation,
  s: Pick<Submission<S>, 'doneStatus' | 'createdLocation'>,
) {
  let op = accepted;
  const wait = preferWaitSeconds(c.req.header('prefer'));
  if (wait !== undefined) {
    c.header('Preference-Applied', `wait=${wait}`);
    c.header('Vary', 'Prefer');
    if (!isEnded(op) && wait > 0) {
      op = await onQueue(ctx, () => ctx.deps.operations.waitForEnd(op.id, wait * 1000));
    }
  }
  c.header('Content-Location', `/v1/operations/${op.id}`);
  if (isEnded(op) && wait !== undefined) {
    if (op.state === 'failed') throw operationFailure(op);
    if (s.createdLocation) {
      c.header('Location', s.createdLocation(op));
      return c.json(op, s.doneStatus);
    }
    c.header('Location', `/v1/operations/${op.id}`);
    return c.json(op, 200);
  }
  c.header('Location', `/v1/operations/${op.id}`);
  return c.json(op, 202);
}
