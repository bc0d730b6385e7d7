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
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not start within ${options.startTimeoutMs ?? 10_000} ms:\n${out}`));
    }, options.startTimeoutMs ?? 10_000);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject((err as NodeJS.ErrnoException).code === 'ENOENT' ? new Error(REDIS_INSTALL_HINT) : err);
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}:\n${out}`));
    });
  });
}
