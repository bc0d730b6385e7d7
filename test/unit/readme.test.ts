import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replaceConfigTable } from '../../src/shared/config-table.js';
import { envSchema } from '../../src/shared/config.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('has the configuration table generated from the config schema (run `npm run docs:config`)', () => {
    expect(readme).toBe(replaceConfigTable(readme));
    for (const variable of Object.keys(envSchema.shape)) expect(readme).toContain(`| \`${variable}\` |`);
  });

  it('gives the two first-run commands, and CI runs the same test command', () => {
    expect(readme).toMatch(/^npm run dev\b/m);
    expect(readme).toMatch(/^npm test\b/m);
    const ci = readFileSync(new URL('../../.ci/run', import.meta.url), 'utf8');
    expect(ci).toMatch(/^npm test$/m);
  });
});
