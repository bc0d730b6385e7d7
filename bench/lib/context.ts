// What every scenario shares: the sizes of this mode, the private Redis, and the helper
// processes (devcluster, API, bare reference server), each started on first use.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { generateApiKey } from '../../src/shared/api-keys/key-format.js';
import type { ClusterSpec } from '../../src/shared/cluster/index.js';
import type { Logger } from '../../src/shared/logger.js';
import { createOperations } from '../../src/shared/operations/index.js';
import { createRedis } from '../../src/shared/redis.js';
import { startPostgres, type TestPostgres } from '../../test/support/postgres.js';
import { cleanPrefix, freePort, startRedis, type TestRedis } from '../../test/support/redis.js';
import { buildHelpers } from './build.js';
import { type Helper, startHelper } from './ipc.js';

/** Sizes of one mode. Full: what the issue measured; smoke: tiny, to prove the harness runs. */
export interface Sizes {
  /** A/B rounds per scenario (medians over them). */
  rounds: number;
  submit: { connections: number; seconds: number; warmupSeconds: number; rawAdds: number };
  batch: { items: number; batchesPerRound: number };
  /** `rounds`: of its own, each round being long (two 10,000-create drains). */
  drain: { creates: number; latencyMs: number; concurrency: number; rounds: number; warmup: number };
  tokens: { creates: number };
  retention: { operations: number };
  /** `readPairs`: deep/empty read pairs (short, many); `rounds` apply to the submits under pollers. */
  polling: { deep: number; readPairs: number; getSeconds: number; submitSeconds: number; pollers: number };
  /** `runs` timed pages per filter combination, after `warmup` untimed ones. */
  historyPage: { rows: number; runs: number; warmup: number };
  /** As `drain`, with the history recorder on and off. */
  historyDrain: { creates: number; latencyMs: number; concurrency: number; rounds: number; warmup: number };
}

export const FULL: Sizes = {
  rounds: 3,
  submit: { connections: 64, seconds: 5, warmupSeconds: 2, rawAdds: 10_000 },
  batch: { items: 1000, batchesPerRound: 4 },
  // Two rounds (A B, B A) of ~20 s each: three would not leave the 5 minutes a margin.
  drain: { creates: 10_000, latencyMs: 20, concurrency: 64, rounds: 2, warmup: 500 },
  tokens: { creates: 3000 },
  retention: { operations: 2000 },
  polling: { deep: 1_000_000, readPairs: 6, getSeconds: 1, submitSeconds: 3, pollers: 10 },
  historyPage: { rows: 10_000_000, runs: 60, warmup: 5 },
  historyDrain: { creates: 10_000, latencyMs: 20, concurrency: 64, rounds: 2, warmup: 500 },
};

export const SMOKE: Sizes = {
  rounds: 2,
  submit: { connections: 8, seconds: 0, warmupSeconds: 0, rawAdds: 200 },
  batch: { items: 20, batchesPerRound: 1 },
  drain: { creates: 100, latencyMs: 20, concurrency: 16, rounds: 2, warmup: 50 },
  tokens: { creates: 100 },
  retention: { operations: 50 },
  polling: { deep: 2000, readPairs: 2, getSeconds: 0, submitSeconds: 0, pollers: 2 },
  historyPage: { rows: 20_000, runs: 5, warmup: 1 },
  historyDrain: { creates: 100, latencyMs: 20, concurrency: 16, rounds: 2, warmup: 20 },
};

/** Requests of a load in smoke mode (which counts requests instead of seconds). */
export const SMOKE_REQUESTS = 100;

/** The clusters the API serves, all on the devcluster: submits, deep and shallow polling, retention. */
export const API_CLUSTERS = ['bench', 'deep', 'shallow', 'retain'] as const;

export interface DevclusterReady {
  url: string;
  caPem: string;
  token: string;
}

/** The bench's devcluster as the default cluster `name` (static token), `concurrency` per worker. */
export function devclusterSpec(dc: DevclusterReady, name: string, concurrency: number): ClusterSpec {
  return {
    name,
    provider: 'static',
    server: dc.url,
    caData: Buffer.from(dc.caPem).toString('base64'),
    token: dc.token,
    concurrency,
    default: true,
  };
}

/** A fail-fast producer connection (as the API's), once it is ready; the caller disconnects it. */
export async function readyProducer(redisUrl: string): Promise<Redis> {
  const producer = createRedis(redisUrl, 'producer');
  if (producer.status !== 'ready') await new Promise((r) => producer.once('ready', r));
  return producer;
}

/** The producer (`createOperations`) of cluster `cluster` on a connection of its own. */
export async function benchOperations(
  ctx: { redisUrl: string; prefix: string },
  cluster: string,
  logger: Logger,
) {
  const producer = await readyProducer(ctx.redisUrl);
  const operations = createOperations({
    redis: producer,
    prefix: ctx.prefix,
    clusters: [cluster],
    retentionMs: 3_600_000,
    logger,
  });
  return { producer, operations };
}

/**
 * The Node flags of the API's command in `deploy/Dockerfile` (its `CMD`), so the bench measures
 * the API's memory as production runs it.
 */
export function apiNodeFlags(
  dockerfile = readFileSync(new URL('../../deploy/Dockerfile', import.meta.url), 'utf8'),
): string[] {
  const cmd = /^CMD (\[.*\])\s*$/m.exec(dockerfile);
  if (!cmd) throw new Error('deploy/Dockerfile has no CMD in exec form');
  const argv = JSON.parse(cmd[1]!) as string[];
  return argv.filter((a) => a.startsWith('--'));
}

/** Configuration variables of the parent's environment that must not leak into the helpers. */
const CONFIG_VARIABLE =
  /^(PORT|HOST|WORKER_PORT|REDIS_URL|QUEUE_PREFIX|EKS_|AWS_|CLUSTERS_FILE|API_KEYS_FILE|LOG_|WORKER_|MAX_|OPERATION_|SHUTDOWN_|PUBLIC_|DEFAULT_RATE|ANONYMOUS_|TRUSTED_|KUBERNETES_)/;

export interface BenchContextOptions {
  smoke: boolean;
  /** A Redis to use (the test suite's own); else a private redis-server is started. */
  redisUrl?: string;
  /** Node flags for the API process (e.g. --cpu-prof). */
  apiExecArgv?: string[];
  log: (line: string) => void;
}

export async function createBenchContext(options: BenchContextOptions) {
  const sizes = options.smoke ? SMOKE : FULL;
  const tmp = mkdtempSync(join(tmpdir(), 'eks-jobs-bench-'));
  const ownRedis: TestRedis | undefined = options.redisUrl ? undefined : await startRedis();
  const redisUrl = options.redisUrl ?? ownRedis!.url;
  // A fresh prefix per run, so a shared Redis (the test suite's) keeps runs apart.
  const prefix = `bench-${randomUUID().slice(0, 8)}`;
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const { key: apiKey, hash } = generateApiKey();
  const keysFile = join(tmp, 'keys.json');
  writeFileSync(
    keysFile,
    JSON.stringify({
      keys: [
        {
          id: 'bench',
          hash,
          scopes: { clusters: ['*'], namespaces: ['*'] },
          // Generous enough never to bind, so the limiter's cost is in the figure, not its refusals.
          rateLimit: { requests: 100_000, perSeconds: 1 },
        },
      ],
    }),
    { mode: 0o600 },
  );
  const cleanEnv: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(process.env)) if (!CONFIG_VARIABLE.test(k)) cleanEnv[k] = v;
  const helpers: Helper<unknown>[] = [];
  const built = await buildHelpers(join(tmp, 'build'));
  const once = <T>(start: () => Promise<T>) => {
    let p: Promise<T> | undefined;
    return () => {
      p ??= start();
      return p;
    };
  };

  // The devcluster's port, CA and token files are decided here, so the API (which reads them on
  // first use) starts in parallel with it instead of after it.
  const dcPort = await freePort();
  const dcCaFile = join(tmp, 'devcluster-ca.pem');
  const dcTokenFile = join(tmp, 'devcluster-token');
  const devcluster = once(async () => {
    const h = await startHelper<DevclusterReady>(
      'devcluster',
      built('bench/helpers/devcluster-process.ts'),
      [
        '--latency',
        String(sizes.drain.latencyMs),
        '--port',
        String(dcPort),
        '--ca-file',
        dcCaFile,
        '--token-file',
        dcTokenFile,
      ],
      { env: cleanEnv },
    );
    helpers.push(h);
    return h;
  });

  const api = once(async () => {
    const clustersFile = join(tmp, 'clusters.json');
    writeFileSync(
      clustersFile,
      JSON.stringify(
        API_CLUSTERS.map((name) => ({
          name,
          provider: 'static',
          server: `https://127.0.0.1:${dcPort}`,
          caFile: dcCaFile,
          tokenFile: dcTokenFile,
          ...(name === 'bench' ? { default: true } : {}),
        })),
      ),
    );
    // The API reads namespaces of the devcluster (policy): it must be up before the first request.
    const [h] = await Promise.all([
      startHelper<{ port: number }>('api', built('bench/helpers/api-process.ts'), ['api'], {
        env: {
          ...cleanEnv,
          NODE_ENV: 'production',
          REDIS_URL: redisUrl,
          QUEUE_PREFIX: prefix,
          CLUSTERS_FILE: clustersFile,
          API_KEYS_FILE: keysFile,
          // As in production: one JSON line per request, here to a file.
          LOG_LEVEL: 'info',
          // The bench fills queues far beyond the default depth limit on purpose.
          MAX_QUEUE_DEPTH: '100000000',
        },
        logFile: join(tmp, 'api.log'),
        // The Node flags production starts the API with (deploy/Dockerfile), then the caller's.
        execArgv: [...apiNodeFlags(), ...(options.apiExecArgv ?? [])],
      }),
      devcluster(),
    ]);
    helpers.push(h);
    return h;
  });

  // A private PostgreSQL (the test suite's harness: Debian's binaries, a temp dir, a free port).
  let ownPostgres: TestPostgres | undefined;
  const postgres = once(async () => {
    ownPostgres = await startPostgres();
    return ownPostgres;
  });

  const bare = once(async () => {
    const h = await startHelper<{ port: number }>('bare', built('bench/helpers/api-process.ts'), ['bare'], {
      env: { ...cleanEnv, NODE_ENV: 'production', REDIS_URL: redisUrl, QUEUE_PREFIX: prefix },
    });
    helpers.push(h);
    return h;
  });

  return {
    smoke: options.smoke,
    sizes,
    tmp,
    redisUrl,
    prefix,
    /** An admin connection for reading keys, MEMORY USAGE, INFO. */
    redis,
    apiKey,
    log: options.log,
    devcluster,
    api,
    bare,
    postgres,
    /** `http://127.0.0.1:PORT` of the API. */
    async apiUrl() {
      return `http://127.0.0.1:${(await api()).ready.port}`;
    },
    authHeaders(): Record<string, string> {
      return { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
    },
    /** A load's length: `seconds` in full mode, a fixed small number of requests in smoke mode. */
    span(seconds: number): { durationS: number } | { amount: number } {
      return options.smoke ? { amount: SMOKE_REQUESTS } : { durationS: seconds };
    },
    async close() {
      await Promise.all(helpers.map((h) => h.stop()));
      await ownPostgres?.stop();
      if (ownRedis) {
        redis.disconnect();
        await ownRedis.stop();
      } else {
        await cleanPrefix(redisUrl, prefix).catch(() => {});
        redis.disconnect();
      }
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

export type BenchContext = Awaited<ReturnType<typeof createBenchContext>>;
