/**
 * Generates the SDK's types (`src/sdk/generated/api.ts`) from the OpenAPI document the API
 * serves, built here without I/O: `createApp` with the real security layer (it adds `/v1/audit`
 * and the dashboard's login routes) on a Redis connection that never connects, and stand-ins for
 * the queue producer and the clusters, which only requests would reach. `npm run sdk:types`
 * writes the file; `test/sdk/generated-types.test.ts` fails when the committed one is stale.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import openapiTS, { astToString } from 'openapi-typescript';
import { createApp } from '../src/api/app.js';
import { createSecurityFromConfig } from '../src/api/auth/index.js';
import { OPENAPI_INFO } from '../src/api/routes/docs.js';
import { emptyApiKeyStore } from '../src/shared/api-keys/key-file.js';
import type { ClusterRegistry } from '../src/shared/cluster/index.js';
import { parseConfig } from '../src/shared/config.js';
import { createLogger } from '../src/shared/logger.js';
import type { Operations } from '../src/shared/operations/index.js';

/** Where the generated types live, relative to the repository root. */
export const SDK_TYPES_PATH = 'src/sdk/generated/api.ts';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** A collaborator no route reaches while the document is built; any use is a bug here. */
function unused<T extends object>(what: string): T {
  return new Proxy({} as T, {
    get: (_target, prop) => {
      throw new Error(`sdk-types: ${what}.${String(prop)} used while building the OpenAPI document`);
    },
  });
}

/** The OpenAPI 3.1 document of `/openapi.json`, built from the routes with no network or file I/O. */
export function buildOpenApiDocument(): ReturnType<ReturnType<typeof createApp>['getOpenAPI31Document']> {
  const config = parseConfig({ REDIS_URL: 'redis://127.0.0.1:6379', LOG_LEVEL: 'silent' });
  const logger = createLogger({ level: 'silent' });
  // lazyConnect: nothing talks to Redis until a command is sent, and none is.
  const redis = new Redis({ lazyConnect: true, enableOfflineQueue: false });
  const defaultName = 'default';
  const clusters: ClusterRegistry = {
    ...unused<ClusterRegistry>('clusters'),
    defaultName,
    names: () => [defaultName],
    get: () => undefined,
    close: async () => {},
  };
  const auth = createSecurityFromConfig(config, {
    redis,
    logger,
    defaultCluster: defaultName,
    clusters: [defaultName],
    keys: emptyApiKeyStore(),
  });
  const app = createApp({
    config,
    logger,
    redis,
    operations: unused<Operations>('operations'),
    clusters,
    auth,
  });
  try {
    return app.getOpenAPI31Document(OPENAPI_INFO);
  } finally {
    redis.disconnect();
  }
}

/** The text of `api.ts` for `document`, formatted as the repository's formatter would. */
export async function generateSdkTypes(document: object = buildOpenApiDocument()): Promise<string> {
  // openapi-typescript reads the document as given: no fetches (there are no remote $refs).
  const ast = await openapiTS(document as Parameters<typeof openapiTS>[0]);
  const text = `/**\n * Generated from the API's OpenAPI document by \`npm run sdk:types\` (scripts/sdk-types.ts).\n * Do not edit: change the routes' schemas and run it again.\n */\n\n${astToString(ast)}`;
  // Formatted with the pinned Biome, so `npm run check` accepts the committed file as is.
  const biome = spawnSync(
    process.execPath,
    [
      fileURLToPath(import.meta.resolve('@biomejs/biome/bin/biome')),
      'format',
      `--stdin-file-path=${SDK_TYPES_PATH}`,
    ],
    { cwd: repoRoot, input: text, encoding: 'utf8' },
  );
  if (biome.status !== 0) throw new Error(`biome format failed: ${biome.stderr}`);
  return biome.stdout;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = await generateSdkTypes();
  writeFileSync(new URL(`../${SDK_TYPES_PATH}`, import.meta.url), text);
  console.log(`wrote ${SDK_TYPES_PATH} (${text.length} characters)`);
}
