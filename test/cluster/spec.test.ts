import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { clusterSpecSchema, loadClusterSpecs } from '../../src/shared/cluster/spec.js';
import { type Config, ConfigError, parseConfig } from '../../src/shared/config.js';

function configWithFile(content: unknown, env: Record<string, string> = {}): Config {
  const dir = mkdtempSync(join(tmpdir(), 'eks-jobs-clusters-'));
  const file = join(dir, 'clusters.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return parseConfig({ CLUSTERS_FILE: file, ...env });
}

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('clusterSpecSchema', () => {
  test.each([
    [{ name: 'prod', region: 'us-west-2' }, 'eks'],
    [{ name: 'kind', provider: 'static', server: 'https://127.0.0.1:6443', token: 't' }, 'static'],
    [{ name: 'here', provider: 'in-cluster' }, 'in-cluster'],
  ])('accepts %j as %s', (input, provider) => {
    expect(clusterSpecSchema.parse(input).provider).toBe(provider);
  });

  test.each([
    [{ name: 'Prod_1', region: 'us-west-2' }, 'name'],
    [{ name: 'prod', region: 'west' }, 'region'],
    [{ name: 'prod', region: 'us-west-2', roleArn: 'role/x' }, 'roleArn'],
    [{ name: 'kind', provider: 'static', server: 'http://127.0.0.1:6443', token: 't' }, 'server'],
    [{ name: 'kind', provider: 'static', server: 'https://127.0.0.1:6443' }, 'token'],
    [{ name: 'kind', provider: 'static', server: 'https://h', token: 't', tokenFile: '/t' }, 'token'],
    [{ name: 'prod', region: 'us-west-2', tokn: 'typo' }, ''],
  ])('rejects %j (at %s)', (input, path) => {
    const result = clusterSpecSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});

describe('loadClusterSpecs', () => {
  test('one EKS cluster from EKS_CLUSTER_NAME and EKS_REGION', () => {
    const specs = loadClusterSpecs(
      parseConfig({ EKS_CLUSTER_NAME: 'Prod_Cluster', EKS_REGION: 'eu-west-1' }),
    );
    expect(specs).toEqual([
      {
        name: 'prod-cluster',
        eksClusterName: 'Prod_Cluster',
        provider: 'eks',
        region: 'eu-west-1',
        default: true,
      },
    ]);
  });

  test('several clusters from CLUSTERS_FILE, the marked one default, in-cluster server from the env', () => {
    const specs = loadClusterSpecs(
      configWithFile(
        {
          clusters: [
            { name: 'a', region: 'us-west-2', limiter: { max: 10, durationMs: 1000 } },
            {
              name: 'b',
              region: 'us-east-1',
              roleArn: 'arn:aws:iam::111122223333:role/deployer',
              default: true,
            },
            { name: 'c', provider: 'in-cluster' },
          ],
        },
        { KUBERNETES_SERVICE_HOST: '10.0.0.1', KUBERNETES_SERVICE_PORT: '443' },
      ),
    );
    expect(specs.map((s) => [s.name, s.provider, s.default])).toEqual([
      ['a', 'eks', false],
      ['b', 'eks', true],
      ['c', 'in-cluster', false],
    ]);
    expect(specs[2]).toMatchObject({ server: 'https://10.0.0.1:443' });
  });

  test.each([
    [
      [
        { name: 'a', region: 'us-west-2' },
        { name: 'a', region: 'us-west-2' },
      ],
      'cluster "a" is listed twice',
    ],
    [[{ name: 'a' }], 'CLUSTERS_FILE: clusters[0].region:'],
    [[], 'expected at least one cluster'],
    [
      [
        { name: 'a', region: 'us-west-2', default: true },
        { name: 'b', region: 'us-west-2', default: true },
      ],
      'only one cluster may be the default',
    ],
    [[{ name: 'c', provider: 'in-cluster' }], 'in-cluster needs server or KUBERNETES_SERVICE_HOST'],
    ['{not json', 'is not valid JSON'],
  ])('names the problem in %j', (content, expected) => {
    expect(problems(() => loadClusterSpecs(configWithFile(content))).join('\n')).toContain(expected);
  });

  test('without CLUSTERS_FILE or EKS_CLUSTER_NAME', () => {
    expect(problems(() => loadClusterSpecs(parseConfig({})))).toEqual([
      'EKS_CLUSTER_NAME: required when CLUSTERS_FILE is not set',
    ]);
  });
});
