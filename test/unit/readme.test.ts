import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadClusterSpecs } from '../../src/shared/cluster/index.js';
import { envSchema, parseConfig } from '../../src/shared/config.js';
import { replaceConfigTable } from '../../src/shared/config-table.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('has the configuration table generated from the config schema (run `npm run docs:config`)', () => {
    expect(readme).toBe(replaceConfigTable(readme));
    for (const variable of Object.keys(envSchema.shape)) expect(readme).toContain(`| \`${variable}\` |`);
  });

  it('shows a CLUSTERS_FILE example that the service accepts as written', () => {
    const example = /^## Clusters$[\s\S]*?^```json\n([\s\S]*?)^```$/m.exec(readme)?.[1];
    expect(example).toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), 'eks-jobs-readme-'));
    try {
      writeFileSync(join(dir, 'clusters.json'), example!);
      const config = parseConfig({
        CLUSTERS_FILE: join(dir, 'clusters.json'),
        KUBERNETES_SERVICE_HOST: '10.0.0.1',
      });
      const specs = loadClusterSpecs(config);
      expect(specs.map((s) => `${s.name}:${s.provider}`)).toEqual([
        'prod:eks',
        'data:eks',
        'kind:static',
        'local:in-cluster',
      ]);
      expect(specs.filter((s) => s.default).map((s) => s.name)).toEqual(['prod']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives the two first-run commands, and CI runs the same test command', () => {
    expect(readme).toMatch(/^npm run dev\b/m);
    expect(readme).toMatch(/^npm test\b/m);
    const ci = readFileSync(new URL('../../.ci/run', import.meta.url), 'utf8');
    expect(ci).toMatch(/^npm test$/m);
  });
});
