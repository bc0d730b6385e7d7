// Scenario 1 (submit) and 5 (API RSS): `POST /v1/namespaces/{ns}/jobs` through the production
// API in its own process (auth on, a real key file, a ~1 KB manifest, 64 connections) against a
// bare node:http server in its own process doing one `queue.add` of the same size, A/B
// interleaved; plus raw `queue.add` from this process. The API's RSS is sampled throughout.
import { randomUUID } from 'node:crypto';
import { type JobsOptions, Queue } from 'bullmq';
import { type BenchContext, readyProducer, SMOKE_REQUESTS } from '../lib/context.js';
import { type LoadResult, load } from '../lib/load.js';
import { int, ms, type Row, r2 } from '../lib/report.js';
import { median, ratio, round } from '../lib/stats.js';
import { jobManifest } from '../lib/workload.js';

const MiB = 2 ** 20;

/** BullMQ keeps these options under their own names in the job hash's `opts`. */
function reusableOpts(stored: string | null): JobsOptions {
  const o = (stored ? JSON.parse(stored) : {}) as Record<string, unknown>;
  const picked: Record<string, unknown> = {};
  for (const k of ['attempts', 'backoff', 'removeOnComplete', 'removeOnFail']) if (k in o) picked[k] = o[k];
  return picked as JobsOptions;
}

/** Posts once and returns the answer, throwing on anything but 2xx. */
export async function postJson(url: string, headers: Record<string, string>, body: string) {
  const res = await fetch(url, { method: 'POST', headers, body });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST ${url} answered ${res.status}: ${text.slice(0, 300)}`);
  return { text, json: JSON.parse(text) as Record<string, unknown> };
}

/** Adds `total` jobs with `width` adds in flight at once; adds per second. */
async function rawAdds(
  queue: Queue,
  total: number,
  width: number,
  job: { name: string; data: unknown; opts: JobsOptions },
) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next++ < total) await queue.add(job.name, job.data, { ...job.opts, jobId: randomUUID() });
    }),
  );
  return total / ((performance.now() - started) / 1000);
}

export interface SubmitOptions {
  /** Write the API's CPU profile of the measured runs here. */
  profileFile?: string;
}

export async function submitScenario(ctx: BenchContext, options: SubmitOptions = {}): Promise<Row[]> {
  const { sizes } = ctx;
  const s = sizes.submit;
  const [api, bare] = await Promise.all([ctx.api(), ctx.bare()]);
  // Idle first; the peak then covers the whole scenario, warm-ups included.
  const idle = await api.call<{ rss: number }>('memory');
  await api.call('resetPeak');
  const url = `${await ctx.apiUrl()}/v1/namespaces/default/jobs`;
  const bareUrl = `http://127.0.0.1:${bare.ready.port}/v1/namespaces/default/jobs`;
  const headers = ctx.authHeaders();
  const body = JSON.stringify(jobManifest(1));

  // What the API enqueues for this body, so the references add the same.
  const first = await postJson(url, headers, body);
  const id = String(first.json.id);
  const [name, data, opts] = await ctx.redis.hmget(`${ctx.prefix}:ops-bench:${id}`, 'name', 'data', 'opts');
  if (!name || !data) throw new Error(`the API's job ${id} is not in Redis under ${ctx.prefix}:ops-bench`);
  const job = { name, data: JSON.parse(data) as Record<string, unknown>, opts: reusableOpts(opts ?? null) };
  const dataBytes = Buffer.byteLength(data);
  const answerBytes = Buffer.byteLength(first.text);
  await bare.call('configure', { ...job, dataBytes, answerBytes });
  const rawConnection = await readyProducer(ctx.redisUrl);
  const rawQueue = new Queue('raw-submit', { connection: rawConnection, prefix: ctx.prefix });

  const run = (target: string, seconds: number) =>
    load({ url: target, method: 'POST', headers, body, connections: s.connections, ...ctx.span(seconds) });
  try {
    // Warm both servers (and this client) alike, so the JIT's first rounds count against neither.
    if (!ctx.smoke) {
      await run(url, s.warmupSeconds);
      await run(bareUrl, s.warmupSeconds);
    }
    await rawAdds(rawQueue, Math.min(1000, s.rawAdds), s.connections, job);
    if (options.profileFile) await api.call('profileStart');
    const rounds: Array<{ api: LoadResult; bare: LoadResult; rawAddsPerSecond: number }> = [];
    for (let r = 0; r < sizes.rounds; r++) {
      ctx.log(`submit: round ${r + 1}/${sizes.rounds}`);
      // A/B interleaved, the order swapped every round so drift of the machine cancels out.
      let apiResult: LoadResult;
      let bareResult: LoadResult;
      if (r % 2 === 0) {
        apiResult = await run(url, s.seconds);
        bareResult = await run(bareUrl, s.seconds);
      } else {
        bareResult = await run(bareUrl, s.seconds);
        apiResult = await run(url, s.seconds);
      }
      const rawAddsPerSecond = await rawAdds(rawQueue, s.rawAdds, s.connections, job);
      rounds.push({ api: apiResult, bare: bareResult, rawAddsPerSecond });
    }
    if (options.profileFile) await api.call('profileStop', options.profileFile);
    const memory = await api.call<{ rss: number; peakRss: number; peakHeap: number }>('memory');

    const apiRps = median(rounds.map((x) => x.api.rps));
    const bareRps = median(rounds.map((x) => x.bare.rps));
    const rawRps = median(rounds.map((x) => x.rawAddsPerSecond));
    const p50 = median(rounds.map((x) => x.api.p50));
    const p99 = median(rounds.map((x) => x.api.p99));
    const bareP99 = median(rounds.map((x) => x.bare.p99));
    const ofBare = ratio(apiRps, bareRps);
    const ofRaw = ratio(apiRps, rawRps);
    const refused = rounds.reduce((n, x) => n + x.api.non2xx + x.api.errors + x.api.timeouts, 0);
    const notes = [
      `API ${body.length} B body, enqueues ${dataBytes} B of job data and answers ${answerBytes} B; the bare server adds the same ${dataBytes} B and answers ${answerBytes} B; ${s.connections} connections, ${sizes.rounds} rounds of ${ctx.smoke ? `${SMOKE_REQUESTS} requests` : `${s.seconds} s`}, medians`,
    ];
    if (options.profileFile) {
      notes.push(
        'the API was profiled (V8 sampling every 250 µs): its figures and RSS are not comparable to an unprofiled run',
      );
    }
    if (refused)
      notes.push(
        `the API answered ${refused} requests with other than 2xx or not at all: ${JSON.stringify(rounds.map((x) => x.api.statuses))}`,
      );
    const peakRssMiB = memory.peakRss / MiB;
    const idleRssMiB = idle.rss / MiB;
    return [
      {
        id: 'submit',
        scenario: 'submit',
        path: '`POST /v1/namespaces/{ns}/jobs`',
        now: `${int(apiRps)} req/s, p50 ${ms(p50)}, p99 ${ms(p99)}`,
        reference: `bare \`node:http\` server doing the same \`queue.add\`: ${int(bareRps)} req/s, p99 ${ms(bareP99)}; raw \`queue.add\` from one process: ${int(rawRps)}/s`,
        ratio: `${r2(ofBare)} of bare HTTP (${r2(ofRaw)} of raw add)`,
        target: '≥ 0.6 of bare HTTP, p99 ≤ 25 ms',
        met: ofBare >= 0.6 && p99 <= 25,
        figures: {
          apiRps: round(apiRps),
          apiP50Ms: p50,
          apiP99Ms: p99,
          bareRps: round(bareRps),
          bareP99Ms: bareP99,
          rawAddsPerSecond: round(rawRps),
          ratioOfBare: round(ofBare, 3),
          ratioOfRaw: round(ofRaw, 3),
        },
        rounds,
        notes,
      },
      {
        id: 'rss',
        scenario: 'submit',
        path: 'API RSS peak during the submit run',
        now: `${int(peakRssMiB)} MiB (${int(idleRssMiB)} idle), heap peak ${int(memory.peakHeap / MiB)} MiB`,
        reference: '—',
        ratio: '—',
        target: '≤ 200 MiB',
        met: peakRssMiB <= 200,
        figures: {
          peakRssMiB: round(peakRssMiB, 1),
          idleRssMiB: round(idleRssMiB, 1),
          peakHeapMiB: round(memory.peakHeap / MiB, 1),
        },
        notes: ['the API runs as its own process; its RSS sampled every 20 ms by itself'],
      },
    ];
  } finally {
    await rawQueue.close();
    rawConnection.disconnect();
  }
}
