// Scenario 3: drain. 10,000 job creates waiting in the queue, run by the real workers
// (src/worker/command-workers.ts) against the devcluster in its own process at 20 ms latency,
// concurrency 64 — against direct `createNamespacedJob` calls through the same cluster client
// (src/shared/cluster, `ClusterClient.run`) at concurrency 64: the gap is the worker's own
// cost (BullMQ per job, our record writes, the read-backs).

import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { Queue } from 'bullmq';
import { createClusterRegistry } from '../../src/shared/cluster/index.js';
import { createLogger } from '../../src/shared/logger.js';
import { queueNameOf } from '../../src/shared/operations/index.js';
import { connectorForUrl } from '../../src/shared/redis.js';
import { type AttemptEvent, createCommandWorkers } from '../../src/worker/command-workers.js';
import { type BenchContext, benchOperations, devclusterSpec } from '../lib/context.js';
import { idleShare, origin, topFunctions } from '../lib/profile.js';
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

/** Where the profile of a path goes: `BENCH_DRAIN_PROFILE` for the workers, `…-direct` beside it. */
function profileFile(path: 'workers' | 'direct'): string | undefined {
  const file = process.env.BENCH_DRAIN_PROFILE;
  if (!file || path === 'workers') return file;
  return `${file.replace(/\.cpuprofile$/, '')}-direct.cpuprofile`;
}

/**
 * CPU profile of this process while `fn` runs, when `BENCH_DRAIN_PROFILE` names a file:
 * `BENCH_DRAIN_PROFILE=bench/results/drain-worker.cpuprofile npm run bench -- --only drain`.
 * The workers' rounds and the direct rounds each get their own file (the last round of each).
 */
async function profiled<T>(file: string | undefined, fn: () => Promise<T>): Promise<T> {
  if (!file) return fn();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 250 });
  await session.post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    writeFileSync(file, JSON.stringify(profile));
  }
}

/** Self time per origin (package, Node, src folder, GC) in µs per create. */
function microsPerCreate(file: string, n: number): Map<string, number> {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as {
    nodes: Array<{ id: number; callFrame: { functionName: string; url: string } }>;
    samples: number[];
    timeDeltas: number[];
  };
  const byId = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const by = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const f = byId.get(id);
    if (!f || f.functionName === '(idle)') return;
    const key = origin(f.url, f.functionName);
    by.set(key, (by.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / n);
  });
  return by;
}

/** The profiles' top entries and where the workers spend more than the direct path, as note lines. */
function profileNotes(n: number): string[] {
  const file = profileFile('workers');
  const directFile = profileFile('direct');
  if (!file || !directFile) return [];
  const pct = (e: { self: string; percent: number }) => `${e.percent.toFixed(1)} % ${e.self}`;
  const w = microsPerCreate(file, n);
  const d = microsPerCreate(directFile, n);
  const extra = [...new Set([...w.keys(), ...d.keys()])]
    .map((k) => ({ k, us: (w.get(k) ?? 0) - (d.get(k) ?? 0) }))
    .sort((a, b) => b.us - a.us)
    .slice(0, 12);
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  return [
    `profiled (${file}, ${directFile}; sampling slows both): busy CPU per create ${int(sum(w))} µs with the workers, ${int(sum(d))} µs direct; the workers' extra by origin, µs per create: ${extra.map((e) => `${e.k} ${e.us.toFixed(0)}`).join('; ')}`,
    `workers' top functions (idle ${(100 * idleShare(file)).toFixed(0)} %): ${topFunctions(file, 25).map(pct).join('; ')}`,
  ];
}

/** This process's CPU time, Redis's CPU time and commands: less noisy than rates on a shared machine. */
async function costs(ctx: BenchContext) {
  const info = await ctx.redis.info();
  const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? Number.NaN);
  const cpu = process.cpuUsage();
  return {
    cpuUs: cpu.user + cpu.system,
    redisCpuUs: (field('used_cpu_user') + field('used_cpu_sys')) * 1e6,
    commands: field('total_commands_processed'),
  };
}

/** Runs `fn`, the timed part of a path doing `n` creates (it answers seconds), and what each create cost. */
async function measured(ctx: BenchContext, n: number, file: string | undefined, fn: () => Promise<number>) {
  const before = await costs(ctx);
  const seconds = await profiled(file, fn);
  const after = await costs(ctx);
  return {
    rate: n / seconds,
    cpuUsPerCreate: (after.cpuUs - before.cpuUs) / n,
    redisCpuUsPerCreate: (after.redisCpuUs - before.redisCpuUs) / n,
    commandsPerCreate: (after.commands - before.commands) / n,
  };
}

export async function drainScenario(ctx: BenchContext): Promise<Row[]> {
  const { creates, concurrency, latencyMs, rounds: roundCount, warmup } = ctx.sizes.drain;
  const dc = (await ctx.devcluster()).ready;
  const spec = devclusterSpec(dc, CLUSTER, concurrency);
  // Two registries: the workers' and the direct path's, each with its own keep-alive pool.
  const workerClusters = createClusterRegistry([spec], { logger });
  const directClusters = createClusterRegistry([spec], { logger });
  const direct = directClusters.get(CLUSTER)!;
  const { producer, operations } = await benchOperations(ctx, CLUSTER, logger);
  const control = new Queue(queueNameOf(CLUSTER), { connection: producer, prefix: ctx.prefix });
  let onSucceeded: (() => void) | undefined;
  const outcomes: Record<string, number> = {};
  const workers = createCommandWorkers({
    connector: connectorForUrl(ctx.redisUrl),
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
    // Timed (and costed): from resume to the last success, the fill left out.
    return measured(ctx, n, profileFile('workers'), async () => {
      const finished = countdown(n);
      onSucceeded = finished.tick;
      const t0 = performance.now();
      await control.resume();
      await within(
        finished.done,
        60_000 + n * 10,
        () => `the workers did not finish ${n} creates: ${JSON.stringify(outcomes)}`,
      );
      onSucceeded = undefined;
      return (performance.now() - t0) / 1000;
    });
  };
  const viaDirect = async (n: number) => {
    const ns = await namespace('d');
    return measured(ctx, n, profileFile('direct'), () =>
      pool(n, concurrency, (i) =>
        direct.run((apis) =>
          apis.batch.createNamespacedJob({ namespace: ns, body: labelled(jobManifest(i, `d-${i}`)) }),
        ),
      ),
    );
  };
  try {
    await workers.ready();
    // Warm both paths alike (JIT, keep-alive connections, the devcluster's own code).
    await viaWorkers(warmup);
    await viaDirect(warmup);
    type Cost = Awaited<ReturnType<typeof measured>>;
    const costRounds: Array<{ workers: Cost; direct: Cost }> = [];
    const runWorkers = () => viaWorkers(creates);
    const runDirect = () => viaDirect(creates);
    for (let r = 0; r < roundCount; r++) {
      round_ = r + 1;
      ctx.log(`drain: round ${r + 1}/${roundCount}`);
      if (r % 2 === 0) {
        const w = await runWorkers();
        costRounds.push({ workers: w, direct: await runDirect() });
      } else {
        const d = await runDirect();
        costRounds.push({ workers: await runWorkers(), direct: d });
      }
    }
    const rounds = costRounds.map((x) => ({ workers: x.workers.rate, direct: x.direct.rate }));
    const w = median(rounds.map((x) => x.workers));
    const d = median(rounds.map((x) => x.direct));
    const per = (path: 'workers' | 'direct', k: Exclude<keyof Cost, 'rate'>) =>
      median(costRounds.map((x) => x[path][k]));
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
        figures: {
          workerCreatesPerSecond: round(w),
          directCreatesPerSecond: round(d),
          ratio: round(rel, 3),
          workerCpuUsPerCreate: round(per('workers', 'cpuUsPerCreate')),
          directCpuUsPerCreate: round(per('direct', 'cpuUsPerCreate')),
          workerRedisCpuUsPerCreate: round(per('workers', 'redisCpuUsPerCreate')),
          workerRedisCommandsPerCreate: round(per('workers', 'commandsPerCreate'), 1),
        },
        rounds: costRounds,
        notes: [
          `${roundCount} rounds (order swapped), medians; the devcluster runs in its own process; workers timed from queue resume to the last success, the queue filled beforehand through the producer (enqueueBulk); ceiling at this latency ${int((concurrency * 1000) / latencyMs)}/s`,
          `cost per create (medians; CPU time does not move with the machine's load as rates do): this process ${int(per('workers', 'cpuUsPerCreate'))} µs CPU with the workers, ${int(per('direct', 'cpuUsPerCreate'))} µs direct; Redis ${int(per('workers', 'redisCpuUsPerCreate'))} µs CPU and ${per('workers', 'commandsPerCreate').toFixed(1)} commands with the workers (${per('direct', 'commandsPerCreate').toFixed(1)} direct)`,
          ...profileNotes(creates),
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
