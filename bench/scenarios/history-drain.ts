// Scenario history-drain (issue 19, acceptance 4): the drain of `drain.ts` — 10,000 job creates
// waiting, run by the real workers (with their event publisher) against the devcluster at 20 ms
// latency, concurrency 64 — with the history recorder on (recording the event log into
// PostgreSQL in the same process, as a worker process does) against off, A/B interleaved, the
// order swapped every round; medians. Both paths publish events; only the recorder differs.
// Before an "on" round the recorder has caught up with the log, so it records that round's
// events only; after it, how long the history took to catch up is noted, and its rows counted.
import { Queue } from 'bullmq';
import { type Kysely, sql } from 'kysely';
import { createClusterRegistry } from '../../src/shared/cluster/index.js';
import { createDatabase, migrateToLatest, type Tables } from '../../src/shared/db/index.js';
import { createEventPublisher, eventLogKey } from '../../src/shared/events/event-log.js';
import { createLogger } from '../../src/shared/logger.js';
import { queueNameOf } from '../../src/shared/operations/index.js';
import { connectorForUrl, createRedis } from '../../src/shared/redis.js';
import { createCommandWorkers } from '../../src/worker/command-workers.js';
import {
  createHistoryRecorder,
  HISTORY_GROUP,
  type HistoryRecorder,
} from '../../src/worker/history-recorder.js';
import { type BenchContext, benchOperations, devclusterSpec } from '../lib/context.js';
import { int, type Row, r2 } from '../lib/report.js';
import { median, ratio, round } from '../lib/stats.js';
import { jobManifest } from '../lib/workload.js';
import { countdown, within } from './drain.js';

const CLUSTER = 'history';
const logger = createLogger({ level: 'silent' });

interface Result {
  rate: number;
  cpuUsPerCreate: number;
  /** On: seconds from the last create's success until the history had recorded everything. */
  catchUpSeconds?: number;
  /** On: Job rows recorded for this round's namespace. */
  recorded?: number;
}

export async function historyDrainScenario(ctx: BenchContext): Promise<Row[]> {
  const { creates, concurrency, latencyMs, rounds: roundCount, warmup } = ctx.sizes.historyDrain;
  const prefix = `${ctx.prefix}-history`;
  const dc = (await ctx.devcluster()).ready;
  const pg = await ctx.postgres();
  const database = createDatabase({ url: await pg.createDatabase(), poolSize: 4 });
  const db: Kysely<Tables> = database.db;
  await migrateToLatest(db);
  const redis = createRedis(ctx.redisUrl, 'worker');
  const clusters = createClusterRegistry([devclusterSpec(dc, CLUSTER, concurrency)], { logger });
  const { producer, operations } = await benchOperations({ redisUrl: ctx.redisUrl, prefix }, CLUSTER, logger);
  const control = new Queue(queueNameOf(CLUSTER), { connection: producer, prefix });
  let onSucceeded: (() => void) | undefined;
  const outcomes: Record<string, number> = {};
  const workers = createCommandWorkers({
    connector: connectorForUrl(ctx.redisUrl),
    prefix,
    clusters,
    logger,
    concurrency,
    events: createEventPublisher({ redis, prefix, historyLength: 100_000 }),
    onAttempt: (e) => {
      const k = e.outcome === 'succeeded' ? 'succeeded' : `${e.outcome}${e.code ? ` ${e.code}` : ''}`;
      outcomes[k] = (outcomes[k] ?? 0) + 1;
      if (e.outcome === 'succeeded') onSucceeded?.();
    },
  });
  let recorder: HistoryRecorder | undefined;
  const stream = eventLogKey(prefix);
  /** Resolves once the recorder has written and acknowledged every entry of the log. */
  const caughtUp = () =>
    within(
      (async () => {
        for (;;) {
          const [last] = (await redis.xrevrange(stream, '+', '-', 'COUNT', 1)) as Array<[string, string[]]>;
          const groups = ((await redis.xinfo('GROUPS', stream).catch(() => [])) as unknown[][]).map((g) => {
            const m: Record<string, unknown> = {};
            for (let i = 0; i < g.length; i += 2) m[String(g[i])] = g[i + 1];
            return m;
          });
          const g = groups.find((x) => x.name === HISTORY_GROUP);
          if (!last || (g && g['last-delivered-id'] === last[0] && g.pending === 0)) return;
          await new Promise((r) => setTimeout(r, 20));
        }
      })(),
      120_000,
      () => 'the history did not catch up with the event log',
    );
  let round_ = 0;
  const run = async (history: boolean, n: number): Promise<Result> => {
    const ns = `hdrain-${history ? 'on' : 'off'}-${++round_}`;
    await clusters
      .get(CLUSTER)!
      .run((apis) => apis.core.createNamespace({ body: { metadata: { name: ns } } }));
    if (history) {
      recorder ??= createHistoryRecorder({
        connector: connectorForUrl(ctx.redisUrl),
        prefix,
        db: database.db,
        logger,
      });
      await recorder.ready();
      await caughtUp();
    } else {
      await recorder?.close();
      recorder = undefined;
    }
    await control.pause();
    for (let i = 0; i < n; i += 1000) {
      await operations.enqueueBulk(
        Array.from({ length: Math.min(1000, n - i) }, (_, j) => ({
          cluster: CLUSTER,
          command: 'job.create' as const,
          payload: { namespace: ns, manifest: jobManifest(i + j, `h-${i + j}`) },
        })),
        { requestId: 'bench', principal: 'bench' },
      );
    }
    const finished = countdown(n);
    onSucceeded = finished.tick;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await control.resume();
    await within(
      finished.done,
      60_000 + n * 10,
      () => `the workers did not finish ${n} creates: ${JSON.stringify(outcomes)}`,
    );
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    onSucceeded = undefined;
    const result: Result = { rate: n / seconds, cpuUsPerCreate: (cpu.user + cpu.system) / n };
    if (history) {
      const t1 = performance.now();
      await caughtUp();
      result.catchUpSeconds = (performance.now() - t1) / 1000;
      const { rows } = await sql<{
        n: string;
      }>`select count(*) as n from history_jobs where namespace = ${ns}`.execute(db);
      result.recorded = Number(rows[0]?.n ?? 0);
    }
    return result;
  };
  try {
    await workers.ready();
    await run(true, warmup);
    await run(false, warmup);
    const results: Array<{ on: Result; off: Result }> = [];
    for (let r = 0; r < roundCount; r++) {
      ctx.log(`history-drain: round ${r + 1}/${roundCount}`);
      if (r % 2 === 0) {
        const on = await run(true, creates);
        results.push({ on, off: await run(false, creates) });
      } else {
        const off = await run(false, creates);
        results.push({ on: await run(true, creates), off });
      }
    }
    const on = median(results.map((x) => x.on.rate));
    const off = median(results.map((x) => x.off.rate));
    const rel = ratio(on, off);
    const recorded = Math.min(...results.map((x) => x.on.recorded ?? 0));
    const catchUp = median(results.map((x) => x.on.catchUpSeconds ?? Number.NaN));
    const notOk = Object.entries(outcomes).filter(([k]) => k !== 'succeeded');
    return [
      {
        id: 'history-drain',
        scenario: 'history-drain',
        path: `drain with the history recorder on, ${int(creates)} creates, API server at ${latencyMs} ms latency, concurrency ${concurrency}`,
        now: `${int(on)} creates/s`,
        reference: `the same drain with the recorder off (events still published): ${int(off)}/s`,
        ratio: r2(rel),
        target: '≥ 0.9',
        met: rel >= 0.9,
        figures: {
          onCreatesPerSecond: round(on),
          offCreatesPerSecond: round(off),
          ratio: round(rel, 3),
          onCpuUsPerCreate: round(median(results.map((x) => x.on.cpuUsPerCreate))),
          offCpuUsPerCreate: round(median(results.map((x) => x.off.cpuUsPerCreate))),
          catchUpSeconds: round(catchUp, 2),
          recordedMin: recorded,
        },
        rounds: results,
        notes: [
          `${roundCount} rounds (order swapped), medians; workers, event publisher and recorder in this process (as in a worker process), PostgreSQL and the devcluster in their own; per create one operation.succeeded event, written as an operation row and a Job row (Pending: the bench's devcluster leaves pods pending)`,
          `this process's CPU per create: ${int(median(results.map((x) => x.on.cpuUsPerCreate)))} µs with the recorder, ${int(median(results.map((x) => x.off.cpuUsPerCreate)))} µs without; the history had caught up ${catchUp.toFixed(2)} s after the last create (median), with ${int(recorded)} of ${int(creates)} Job rows in the round that recorded fewest`,
          ...(notOk.length ? [`attempts not succeeded: ${JSON.stringify(Object.fromEntries(notOk))}`] : []),
        ],
      },
    ];
  } finally {
    await recorder?.close();
    await workers.close();
    await control.close();
    await operations.close();
    producer.disconnect();
    redis.disconnect();
    await clusters.close();
    await database.close();
  }
}
