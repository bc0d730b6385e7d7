import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import type { V1Job } from '@kubernetes/client-node';
import { expect } from 'vitest';
import { test } from '../support/fixtures.js';
import { repoRoot } from '../support/process.js';
import { EVERYTHING, startProcessStack } from '../support/stack.js';
import { waitFor } from '../support/wait-for.js';

const run = promisify(execFile);

/** The README's usage section: its examples are the ones users copy. */
function usageSource(): { file: string; text: string } {
  const readme = readFileSync(`${repoRoot}/README.md`, 'utf8');
  const section = /^## Usage$([\s\S]*?)(?=^## )/m.exec(readme)?.[1];
  if (!section) throw new Error('README.md has no "## Usage" section');
  return { file: 'README.md (Usage)', text: section };
}

/** Every ```sh block, in order. */
function shBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
}

test('every sh example of the usage section runs against a live API', async ({ redis, postgres }) => {
  const { file, text } = usageSource();
  const blocks = shBlocks(text);
  expect(blocks.length, `${file} has sh examples`).toBeGreaterThanOrEqual(8);
  // With PostgreSQL and a key that may write templates, as the templates example needs.
  const stack = await startProcessStack(redis, {
    keys: { readme: { ...EVERYTHING, templateWrite: true } },
    env: { DATABASE_URL: await postgres.createDatabase() },
  });
  try {
    for (const block of blocks) {
      const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', block], {
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', EKS_JOBS_URL: stack.url, EKS_JOBS_KEY: stack.key },
        timeout: 60_000,
      }).catch((err: { stdout?: string; stderr?: string; message: string }) => {
        throw new Error(
          `example failed in ${file}:\n${block}\n${err.message}\n${err.stdout ?? ''}${err.stderr ?? ''}`,
        );
      });
      expect(stdout.length, block).toBeGreaterThan(0);
      // no answer is an error envelope, except in the block that shows one
      if (block.includes('does-not-exist')) expect(stdout).toContain('"code":"JobNotFound"');
      else expect(stdout, block).not.toContain('"error":{"code"');
    }
    // what the asynchronous examples submitted does get created
    await waitFor(
      () => ['part-1', 'part-2', 'legacy'].every((n) => stack.devcluster.store.get('jobs', 'default', n)),
      {
        timeoutMs: 20_000,
        message: 'the examples’ jobs to exist',
      },
    );
    // and the templates example's batch rendered both revisions
    await waitFor(
      () => {
        const revisions = (stack.devcluster.store.list('jobs', 'default') as V1Job[])
          .map((j) => j.metadata?.labels?.['eks-jobs/template-revision'])
          .filter((r) => r !== undefined);
        return ['1', '2'].every((r) => revisions.includes(r));
      },
      { timeoutMs: 20_000, message: 'Jobs of both template revisions to exist' },
    );
  } finally {
    await stack.stop();
  }
}, 120_000);
