// Scenario 3: drain. 10,000 job creates waiting in the queue, run by the real workers
// (src/worker/command-workers.ts) against the devcluster in its own process at 20 ms latency,
// concurrency 64 — against direct `createNamespacedJob` calls through the same cluster client
// (src/shared/cluster, `ClusterClient.run`) at concurrency 64: the gap is the worker's own
// cost (BullMQ per job, our record writes, the read-backs).
import { Queue } from 'bullmq';
import { type ClusterSpec, createClusterRegistry } from '../../src/shared/cluster/index.js';
import { createLogger } from '../../src/shared/logger.js';
import { createOperations, queueNameOf } from '../../src/shared/operations/index.js';
import { createRedis } from '../../src/shared/redis.js';
import { type AttemptEvent, createCommandWorkers } from '../../src/worker/command-workers.js';
import type { BenchContext } from '../lib/context.js';
import { int, type Row, r2 } from '../lib/report.js';
import { median, ratio, round } from '../lib/stats.js';
import { jobManifest } from '../lib/workload.js';

const CLUSTER = 'drain';
const logger = createLogger({ level: 'silent' });

/** Runs `task(i)` for i < n with `width` in flight; seconds taken. */
export async function pool(n: number, width: number, task: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < n) await task(next++);
    }),
  );
  return (performance.now() - t0) / 1000;
}

/** Resolves once `target` ticks have come. */
export function countdown(target: number) {
  let n = 0;
  let resolve!: () => void;
  const done = new Promise<void>((r) => {
    resolve = r;
  });
  if (target <= 0) resolve();
  return {
    done,
    tick() {
      if (++n === target) resolve();
      return n;
    },
  };
}

/** `promise`, or a rejection naming `what` after `ms`: a stuck run fails instead of hanging. */
export function within<T>(promise: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what()} (after ${ms} ms)`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** The management labels the API would add (the direct path sends the same bytes). */
const labelled = (manifest: ReturnType<typeof jobManifest>) => ({
  ...manifest,
  metadata: {
    ...manifest.metadata,
    labels: {
      ...manifest.metadata.labels,
      'app.kubernetes.io/managed-by': 'eks-jobs',
      'eks-jobs/operation': 'op_bench',
    },
  },
});

export async function drainScenario(ctx: BenchContext): Promise<Row[]> {
  const { creates, concurrency, latencyMs, rounds: roundCount, warmup } = ctx.sizes.drain;
  const dc = (await ctx.devcluster()).ready;
  const spec: ClusterSpec = {
    name: CLUSTER,
    provider: 'static',
    server: dc.url,
    caData: Buffer.from(dc.caPem).toString('base64'),
    token: dc.token,
    concurrency,
    default: true,
  };
  // Two registries: the workers' and the direct path's, each with its own keep-alive pool.
  const workerClusters = createClusterRegistry([spec], { logger });
  const directClusters = createClusterRegistry([spec], { logger });
  const direct = directClusters.get(CLUSTER)!;
  const producer = createRedis(ctx.redisUrl, 'producer');
  if (producer.status !== 'ready') await new Promise((r) => producer.once('ready', r));
  const operations = createOperations({
    redis: producer,
    prefix: ctx.prefix,
    clusters: [CLUSTER],
    retentionMs: 3_600_000,
    logger,
  });
  const control = new Queue(queueNameOf(CLUSTER), { connection: producer, prefix: ctx.prefix });
  let onSucceeded: (() => void) | undefined;
  const outcomes: Record<string, number> = {};
  const workers = createCommandWorkers({
    redisUrl: ctx.redisUrl,
    prefix: ctx.prefix,
    clusters: workerClusters,
    logger,
    concurrency,
    onAttempt: (e: AttemptEvent) => {
      const k = e.outcome === 'succeeded' ? 'succeeded' : `${e.outcome}${e.code ? ` ${e.code}` : ''}`;
      outcomes[k] = (outcomes[k] ?? 0) + 1;
      if (e.outcome === 'succeeded') onSucceeded?.();
    },
  });
  let round_ = 0;
  const namespace = async (kind: string) => {
    const name = `drain-${kind}-${round_}`;
    await direct.run((apis) => apis.core.createNamespace({ body: { metadata: { name } } }));
    return name;
  };
  /** Fills the paused queue, then times the workers from resume to the last success. */
  const viaWorkers = async (n: number) => {
    const ns = await namespace('w');
    await control.pause();
    for (let i = 0; i < n; i += 1000) {
      await operations.enqueueBulk(
        Array.from({ length: Math.min(1000, n - i) }, (_, j) => ({
          cluster: CLUSTER,
          command: 'job.create' as const,
          payload: { namespace: ns, manifest: jobManifest(i + j, `w-${i + j}`) },
        })),
        { requestId: 'bench', principal: 'bench' },
      );
    }
    const finished = countdown(n);
    onSucceeded = finished.tick;
    const t0 = performance.now();
    await control.resume();
    await within(
      finished.done,
      60_000 + n * 10,
      () => `the workers did not finish ${n} creates: ${JSON.stringify(outcomes)}`,
    );
    const seconds = (performance.now() - t0) / 1000;
    onSucceeded = undefined;
    return n / seconds;
  };
  const viaDirect = async (n: number) => {
    const ns = await namespace('d');
    const seconds = await pool(n, concurrency, (i) =>
      direct.run((apis) =>
        apis.batch.createNamespacedJob({ namespace: ns, body: labelled(jobManifest(i, `d-${i}`)) }),
      ),
    );
    return n / seconds;
  };
  try {
    await workers.ready();
    // Warm both paths alike (JIT, keep-alive connections, the devcluster's own code).
    await viaWorkers(warmup);
    await viaDirect(warmup);
    const rounds: Array<{ workers: number; direct: number }> = [];
    for (let r = 0; r < roundCount; r++) {
      round_ = r + 1;
      ctx.log(`drain: round ${r + 1}/${roundCount}`);
      if (r % 2 === 0) {
        const w = await viaWorkers(creates);
        rounds.push({ workers: w, direct: await viaDirect(creates) });
      } else {
        const d = await viaDirect(creates);
        rounds.push({ workers: await viaWorkers(creates), direct: d });
      }
    }
    const w = median(rounds.map((x) => x.workers));
    const d = median(rounds.map((x) => x.direct));
    const rel = ratio(w, d);
    const notOk = Object.entries(outcomes).filter(([k]) => k !== 'succeeded');
    return [
      {
        id: 'drain',
        scenario: 'drain',
        path: `drain, ${int(creates)} creates, API server at ${latencyMs} ms latency, concurrency ${concurrency}`,
        now: `${int(w)} creates/s`,
        reference: `direct \`createNamespacedJob\` (same cluster client) at concurrency ${concurrency}: ${int(d)}/s`,
        ratio: r2(rel),
        target: '≥ 0.9',
        met: rel >= 0.9,
        figures: { workerCreatesPerSecond: round(w), directCreatesPerSecond: round(d), ratio: round(rel, 3) },
        rounds,
        notes: [
          `${roundCount} rounds (order swapped), medians; the devcluster runs in its own process; workers timed from queue resume to the last success, the queue filled beforehand through the producer (enqueueBulk); ceiling at this latency ${int((concurrency * 1000) / latencyMs)}/s`,
          ...(notOk.length ? [`attempts not succeeded: ${JSON.stringify(Object.fromEntries(notOk))}`] : []),
        ],
      },
    ];
  } finally {
    await workers.close();
    await control.close();
    await operations.close();
    producer.disconnect();
    await workerClusters.close();
    await directClusters.close();
  }
}
