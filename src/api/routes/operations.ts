import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv, RouteContext } from '../context.js';
import type { AuthorizeRequest, Operation } from '../deps.js';
import { ApiError } from '../errors.js';
import { IdParams, OperationList, OperationListQuery, OperationSchema } from '../schemas.js';
import { onQueue, respondWithOperation } from '../submit.js';
import {
  CLUSTER_BASES,
  type ClusterBase,
  COMMON_ERRORS,
  clusterParamsFor,
  errorResponses,
  json,
  operationIdFor,
  paramsFor,
  security,
  tagsFor,
} from './openapi-helpers.js';

/** The cluster named in the path, if any (operations are global; the cluster base filters them). */
function pathCluster(c: Context<AppEnv>, ctx: RouteContext): string | undefined {
  const name = c.req.param('cluster');
  if (name !== undefined && !ctx.deps.clusters.get(name)) {
    throw new ApiError('ClusterNotFound', `no cluster named "${name}" is configured`);
  }
  return name;
}

/** The authorization of reading operations on `cluster` (in `namespace`, when they have one). */
function readRequest(cluster: string, namespace: string | undefined): AuthorizeRequest {
  return { action: 'operation.read', cluster, ...(namespace ? { namespace } : {}) };
}

/** Whether the caller may read operations of `cluster`/`namespace`: false on 403, other errors thrown. */
async function mayRead(c: Context<AppEnv>, ctx: RouteContext, cluster: string, namespace?: string) {
  try {
    await ctx.auth.authorize(c.var.principal, readRequest(cluster, namespace));
    return true;
  } catch (err) {
    if (err instanceof ApiError && err.code === 'Forbidden') return false;
    throw err;
  }
}

/** Reads an operation the caller may see, or 404. */
async function visibleOperation(
  c: Context<AppEnv>,
  ctx: RouteContext,
  id: string,
  write: boolean,
): Promise<Operation> {
  const cluster = pathCluster(c, ctx);
  const op = await onQueue(ctx, () => ctx.deps.operations.get(id));
  if (!op || (cluster !== undefined && op.cluster !== cluster)) {
    throw new ApiError('OperationNotFound', `no operation "${id}"`);
  }
  await ctx.auth.authorize(c.var.principal, {
    ...readRequest(op.cluster, op.target.namespace),
    ...(write ? { action: 'operation.write' as const } : {}),
  });
  return op;
}

async function filterAsync<T>(items: readonly T[], keep: (item: T) => Promise<boolean>): Promise<T[]> {
  const decisions = await Promise.all(items.map(keep));
  return items.filter((_, i) => decisions[i]);
}

function registerFor(app: OpenAPIHono<AppEnv>, ctx: RouteContext, base: ClusterBase): void {
  const tags = tagsFor(base, 'Operations');
  app.openapi(
    createRoute({
      method: 'get',
      path: `${base}/operations/{id}`,
      operationId: operationIdFor(base, 'getOperation'),
      summary: 'State of an operation',
      tags,
      security,
      request: { params: paramsFor(base, IdParams) },
      responses: { 200: json(OperationSchema, 'The operation'), ...errorResponses(...COMMON_ERRORS) },
    }),
    async (c) => c.json(await visibleOperation(c, ctx, c.req.valid('param').id, false), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${base}/operations`,
      operationId: operationIdFor(base, 'listOperations'),
      summary: 'List operations, newest first, optionally by state',
      tags,
      security,
      request: {
        ...(clusterParamsFor(base) ? { params: clusterParamsFor(base) } : {}),
        query: OperationListQuery,
      },
      responses: {
        200: json(OperationList, 'A page of operations; pass nextCursor as cursor for the next'),
        ...errorResponses(422, ...COMMON_ERRORS),
      },
    }),
    async (c) => {
      const cluster = pathCluster(c, ctx);
      const q = c.req.valid('query');
      // Without a cluster in the path: every cluster the caller may read, and only those.
      const clusters = cluster
        ? [cluster]
        : await filterAsync(ctx.deps.clusters.names(), (name) => mayRead(c, ctx, name));
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
      const items = await filterAsync(page.items, (op) => mayRead(c, ctx, op.cluster, op.target.namespace));
      return c.json({ ...page, items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `${base}/operations/{id}/retry`,
      operationId: operationIdFor(base, 'retryOperation'),
      summary: 'Re-drive a failed operation',
      tags,
      security,
      request: { params: paramsFor(base, IdParams) },
      responses: {
        202: json(OperationSchema, 'Queued again'),
        200: json(OperationSchema, 'With Prefer: wait — it ended in time'),
        ...errorResponses(409, ...COMMON_ERRORS),
      },
    }),
    async (c) => {
      const op = await visibleOperation(c, ctx, c.req.valid('param').id, true);
      const retried = await onQueue(ctx, () => ctx.deps.operations.retry(op.id));
      await ctx.auth.audit?.({
        requestId: c.var.requestId,
        principal: c.var.principal.id,
        action: 'operation.retry',
        cluster: op.cluster,
        target: { id: op.id },
        operationId: op.id,
        outcome: 'accepted',
        status: 202,
      });
      return respondWithOperation(c, ctx, retried, { doneStatus: 200 });
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: `${base}/operations/{id}`,
      operationId: operationIdFor(base, 'cancelOperation'),
      summary: 'Cancel a queued operation',
      description: '409 OperationRunning when a worker has already started it.',
      tags,
      security,
      request: { params: paramsFor(base, IdParams) },
      responses: { 204: { description: 'Cancelled' }, ...errorResponses(409, ...COMMON_ERRORS) },
    }),
    async (c) => {
      const op = await visibleOperation(c, ctx, c.req.valid('param').id, true);
      await onQueue(ctx, () => ctx.deps.operations.cancel(op.id));
      await ctx.auth.audit?.({
        requestId: c.var.requestId,
        principal: c.var.principal.id,
        action: 'operation.cancel',
        cluster: op.cluster,
        target: { id: op.id },
        operationId: op.id,
        outcome: 'accepted',
        status: 204,
      });
      return c.body(null, 204);
    },
  );
}

/** Operation routes: get, list, retry and cancel, under both bases. */
export function registerOperationRoutes(app: OpenAPIHono<AppEnv>, ctx: RouteContext): void {
  for (const base of CLUSTER_BASES) registerFor(app, ctx, base);
}
