import type { z } from '@hono/zod-openapi';
import type { V1Job } from '@kubernetes/client-node';
import { type ObjectWithMetadata, withLabels } from '../../../shared/commands/labels.js';
import type { NameSuffix } from '../../../shared/kube/names.js';
import { COUNTED_STATES, countsFrom } from '../../../shared/operations/batch-progress.js';
import {
  batchOperationId,
  type EnqueueCommand,
  idempotentBatchId,
  newBatchId,
} from '../../../shared/operations/index.js';
import { authorizeItems } from '../../authorize-items.js';
import { admitCallback } from '../../callbacks.js';
import { clusterOf, type RouteContext } from '../../context.js';
import type { Operation } from '../../deps.js';
import { ApiError } from '../../errors.js';
import { requestFingerprint } from '../../idempotency.js';
import { buildJobOrThrow, explicitName, jobCreatePayload } from '../../job-manifest.js';
import { checkJob, type Violation, withKeyDefaults } from '../../policy/enforce.js';
import { assertQueueRoom, confirmStored, onQueue } from '../../submit.js';
import { type BatchJob, expandBatchItems } from '../../templates/batch-items.js';
import { zodIssues } from '../../validation.js';
import type { AppRouteHandler } from '../router.js';
import type { createBatchRoute, getBatch } from './batches.routes.js';

/** What the API keeps about a batch: its operations, in item order. */
interface BatchRecord {
  id: string;
  cluster: string;
  createdAt: string;
  operations: Array<{ id: string; namespace: string; name: string }>;
  /**
   * Its progress is counted by the transitions (`batch-progress.ts`). Records written before
   * the counters existed are read item by item.
   */
  counted?: true;
}

/** One bad item of a batch. */
interface BadItem {
  index: number;
  issues: Array<{ path: string; message: string }>;
}

/** How many names a `generateName` item draws before its batch is refused for want of a free one. */
const MAX_NAME_DRAWS = 20;

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
export function groupByItem(issues: ReadonlyArray<z.core.$ZodIssue>): ApiError {
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
  if (general.length > 0)
    return new ApiError('ValidationFailed', 'the batch is not valid', { issues: general });
  return badItemsError([...byIndex.values()]);
}

/**
 * The batch's commands, a pure function of its id and body: operation ids derived from the
 * batch id, names drawn from them. A name the service draws never fails the batch: a
 * `generateName` item whose draw meets another item's name draws again.
 */
function buildBatch(
  cluster: string,
  batchId: string,
  items: ReadonlyArray<BatchJob | undefined>,
  suffix: NameSuffix,
  defaults: (job: V1Job) => V1Job,
  bad: BadItem[],
) {
  const taken = new Map<string, number>();
  const commands: EnqueueCommand[] = [];
  const operations: BatchRecord['operations'] = [];
  items.forEach((item, index) => {
    // An item already found bad (its template's parameters): reported with the others.
    if (!item) return;
    const operationId = batchOperationId(cluster, batchId, index);
    let built: ReturnType<typeof buildJobOrThrow> | undefined;
    try {
      for (let draw = 0; draw < MAX_NAME_DRAWS; draw++) {
        const raw = buildJobOrThrow(item.job, item.namespace, operationId, { draw, suffix });
        const labelled = item.labels
          ? (withLabels(raw.job as ObjectWithMetadata, item.labels) as V1Job)
          : raw.job;
        built = { ...raw, job: defaults(labelled) };
        if (explicitName(item.job) || !taken.has(`${item.namespace}/${built.name}`)) break;
      }
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      const issues = (err.details as { issues: Array<{ path: string; message: string }> }).issues;
      bad.push({ index, issues: issues.map((i) => ({ path: `job.${i.path}`, message: i.message })) });
      return;
    }
    const key = `${item.namespace}/${built!.name}`;
    const first = taken.get(key);
    if (first !== undefined) {
      const message = explicitName(item.job)
        ? `same Job as item ${first}`
        : `no name left to draw for generateName "${built!.generateName}" that no other item uses`;
      bad.push({ index, issues: [{ path: 'job.name', message }] });
      return;
    }
    taken.set(key, index);
    commands.push({ cluster, command: 'job.create', payload: jobCreatePayload(item.namespace, built!) });
    operations.push({ id: operationId, namespace: item.namespace, name: built!.name });
  });
  if (bad.length > 0) throw badItemsError(bad);
  return { commands, operations };
}

/** The Batch routes' handlers. */
export function batchHandlers(ctx: RouteContext) {
  const { keys } = ctx;

  const create: AppRouteHandler<ReturnType<typeof createBatchRoute>> = async (c) => {
    const cluster = clusterOf(c, ctx.deps);
    const body = c.req.valid('json');
    const principal = c.var.principal;
    const withOwnCallback = body.items.flatMap((item, index) =>
      !('job' in item) || (item.job as { callback?: unknown }).callback === undefined
        ? []
        : [
            {
              path: `items[${index}].job.callback`,
              message: 'give the batch one callback (top-level `callback`)',
            },
          ],
    );
    if (withOwnCallback.length > 0) {
      throw new ApiError('ValidationFailed', 'a batch has one callback for all its items', {
        issues: withOwnCallback,
      });
    }
    const callback = await admitCallback(c, ctx, body.callback);
    // A 403 names every item out of scope, as the 422 names every invalid one.
    await authorizeItems(
      ctx.auth,
      principal,
      body.items.map((i) => ({ action: 'job.create', cluster: cluster.name, namespace: i.namespace })),
    );
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
    let batchId = newBatchId();
    const idempotencyKey = c.req.header('idempotency-key');
    if (idempotencyKey) {
      const fingerprint = requestFingerprint(c.req.method, c.req.path, body);
      // Derived from the key: a retry after a failover lost claim and batch builds the same batch.
      batchId = idempotentBatchId(principal.id, idempotencyKey, fingerprint);
      const claim = await onQueue(ctx, () =>
        ctx.idempotency.claim(principal.id, idempotencyKey, fingerprint, batchId, cluster.name),
      );
      batchId = claim.id;
      const original = claim.fresh ? undefined : (await readProgress(batchId, [cluster.name])).record;
      if (original) {
        await confirmStored(ctx, cluster.name);
        c.header('Idempotent-Replayed', 'true');
        return accept(original, new Map());
      }
      // Not recorded: the first request failed (or is still under way) before it finished. This
      // one builds the very same batch (same ids, same names) and enqueues it: nothing twice.
    }
    // Template items rendered (each template resolved once); their bad items join the others'.
    const { jobs, bad } = await expandBatchItems(ctx, principal, body.items);
    const { commands, operations } = buildBatch(
      cluster.name,
      batchId,
      jobs,
      ctx.deps.config.nameSuffix,
      (job) => withKeyDefaults(principal, job),
      bad,
    );
    // Every item against policy; a 422 lists each violating item, nothing is enqueued.
    const violating: Array<{ index: number; level: string; violations: Violation[] }> = [];
    for (const [index, command] of commands.entries()) {
      const { namespace, manifest } = command.payload as { namespace: string; manifest: V1Job };
      const { level, violations } = await checkJob(ctx, principal, cluster, namespace, manifest);
      if (violations.length > 0) violating.push({ index, level, violations });
    }
    if (violating.length > 0) {
      throw new ApiError(
        'PolicyViolation',
        `${violating.length} item(s) of the batch violate policy; nothing was enqueued`,
        { items: violating },
      );
    }
    const record: BatchRecord = {
      id: batchId,
      cluster: cluster.name,
      createdAt: new Date().toISOString(),
      operations,
      counted: true,
    };
    await assertQueueRoom(ctx, cluster.name, commands.length);
    const enqueued = await onQueue(ctx, () =>
      ctx.deps.operations.enqueueBulk(commands, {
        requestId: c.var.requestId,
        principal: principal.id,
        batchId,
        operationIds: operations.map((o) => o.id),
        ...(callback ? { callback } : {}),
      }),
    );
    await onQueue(ctx, () =>
      ctx.deps.redis.set(
        keys.batchRecord(cluster.name, batchId),
        JSON.stringify(record),
        'PX',
        ctx.deps.config.operationRetentionMs,
      ),
    );
    await confirmStored(ctx, cluster.name);
    await ctx.auth.audit?.(
      {
        requestId: c.var.requestId,
        principal: principal.id,
        action: 'batch.create',
        cluster: cluster.name,
        target: { id: batchId },
        outcome: 'accepted',
        status: 202,
      },
      c,
    );
    return accept(record, new Map(enqueued.map((o) => [o.id, o.state])));
  };

  /**
   * The record and its counters: two commands in one round trip whatever the batch's size. With
   * sharded keys a batch's keys sit in its cluster's queue slot, and the id does not say which
   * cluster: each candidate is asked (a pipeline per cluster, all at once), the first found wins.
   */
  async function readProgress(id: string, clusters: readonly string[]) {
    const candidates = new Map<string, string>();
    for (const cluster of clusters) candidates.set(keys.batchRecord(cluster, id), cluster);
    const answers = await onQueue(ctx, () =>
      Promise.all(
        [...candidates].map(async ([recordKey, cluster]) => {
          const pipeline = ctx.deps.redis.pipeline();
          pipeline.get(recordKey);
          pipeline.hmget(keys.batchProgress(cluster, id), ...COUNTED_STATES);
          const results = (await pipeline.exec()) ?? [];
          // A pipeline reports a lost connection per command, not by rejecting: rethrow it here.
          const failed = results.find(([err]) => err);
          if (failed) throw failed[0];
          return results.map(([, value]) => value);
        }),
      ),
    );
    const found = answers.find((a) => typeof a[0] === 'string');
    const record = found ? (JSON.parse(found[0] as string) as BatchRecord) : undefined;
    return { record, counters: (found?.[1] ?? []) as (string | null)[] };
  }

  const get: AppRouteHandler<typeof getBatch> = async (c) => {
    const cluster = c.req.param('cluster');
    if (cluster !== undefined) clusterOf(c, ctx.deps);
    const { id } = c.req.valid('param');
    const { record, counters } = await readProgress(id, cluster ? [cluster] : ctx.deps.clusters.names());
    if (!record || (cluster !== undefined && record.cluster !== cluster)) {
      throw new ApiError('BatchNotFound', `no batch "${id}"`);
    }
    // Readable only with read rights in every namespace the batch wrote to.
    const namespaces = [...new Set(record.operations.map((o) => o.namespace))];
    await authorizeItems(
      ctx.auth,
      c.var.principal,
      (namespaces.length ? namespaces : [undefined]).map((namespace) => ({
        action: 'operation.read' as const,
        cluster: record.cluster,
        ...(namespace ? { namespace } : {}),
      })),
    );
    const total = record.operations.length;
    let counts: Record<'queued' | (typeof COUNTED_STATES)[number], number>;
    if (record.counted) {
      const counted = countsFrom(counters);
      const settled = counted.running + counted.succeeded + counted.failed + counted.cancelled;
      counts = { queued: Math.max(0, total - settled), ...counted };
    } else {
      // A record from before the counters: every operation read (one HMGET each).
      counts = { queued: 0, running: 0, succeeded: 0, failed: 0, cancelled: 0 };
      const ops = await onQueue(ctx, () => ctx.deps.operations.getMany(record.operations.map((o) => o.id)));
      for (const op of ops) if (op) counts[op.state] += 1;
    }
    return c.json(
      {
        id: record.id,
        cluster: record.cluster,
        createdAt: record.createdAt,
        total,
        ...counts,
        done: counts.succeeded + counts.failed + counts.cancelled === total,
        operationIds: record.operations.map((o) => o.id),
      },
      200,
    );
  };

  return { create, get };
}
