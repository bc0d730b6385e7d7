// `npm run bench`: every scenario of issue 13 in one run, each figure next to the raw part it is
// built on, measured in the same run, A/B interleaved over rounds (medians): our machines are
// shared and noisy, so absolute rates move between runs and the ratios much less.
//
//   npm run bench                      all scenarios, full sizes (< 5 min); writes
//                                      bench/results/latest.json and the table in docs/benchmarks.md
//   npm run bench -- --only submit     one scenario (or several: --only batch,drain)
//   npm run bench -- --smoke           every scenario at tiny sizes in seconds (part of npm test)
//   npm run bench -- --only submit --profile   also a CPU profile of the API under the submit load
//
// See bench/README.md.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from './lib/build.js';
import { createBenchContext } from './lib/context.js';
import { loadNow, machineInfo } from './lib/machine.js';
import { idleShare, topFunctions, topOrigins } from './lib/profile.js';
import {
  docsSection,
  failedRow,
  machineLine,
  markdownTable,
  notesList,
  type ProfileEntry,
  type Results,
  type Row,
  writeDocsSection,
} from './lib/report.js';

type Ctx = Awaited<ReturnType<typeof createBenchContext>>;

interface Scenario {
  name: string;
  /** Rows it produces, for a failure row when it throws: [id, path, target]. */
  rows: Array<[string, string, string]>;
  /** Imported when the run starts, while the helper processes start (the module graph is large). */
  run: (ctx: Ctx, profileFile?: string) => Promise<Row[]>;
  /** Too long for the 5-minute run of everything: runs when named with --only (and in --smoke). */
  long?: boolean;
}

/** In the order they run: the deep queue of `polling` comes last, so it slows nothing else. */
const SCENARIOS: Scenario[] = [
  {
    name: 'submit',
    rows: [
      ['submit', '`POST /v1/namespaces/{ns}/jobs`', '≥ 0.6 of bare HTTP, p99 ≤ 25 ms'],
      ['rss', 'API RSS peak during the submit run', '≤ 200 MiB'],
    ],
    run: async (ctx, profileFile) =>
      (await import('./scenarios/submit.js')).submitScenario(ctx, profileFile ? { profileFile } : {}),
  },
  {
    name: 'batch',
    rows: [['batch', '`POST /v1/batches`', '≥ 0.8']],
    run: async (ctx, profileFile) =>
      (await import('./scenarios/batch.js')).batchScenario(ctx, profileFile ? { profileFile } : {}),
  },
  {
    name: 'drain',
    rows: [['drain', 'drain', '≥ 0.9']],
    run: async (ctx) => (await import('./scenarios/drain.js')).drainScenario(ctx),
  },
  {
    name: 'tokens',
    rows: [['token-presigns', 'token presigns per Kubernetes request under load', '—']],
    run: async (ctx) => (await import('./scenarios/tokens.js')).tokensScenario(ctx),
  },
  {
    name: 'retention',
    rows: [['redis-retained', 'Redis per retained completed operation', '≤ 2 KB']],
    run: async (ctx) => (await import('./scenarios/retention.js')).retentionScenario(ctx),
  },
  {
    name: 'history-drain',
    rows: [['history-drain', 'drain with the history recorder on', '≥ 0.9']],
    run: async (ctx) => (await import('./scenarios/history-drain.js')).historyDrainScenario(ctx),
  },
  {
    name: 'polling',
    rows: [
      ['polling-read', '`GET /v1/operations/{id}` with a deep queue', '≤ 1.2×'],
      ['polling-submit', 'submits while pollers read the deep queue', '≥ 0.8'],
    ],
    run: async (ctx) => (await import('./scenarios/polling.js')).pollingScenario(ctx),
  },
  {
    name: 'history-page',
    rows: [['history-page', '`GET /v1/history/jobs` page over 10,000,000 rows', '< 50 ms']],
    run: async (ctx) => (await import('./scenarios/history-page.js')).historyPageScenario(ctx),
    // Loading 10 M rows and building their indexes takes minutes on two cores.
    long: true,
  },
];
const ALIASES: Record<string, string> = {
  rss: 'submit',
  redis: 'retention',
  presigns: 'tokens',
  poll: 'polling',
  history: 'history-page',
};

const USAGE = `Usage: npm run bench -- [--smoke] [--only NAME[,NAME…]] [--profile] [--out FILE] [--redis-url URL] [--no-docs]

Scenarios (in run order): ${SCENARIOS.map((s) => `${s.name}${s.long ? ' (long: only with --only, or --smoke)' : ''}`).join(', ')} (aliases: ${Object.entries(
  ALIASES,
)
  .map(([a, b]) => `${a}=${b}`)
  .join(', ')})

  --smoke          every scenario at tiny sizes, in seconds; figures mean nothing, rows must exist
  --only NAMES     just these scenarios (a partial run never rewrites docs/benchmarks.md)
  --profile        CPU profile of the API during the submit and batch scenarios (slows them a
                   little): bench/results/<scenario>-api.cpuprofile and its top self-time entries
  --out FILE       results JSON (default: bench/results/latest.json for a full run of everything,
                   bench/results/smoke.json or bench/results/partial.json otherwise)
  --redis-url URL  use this Redis (a private one is started otherwise; never port 6379)
  --no-docs        do not rewrite the table in docs/benchmarks.md
`;

/** The results of a full run of everything: the one results file kept in git. */
const LATEST = join(ROOT, 'bench/results/latest.json');

const DOCS_INTRO = `# Benchmarks

Generated by \`npm run bench\` (bench/run.ts); see bench/README.md for what each scenario does.
`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    smoke: { type: 'boolean', default: false },
    only: { type: 'string', multiple: true },
    profile: { type: 'boolean', default: false },
    out: { type: 'string' },
    'redis-url': { type: 'string' },
    'no-docs': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const asked = [...(values.only ?? []), ...positionals].flatMap((s) => s.split(',')).filter(Boolean);
const unknown = asked.filter((n) => !SCENARIOS.some((s) => s.name === (ALIASES[n] ?? n)));
if (unknown.length) {
  process.stderr.write(`unknown scenario(s): ${unknown.join(', ')}\n\n${USAGE}`);
  process.exit(2);
}
const chosen = asked.length
  ? SCENARIOS.filter((s) => asked.some((n) => (ALIASES[n] ?? n) === s.name))
  : SCENARIOS.filter((s) => values.smoke || !s.long);
/** The run of everything: every scenario but the long ones (which may run too). */
const everything = SCENARIOS.every((s) => s.long || chosen.includes(s));
const full = !values.smoke;
const outFile =
  values.out ??
  (values.smoke
    ? join(ROOT, 'bench/results/smoke.json')
    : everything
      ? LATEST
      : join(ROOT, 'bench/results/partial.json'));
const writeDocs = full && everything && !values['no-docs'];
/** Where the API's CPU profile of a scenario goes under --profile (submit and batch take one). */
const profileOf = (scenario: string) =>
  values.profile ? join(ROOT, `bench/results/${scenario}-api.cpuprofile`) : undefined;
const started = performance.now();
const log = (line: string) =>
  process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(1)} s] ${line}\n`);

const machine = machineInfo();
log(`${values.smoke ? 'smoke' : 'full'} run of ${chosen.map((s) => s.name).join(', ')}`);
const ctx = await createBenchContext({
  smoke: values.smoke,
  log,
  ...(values['redis-url'] ? { redisUrl: values['redis-url'] } : {}),
});
const rows: Row[] = [];
let failed = 0;
try {
  // The helper processes start in parallel; each scenario then finds the ones it needs running.
  const needsApi = chosen.some((s) => ['submit', 'batch', 'retention', 'polling'].includes(s.name));
  await Promise.all([
    ctx.devcluster(),
    ...(needsApi ? [ctx.api()] : []),
    ...(chosen.some((s) => s.name === 'submit') ? [ctx.bare()] : []),
    // This process loads the scenarios' modules meanwhile.
    ...chosen.map((s) => import(`./scenarios/${s.name}.js`)),
  ]);
  log('helpers ready');
  if (values.profile) mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  for (const scenario of chosen) {
    const t0 = performance.now();
    log(`${scenario.name}: start`);
    try {
      rows.push(...(await scenario.run(ctx, profileOf(scenario.name))));
    } catch (err) {
      failed++;
      log(`${scenario.name}: FAILED: ${(err as Error)?.stack ?? err}`);
      for (const [id, path, target] of scenario.rows)
        rows.push(failedRow(id, scenario.name, path, target, err));
    }
    log(`${scenario.name}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
} finally {
  await ctx.close();
}
machine.loadAfter = loadNow();
const seconds = (performance.now() - started) / 1000;
let profile: ProfileEntry[] | undefined;
for (const scenario of ['submit', 'batch']) {
  const file = profileOf(scenario);
  if (!file || !rows.some((r) => r.id === scenario && !r.error)) continue;
  const top = topFunctions(file, 15);
  // The submit profile is the one kept in the results (the table's first row).
  if (scenario === 'submit' || !profile) profile = top;
  const origins = topOrigins(file, 12);
  process.stdout.write(
    `\nAPI CPU profile of the ${scenario} scenario (${file}; idle ${(100 * idleShare(file)).toFixed(0)} %, while the references ran), self time as % of busy time:\n${top
      .map((p) => `  ${p.percent.toFixed(1).padStart(5)} %  ${p.self}`)
      .join(
        '\n',
      )}\nby origin:\n${origins.map((p) => `  ${p.percent.toFixed(1).padStart(5)} %  ${p.self}`).join('\n')}\n`,
  );
}
const results: Results = {
  mode: values.smoke ? 'smoke' : 'full',
  scenarios: chosen.map((s) => s.name),
  machine,
  seconds,
  rows,
  ...(profile ? { profile } : {}),
};
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, `${JSON.stringify(results, null, 2)}\n`);
if (resolve(outFile) === LATEST) {
  // Kept in git, so `npm run check` sees it: in biome's JSON style, not JSON.stringify's.
  try {
    execFileSync(join(ROOT, 'node_modules/.bin/biome'), ['format', '--write', outFile], { stdio: 'ignore' });
  } catch {
    log(`could not format ${outFile} with biome; run npx biome format --write ${outFile}`);
  }
}
process.stdout.write(
  `\n${markdownTable(rows)}\n\n${notesList(rows).join('\n')}\n\n${machineLine(machine)}\n${
    values.smoke ? 'smoke run: sizes are tiny, the figures mean nothing\n' : ''
  }${seconds.toFixed(0)} s in all${full && everything && !chosen.some((s) => s.long) && seconds > 300 ? ' — OVER the 5-minute budget' : ''}; results in ${outFile}\n`,
);
if (writeDocs) {
  writeDocsSection(join(ROOT, 'docs/benchmarks.md'), docsSection(results), DOCS_INTRO);
  process.stdout.write('table written to docs/benchmarks.md\n');
}
process.exit(failed ? 1 : 0);
