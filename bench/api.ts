// HTTP submit rate of the API against raw BullMQ `queue.add` on the same Redis, in one run.
// The API path does everything a real submit does (validation, name resolution, labels, queue
// depth check, enqueue, response) over real HTTP with keep-alive; the raw path is `queue.add` of
// the same envelope size. No worker runs, so both measure the producer side only.
// Load: a bounded loop of `concurrency` clients in this process (no load-tool dependency), so the
// client's own CPU is in the HTTP figure: the "HTTP floor" line measures that client against a bare
// node:http server answering the same 202, so the gap that is the API's own work shows apart.

import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { Queue } from 'bullmq';
import { Agent, request } from 'undici';
import { composeApi } from '../src/api/compose.js';
import { createHttpServer } from '../src/api/http-server.js';
import { parseConfig } from '../src/shared/config.js';
import { createLogger } from '../src/shared/logger.js';
import { createRedis } from '../src/shared/redis.js';
import { startRedis } from '../test/support/redis.js';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '5000' },
    concurrency: { type: 'string', default: '64' },
    warmup: { type: 'string', default: '1000' },
  },
});
const total = Number(values.requests);
const concurrency = Number(values.concurrency);
// Each path is warmed up alike, so the JIT's first rounds do not count against one of them.
const warmup = Number(values.warmup);

async function bounded(n: number, fn: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) await fn(next++);
    }),
  );
  return (performance.now() - started) / 1000;
}

const redisServer = await startRedis();
const logger = createLogger({ level: 'silent' });
const config = parseConfig({
  REDIS_URL: redisServer.url,
  QUEUE_PREFIX: 'bench',
  EKS_JOBS_INSECURE_NO_AUTH: 'true',
  MAX_QUEUE_DEPTH: String(total * 10),
  LOG_LEVEL: 'silent',
});
// The API as main.ts composes it; the cluster is never contacted by submits, so a placeholder
// endpoint is enough.
const api = composeApi(config, {
  logger,
  clusterSpecs: [{ name: 'bench', provider: 'static', server: 'https://127.0.0.1:1', token: 'x' }],
});
await new Promise((resolve) => api.redis.once('ready', resolve));
const http = createHttpServer({ logger });
const { port } = await http.listen(api.app.fetch, { port: 0, hostname: '127.0.0.1' });
const dispatcher = new Agent({ connections: concurrency, keepAliveTimeout: 10_000 });

const job = (i: number) => ({ name: `bench-${i}`, image: 'busybox:1.36', command: ['sh', '-c', 'echo hi'] });

const post = async (target: number, i: number): Promise<number> => {
  const res = await request(`http://127.0.0.1:${target}/v1/namespaces/default/jobs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(job(i)),
    dispatcher,
  });
  await res.body.dump();
  return res.statusCode;
};

await bounded(warmup, (i) => post(port, 1_000_000 + i).then(() => {}));
let non202 = 0;
const httpSeconds = await bounded(total, async (i) => {
  if ((await post(port, i)) !== 202) non202++;
});

// The same client against a server that only parses the body and answers a 202 of the same size.
let answer = '';
const floor = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => {
    body += chunk;
  });
  req.on('end', () => {
    JSON.parse(body);
    res.writeHead(202, { 'content-type': 'application/json' }).end(answer);
  });
});
answer = JSON.stringify({ ...job(0), id: 'op_'.padEnd(35, 'x'), state: 'queued', pad: 'x'.repeat(300) });
await new Promise<void>((resolve) => floor.listen(0, '127.0.0.1', resolve));
const floorAddress = floor.address();
const floorPort = typeof floorAddress === 'object' && floorAddress ? floorAddress.port : 0;
await bounded(warmup, (i) => post(floorPort, i).then(() => {}));
const floorSeconds = await bounded(total, (i) => post(floorPort, i).then(() => {}));

const rawConnection = createRedis(config.redisUrl, 'producer');
await new Promise((resolve) => rawConnection.once('ready', resolve));
const raw = new Queue('raw', { connection: rawConnection, prefix: 'bench' });
await bounded(warmup, async (i) => {
  await raw.add('job.create', { payload: job(i), pad: 'x'.repeat(600) }, { jobId: `raw-warm-${i}` });
});
const rawSeconds = await bounded(total, async (i) => {
  await raw.add('job.create', { payload: job(i), pad: 'x'.repeat(600) }, { jobId: `raw-${i}` });
});

const httpRate = total / httpSeconds;
const rawRate = total / rawSeconds;
const floorRate = total / floorSeconds;
process.stdout.write(
  [
    `requests: ${total}, concurrency: ${concurrency}${non202 ? `, non-202 answers: ${non202}` : ''}`,
    `HTTP POST /v1/namespaces/{ns}/jobs: ${httpRate.toFixed(0)} submits/s`,
    `raw queue.add:                      ${rawRate.toFixed(0)} adds/s`,
    `ratio HTTP / raw:                   ${(httpRate / rawRate).toFixed(2)}`,
    `HTTP floor (bare node:http, same client): ${floorRate.toFixed(0)} requests/s`,
    `ratio HTTP / HTTP floor:            ${(httpRate / floorRate).toFixed(2)}`,
    '',
  ].join('\n'),
);

await new Promise((resolve) => floor.close(resolve));
await raw.close();
rawConnection.disconnect();
await dispatcher.close();
await http.close();
await api.close();
await redisServer.stop();
