// A tiny request/answer protocol over a forked child's IPC channel, so the bench can keep the
// API (and the bare reference server, and the devcluster) in processes of their own — their CPU
// and RSS are theirs alone — and still ask them for figures (RSS peak, counters, a CPU profile).
import { type ChildProcess, fork } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';

interface Request {
  id: number;
  op: string;
  arg?: unknown;
}
type Answer = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };
type Ready = { type: 'ready'; value: unknown } | { type: 'failed'; error: string };

/** A helper process started by {@link startHelper}. */
export interface Helper<R> {
  readonly name: string;
  readonly pid: number;
  /** What the child sent when it was ready (its port, URL…). */
  readonly ready: R;
  call<T = unknown>(op: string, arg?: unknown): Promise<T>;
  /** Asks the child to close cleanly (`stop`), waits for its exit; kills it after `timeoutMs`. */
  stop(timeoutMs?: number): Promise<void>;
}

/** Options of {@link startHelper}. */
export interface HelperOptions {
  env?: Record<string, string | undefined>;
  /** Node flags (besides `--import tsx` for a .ts file). */
  execArgv?: string[];
  /** The child's stdout goes here (the API logs at info, as in production); else ignored. */
  logFile?: string;
  /** @defaultValue 60000 */
  readyTimeoutMs?: number;
}

/** Forks `file` (under tsx when it is TypeScript) and waits for its `ready` message. */
export async function startHelper<R>(
  name: string,
  file: string,
  args: string[],
  options: HelperOptions = {},
): Promise<Helper<R>> {
  const out = options.logFile ? openSync(options.logFile, 'w') : 'ignore';
  const child: ChildProcess = fork(file, args, {
    execArgv: [...(file.endsWith('.ts') ? ['--import', 'tsx'] : []), ...(options.execArgv ?? [])],
    env: options.env ?? process.env,
    stdio: ['ignore', out, 'inherit', 'ipc'],
  });
  if (typeof out === 'number') closeSync(out);
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = true;
      for (const p of pending.values()) p.reject(new Error(`${name} exited (${code ?? signal})`));
      pending.clear();
      resolve();
    });
  });
  const ready = await new Promise<R>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} was not ready within ${options.readyTimeoutMs ?? 60_000} ms`));
    }, options.readyTimeoutMs ?? 60_000);
    const onMessage = (m: Ready) => {
      if (m?.type !== 'ready' && m?.type !== 'failed') return;
      clearTimeout(timer);
      child.off('message', onMessage);
      if (m.type === 'ready') resolve(m.value as R);
      else reject(new Error(`${name} failed to start: ${m.error}`));
    };
    child.on('message', onMessage);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const log = options.logFile ? tail(options.logFile) : '';
      reject(new Error(`${name} exited before it was ready (${code ?? signal})${log ? `:\n${log}` : ''}`));
    });
  });
  child.on('message', (m: Answer) => {
    const p = typeof m?.id === 'number' ? pending.get(m.id) : undefined;
    if (!p) return;
    pending.delete(m.id);
    if (m.ok) p.resolve(m.value);
    else p.reject(new Error(`${name}: ${m.error}`));
  });
  return {
    name,
    pid: child.pid ?? -1,
    ready,
    call<T>(op: string, arg?: unknown) {
      if (exited) return Promise.reject(new Error(`${name} is not running`));
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ id, op, arg } satisfies Request);
      });
    },
    async stop(timeoutMs = 15_000) {
      if (exited) return;
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.send({ id: 0, op: 'stop' } satisfies Request, () => {});
      await exit;
      clearTimeout(timer);
    },
  };
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    return '';
  }
}

/**
 * The child's side: announce `ready` (or the start-up error), then answer requests with
 * `handlers`. `stop` runs `close` and exits 0 (so `--cpu-prof` and friends write their files).
 * When the parent goes away (the IPC channel closes) the child exits too: no orphans.
 */
export async function serveHelper(
  start: () => Promise<{
    ready: unknown;
    handlers: Record<string, (arg: unknown) => unknown>;
    close: () => Promise<void>;
  }>,
): Promise<void> {
  if (!process.send) throw new Error('a bench helper runs as a forked child (see bench/lib/ipc.ts)');
  let started: Awaited<ReturnType<typeof start>>;
  try {
    started = await start();
  } catch (err) {
    process.send({ type: 'failed', error: String((err as Error)?.stack ?? err) });
    process.exit(1);
  }
  process.on('disconnect', () => process.exit(1));
  process.on('message', async (m: Request) => {
    if (m?.op === 'stop') {
      await started.close().catch(() => {});
      process.exit(0);
    }
    const handler = started.handlers[m.op];
    try {
      if (!handler) throw new Error(`no operation ${m.op}`);
      const value = await handler(m.arg);
      process.send?.({ id: m.id, ok: true, value } satisfies Answer);
    } catch (err) {
      process.send?.({ id: m.id, ok: false, error: String((err as Error)?.message ?? err) } satisfies Answer);
    }
  });
  process.send({ type: 'ready', value: started.ready });
}
