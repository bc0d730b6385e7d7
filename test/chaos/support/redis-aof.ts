import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REDIS_INSTALL_HINT } from '../../../src/dev/redis-server.js';
import { freePort } from '../../support/redis.js';

/**
 * A private redis-server persisting every write (`appendonly yes`, `appendfsync always`), as
 * the README asks when no acknowledged operation may be lost. test/support/redis.ts runs a
 * non-persistent one; a kill -9 there loses everything, so the chaos suite has its own.
 */
export interface DurableRedis {
  url: string;
  port: number;
  /** SIGKILL: no shutdown, no final fsync beyond what `always` already did. */
  kill(): Promise<void>;
  /** Starts again on the same port and directory, so it replays the same AOF. */
  start(): Promise<void>;
  running(): boolean;
  stop(): Promise<void>;
}

function launch(port: number, dir: string): Promise<ChildProcess> {
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--save',
    '',
    '--appendonly',
    'yes',
    '--appendfsync',
    'always',
    // A kill -9 can leave a half-written last command; Redis drops it and loads the rest.
    '--aof-load-truncated',
    'yes',
    '--daemonize',
    'no',
    '--maxmemory-policy',
    'noeviction',
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not start within 20 s:\n${out}`));
    }, 20_000);
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

/** Starts a durable private redis-server on a free port in its own temp dir. */
export async function startDurableRedis(): Promise<DurableRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'eks-jobs-chaos-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;
  const kill = async () => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGKILL');
    });
  };
  const start = async () => {
    if (child) throw new Error('redis-server is already running');
    child = await launch(port, dir);
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill,
    start,
    running: () => child !== undefined,
    stop: async () => {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
