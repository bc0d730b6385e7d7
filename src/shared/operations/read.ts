import { OperationsError } from './errors.js';
import type { Operation, OperationState } from './operation-record.js';
import { OPERATION_FIELDS, operationFromFields } from './operation-state.js';
import type { ProducerContext } from './producer-context.js';
import type { ListOptions, OperationPage } from './types.js';

const QUEUED_TYPES = ['waiting', 'prioritized', 'delayed'] as const;
const TYPES_BY_STATE: Record<OperationState, readonly string[]> = {
  queued: QUEUED_TYPES,
  running: ['active'],
  succeeded: ['completed'],
  failed: ['failed'],
};
const ALL_TYPES = [...QUEUED_TYPES, 'active', 'completed', 'failed'] as const;

interface Cursor {
  c: number;
  t: number;
  o: number;
}

/** Offsets are capped: a page past the first million of one state is not something a client needs. */
const MAX_OFFSET = 1_000_000;

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(s: string | undefined): Cursor {
  if (!s) return { c: 0, t: 0, o: 0 };
  try {
    const v = JSON.parse(Buffer.from(s, 'base64url').toString()) as Cursor;
    if ([v.c, v.t, v.o].every((n) => Number.isSafeInteger(n) && n >= 0) && v.o <= MAX_OFFSET) return v;
  } catch {}
  throw new OperationsError(
    'InvalidCursor',
    'the cursor is not one this API handed out; start again without it',
  );
}

/**
 * Reads operations by id: one HMGET each, one round trip for all (a pipeline per cluster queue,
 * sent together: a Redis Cluster runs a pipeline only on one node, and each queue's keys share
 * a slot). O(1) in queue depth.
 */
export async function readOperations(
  ctx: ProducerContext,
  ids: readonly string[],
): Promise<(Operation | undefined)[]> {
  const byCluster = new Map<string, { index: number; id: string }[]>();
  ids.forEach((id, index) => {
    const cluster = ctx.clusterOf(id);
    if (cluster === undefined) return;
    const wanted = byCluster.get(cluster) ?? [];
    wanted.push({ index, id });
    byCluster.set(cluster, wanted);
  });
  const found: (Operation | undefined)[] = ids.map(() => undefined);
  if (byCluster.size === 0) return found;
  const results = await ctx.guard('get', () =>
    Promise.all(
      [...byCluster].map(async ([cluster, wanted]) => {
        const queue = ctx.queueOf(cluster);
        const pipeline = ctx.redis.pipeline();
        for (const w of wanted) pipeline.hmget(queue.toKey(w.id), ...OPERATION_FIELDS);
        const answers = (await pipeline.exec()) ?? [];
        // A pipeline reports a lost connection per command, not by rejecting: rethrow it in the guard.
        const failed = answers.find(([err]) => err);
        if (failed) throw failed[0];
        return wanted.map((w, i) => ({ ...w, fields: (answers[i]?.[1] ?? []) as (string | null)[] }));
      }),
    ),
  );
  const now = Date.now();
  for (const { index, id, fields } of results.flat()) found[index] = operationFromFields(id, fields, now);
  return found;
}

/** A page of operations by state, cluster by cluster (see `Operations.list`). */
export async function listOperations(
  ctx: ProducerContext,
  { cluster, clusters: only, state, limit, cursor }: ListOptions,
): Promise<OperationPage> {
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw new OperationsError('InvalidCommand', 'limit must be an integer from 1 to 1000');
  }
  const names = (cluster ? [cluster] : (only ?? ctx.clusters)).filter((name) => ctx.queueOf(name));
  const types = state ? TYPES_BY_STATE[state] : ALL_TYPES;
  let { c, t, o } = decodeCursor(cursor);
  const items: Operation[] = [];
  while (c < names.length && items.length < limit) {
    const queue = ctx.queueOf(names[c]!);
    const type = types[t];
    if (type === undefined) {
      c++;
      t = 0;
      o = 0;
      continue;
    }
    const want = limit - items.length;
    // Ids only (a range read of one list or sorted set); the operations themselves by HMGET.
    const ids = await ctx.guard('list', () => queue.getRanges([type as 'waiting'], o, o + want - 1, false));
    // The state is the record's own; one moving between the range read and the HMGET is left out.
    const ops = (await readOperations(ctx, ids)).filter(
      (op): op is Operation => op !== undefined && (state === undefined || op.state === state),
    );
    items.push(...ops);
    if (ids.length < want) {
      t++;
      o = 0;
    } else {
      o += ids.length;
    }
  }
  return c < names.length ? { items, nextCursor: encodeCursor({ c, t, o }) } : { items };
}
