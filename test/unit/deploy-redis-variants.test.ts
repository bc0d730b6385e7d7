import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { parseConfig } from '../../src/shared/config.js';

// The Redis variants of what ships (docker-compose files, Kubernetes kustomizations) give the
// service a configuration it accepts, in the mode each says: one way to reach Redis each.
const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

type Env = Record<string, string>;

/** The API's environment after `docker compose -f docker-compose.yml -f <override>`, `${VAR:-}` unset. */
function composeEnv(...files: string[]): Env {
  const env: Env = {};
  for (const file of files) {
    const doc = parseYaml(read(file), { merge: true }) as { services: Record<string, { environment?: Env }> };
    Object.assign(env, doc.services.api?.environment ?? {});
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v).replace(/^\$\{\w+:-\}$/, '')]));
}

/** The eks-jobs ConfigMap of a kustomization, as `kubectl kustomize` renders it. */
async function kustomizeEnv(dir: string): Promise<Env> {
  const { stdout } = await promisify(execFile)('kubectl', ['kustomize', new URL(dir, root).pathname]);
  const docs = parseAllDocuments(stdout).map(
    (d) => d.toJS() as { kind: string; metadata: { name: string }; data?: Env },
  );
  return docs.find((d) => d.kind === 'ConfigMap' && d.metadata.name === 'eks-jobs')!.data!;
}

describe('docker-compose Redis variants', () => {
  it.each([
    [['docker-compose.yml'], 'standalone'],
    [['docker-compose.yml', 'docker-compose.redis-cluster.yml'], 'cluster'],
    [['docker-compose.yml', 'docker-compose.redis-sentinel.yml'], 'sentinel'],
  ] as const)('%j: the API runs in %s mode', (files, mode) => {
    const config = parseConfig(composeEnv(...files));
    expect(config.redis.connection.mode).toBe(mode);
  });

  it('the worker gets the same Redis as the API in every variant', () => {
    for (const file of ['docker-compose.redis-cluster.yml', 'docker-compose.redis-sentinel.yml']) {
      const doc = parseYaml(read(file), { merge: true }) as { services: Record<string, unknown> };
      expect(doc.services.worker, file).toEqual(doc.services.api);
    }
  });
});

describe('Kubernetes Redis variants', () => {
  // The Secret eks-jobs-config adds REDIS_URL in the base only (the variants say: a password at most).
  it.each([
    ['deploy/kubernetes/base', { REDIS_URL: 'redis://redis:6379' }, 'standalone'],
    ['deploy/kubernetes/redis-cluster', { REDIS_PASSWORD: 'secret' }, 'cluster'],
    ['deploy/kubernetes/redis-sentinel', {}, 'sentinel'],
  ] as const)('%s renders; with its Secret %j the service runs in %s mode', async (dir, secret, mode) => {
    const config = parseConfig({ ...(await kustomizeEnv(dir)), ...secret });
    expect(config.redis.connection.mode).toBe(mode);
  });
});
