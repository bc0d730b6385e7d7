// The bench harness cannot rot: `npm run bench -- --smoke` runs every scenario at tiny sizes as a
// real child process against this file's private redis-server, and every row of the table must
// come out with finite numbers. Nothing here is about speed: no figure is compared to anything.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Results } from '../../bench/lib/report.js';
import { expect, test } from '../support/fixtures.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ROWS = [
  'submit',
  'rss',
  'batch',
  'drain',
  'token-presigns',
  'redis-retained',
  'polling-read',
  'polling-submit',
  'history-drain',
  'history-page',
];

test('npm run bench -- --smoke produces every scenario row with finite figures', {
  timeout: 180_000,
}, async ({ redis }) => {
  const dir = mkdtempSync(join(tmpdir(), 'eks-jobs-bench-smoke-'));
  const out = join(dir, 'smoke.json');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/run.ts', '--smoke', '--redis-url', redis.url, '--out', out],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  try {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    expect(code, `bench exited with ${code}\n${stderr.slice(-4000)}`).toBe(0);

    const results = JSON.parse(readFileSync(out, 'utf8')) as Results;
    expect(results.mode).toBe('smoke');
    expect(results.rows.map((r) => r.id).sort()).toEqual([...ROWS].sort());
    for (const row of results.rows) {
      expect(row.error, `${row.id} failed`).toBeUndefined();
      const figures = Object.entries(row.figures);
      expect(figures.length, `${row.id} has figures`).toBeGreaterThan(0);
      for (const [name, value] of figures) {
        expect(Number.isFinite(value), `${row.id}.${name} = ${value}`).toBe(true);
      }
      expect(typeof row.met === 'boolean' || row.met === null).toBe(true);
      // The printed table has the row too.
      expect(stdout).toContain(row.path);
    }
    expect(results.machine.cpus).toBeGreaterThan(0);
    expect(results.machine.loadAfter).toHaveLength(3);
  } finally {
    // Only when the test gave up on it; its helper processes exit when it does.
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});
