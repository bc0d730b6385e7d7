// Scenario 4: polling. `GET /v1/operations/{id}` of an operation whose queue holds a deep
// backlog (1,000,000 waiting in full mode) against one on an empty queue, A/B interleaved (p50
// ratio); and submits to another queue while pollers read operations of the deep queue,
// against the same submits without pollers. The backlog is written by a Lua script (BullMQ's
// job hash and wait-list entry per job, tiny data: what an O(queue) read scans is the list),
// as 1 M BullMQ adds would not fit the time budget.
import { type BenchContext, SMOKE_REQUESTS } from '../lib/context.js';
import { type LoadResult, load } from '../lib/load.js';
import { int, ms, type Row, r2 } from '../lib/report.js';
import { median, ratio, round } from '../lib/stats.js';
import { jobManifest } from '../lib/workload.js';
import { postJson } from './submit.js';

/** Writes `count` waiting jobs `fill-<first…>` as BullMQ's add script lays them out. */
const FILL = `
local base = ARGV[1]
local first = tonumber(ARGV[2])
local last = first + tonumber(ARGV[3]) - 1
for i = first, last do
  local id = 'fill-' .. i
  redis.call('HSET', base .. id, 'name', 'job.create', 'data', ARGV[4], 'opts', ARGV[5],
    'timestamp', ARGV[6], 'delay', '0', 'priority', '0')
  redis.call('LPUSH', KEYS[1], id)
end
return last - first + 1`;

const CHUNK = 20_000;
/** Longest the backlog may take to write in full mode; past it the run goes on with what is there. */
const FILL_BUDGET_MS = 90_000;

export async function pollingScenario(ctx: BenchContext): Promise<Row[]> {
  const p = ctx.sizes.polling;
  const base = await ctx.apiUrl();
  const headers = ctx.authHeaders();
  const body = JSON.stringify(jobManifest(3));
  // The polled operations: one per poller on the deep queue, one on the empty one.
  const deepIds: string[] = [];
  for (let i = 0; i < p.pollers; i++) {
    deepIds.push(
      String((await postJson(`${base}/v1/clusters/deep/namespaces/default/jobs`, headers, body)).json.id),
    );
  }
  const shallowId = String(
    (await postJson(`${base}/v1/clusters/shallow/namespaces/default/jobs`, headers, body)).json.id,
  );

  // The backlog.
  const waitKey = `${ctx.prefix}:ops-deep:wait`;
  const hashBase = `${ctx.prefix}:ops-deep:`;
  const sha = String(await ctx.redis.script('LOAD', FILL));
  const data = JSON.stringify({ v: 1, command: 'job.create', cluster: 'deep', filler: true });
  const opts = JSON.stringify({ attempts: 1 });
  const t0 = performance.now();
  let written = 0;
  while (written < p.deep && (ctx.smoke || performance.now() - t0 < FILL_BUDGET_MS)) {
    // Four scripts in flight: Redis runs them back to back while the next ones travel.
    const pipe = ctx.redis.pipeline();
    for (let k = 0; k < 4 && written < p.deep; k++) {
      const count = Math.min(CHUNK, p.deep - written);
      pipe.evalsha(sha, 1, waitKey, hashBase, written, count, data, opts, Date.now());
      written += count;
    }
    for (const [err] of (await pipe.exec()) ?? []) if (err) throw err;
  }
  const fillSeconds = (performance.now() - t0) / 1000;
  const depth = await ctx.redis.llen(waitKey);
  ctx.log(`polling: ${int(depth)} waiting written in ${fillSeconds.toFixed(1)} s`);

  const get = (id: string) =>
    load({ url: `${base}/v1/operations/${id}`, headers, connections: 1, ...ctx.span(p.getSeconds) });
  const submits = () =>
    load({
      url: `${base}/v1/namespaces/default/jobs`,
      method: 'POST',
      headers,
      body,
      connections: ctx.sizes.submit.connections,
      ...ctx.span(p.submitSeconds),
    });
  const withPollers = async () => {
    const [s, polls] = await Promise.all([
      submits(),
      load({
        url: `${base}/v1/operations/${deepIds[0]}`,
        headers,
        connections: p.pollers,
        paths: deepIds.map((id) => `/v1/operations/${id}`),
        ...ctx.span(p.submitSeconds),
      }),
    ]);
    return { submits: s, polls };
  };
  /** Waits until reads are fast again: the reads cut off at the end of a run still ran in Redis. */
  const settle = async () => {
    const until = Date.now() + 60_000;
    while (Date.now() < until) {
      const t = performance.now();
      await fetch(`${base}/v1/operations/${shallowId}`, { headers }).then((r) => r.text());
      if (performance.now() - t < 50) return;
    }
  };

  await get(shallowId);
  await get(deepIds[0]!);
  await settle();
  // Reads: many short pairs, the order swapped every pair, so a drift of the machine's load
  // (these are ~1 ms answers on a shared machine) falls on both alike.
  const reads: Array<{ deep: LoadResult; empty: LoadResult }> = [];
  for (let r = 0; r < p.readPairs; r++) {
    let deep: LoadResult;
    let empty: LoadResult;
    if (r % 2 === 0) {
      deep = await get(deepIds[0]!);
      await settle();
      empty = await get(shallowId);
    } else {
      empty = await get(shallowId);
      deep = await get(deepIds[0]!);
      await settle();
    }
    reads.push({ deep, empty });
  }
  const rounds: Array<{ alone: LoadResult; polled: LoadResult; polls: LoadResult }> = [];
  for (let r = 0; r < ctx.sizes.rounds; r++) {
    ctx.log(`polling: submit round ${r + 1}/${ctx.sizes.rounds}`);
    if (r % 2 === 0) {
      const alone = await submits();
      const { submits: polled, polls } = await withPollers();
      await settle();
      rounds.push({ alone, polled, polls });
    } else {
      const { submits: polled, polls } = await withPollers();
      await settle();
      rounds.push({ alone: await submits(), polled, polls });
    }
  }
  const deepP50 = median(reads.map((x) => x.deep.exactP50));
  const deepP99 = median(reads.map((x) => x.deep.exactP99));
  const emptyP50 = median(reads.map((x) => x.empty.exactP50));
  const slower = ratio(deepP50, emptyP50);
  const aloneRps = median(rounds.map((x) => x.alone.rps));
  const polledRps = median(rounds.map((x) => x.polled.rps));
  const polledP99 = median(rounds.map((x) => x.polled.p99));
  const aloneP99 = median(rounds.map((x) => x.alone.p99));
  const pollRps = median(rounds.map((x) => x.polls.rps));
  const underPollers = ratio(polledRps, aloneRps);
  const shortfall =
    depth < p.deep ? ` (${int(p.deep)} did not fit the ${FILL_BUDGET_MS / 1000} s fill budget)` : '';
  const pollStatuses = rounds.map((x) => x.polls.statuses);
  const submitStatuses = rounds.map((x) => x.polled.statuses);
  return [
    {
      id: 'polling-read',
      scenario: 'polling',
      path: `\`GET /v1/operations/{id}\` with ${int(depth)} operations waiting${shortfall}`,
      now: `p50 ${ms(deepP50)}, p99 ${ms(deepP99)}`,
      reference: `same with an empty queue: p50 ${ms(emptyP50)}`,
      ratio: `${r2(slower)}×`,
      target: '≤ 1.2× (O(1) in queue depth)',
      met: slower <= 1.2,
      figures: {
        depth,
        deepP50Ms: round(deepP50, 3),
        deepP99Ms: round(deepP99, 3),
        emptyP50Ms: round(emptyP50, 3),
        ratio: round(slower, 3),
        fillSeconds: round(fillSeconds, 1),
      },
      rounds: reads,
      notes: [
        `backlog of ${int(depth)} written in ${fillSeconds.toFixed(1)} s by a Lua script; one connection reading one operation, ${p.readPairs} interleaved pairs of ${ctx.smoke ? `${SMOKE_REQUESTS} reads` : `${p.getSeconds} s`}, medians of per-answer timings`,
      ],
    },
    {
      id: 'polling-submit',
      scenario: 'polling',
      path: `submits to another queue while ${p.pollers} pollers read operations of the deep queue`,
      now: `${int(polledRps)} req/s, p99 ${ms(polledP99)} (pollers got ${int(pollRps)} answers/s)`,
      reference: `without pollers: ${int(aloneRps)} req/s, p99 ${ms(aloneP99)}`,
      ratio: r2(underPollers),
      target: '≥ 0.8, never blocks Redis',
      met: underPollers >= 0.8,
      figures: {
        submitsWithPollersRps: round(polledRps),
        submitsAloneRps: round(aloneRps),
        submitsWithPollersP99Ms: polledP99,
        pollAnswersPerSecond: round(pollRps, 1),
        ratio: round(underPollers, 3),
      },
      rounds,
      notes: [
        `poll answers ${JSON.stringify(pollStatuses)}; submits under pollers ${JSON.stringify(submitStatuses)}`,
      ],
    },
  ];
}
