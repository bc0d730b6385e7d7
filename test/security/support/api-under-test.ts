import type { createApp } from '../../../src/api/app.js';
import type { createSecurity } from '../../../src/api/auth/security.js';
import { composeApi } from '../../../src/api/compose.js';
import { type DevCluster, startDevCluster } from '../../../src/devcluster/index.js';
import { parseApiKeys } from '../../../src/shared/api-keys/key-file.js';
import { clusterSpecSchema } from '../../../src/shared/cluster/spec.js';
import { parseConfig } from '../../../src/shared/config.js';
import type { RedisClient } from '../../../src/shared/redis.js';
import { waitFor } from '../../support/wait-for.js';
import { memoryLogger, type TestKey } from './security-app.js';

/** The app that ships (`composeApi`, as main.ts builds it) with real Redis and a real devcluster. */
export interface ApiUnderTest {
  app: ReturnType<typeof createApp>;
  security: ReturnType<typeof createSecurity>;
  redis: RedisClient;
  prefix: string;
  devcluster: DevCluster;
  /** Everything the app logged, one JSON line each. */
  lines: string[];
  /** Closes the app, and the devcluster unless it was passed in. */
  close(): Promise<void>;
}

/**
 * Builds the API through `composeApi` from `env` (as main.ts reads the environment), with `keys`
 * as API_KEYS_FILE and cluster `main` (the default) served by a devcluster: `devcluster` when given
 * (left running by `close`), else one started for this app.
 */
export async function startApiUnderTest(options: {
  redisUrl: string;
  prefix: string;
  keys: TestKey[];
  env?: Record<string, string>;
  devcluster?: DevCluster;
}): Promise<ApiUnderTest> {
  const devcluster = options.devcluster ?? (await startDevCluster({ clusterName: 'main', timeScale: 0.01 }));
  const config = parseConfig({ REDIS_URL: options.redisUrl, QUEUE_PREFIX: options.prefix, ...options.env });
  const { logger, lines } = memoryLogger();
  const api = composeApi(config, {
    logger,
    keys: parseApiKeys({ keys: options.keys.map((k) => k.entry) }),
    clusterSpecs: [
      clusterSpecSchema.parse({
        name: 'main',
        provider: 'static',
        server: devcluster.url,
        caData: Buffer.from(devcluster.caPem).toString('base64'),
        token: devcluster.token,
        default: true,
      }),
    ],
  });
  await waitFor(() => api.redis.status === 'ready', { message: 'redis ready' });
  return {
    app: api.app,
    security: api.security,
    redis: api.redis,
    prefix: config.queuePrefix,
    devcluster,
    lines,
    close: async () => {
      await api.close();
      if (!options.devcluster) await devcluster.stop();
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
