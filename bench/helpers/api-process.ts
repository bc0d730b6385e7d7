// A bench helper process (bench/lib/ipc.ts): `api` runs the production API exactly as
// src/api/main.ts composes it (composeApi, createHttpServer, default process metrics, the
// configuration from the environment the bench hands it: auth on with a real key file); `bare`
// runs the reference: a bare node:http server that parses the body and does one BullMQ
// `queue.add` of the same size as the API's, answering a 202 of the same size. Each in its own
// process, so the RSS sampled here is the API's alone and the two compete for the CPU alike.
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import type { JobsOptions } from 'bullmq';
import { serveHelper } from '../lib/ipc.js';

const role = process.argv[2];

/**
 * Peak RSS sampled every 20 ms (`memoryUsage.rss()` is one cheap syscall) and peak heap every
 * 200 ms (`memoryUsage()` walks the heap spaces: at 20 ms it showed in the profile), resettable;
 * the figure of scenario 5.
 */
function memorySampler() {
  let peakRss = 0;
  let peakHeap = 0;
  let ticks = 0;
  const sample = (heap: boolean) => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    if (heap) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  };
  sample(true);
  setInterval(() => sample(++ticks % 10 === 0), 20).unref();
  return {
    memory: () => {
      sample(true);
      const m = process.memoryUsage();
      return {
        rss: m.rss,
        heapUsed: m.heapUsed,
        heapTotal: m.heapTotal,
        external: m.external,
        peakRss,
        peakHeap,
      };
    },
    resetPeak: () => {
      peakRss = 0;
      peakHeap = 0;
      sample(true);
      return true;
    },
  };
}

/** Starts and stops the V8 sampling profiler from the parent, so a profile covers one scenario. */
function profiler() {
  let session: Session | undefined;
  return {
    profileStart: async () => {
      session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 250 });
      await session.post('Profiler.start');
      return true;
    },
    profileStop: async (file: unknown) => {
      if (!session) throw new Error('no profile running');
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      session = undefined;
      writeFileSync(String(file), JSON.stringify(profile));
      return String(file);
    },
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

// Each role imports only what it runs: the API's module graph takes seconds to load.
async function startApi() {
  const { collectDefaultMetrics, Registry } = await import('prom-client');
  const { composeApi } = await import('../../src/api/compose.js');
  const { createHttpServer } = await import('../../src/api/http-server.js');
  const { parseConfig } = await import('../../src/shared/config.js');
  const { createLogger } = await import('../../src/shared/logger.js');
  const config = parseConfig();
  const logger = createLogger({ level: config.logLevel, base: { service: 'api' } });
  const metrics = new Registry();
  collectDefaultMetrics({ register: metrics, prefix: 'eks_jobs_' });
  const http = createHttpServer({ logger });
  const api = composeApi(config, { logger, metrics, draining: http.draining });
  if (api.redis.status !== 'ready') await new Promise((resolve) => api.redis.once('ready', resolve));
  const address = await http.listen(api.app.fetch, { port: 0, hostname: '127.0.0.1' });
  return {
    ready: { port: address.port },
    handlers: { ...memorySampler(), ...profiler() },
    close: async () => {
      await http.close().catch(() => {});
      await api.close().catch(() => {});
    },
  };
}

/** What the reference adds: the API's job (name, data as a template, options) and sizes. */
interface BareTemplate {
  name: string;
  data: Record<string, unknown>;
  opts: JobsOptions;
  /** Bytes of the API's stored `data`: the reference pads its own to this. */
  dataBytes: number;
  /** The API's 202 body, whose size the reference answers with. */
  answerBytes: number;
}

async function startBare() {
  const { Queue } = await import('bullmq');
  const { createRedis } = await import('../../src/shared/redis.js');
  const url = process.env.REDIS_URL ?? '';
  const prefix = process.env.QUEUE_PREFIX ?? 'bench';
  const redis = createRedis(url, 'producer');
  if (redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
  const queue = new Queue('bare', { connection: redis, prefix });
  let template: BareTemplate | undefined;
  let pad: string | undefined;
  let answer = '';
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = JSON.parse(await readBody(req));
    if (!template) throw new Error('not configured');
    const data: Record<string, unknown> = { ...template.data, payload: body, pad: '' };
    // One measurement of the first request fixes the padding: the bodies are all one size.
    pad ??= 'x'.repeat(Math.max(0, template.dataBytes - JSON.stringify(data).length));
    data.pad = pad;
    await queue.add(template.name, data, { ...template.opts, jobId: randomUUID() });
    res.writeHead(202, { 'content-type': 'application/json' }).end(answer);
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: String(err) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    ready: { port: (server.address() as AddressInfo).port },
    handlers: {
      ...memorySampler(),
      ...profiler(),
      configure: (arg: unknown) => {
        template = arg as BareTemplate;
        pad = undefined;
        const shape = JSON.stringify({ id: 'op_x', state: 'queued', pad: '' });
        answer = JSON.stringify({
          id: 'op_x',
          state: 'queued',
          pad: 'x'.repeat(Math.max(0, template.answerBytes - shape.length)),
        });
        return true;
      },
    },
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await queue.close();
      redis.disconnect();
    },
  };
}

if (role === 'api') await serveHelper(startApi);
else if (role === 'bare') await serveHelper(startBare);
else throw new Error(`usage: api-process.ts api|bare (got ${role})`);
