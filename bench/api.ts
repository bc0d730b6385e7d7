// HTTP submit rate of the API against raw BullMQ `queue.add` on the same Redis, in one run.
// The API path does everything a real submit does (validation, name resolution, labels, queue
// depth check, enqueue, response) over real HTTP with keep-alive; the raw path is `queue.add` of
// the same envelope size. No worker runs, so both measure the producer side only.
// Load: a bounded loop of `concurrency` clients in this process (no load-tool dependency).

import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { Queue } from 'bullmq';
import { Agent, request } from 'undici';
import { createApp } from '../src/api/app.js';
import { createSecurity } from '../src/api/auth/index.js';
import { emptyApiKeyStore } from '../src/shared/api-keys/key-file.js';
import { createClusterRegistry } from '../src/shared/cluster/index.js';
import { parseConfig } from '../src/shared/config.js';
import { createLogger } from '../src/shared/logger.js';
import { createOperations } from '../src/shared/operations/index.js';
import { createRedis } from '../src/shared/redis.js';
import { startRedis } from '../test/support/redis.js';

const { values } = parseArgs({
  options: { requests: { type: 'string', default: '5000' }, concurrency: { type: 'string', default: '64' } },
});
const total = Number(values.requests);
const concurrency = Number(values.concurrency);

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
// The cluster is never contacted by submits: a placeholder endpoint is enough.
const clusters = createClusterRegistry(
  [{ name: 'bench', provider: 'static', server: 'https://127.0.0.1:1', token: 'x' }],
  { logger },
);
const producer = createRedis(config.redisUrl, 'producer');
await new Promise((resolve) => producer.once('ready', resolve));
const operations = createOperations({
  redis: producer,
  prefix: config.queuePrefix,
  clusters: clusters.names(),
  retentionMs: config.operationRetentionMs,
  logger,
});
const auth = createSecurity({
  keys: emptyApiKeyStore(),
  redis: producer,
  logger,
  prefix: 'bench',
  insecureNoAuth: true,
});
const app = createApp({ config, logger, redis: producer, operations, clusters, auth });
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise((resolve) => server.once('listening', resolve));
const address = server.address();
const port = typeof address === 'object' && address ? address.port : 0;
const dispatcher = new Agent({ connections: concurrency, keepAliveTimeout: 10_000 });

const job = (i: number) => ({ name: `bench-${i}`, image: 'busybox:1.36', command: ['sh', '-c', 'echo hi'] });

// warm-up
await bounded(200, async (i) => {
  const res = await request(`http://127.0.0.1:${port}/v1/namespaces/default/jobs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(job(1_000_000 + i)),
    dispatcher,
  });
  await res.body.dump();
});

let non202 = 0;
const httpSeconds = await bounded(total, async (i) => {
  const res = await request(`http://127.0.0.1:${port}/v1/namespaces/default/jobs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(job(i)),
    dispatcher,
  });
  if (res.statusCode !== 202) non202++;
  await res.body.dump();
});

const rawConnection = createRedis(config.redisUrl, 'producer');
await new Promise((resolve) => rawConnection.once('ready', resolve));
const raw = new Queue('raw', { connection: rawConnection, prefix: 'bench' });
const rawSeconds = await bounded(total, async (i) => {
  await raw.add('job.create', { payload: job(i), pad: 'x'.repeat(600) }, { jobId: `raw-${i}` });
});

const httpRate = total / httpSeconds;
const rawRate = total / rawSeconds;
process.stdout.write(
  [
    `requests: ${total}, concurrency: ${concurrency}${non202 ? `, non-202 answers: ${non202}` : ''}`,
    `HTTP POST /v1/namespaces/{ns}/jobs: ${httpRate.toFixed(0)} submits/s`,
    `raw queue.add:                      ${rawRate.toFixed(0)} adds/s`,
    `ratio HTTP / raw:                   ${(httpRate / rawRate).toFixed(2)}`,
    '',
  ].join('\n'),
);

await raw.close();
rawConnection.disconnect();
await dispatcher.close();
await new Promise((resolve) => server.close(resolve));
await operations.close();
await clusters.close();
producer.disconnect();
await redisServer.stop();
