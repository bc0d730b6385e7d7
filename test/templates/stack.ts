/**
 * The API with templates, as `main.ts` runs it: `openDatabase` (migrations included) on the
 * suite's own PostgreSQL when given, `composeApi`, the HTTP server on a free port, the suite's
 * redis-server, a devcluster over HTTPS and — when asked — real workers for its `dev` cluster.
 * Requests go over HTTP.
 */
import { composeApi } from '../../src/api/compose.js';
import { createHttpServer } from '../../src/api/http-server.js';
import { parseApiKeys } from '../../src/shared/api-keys/key-file.js';
import { createClusterRegistry } from '../../src/shared/cluster/index.js';
import { parseConfig } from '../../src/shared/config.js';
import { type Database, openDatabase } from '../../src/shared/db/index.js';
import { createLogger } from '../../src/shared/logger.js';
import type { Operations } from '../../src/shared/operations/index.js';
import { createRedisConnector } from '../../src/shared/redis.js';
import { type CommandWorkers, createCommandWorkers } from '../../src/worker/command-workers.js';
import { clusterSpecs } from '../api/support.js';
import type { TestKey } from '../security/support/security-app.js';
import type { DevCluster } from '../support/devcluster.js';
import type { TestPostgres } from '../support/postgres.js';
import { cleanPrefix, type TestRedis, testPrefix } from '../support/redis.js';

/** Options of {@link startTemplateStack}. */
export interface TemplateStackOptions {
  redis: TestRedis;
  /** The suite's PostgreSQL: a fresh database is made for this stack. Without it, no DATABASE_URL. */
  postgres?: TestPostgres;
  devcluster: DevCluster;
  keys: TestKey[];
  /** Run workers for the `dev` cluster (`idle` never has any). @defaultValue false */
  worker?: boolean;
}

/** An answer, its body parsed. */
export interface Answer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: assertions read arbitrary JSON fields; the expectations check them.
  body: any;
}

export interface TemplateStack {
  url: string;
  /** QUEUE_PREFIX of this stack. */
  prefix: string;
  operations: Operations;
  database?: Database;
  /** An HTTP request as `key`, with a JSON body when `json` is given. */
  call(
    key: TestKey,
    method: string,
    path: string,
    init?: { json?: unknown; headers?: Record<string, string> },
  ): Promise<Answer>;
  close(): Promise<void>;
}

export async function startTemplateStack(options: TemplateStackOptions): Promise<TemplateStack> {
  const prefix = testPrefix();
  const config = parseConfig({
    REDIS_URL: options.redis.url,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'silent',
    ...(options.postgres ? { DATABASE_URL: await options.postgres.createDatabase() } : {}),
  });
  const logger = createLogger({ level: 'silent' });
  const database = await openDatabase(config, { applicationName: 'eks-jobs-test', logger });
  const specs = clusterSpecs(options.devcluster);
  const http = createHttpServer({ logger, drainTimeoutMs: 5000 });
  const api = composeApi(config, {
    logger,
    clusterSpecs: specs,
    keys: parseApiKeys({ keys: options.keys.map((k) => k.entry) }),
    draining: http.draining,
    ...(database ? { database } : {}),
  });
  const address = await http.listen(api.app.fetch, { port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) =>
    api.redis.status === 'ready' ? resolve() : api.redis.once('ready', () => resolve()),
  );
  let workers: CommandWorkers | undefined;
  const workerClusters = options.worker ? createClusterRegistry(specs.slice(0, 1), { logger }) : undefined;
  if (workerClusters) {
    workers = createCommandWorkers({
      connector: createRedisConnector(config.redis.connection),
      prefix,
      clusters: workerClusters,
      logger,
      retry: { initialDelayMs: 20, maxDelayMs: 100 },
    });
    await workers.ready();
  }
  const url = `http://127.0.0.1:${address.port}`;
  return {
    url,
    prefix,
    operations: api.operations,
    ...(database ? { database } : {}),
    async call(key, method, path, init = {}) {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${key.key}`,
          ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}),
          ...init.headers,
        },
        ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
      });
      const text = await res.text();
      return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
    },
    async close() {
      await workers?.close();
      await workerClusters?.close();
      await http.close();
      await api.close();
      await cleanPrefix(options.redis.url, prefix).catch(() => {});
    },
  };
}
