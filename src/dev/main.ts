/**
 * `npm run dev`: the whole system on its embedded default, in one command — a private
 * redis-server, the devcluster (a local EKS stand-in), PostgreSQL for history (PGlite, in this
 * process), the API and a worker as real processes, with pretty logs, a freshly generated API
 * key and a curl to try.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startAwsEmulator } from '../devcluster/aws/index.js';
import { startDevCluster } from '../devcluster/index.js';
import { generateApiKey, newWebhookSecret } from '../shared/api-keys/index.js';
import { parseApiKeys } from '../shared/api-keys/key-file.js';
import { ConfigError, environmentWith, parseConfig } from '../shared/config.js';
import { readJsonFile } from '../shared/config-file.js';
import { maskUrlPassword } from '../shared/config-values.js';
import { type PgliteServer, startPgliteServer } from './pglite-server.js';
import { launchRedisServer } from './redis-server.js';

const HELP = `Usage: npm run dev -- [options]

Runs a private redis-server, the devcluster (local EKS stand-in), PostgreSQL for job history
(PGlite in memory, unless DATABASE_URL names a server), the API and a worker.

Options:
  --port N          API port (default 8080)
  --worker-port N   worker health/metrics port (default 8081)
  --redis-port N    private redis-server port (default 6390)
  --postgres-port N port of the in-memory PostgreSQL (PGlite) for history (default 6391)
  --no-history      no PostgreSQL: job history and templates off, as without DATABASE_URL
  --time-scale X    devcluster speed factor for simulated pods (default 0.2)
  --api-keys FILE   more API keys (an API_KEYS_FILE: {"keys": [...]}, see npm run keys -- create),
                    loaded next to the generated admin key, e.g. a baseline key to try the policy
  --show-cluster-token
                    print the devcluster's admin token in the kubectl line (by default the line
                    reads it from a 0600 file in the run's state directory)
  -h, --help        this text
`;

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8080' },
    'worker-port': { type: 'string', default: '8081' },
    'redis-port': { type: 'string', default: '6390' },
    'postgres-port': { type: 'string', default: '6391' },
    'no-history': { type: 'boolean', default: false },
    'time-scale': { type: 'string', default: '0.2' },
    'api-keys': { type: 'string' },
    'show-cluster-token': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  process.stdout.write(HELP);
  process.exit(0);
}

function portArg(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    process.stderr.write(`--${name}: expected a port from 1 to 65535 (got ${JSON.stringify(value)})\n`);
    process.exit(2);
  }
  return n;
}
const apiPort = portArg('port', values.port);
const workerPort = portArg('worker-port', values['worker-port']);
const redisPort = portArg('redis-port', values['redis-port']);
const postgresPort = portArg('postgres-port', values['postgres-port']);
const timeScale = Number(values['time-scale']);
if (!(timeScale > 0)) {
  process.stderr.write(
    `--time-scale: expected a positive number (got ${JSON.stringify(values['time-scale'])})\n`,
  );
  process.exit(2);
}

let stopping = false;
let stopCluster: (() => Promise<void>) | undefined;
let postgres: PgliteServer | undefined;
const stateDir = mkdtempSync(join(tmpdir(), 'eks-jobs-dev-'));
const children: ChildProcess[] = [];

function prefixLines(child: ChildProcess, label: string) {
  for (const stream of [child.stdout, child.stderr]) {
    let partial = '';
    stream?.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) process.stdout.write(`${label} ${line}\n`);
    });
  }
}

async function waitReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not become ready within ${timeoutMs} ms`);
}

/** The entries of --api-keys, checked as the API would check them (a bad file stops here). */
function extraKeys(): unknown[] {
  const file = values['api-keys'];
  if (!file) return [];
  const parsed = readJsonFile('--api-keys', file, { secret: true }) as { keys?: unknown };
  parseApiKeys(parsed);
  return Array.isArray(parsed.keys) ? parsed.keys : [];
}

/**
 * Where history goes: nowhere with --no-history; the developer's own DATABASE_URL when set;
 * else PGlite, started here (it takes seconds, so alongside the rest).
 */
function historyDatabase(): { url?: string; shown: string; pglite?: Promise<PgliteServer> } {
  if (values['no-history']) return { shown: 'off (--no-history)' };
  let configured: string | undefined;
  try {
    configured = parseConfig().database?.url;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`npm run dev: ${err.message}\n`);
    process.exit(2);
  }
  if (configured) return { url: configured, shown: `${maskUrlPassword(configured)}  (DATABASE_URL)` };
  return {
    shown: '(PGlite in this process, for job history; in memory, gone when dev stops)',
    pglite: startPgliteServer({ port: postgresPort }),
  };
}

async function main() {
  const history = historyDatabase();
  // Held here as soon as it runs, so that stop() closes it whatever fails meanwhile.
  void history.pglite?.then((server) => {
    postgres = server;
  });
  const redis = await launchRedisServer({ port: redisPort, dir: stateDir });
  children.push(redis);
  const redisUrl = `redis://127.0.0.1:${redisPort}`;

  // The devcluster with its AWS side: the API and the worker reach it exactly as they reach a
  // real EKS cluster — DescribeCluster for endpoint and CA, a presigned STS token — with a
  // throwaway access key that only this emulator knows.
  const accessKey = {
    accessKeyId: `AKIADEV${randomBytes(6).toString('hex').toUpperCase()}`,
    secretAccessKey: randomBytes(30).toString('base64'),
    arn: 'arn:aws:iam::111122223333:user/eks-jobs-dev',
  };
  const aws = await startAwsEmulator({ accessKeys: [accessKey], region: 'us-west-2' });
  const cluster = await startDevCluster({ clusterName: 'dev', timeScale, plugins: [aws.plugin('dev')] });
  aws.registerCluster('dev', { endpoint: cluster.url, caPem: cluster.caPem });
  stopCluster = async () => {
    await cluster.stop();
    await aws.stop();
  };

  const { key, hash } = generateApiKey();
  const keysFile = join(stateDir, 'api-keys.json');
  writeFileSync(
    keysFile,
    JSON.stringify({
      keys: [
        {
          id: 'dev-admin',
          hash,
          description: 'generated by npm run dev',
          // Signs the webhooks of this key's callbacks (the file is in the run's 0700 state directory).
          webhookSecret: newWebhookSecret(),
          scopes: {
            clusters: ['*'],
            namespaces: ['*'],
            namespaceCreate: true,
            namespaceDelete: true,
            admin: true,
          },
          // The operator of this local stack: may label namespaces for Pod Security and run
          // privileged pods where the namespace allows it. Keys from --api-keys bring their own.
          policy: { podSecurity: 'privileged', namespaceMetadata: true },
        },
        ...extraKeys(),
      ],
    }),
    { mode: 0o600 },
  );
  // The devcluster's admin token: in a file only this user can read, named in the banner.
  const tokenFile = join(stateDir, 'devcluster-token');
  writeFileSync(tokenFile, cluster.token, { mode: 0o600 });
  const tokenArg = values['show-cluster-token'] ? cluster.token : `"$(cat ${tokenFile})"`;

  const databaseUrl = history.pglite ? (await history.pglite).url : history.url;
  const common = {
    REDIS_URL: redisUrl,
    DATABASE_URL: databaseUrl,
    // PGlite is one PostgreSQL session: one connection per process, more would only queue.
    ...(history.pglite ? { DATABASE_POOL_SIZE: '1' } : {}),
    EKS_CLUSTER_NAME: 'dev',
    EKS_REGION: 'us-west-2',
    AWS_ENDPOINT_URL_EKS: aws.url,
    AWS_ENDPOINT_URL_STS: aws.url,
    AWS_ACCESS_KEY_ID: accessKey.accessKeyId,
    AWS_SECRET_ACCESS_KEY: accessKey.secretAccessKey,
    // Nothing from the developer's own AWS setup may leak into the local stack.
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
    CLUSTERS_FILE: undefined,
    API_KEYS_FILE: keysFile,
    HOST: '127.0.0.1',
    LOG_PRETTY: 'true',
    // Local receivers (http://127.0.0.1:…) may get webhooks here; production refuses them.
    WEBHOOK_ALLOW_PRIVATE: 'true',
    WEBHOOK_ALLOW_HTTP: 'true',
  };
  const start = (label: string, entry: string, env: Record<string, string | undefined>) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry], {
      env: environmentWith({ ...common, ...env }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    prefixLines(child, label);
    child.once('exit', (code, signal) => {
      if (!stopping) {
        process.stderr.write(`${label} exited unexpectedly (${code ?? signal}); stopping\n`);
        void stop(1);
      }
    });
    children.push(child);
  };
  start('[api]   ', 'src/api/main.ts', { PORT: String(apiPort) });
  start('[worker]', 'src/worker/main.ts', { WORKER_PORT: String(workerPort) });

  const api = `http://127.0.0.1:${apiPort}`;
  await Promise.all([
    waitReady(`${api}/readyz`, 30_000),
    waitReady(`http://127.0.0.1:${workerPort}/readyz`, 30_000),
  ]);

  const body = JSON.stringify({
    generateName: 'hello-',
    image: 'busybox',
    command: ['sh', '-c', 'echo hello from eks-jobs; sleep 2'],
  });
  process.stdout.write(`
eks-jobs is running (Ctrl-C stops everything)

  API           ${api}        docs: ${api}/docs
  worker        http://127.0.0.1:${workerPort}/readyz
  devcluster    ${cluster.url}  EKS/STS ${aws.url}
                (kubectl --server=${cluster.url} --certificate-authority=${cluster.caFile} --token=${tokenArg} get jobs -A)
  redis         ${redisUrl}  (private, not persisted)
  postgres      ${history.pglite ? `${databaseUrl}  ` : ''}${history.shown}

  API key (admin, this run only):
    export EKS_JOBS_KEY=${key}

  Try:
    curl -sS -X POST ${api}/v1/namespaces/default/jobs \\
      -H "Authorization: Bearer $EKS_JOBS_KEY" -H 'Content-Type: application/json' \\
      -d '${body}'
    curl -sS ${api}/v1/namespaces/default/jobs -H "Authorization: Bearer $EKS_JOBS_KEY"

`);
}

async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  // Service processes first (they finish in-flight work), Redis last.
  const [redis, ...services] = children;
  await Promise.all(services.map((c) => terminate(c)));
  await postgres?.close().catch(() => {});
  await stopCluster?.().catch(() => {});
  if (redis) await terminate(redis);
  rmSync(stateDir, { recursive: true, force: true });
  process.exit(code);
}

function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));
main().catch((err: unknown) => {
  process.stderr.write(`npm run dev: ${err instanceof Error ? err.message : String(err)}\n`);
  void stop(1);
});
