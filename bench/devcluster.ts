/**
 * Devcluster throughput: Job creates/s through @kubernetes/client-node at concurrency 64
 * (base latency 0), reported against a raw keep-alive GET /version rate measured on the same
 * server in the same run, since machines are noisy.
 *
 * The devcluster runs as its own process (`npm run devcluster`), as a remote API server would:
 * in one process the load generator's own client, TLS and GC took ~three quarters of the CPU and
 * the figure measured the client as much as the server. `--in-process` keeps the old setup.
 *
 *   npx tsx bench/devcluster.ts [--jobs N] [--concurrency N] [--in-process]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { parseArgs } from 'node:util';
import * as k8s from '@kubernetes/client-node';
import { Agent as UndiciAgent, fetch as undiciFetch } from 'undici';
import { startDevCluster } from '../src/devcluster/index.js';

const { values } = parseArgs({
  options: {
    jobs: { type: 'string', default: '6000' },
    concurrency: { type: 'string', default: '64' },
    'time-scale': { type: 'string', default: '0.01' },
    'in-process': { type: 'boolean', default: false },
  },
});
const total = Number(values.jobs);
const concurrency = Number(values.concurrency);

async function pool(n: number, width: number, task: (i: number) => Promise<void>): Promise<number[]> {
  let next = 0;
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < n) {
        const i = next++;
        const t0 = performance.now();
        await task(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return latencies.sort((a, b) => a - b);
}

const pct = (xs: number[], p: number) =>
  (xs[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0).toFixed(1);

/** What the bench needs of a devcluster, in this process or another. */
interface BenchCluster {
  url: string;
  caPem: string;
  token: string;
  resetCounters(): Promise<void>;
  counters(): Promise<{
    requests: Array<{ verb: string; resource: string; code: number; count: number }>;
    tlsConnections: number;
  }>;
  stop(): Promise<void>;
}

async function inProcessCluster(): Promise<BenchCluster> {
  const dc = await startDevCluster({ timeScale: Number(values['time-scale']) });
  return {
    url: dc.url,
    caPem: dc.caPem,
    token: dc.token,
    resetCounters: async () => dc.counters.reset(),
    counters: async () => dc.counters.snapshot() as Awaited<ReturnType<BenchCluster['counters']>>,
    stop: () => dc.stop(),
  };
}

async function separateCluster(): Promise<BenchCluster> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/devcluster/main.ts',
      '--port',
      '0',
      '--time-scale',
      values['time-scale'],
      '--admin-endpoint',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  const started = await new Promise<{ url: string; caFile: string; token: string }>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`devcluster exited with ${code}:\n${out}`)));
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const url = /URL:\s+(\S+)/.exec(out)?.[1];
      const caFile = /CA file:\s+(\S+)/.exec(out)?.[1];
      const token = /Token:\s+(\S+)/.exec(out)?.[1];
      if (url && caFile && token) resolve({ url, caFile, token });
    });
  });
  const caPem = readFileSync(started.caFile, 'utf8');
  // The admin endpoint sits behind the devcluster's own CA; a loopback call of the bench.
  const adminDispatcher = new UndiciAgent({ connect: { ca: caPem } });
  const admin = (method: string) =>
    undiciFetch(`${started.url}/_devcluster/counters`, {
      method,
      headers: { Authorization: `Bearer ${started.token}` },
      dispatcher: adminDispatcher,
    }).then((r) => r.json());
  return {
    url: started.url,
    caPem,
    token: started.token,
    resetCounters: async () => void (await admin('DELETE')),
    counters: () => admin('GET') as ReturnType<BenchCluster['counters']>,
    stop: () =>
      new Promise<void>((resolve) => {
        void adminDispatcher.close();
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function count(
  snapshot: Awaited<ReturnType<BenchCluster['counters']>>,
  verb: string,
  resource: string,
  code: number,
) {
  return snapshot.requests
    .filter((r) => r.verb === verb && r.resource === resource && r.code === code)
    .reduce((n, r) => n + r.count, 0);
}

const cluster = values['in-process'] ? await inProcessCluster() : await separateCluster();
try {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency, ca: cluster.caPem });
  const getVersion = () =>
    new Promise<void>((resolve, reject) => {
      const req = request(`${cluster.url}/version`, { agent }, (r) => {
        r.resume();
        r.on('end', resolve);
      });
      req.on('error', reject);
      req.end();
    });
  await pool(500, concurrency, getVersion);
  let t0 = performance.now();
  const rawLat = await pool(total, concurrency, getVersion);
  const rawRate = total / ((performance.now() - t0) / 1000);
  agent.destroy();

  const kc = new k8s.KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'dev', server: cluster.url, caData: Buffer.from(cluster.caPem).toString('base64') }],
    users: [{ name: 'admin', token: cluster.token }],
    contexts: [{ name: 'dev', cluster: 'dev', user: 'admin' }],
    currentContext: 'dev',
  });
  const naiveBatch = kc.makeApiClient(k8s.BatchV1Api);
  // As src/shared/cluster does: one keep-alive undici dispatcher for all requests. Without it,
  // client-node builds a dispatcher (a new TLS connection) per request.
  const dispatcher = new UndiciAgent({
    connect: { ca: cluster.caPem, rejectUnauthorized: true },
    connections: concurrency,
    keepAliveTimeout: 30_000,
  });
  const config = k8s.createConfiguration({
    baseServer: new k8s.ServerConfiguration(cluster.url, {}),
    authMethods: {
      default: {
        getName: () => 'bench',
        applySecurityAuthentication: async (ctx: k8s.RequestContext) => {
          ctx.setHeaderParam('Authorization', `Bearer ${cluster.token}`);
          ctx.setDispatcher(dispatcher);
        },
      },
    },
  });
  const batch = new k8s.BatchV1Api(config);
  const body = (name: string): k8s.V1Job => ({
    metadata: { name, labels: { bench: 'devcluster' } },
    spec: {
      template: {
        spec: {
          restartPolicy: 'Never',
          containers: [{ name: 'main', image: 'busybox', command: ['sh', '-c', 'echo hi; sleep 1'] }],
        },
      },
    },
  });
  await pool(300, concurrency, (i) =>
    batch.createNamespacedJob({ namespace: 'kube-public', body: body(`warm-${i}`) }).then(() => {}),
  );
  await cluster.resetCounters();
  t0 = performance.now();
  const createLat = await pool(total, concurrency, (i) =>
    batch.createNamespacedJob({ namespace: 'default', body: body(`bench-${i}`) }).then(() => {}),
  );
  const createSeconds = (performance.now() - t0) / 1000;
  const createRate = total / createSeconds;
  const afterCreates = await cluster.counters();
  const tls = afterCreates.tlsConnections;
  const created = count(afterCreates, 'create', 'jobs', 201);

  const naiveCount = Math.min(total, 1000);
  await cluster.resetCounters();
  t0 = performance.now();
  await pool(naiveCount, concurrency, (i) =>
    naiveBatch.createNamespacedJob({ namespace: 'kube-node-lease', body: body(`naive-${i}`) }).then(() => {}),
  );
  const naiveRate = naiveCount / ((performance.now() - t0) / 1000);
  const naiveTls = (await cluster.counters()).tlsConnections;
  await dispatcher.close();

  const out = {
    jobs: total,
    concurrency,
    jobCreatesPerSecond: Math.round(createRate),
    createLatencyMs: { p50: pct(createLat, 0.5), p99: pct(createLat, 0.99) },
    rawGetVersionPerSecond: Math.round(rawRate),
    rawLatencyMs: { p50: pct(rawLat, 0.5), p99: pct(rawLat, 0.99) },
    ratioCreatesToRawGets: Number((createRate / rawRate).toFixed(3)),
    created201: created,
    tlsConnectionsDuringCreates: tls,
    devclusterProcess: values['in-process'] ? 'same as the client' : 'separate',
    naiveClientNode: { jobs: naiveCount, createsPerSecond: Math.round(naiveRate), tlsConnections: naiveTls },
    targetCreatesPerSecond: 2000,
  };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  process.stdout.write(
    `\nJob creates via client-node @${concurrency} (shared keep-alive dispatcher): ${out.jobCreatesPerSecond}/s (target ≥ 2000), raw GET /version: ${out.rawGetVersionPerSecond}/s, ratio ${out.ratioCreatesToRawGets}; client-node default (TLS per request): ${out.naiveClientNode.createsPerSecond}/s\n`,
  );
} finally {
  await cluster.stop();
}
