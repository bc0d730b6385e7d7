import { execFileSync } from 'node:child_process';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';

/** Where and when a run happened: figures from a shared machine mean little without it. */
export interface MachineInfo {
  cpus: number;
  model: string;
  memoryGiB: number;
  os: string;
  node: string;
  /** 1, 5 and 15 minute load averages. */
  loadBefore: number[];
  loadAfter?: number[];
  commit: string;
  /** Uncommitted changes in the work tree when the run started. */
  dirty: boolean;
  date: string;
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    cpus: list.length,
    model: list[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${platform()} ${release()}`,
    node: process.version,
    loadBefore: loadavg().map((x) => Math.round(x * 100) / 100),
    commit: git(['rev-parse', '--short=12', 'HEAD']) || 'unknown',
    dirty: git(['status', '--porcelain', '--untracked-files=no']) !== '',
    date: new Date().toISOString(),
  };
}

export function loadNow(): number[] {
  return loadavg().map((x) => Math.round(x * 100) / 100);
}
