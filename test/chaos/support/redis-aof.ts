import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchRedisServer } from '../../../src/dev/redis-server.js';
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
  return launchRedisServer({ port, dir, persistence: 'aof-always', startTimeoutMs: 20_000 });
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
