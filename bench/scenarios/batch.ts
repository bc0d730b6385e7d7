// Scenario 2: `POST /v1/batches` of 1,000 realistic items through the API against raw BullMQ
// adds of the same jobs (read back from what the API enqueued): `Queue.addBulk` (a pipeline, the
// issue's reference) and `FlowProducer.addBulk` (one MULTI/EXEC, what the API uses for atomicity).
import { FlowProducer, type JobsOptions, Queue } from 'bullmq';
import { type BenchContext, readyProducer } from '../lib/context.js';
import { load } from '../lib/load.js';
import { int, ms, type Row, r2 } from '../lib/report.js';
import { median, ratio, round } from '../lib/stats.js';
import { jobManifest } from '../lib/workload.js';
import { postJson } from './submit.js';

interface StoredJob {
  name: string;
  data: unknown;
  opts: JobsOptions;
}

export interface BatchOptions {
  /** Write the API's CPU profile of the measured rounds here. */
  profileFile?: string;
}

export async function batchScenario(ctx: BenchContext, options: BatchOptions = {}): Promise<Row[]> {
  const { items: count, batchesPerRound } = ctx.sizes.batch;
  const url = `${await ctx.apiUrl()}/v1/batches`;
  const headers = ctx.authHeaders();
  const body = JSON.stringify({
    items: Array.from({ length: count }, (_, i) => ({ namespace: 'default', job: jobManifest(i) })),
  });
  const bodyBytes = Buffer.byteLength(body);

  // One batch first: warms the path and gives the jobs the references add.
  const first = await postJson(url, headers, body);
  const ids = (first.json.operations as Array<{ id: string }>).map((o) => o.id);
  const pipe = ctx.redis.pipeline();
  for (const id of ids) pipe.hmget(`${ctx.prefix}:ops-bench:${id}`, 'name', 'data', 'opts');
  const jobs: StoredJob[] = ((await pipe.exec()) ?? []).map(([err, v]) => {
    if (err) throw err;
    const [name, data, opts] = v as [string, string, string];
    const o = JSON.parse(opts ?? '{}') as Record<string, unknown>;
    const picked: Record<string, unknown> = {};
    for (const k of ['attempts', 'backoff', 'removeOnComplete', 'removeOnFail']) if (k in o) picked[k] = o[k];
    return { name, data: JSON.parse(data), opts: picked as JobsOptions };
  });

  const connection = await readyProducer(ctx.redisUrl);
  const queue = new Queue('raw-batch', { connection, prefix: ctx.prefix });
  const flows = new FlowProducer({ connection, prefix: ctx.prefix });
  let seq = 0;
  const rawBulk = async () => {
    const t0 = performance.now();
    for (let b = 0; b < batchesPerRound; b++) {
      const tag = `b${seq++}`;
      await queue.addBulk(
        jobs.map((j, i) => ({ name: j.name, data: j.data, opts: { ...j.opts, jobId: `${tag}-${i}` } })),
      );
    }
    return (batchesPerRound * count) / ((performance.now() - t0) / 1000);
  };
  const rawFlow = async () => {
    const t0 = performance.now();
    for (let b = 0; b < batchesPerRound; b++) {
      const tag = `f${seq++}`;
      await flows.addBulk(
        jobs.map((j, i) => ({
          name: j.name,
          queueName: 'raw-flow',
          data: j.data,
          opts: { ...j.opts, jobId: `${tag}-${i}` },
        })),
      );
    }
    return (batchesPerRound * count) / ((performance.now() - t0) / 1000);
  };
  const viaApi = async () => {
    const t0 = performance.now();
    const res = await load({
      url,
      method: 'POST',
      headers,
      body,
      connections: 1,
      amount: batchesPerRound,
      timeoutS: 60,
    });
    const seconds = (performance.now() - t0) / 1000;
    return {
      jobsPerSecond: (res.ok * count) / seconds,
      latencyMs: (seconds * 1000) / batchesPerRound,
      statuses: res.statuses,
    };
  };
  const api = await ctx.api();
  try {
    await rawBulk();
    await rawFlow();
    if (options.profileFile) await api.call('profileStart');
    const rounds: Array<{ api: Awaited<ReturnType<typeof viaApi>>; addBulk: number; flow: number }> = [];
    for (let r = 0; r < ctx.sizes.rounds; r++) {
      ctx.log(`batch: round ${r + 1}/${ctx.sizes.rounds}`);
      if (r % 2 === 0) {
        const api = await viaApi();
        rounds.push({ api, addBulk: await rawBulk(), flow: await rawFlow() });
      } else {
        const flow = await rawFlow();
        const addBulk = await rawBulk();
        rounds.push({ api: await viaApi(), addBulk, flow });
      }
    }
    if (options.profileFile) await api.call('profileStop', options.profileFile);
    const apiRate = median(rounds.map((x) => x.api.jobsPerSecond));
    const bulkRate = median(rounds.map((x) => x.addBulk));
    const flowRate = median(rounds.map((x) => x.flow));
    const latency = median(rounds.map((x) => x.api.latencyMs));
    const ofBulk = ratio(apiRate, bulkRate);
    const refused = rounds.filter((x) => Object.keys(x.api.statuses).some((s) => !s.startsWith('2')));
    return [
      {
        id: 'batch',
        scenario: 'batch',
        path: `\`POST /v1/batches\` (${int(count)} items)`,
        now: `${int(apiRate)} jobs/s (${ms(latency)} per batch)`,
        reference: `raw \`addBulk\` of the same jobs: ${int(bulkRate)} jobs/s; raw \`FlowProducer.addBulk\` (MULTI/EXEC): ${int(flowRate)} jobs/s`,
        ratio: `${r2(ofBulk)} (${r2(ratio(apiRate, flowRate))} of the flow producer)`,
        target: '≥ 0.8',
        met: ofBulk >= 0.8,
        figures: {
          apiJobsPerSecond: round(apiRate),
          msPerBatch: round(latency, 1),
          addBulkJobsPerSecond: round(bulkRate),
          flowJobsPerSecond: round(flowRate),
          ratioOfAddBulk: round(ofBulk, 3),
          ratioOfFlow: round(ratio(apiRate, flowRate), 3),
          bodyBytes,
        },
        rounds,
        notes: [
          `${int(bodyBytes)} B body; ${batchesPerRound} batch(es) one after another per round on one connection, ${ctx.sizes.rounds} rounds, medians`,
          ...(refused.length
            ? [`the API refused batches: ${JSON.stringify(refused.map((x) => x.api.statuses))}`]
            : []),
        ],
      },
    ];
  } finally {
    await flows.close();
    await queue.close();
    connection.disconnect();
  }
}
