import type { Context } from 'hono';
import {
  type CommandModule,
  commandCatalog,
  isCommandName,
  operationIdOf,
  scopeNamespaceOf,
} from '../../../shared/commands/index.js';
import type { AppEnv, RouteContext } from '../../context.js';
import type { AuthorizeRequest, Operation } from '../../deps.js';
import { ApiError } from '../../errors.js';
import { kubeRead } from '../../kube-reads.js';
import { confirmStored, onQueue, respondWithOperation } from '../../submit.js';
import type { AppRouteHandler } from '../router.js';
import type { cancelOperation, getOperation, listOperations, retryOperation } from './operations.routes.js';

/** The cluster named in the path, if any (operations are global; the cluster base filters them). */
function pathCluster(c: Context<AppEnv>, ctx: RouteContext): string | undefined {
  const name = c.req.param('cluster');
  if (name !== undefined && !ctx.deps.clusters.get(name)) {
    throw new ApiError('ClusterNotFound', `no cluster named "${name}" is configured`);
  }
  return name;
}

/** The authorization of reading operations on `cluster` (in the namespace that governs them, when there is one). */
function readRequest(cluster: string, namespace: string | undefined): AuthorizeRequest {
  return { action: 'operation.read', cluster, ...(namespace ? { namespace } : {}) };
}

const governing = (op: Operation) => scopeNamespaceOf(op.command, op.target);

async function filterAsync<T>(items: readonly T[], keep: (item: T) => Promise<boolean>): Promise<T[]> {
  const decisions = await Promise.all(items.map(keep));
  return items.filter((_, i) => decisions[i]);
}

/** The create module of an operation, when it is a create. */
function createModule(op: Operation): CommandModule | undefined {
  if (!isCommandName(op.command)) return undefined;
  const module = commandCatalog[op.command] as CommandModule;
  return module.creates && module.readBack ? module : undefined;
}

/** The Operation routes' handlers. */
export function operationHandlers(ctx: RouteContext) {
  /** Whether the caller may read operations of `cluster`/`namespace`: false on 403, other errors thrown. */
  async function mayRead(c: Context<AppEnv>, cluster: string, namespace?: string) {
    try {
      await ctx.auth.authorize(c.var.principal, readRequest(cluster, namespace));
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'Forbidden') return false;
      throw err;
    }
  }

  /** Reads an operation the caller may see (or act on, with `write`), or 404. */
  async function visibleOperation(c: Context<AppEnv>, id: string, write: boolean): Promise<Operation> {
    const cluster = pathCluster(c, ctx);
    const op = await onQueue(ctx, () => ctx.deps.operations.get(id));
    if (!op || (cluster !== undefined && op.cluster !== cluster)) {
      throw new ApiError('OperationNotFound', `no operation "${id}"`);
    }
    await ctx.auth.authorize(c.var.principal, {
      ...readRequest(op.cluster, governing(op)),
      ...(write ? { action: 'operation.write' as const } : {}),
    });
    return op;
  }

  /** Whether the object a create operation names exists and carries the operation's label. */
  async function ownObjectExists(op: Operation): Promise<boolean> {
    const module = createModule(op);
    const cluster = ctx.deps.clusters.get(op.cluster);
    if (!module || !cluster) return false;
    try {
      return operationIdOf(await kubeRead(cluster, (apis) => module.readBack!(apis, op.target))) === op.id;
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) return false;
      throw err;
    }
  }

  const audit = (
    c: Context<AppEnv>,
    op: Operation,
    action: 'operation.retry' | 'operation.cancel',
    status: number,
  ) =>
    ctx.auth.audit?.(
      {
        requestId: c.var.requestId,
        principal: c.var.principal.id,
        action,
        cluster: op.cluster,
        target: { id: op.id },
        operationId: op.id,
        outcome: 'accepted',
        status,
      },
      c,
    );

  const get: AppRouteHandler<typeof getOperation> = async (c) =>
    c.json(await visibleOperation(c, c.req.valid('param').id, false), 200);

  const list: AppRouteHandler<typeof listOperations> = async (c) => {
    const cluster = pathCluster(c, ctx);
    const q = c.req.valid('query');
    // Without a cluster in the path: every cluster the caller may read, and only those.
    const clusters = cluster
      ? [cluster]
      : await filterAsync(ctx.deps.clusters.names(), (name) => mayRead(c, name));
    if (clusters.length === 0 || cluster) {
      await ctx.auth.authorize(
        c.var.principal,
        readRequest(cluster ?? ctx.deps.clusters.defaultName, undefined),
      );
    }
    const page = await onQueue(ctx, () =>
      ctx.deps.operations.list({
        limit: q.limit,
        clusters,
        ...(q.state ? { state: q.state } : {}),
        ...(q.cursor ? { cursor: q.cursor } : {}),
      }),
    );
    // As GET /v1/operations/{id} would: operations in namespaces out of the caller's scope are left out.
    const items = await filterAsync(page.items, (op) => mayRead(c, op.cluster, governing(op)));
    return c.json({ ...page, items }, 200);
  };

  const retry: AppRouteHandler<typeof retryOperation> = async (c) => {
    const op = await visibleOperation(c, c.req.valid('param').id, true);
    const retried = await onQueue(ctx, () => ctx.deps.operations.retry(op.id));
    await confirmStored(ctx, op.cluster);
    await audit(c, op, 'operation.retry', 202);
    return respondWithOperation(c, ctx, retried, { doneStatus: 200 });
  };

  /**
   * A create whose earlier attempt already made its object (its answer was lost, a retry is
   * due) is not cancelled: that would leave the object behind. A cancel that races an attempt
   * creating it removes the object it made.
   */
  const cancel: AppRouteHandler<typeof cancelOperation> = async (c) => {
    const op = await visibleOperation(c, c.req.valid('param').id, true);
    if (op.state === 'queued' && op.attempts.made > 0 && (await ownObjectExists(op))) {
      throw new ApiError(
        'ObjectExists',
        `operation ${op.id} already created ${op.target.namespace ? `${op.target.namespace}/` : ''}${op.target.name} in an earlier attempt; delete it instead`,
      );
    }
    await onQueue(ctx, () => ctx.deps.operations.cancel(op.id));
    const module = createModule(op);
    const cluster = ctx.deps.clusters.get(op.cluster);
    if (module?.undo && cluster && (await ownObjectExists(op))) {
      await kubeRead(cluster, (apis) => module.undo!(apis, op.target));
    }
    // After the undo: a 503 here still leaves no object behind.
    await confirmStored(ctx, op.cluster);
    await audit(c, op, 'operation.cancel', 204);
    return c.body(null, 204);
  };

  return { get, list, retry, cancel };
}
