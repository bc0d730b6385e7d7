// Scenario 6: Redis bytes per retained completed operation. N creates through the API (the
// realistic manifest) on their own cluster queue, run to completion by the real workers against
// the devcluster, then `MEMORY USAGE … SAMPLES 0` of every key the run touched, before and after:
// the operation's own keys plus its share of the completed set is what grows without bound with
// retention (the target); the capped streams (BullMQ events, the audit trail) and INFO
// used_memory are shown beside it.

import { createClusterRegistry } from '../../src/shared/cluster/index.js';
import { createLogger } from '../../src/shared/logger.js';
import { connectorForUrl } from '../../src/shared/redis.js';
import { createCommandWorkers } from '../../src/worker/command-workers.js';
import { type BenchContext, devclusterSpec } from '../lib/context.js';
import { load } from '../lib/load.js';
import { int, type Row } from '../lib/report.js';
import { round } from '../lib/stats.js';
import { jobManifest } from '../lib/workload.js';
import { countdown, within } from './drain.js';

const CLUSTER = 'retain';
const logger = createLogger({ level: 'silent' });
/** Queues of other scenarios, whose many keys are not this scenario's business. */
const OTHER_QUEUES = /:(ops-bench|ops-deep|ops-shallow|ops-drain|ops-tokens|raw-[a-z]+|bare):/;

async function usedMemory(ctx: BenchContext): Promise<number> {
  const info = await ctx.redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? Number.NaN);
}

/** MEMORY USAGE (exact) of every key under the prefix but the other scenarios' queues. */
async function keySizes(ctx: BenchContext): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  let cursor = '0';
  do {
    const [next, keys] = await ctx.redis.scan(cursor, 'MATCH', `${ctx.prefix}:*`, 'COUNT', 5000);
    cursor = next;
    const mine = keys.filter((k) => !OTHER_QUEUES.test(k));
    if (mine.length === 0) continue;
    const pipe = ctx.redis.pipeline();
    for (const k of mine) pipe.call('MEMORY', 'USAGE', k, 'SAMPLES', '0');
    const answers = (await pipe.exec()) ?? [];
    mine.forEach((k, i) => {
      sizes.set(k, Number(answers[i]?.[1] ?? 0));
    });
  } while (cursor !== '0');
  return sizes;
}

export async function retentionScenario(ctx: BenchContext): Promise<Row[]> {
  const n = ctx.sizes.retention.operations;
  const dc = (await ctx.devcluster()).ready;
  const url = `${await ctx.apiUrl()}/v1/clusters/${CLUSTER}/namespaces/default/jobs`;
  const spec = devclusterSpec(dc, CLUSTER, 64);
  const clusters = createClusterRegistry([spec], { logger });
  const finished = countdown(n);
  const outcomes: Record<string, number> = {};
  const workers = createCommandWorkers({
    connector: connectorForUrl(ctx.redisUrl),
    prefix: ctx.prefix,
    clusters,
    logger,
    concurrency: 64,
    onAttempt: (e) => {
      outcomes[e.outcome] = (outcomes[e.outcome] ?? 0) + 1;
      if (e.outcome === 'succeeded') finished.tick();
    },
  });
  try {
    await workers.ready();
    const before = await keySizes(ctx);
    const usedBefore = await usedMemory(ctx);
    const res = await load({
      url,
      method: 'POST',
      headers: ctx.authHeaders(),
      body: JSON.stringify(jobManifest(7)),
      connections: 16,
      amount: n,
    });
    if (res.ok !== n) throw new Error(`${n} submits answered ${JSON.stringify(res.statuses)}`);
    await within(
      finished.done,
      60_000 + n * 10,
      () => `the operations did not complete: ${JSON.stringify(outcomes)}`,
    );
    // The last completion is written a moment after the attempt reports: wait for the set.
    const completed = `${ctx.prefix}:ops-${CLUSTER}:completed`;
    for (let i = 0; i < 100 && (await ctx.redis.zcard(completed)) < n; i++)
      await new Promise((r) => setTimeout(r, 50));
    const after = await keySizes(ctx);
    const usedAfter = await usedMemory(ctx);

    const groups = { operation: 0, completedSet: 0, events: 0, audit: 0, other: 0 };
    let operationKeys = 0;
    for (const [k, size] of after) {
      const delta = size - (before.get(k) ?? 0);
      const rest = k.slice(ctx.prefix.length + 1);
      if (rest.startsWith(`ops-${CLUSTER}:op_`)) {
        groups.operation += delta;
        operationKeys++;
      } else if (rest === `ops-${CLUSTER}:completed`) groups.completedSet += delta;
      else if (rest === `ops-${CLUSTER}:events`) groups.events += delta;
      else if (rest.includes('audit')) groups.audit += delta;
      else groups.other += delta;
    }
    const perOp = (groups.operation + groups.completedSet) / n;
    const capped = (groups.events + groups.audit) / n;
    const usedPerOp = (usedAfter - usedBefore) / n;
    return [
      {
        id: 'redis-retained',
        scenario: 'retention',
        path: 'Redis per retained completed operation',
        now: `${int(perOp)} B (its keys ${int(groups.operation / n)} B + completed-set entry ${int(groups.completedSet / n)} B)`,
        reference: `capped streams (events, audit) ${int(capped)} B/op this run; INFO used_memory delta ${int(usedPerOp)} B/op`,
        ratio: '—',
        target: '≤ 2 KB',
        met: perOp <= 2048,
        figures: {
          bytesPerOperation: round(perOp),
          operationKeyBytes: round(groups.operation / n),
          completedSetBytes: round(groups.completedSet / n),
          cappedStreamBytes: round(capped),
          otherBytes: round(groups.other / n),
          usedMemoryDeltaPerOperation: round(usedPerOp),
          operationKeysPerOperation: round(operationKeys / n, 2),
        },
        notes: [
          `${int(n)} operations created through the API with a ${Buffer.byteLength(JSON.stringify(jobManifest(7)))} B manifest and completed by the real workers; MEMORY USAGE SAMPLES 0 before and after; KB = 1,024 B`,
        ],
      },
    ];
  } finally {
    await workers.close();
    await clusters.close();
  }
}
