import { createRoute, type OpenAPIHono, type z } from '@hono/zod-openapi';
import { type EnqueueCommand, newBatchId, newOperationId } from '../../shared/operations/index.js';
import { authorizeBatchTargets } from '../auth/authorize.js';
import { type AppEnv, clusterOf, type RouteContext } from '../context.js';
import type { Operation } from '../deps.js';
import { ApiError } from '../errors.js';
import { requestFingerprint } from '../idempotency.js';
import { buildJob } from '../manifest.js';
import { BatchAccepted, BatchProgress, batchCreateBody, IdempotencyHeaders, IdParams } from '../schemas.js';
import { assertQueueRoom, onQueue } from '../submit.js';
import { zodIssues } from '../validation.js';
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

/** What the API keeps about a batch: its operations, in item order. */
interface BatchRecord {
  id: string;
  cluster: string;
  createdAt: string;
  operations: Array<{ id: string; namespace: string; name: string }>;
}

/** One bad item of a batch. */
interface BadItem {
  index: number;
  issues: Array<{ path: string; message: string }>;
}

function badItemsError(items: BadItem[]): ApiError {
  const sorted = [...items].sort((a, b) => a.index - b.index);
  return new ApiError(
    'ValidationFailed',
    `${sorted.length} item(s) of the batch are not valid; nothing was enqueued`,
    {
      items: sorted,
      issues: sorted.flatMap((b) => b.issues.map((i) => ({ ...i, path: `items[${b.index}].${i.path}` }))),
    },
  );
}

/** Groups zod issues of a batch body by item index; issues outside `items[n]` are kept at the top. */
function groupByItem(issues: ReadonlyArray<z.core.$ZodIssue>): ApiError {
  const byIndex = new Map<number, BadItem>();
  const general: Array<{ path: string; message: string }> = [];
  for (const issue of issues) {
    const [field, index, ...rest] = issue.path;
    if (field === 'items' && typeof index === 'number') {
      const item = byIndex.get(index) ?? { index, issues: [] };
      item.issues.push(...zodIssues([{ ...issue, path: rest }]));
      byIndex.set(index, item);
    } else {
      general.push(...zodIssues([issue]));
    }
  }
  if (general.length > 0) {
    return new ApiError('ValidationFailed', 'the batch is not valid', { issues: general });
  }
  return badItemsError([...byIndex.values()]);
}

function registerFor(app: OpenAPIHono<AppEnv>, ctx: RouteContext, base: ClusterBase): void {
  const tags = tagsFor(base, 'Batches');
  const recordKey = (id: string) => `${ctx.keyPrefix}:batch:${id}`;
  const maxItems = ctx.deps.config.maxBatchItems;

  app.openapi(
    createRoute({
      method: 'post',
      path: `${base}/batches`,
      operationId: operationIdFor(base, 'createBatch'),
      summary: `Create up to ${maxItems} Jobs at once, all or nothing`,
      description:
        'Every item is validated first; if any is invalid the answer is 422 listing each bad item by index and nothing is enqueued. Otherwise all job.create commands are enqueued atomically.',
      tags,
      security,
      request: {
        ...(clusterParamsFor(base) ? { params: clusterParamsFor(base) } : {}),
        headers: IdempotencyHeaders,
        body: { required: true, content: { 'application/json': { schema: batchCreateBody(maxItems) } } },
      },
      responses: {
        202: json(BatchAccepted, 'Accepted: the batch id and its operations; Location: /v1/batches/{id}'),
        ...errorResponses(400, 413, 415, 422, ...COMMON_ERRORS),
      },
    }),
    async (c) => {
      const cluster = clusterOf(c, ctx.deps);
      const body = c.req.valid('json');
      const principal = c.var.principal;
      // A 403 names every item out of scope, as the 422 names every invalid one.
      await authorizeBatchTargets(
        body.items.map((i) => ({ cluster: cluster.name, namespace: i.namespace })),
        (item) => ctx.auth.authorize(principal, { action: 'job.create', ...item }),
      );
      const batchId = newBatchId();
      const bad: BadItem[] = [];
      const seen = new Map<string, number>();
      const commands: EnqueueCommand[] = [];
      const operations: BatchRecord['operations'] = [];
      body.items.forEach((item, index) => {
        const operationId = newOperationId(cluster.name);
        const built = buildJob(item.job, { namespace: item.namespace, operationId });
        if (!built.ok) {
          bad.push({
            index,
            issues: built.issues.map((i) => ({ path: `job.${i.path.join('.')}`, message: i.message })),
          });
          return;
        }
        const key = `${item.namespace}/${built.name}`;
        const first = seen.get(key);
        if (first !== undefined) {
          bad.push({ index, issues: [{ path: 'job.name', message: `same Job as item ${first}` }] });
          return;
        }
        seen.set(key, index);
        commands.push({
          cluster: cluster.name,
          command: 'job.create',
          payload: { namespace: item.namespace, manifest: built.job },
        });
        operations.push({ id: operationId, namespace: item.namespace, name: built.name });
      });
      if (bad.length > 0) throw badItemsError(bad);

      const record: BatchRecord = {
        id: batchId,
        cluster: cluster.name,
        createdAt: new Date().toISOString(),
        operations,
      };
      const accept = (r: BatchRecord, states: Map<string, Operation['state']>) => {
        c.header('Location', `/v1/batches/${r.id}`);
        return c.json(
          {
            id: r.id,
            cluster: r.cluster,
            total: r.operations.length,
            operations: r.operations.map((o) => ({ ...o, state: states.get(o.id) ?? ('queued' as const) })),
          },
          202,
        );
      };

      const idempotencyKey = c.req.header('idempotency-key');
      const fingerprint = requestFingerprint(c.req.method, c.req.path, body);
      if (idempotencyKey) {
        const claim = await onQueue(ctx, () =>
          ctx.idempotency.claim(principal.id, idempotencyKey, fingerprint, batchId),
        );
        if (!claim.fresh) {
          const original = await readRecord(claim.id);
          if (!original)
            throw new ApiError(
              'Conflict',
              'a batch with this Idempotency-Key is still being accepted; retry',
            );
          c.header('Idempotent-Replayed', 'true');
          return accept(original, new Map());
        }
      }
      try {
        await assertQueueRoom(ctx, cluster.name, commands.length);
        const enqueued = await onQueue(ctx, () =>
          ctx.deps.operations.enqueueBulk(commands, {
            requestId: c.var.requestId,
            principal: principal.id,
            batchId,
            operationIds: operations.map((o) => o.id),
          }),
        );
        await onQueue(ctx, () =>
          ctx.deps.redis.set(
            recordKey(batchId),
            JSON.stringify(record),
            'PX',
            ctx.deps.config.operationRetentionMs,
          ),
        );
        await ctx.auth.audit?.({
          requestId: c.var.requestId,
          principal: principal.id,
          action: 'batch.create',
          cluster: cluster.name,
          target: { id: batchId },
          outcome: 'accepted',
          status: 202,
        });
        return accept(record, new Map(enqueued.map((o) => [o.id, o.state])));
      } catch (err) {
        if (idempotencyKey)
          await ctx.idempotency.release(principal.id, idempotencyKey, batchId).catch(() => {});
        throw err;
      }
    },
    (result) => {
      if (!result.success) throw groupByItem(result.error.issues);
      return undefined;
    },
  );

  async function readRecord(id: string): Promise<BatchRecord | undefined> {
    const raw = await onQueue(ctx, () => ctx.deps.redis.get(recordKey(id)));
    return raw ? (JSON.parse(raw) as BatchRecord) : undefined;
  }

  app.openapi(
    createRoute({
      method: 'get',
      path: `${base}/batches/{id}`,
      operationId: operationIdFor(base, 'getBatch'),
      summary: 'Progress of a batch',
      tags,
      security,
      request: { params: paramsFor(base, IdParams) },
      responses: { 200: json(BatchProgress, 'Counts by state'), ...errorResponses(...COMMON_ERRORS) },
    }),
    async (c) => {
      const cluster = c.req.param('cluster');
      if (cluster !== undefined) clusterOf(c, ctx.deps);
      const { id } = c.req.valid('param');
      const record = await readRecord(id);
      if (!record || (cluster !== undefined && record.cluster !== cluster)) {
        throw new ApiError('BatchNotFound', `no batch "${id}"`);
      }
      await ctx.auth.authorize(c.var.principal, { action: 'operation.read', cluster: record.cluster });
      const counts = { queued: 0, running: 0, succeeded: 0, failed: 0 };
      const ops = await onQueue(ctx, () =>
        Promise.all(record.operations.map((o) => ctx.deps.operations.get(o.id))),
      );
      for (const op of ops) if (op) counts[op.state] += 1;
      return c.json(
        {
          id: record.id,
          cluster: record.cluster,
          createdAt: record.createdAt,
          total: record.operations.length,
          ...counts,
          done: counts.succeeded + counts.failed === record.operations.length,
          operationIds: record.operations.map((o) => o.id),
        },
        200,
      );
    },
  );
}

/** Batch routes: bulk create and progress, under both bases. */
export function registerBatchRoutes(app: OpenAPIHono<AppEnv>, ctx: RouteContext): void {
  for (const base of CLUSTER_BASES) registerFor(app, ctx, base);
}
