import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor } from './wait-for.js';

/** The repository root, so processes run the same way from any test file. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

let distFresh: boolean | undefined;
/** Whether `dist/` holds a build of every file under `src/` at least as new as the file. */
function buildIsFresh(): boolean {
  if (distFresh !== undefined) return distFresh;
  const walk = (dir: string): string[] =>
    readdirSync(join(repoRoot, dir), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
    );
  try {
    distFresh = walk('src')
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
      .every((f) => {
        const built = join(repoRoot, 'dist', f.replace(/\.ts$/, '.js'));
        return existsSync(built) && statSync(built).mtimeMs >= statSync(join(repoRoot, f)).mtimeMs;
      });
  } catch {
    distFresh = false;
  }
  return distFresh;
}

/**
 * Node's arguments to run `entry` (a path under the repo): the build of it in `dist/` when that
 * is there and no source file is newer (what the image ships, and a compiled process starts with
 * about a third of the CPU: `.ci/run` builds before it tests), else the source through tsx.
 */
export function entryArgs(entry: string): string[] {
  if (entry.startsWith('src/') && entry.endsWith('.ts') && buildIsFresh()) {
    return [join('dist', entry.replace(/\.ts$/, '.js'))];
  }
  return ['--import', 'tsx', entry];
}

/** A real child process running one of our entry points (built, or from source through tsx: {@link entryArgs}). */
export interface ServiceProcess {
  child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (or signal name) once it has exited. */
  exited: Promise<number | string>;
  /** SIGKILL if still running; used in cleanup. */
  kill(): Promise<void>;
}

/**
 * Starts `entry` (a path under the repo, e.g. `src/api/main.ts`) as its own Node process with
 * exactly `env` added to a minimal environment (PATH, HOME), so the machine's variables never leak in.
 */
export function startService(
  entry: string,
  env: Record<string, string>,
  args: string[] = [],
): ServiceProcess {
  const child = spawn(process.execPath, [...entryArgs(entry), ...args], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? '/tmp',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  const exited = new Promise<number | string>((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
  return {
    child,
    output: () => out,
    exited,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

/** Polls `url` until it answers with `status`. */
export async function waitForHttp(url: string, status = 200, timeoutMs = 20_000): Promise<void> {
  await waitFor(
    async () => {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await res.body?.cancel();
      return res.status === status;
    },
    { timeoutMs, intervalMs: 50, message: `${url} to answer ${status}` },
  );
}
