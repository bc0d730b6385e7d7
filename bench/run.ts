// `npm run bench [-- name …]`: runs the benchmarks one after another, each in its own process
// so one's leftovers cannot skew the next. Benchmarks are not tests: they print figures and
// ratios against raw parts measured in the same run, because these machines are shared and noisy.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const all = ['devcluster', 'pipeline', 'api'];
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write(
    `Usage: npm run bench [-- ${all.join('|')} …]\nRuns bench/<name>.ts for each name (default: all).\n`,
  );
  process.exit(0);
}
let failed = 0;
for (const name of wanted.length ? wanted : all) {
  const file = `bench/${name}.ts`;
  if (!existsSync(file)) {
    process.stderr.write(`no benchmark ${file}\n`);
    failed++;
    continue;
  }
  process.stdout.write(`\n=== ${name}\n`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
