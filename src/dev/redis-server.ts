import { type ChildProcess, spawn } from 'node:child_process';

/** How to get redis-server on Debian/Ubuntu; said whenever it is missing. */
export const REDIS_INSTALL_HINT =
  'redis-server is not installed. On Debian/Ubuntu: apt-get update && apt-get install -y --no-install-recommends redis-server';

/** Options of {@link launchRedisServer}. */
export interface RedisServerOptions {
  port: number;
  /** Working directory for redis-server. */
  dir: string;
  /**
   * `none`: nothing persisted (no RDB, no AOF), for `npm run dev` and the tests. `aof-always`:
   * every write fsynced to the AOF before it is answered, as production without loss runs it (the
   * chaos suite kills such a Redis and starts it again on the same directory).
   * @defaultValue 'none'
   */
  persistence?: 'none' | 'aof-always';
  /** @defaultValue 10000 */
  startTimeoutMs?: number;
  /** More arguments, after the ones above (`--cluster-enabled yes`, `--replicaof …`). */
  extraArgs?: readonly string[];
}

/**
 * Starts a private `redis-server` on 127.0.0.1 and resolves once it accepts connections. Used
 * by `npm run dev` and the test suites; never the machine's own Redis.
 */
export function launchRedisServer(options: RedisServerOptions): Promise<ChildProcess> {
  const args = [
    '--port',
    String(options.port),
    '--bind',
    '127.0.0.1',
    '--dir',
    options.dir,
    '--save',
    '',
    ...(options.persistence === 'aof-always'
      ? // A kill -9 can leave a half-written last command; Redis drops it and loads the rest.
        ['--appendonly', 'yes', '--appendfsync', 'always', '--aof-load-truncated', 'yes']
      : ['--appendonly', 'no']),
    '--daemonize',
    'no',
    // As in production: BullMQ loses jobs if Redis evicts keys.
    '--maxmemory-policy',
    'noeviction',
    ...(options.extraArgs ?? []),
  ];
  return spawnRedisServer(args, /Ready to accept connections/, options.startTimeoutMs);
}

// Every redis-server this process started that still runs. When the process exits (a test run
// ending after a timeout, say) they are killed, instead of running on with nobody to stop them.
const started = new Set<ChildProcess>();
let killOnExit = false;
function track(child: ChildProcess): void {
  started.add(child);
  child.once('exit', () => started.delete(child));
  if (killOnExit) return;
  killOnExit = true;
  process.once('exit', () => {
    for (const c of started) c.kill('SIGKILL');
  });
}

/**
 * Runs `redis-server args` and resolves once its log (on stdout) shows `ready`; rejects with the
 * log when it exits or does not get there within `startTimeoutMs`.
 */
export function spawnRedisServer(
  args: readonly string[],
  ready: RegExp,
  startTimeoutMs = 10_000,
): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    track(child);
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not start within ${startTimeoutMs} ms:\n${out}`));
    }, startTimeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject((err as NodeJS.ErrnoException).code === 'ENOENT' ? new Error(REDIS_INSTALL_HINT) : err);
    });
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (ready.test(out)) {
        clearTimeout(timer);
        // Keep draining the pipe: a server whose log fills the pipe buffer would block.
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.resume();
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}:\n${out}`));
    });
  });
}
