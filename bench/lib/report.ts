// The figures of a run: one row per measured path, as the issue's table has them, rendered to a
// markdown table for stdout and docs/benchmarks.md, and kept whole in the results JSON.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { MachineInfo } from './machine.js';

/** One line of the table. `figures` are the numbers behind it (the smoke test checks them). */
export interface Row {
  /** Stable id: submit, rss, batch, drain, polling-read, polling-submit, redis-retained, token-presigns. */
  id: string;
  /** The scenario that measured it (what `--only` takes). */
  scenario: string;
  path: string;
  now: string;
  reference: string;
  ratio: string;
  target: string;
  /** Whether the target is met; null when the row has no target. */
  met: boolean | null;
  figures: Record<string, number>;
  /** Per-round raw figures. */
  rounds?: unknown[];
  notes?: string[];
  /** Set when the scenario failed: the row then has no figures. */
  error?: string;
}

/** The whole results file. */
export interface Results {
  mode: 'full' | 'smoke';
  scenarios: string[];
  machine: MachineInfo;
  seconds: number;
  rows: Row[];
  profile?: ProfileEntry[];
}

export interface ProfileEntry {
  self: string;
  percent: number;
}

const n0 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const n1 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
const n2 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 });

/** A whole number with separators ("1,915"); "n/a" for NaN. */
export const int = (x: number) => (Number.isFinite(x) ? n0.format(x) : 'n/a');
/** Milliseconds: two decimals under 10, one under 100, whole above. */
export const ms = (x: number) =>
  !Number.isFinite(x)
    ? 'n/a'
    : x < 10
      ? `${n2.format(x)} ms`
      : x < 100
        ? `${n1.format(x)} ms`
        : `${n0.format(x)} ms`;
/** A ratio with two decimals. */
export const r2 = (x: number) => (Number.isFinite(x) ? n2.format(x) : 'n/a');

/** A row for a scenario that threw. */
export function failedRow(id: string, scenario: string, path: string, target: string, err: unknown): Row {
  return {
    id,
    scenario,
    path,
    now: 'failed',
    reference: '—',
    ratio: '—',
    target,
    met: false,
    figures: {},
    error: String((err as Error)?.stack ?? err),
  };
}

const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The issue's table with this run's figures. */
export function markdownTable(rows: readonly Row[]): string {
  const lines = [
    '| path | now | reference in the same run | ratio | target | met |',
    '|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${esc(r.path)} | ${esc(r.now)} | ${esc(r.reference)} | ${esc(r.ratio)} | ${esc(r.target)} | ${
          r.met === null ? '—' : r.met ? 'met' : '**not met**'
        } |`,
    ),
  ];
  return lines.join('\n');
}

/** Notes of the rows, one bullet each. */
export function notesList(rows: readonly Row[]): string[] {
  return rows.flatMap((r) => [
    ...(r.notes ?? []).map((n) => `- ${r.id}: ${n}`),
    ...(r.error ? [`- ${r.id}: FAILED: ${r.error.split('\n')[0]}`] : []),
  ]);
}

export function machineLine(m: MachineInfo): string {
  return (
    `${m.cpus} × ${m.model}, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}; load average ` +
    `${m.loadBefore.join(' / ')} before, ${(m.loadAfter ?? []).join(' / ')} after; ` +
    `commit ${m.commit}${m.dirty ? ' (with uncommitted changes)' : ''}; ${m.date}`
  );
}

export const DOCS_BEGIN =
  '<!-- bench:results:begin (written by `npm run bench`; edits here are overwritten) -->';
export const DOCS_END = '<!-- bench:results:end -->';

/** The generated section of docs/benchmarks.md. */
export function docsSection(results: Results): string {
  const profile = results.profile?.length
    ? [
        '',
        'API CPU profile during the submit scenario (top self time, % of busy time):',
        '',
        '| self time | % |',
        '|---|---|',
        ...results.profile.map((p) => `| ${esc(p.self)} | ${p.percent.toFixed(1)} |`),
      ]
    : [];
  return [
    DOCS_BEGIN,
    '',
    `Last full run: ${machineLine(results.machine)}. ${Math.round(results.seconds)} s in all.`,
    '',
    'Rerun one scenario with `npm run bench -- --only NAME` (NAME: ' +
      `${results.scenarios.map((s) => `\`${s}\``).join(', ')}; several: \`--only batch,drain\`); ` +
      'a partial run writes `bench/results/partial.json` and leaves this table alone. ' +
      'Figures of the run: `bench/results/latest.json`.',
    '',
    markdownTable(results.rows),
    '',
    ...notesList(results.rows),
    ...profile,
    '',
    DOCS_END,
  ].join('\n');
}

/** Replaces (or appends) the generated section of `file`, keeping everything around it. */
export function writeDocsSection(file: string, section: string, intro: string): void {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : intro;
  const begin = text.indexOf(DOCS_BEGIN);
  const end = text.indexOf(DOCS_END);
  const next =
    begin !== -1 && end > begin
      ? text.slice(0, begin) + section + text.slice(end + DOCS_END.length)
      : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, next);
}
