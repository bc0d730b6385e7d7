import type { Redis } from 'ioredis';
import { createApp } from '../../../src/api/app.js';
import { type createSecurity, createSecurityFromConfig } from '../../../src/api/auth/security.js';
import { type DevCluster, startDevCluster } from '../../../src/devcluster/index.js';
import { parseApiKeys } from '../../../src/shared/api-keys/key-file.js';
import { createClusterRegistry } from '../../../src/shared/cluster/index.js';
import { clusterSpecSchema } from '../../../src/shared/cluster/spec.js';
import { parseConfig } from '../../../src/shared/config.js';
import { createOperations } from '../../../src/shared/operations/index.js';
import { createRedis } from '../../../src/shared/redis.js';
import { waitFor } from '../../support/wait-for.js';
import { memoryLogger, type TestKey } from './security-app.js';

/** The real app (`createApp`) with real Redis, real operations and a real devcluster. */
export interface ApiUnderTest {
  app: ReturnType<typeof createApp>;
  security: ReturnType<typeof createSecurity>;
  redis: Redis;
  prefix: string;
  devcluster: DevCluster;
  /** Everything the app logged, one JSON line each. */
  lines: string[];
  close(): Promise<void>;
}

/** Builds the app the way `main.ts` does, with `keys` as API_KEYS_FILE. */
export async function startApiUnderTest(options: {
  redisUrl: string;
  prefix: string;
  keys: TestKey[];
  env?: Record<string, string>;
}): Promise<ApiUnderTest> {
  const devcluster = await startDevCluster({ clusterName: 'main', timeScale: 0.01 });
  const config = parseConfig({ REDIS_URL: options.redisUrl, QUEUE_PREFIX: options.prefix, ...options.env });
  const { logger, lines } = memoryLogger();
  const redis = createRedis(config.redisUrl, 'producer');
  await waitFor(() => redis.status === 'ready', { message: 'redis ready' });
  const clusters = createClusterRegistry(
    [
      clusterSpecSchema.parse({
        name: 'main',
        provider: 'static',
        server: devcluster.url,
        caData: Buffer.from(devcluster.caPem).toString('base64'),
        token: devcluster.token,
        default: true,
      }),
    ],
    { logger },
  );
  const operations = createOperations({
    redis,
    prefix: config.queuePrefix,
    clusters: clusters.names(),
    retentionMs: config.operationRetentionMs,
    logger,
  });
  const security = createSecurityFromConfig(config, {
    redis,
    logger,
    defaultCluster: clusters.defaultName,
    keys: parseApiKeys({ keys: options.keys.map((k) => k.entry) }),
  });
  const app = createApp({ config, logger, redis, operations, clusters, auth: security });
  return {
    app,
    security,
    redis,
    prefix: config.queuePrefix,
    devcluster,
    lines,
    close: async () => {
      await operations.close();
      await clusters.close();
      await redis.quit().catch(() => redis.disconnect());
      await devcluster.stop();
    },
  };
}

/** Fills a route pattern's parameters (`:ns`, `:cluster`, `{x}`) and wildcards with plausible values. */
export function concretePath(pattern: string, values: Record<string, string> = {}): string {
  return pattern
    .replace(
      /[:{]([A-Za-z_]\w*)(\{[^}]*\})?\}?/g,
      (_m, name: string) => values[name] ?? samples[name] ?? `x-${name}`,
    )
    .replace(/\*/g, 'x');
}

const samples: Record<string, string> = {
  cluster: 'main',
  ns: 'team-a',
  namespace: 'team-a',
  name: 'job-a',
  id: 'op-0000000000',
};

/**
 * Every route the app serves: method and path pattern. `ALL` entries are middleware (`app.use`)
 * and left out; wildcard routes of a real method (a mounted UI, say) are kept.
 */
export function servedRoutes(app: { routes: ReadonlyArray<{ method: string; path: string }> }) {
  const seen = new Set<string>();
  const out: Array<{ method: string; path: string }> = [];
  for (const r of app.routes) {
    if (r.method === 'ALL') continue;
    const k = `${r.method} ${r.path}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ method: r.method, path: r.path });
  }
  return out;
}

/**
 * Redis keys of the app's queues other than queue metadata: any job added, even one removed
 * since, leaves its id counter or a state list behind.
 */
export async function enqueueTraces(api: Pick<ApiUnderTest, 'redis' | 'prefix'>): Promise<string[]> {
  const keys = await api.redis.keys(`${api.prefix}:ops-*`);
  return keys.filter((k) => !k.endsWith(':meta') && !k.endsWith(':events')).sort();
}
