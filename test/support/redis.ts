import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { launchRedisServer } from '../../src/dev/redis-server.js';

/** A private redis-server owned by a test run; never the machine's port 6379. */
export interface TestRedis {
  url: string;
  port: number;
  /** Kills the server (SIGKILL) without cleaning up, to simulate an outage. */
  kill(): Promise<void>;
  /** Starts it again on the same port after {@link TestRedis.kill}. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Finds a free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

function launch(port: number, dir: string): Promise<ChildProcess> {
  return launchRedisServer({ port, dir });
}

/** Starts a private redis-server on a free port in its own temp dir. */
export async function startRedis(): Promise<TestRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'eks-jobs-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined = await launch(port, dir);
  const killChild = async () => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGKILL');
    });
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill: killChild,
    restart: async () => {
      await killChild();
      child = await launch(port, dir);
    },
    stop: async () => {
      await killChild();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh queue prefix per test, so tests sharing one Redis never see each other's keys. */
export function testPrefix(): string {
  return `test-${randomUUID().slice(0, 8)}`;
}

/** Deletes every key under `prefix` (cleanup after a test). */
export async function cleanPrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/**
 * Commands Redis executed while `fn` ran, by name, from Redis's own statistics (`INFO
 * commandstats`; the statistics calls themselves left out). Meaningful when nothing else talks
 * to that redis-server meanwhile.
 */
export async function commandsDuring(
  admin: Redis,
  fn: () => Promise<unknown>,
): Promise<Record<string, number>> {
  await admin.config('RESETSTAT');
  await fn();
  const info = await admin.info('commandstats');
  const counts: Record<string, number> = {};
  for (const m of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
    if (!/^(config|info)\b/.test(m[1]!)) counts[m[1]!] = Number(m[2]);
  }
  return counts;
}
