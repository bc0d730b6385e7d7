import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Redis, type RedisOptions } from 'ioredis';
import { launchRedisServer } from './redis-server.js';

/**
 * The pieces the local Redis topologies (redis-topology.ts) are built of: one redis-server
 * process on 127.0.0.1 that can be killed, paused and restarted; TLS and ACL arguments; free
 * ports; a short-lived connection to inspect a server; polling until a condition holds.
 */

/** One `redis-server` process of a topology. */
export interface RedisProcess {
  readonly host: string;
  readonly port: number;
  /** `host:port`. */
  readonly address: string;
  /** Whether the process is running (paused counts as running). */
  running(): boolean;
  /** kill -9; resolves once it has exited. */
  kill(): Promise<void>;
  /** SIGSTOP: the process stops answering, its sockets stay open (a hung server). */
  pause(): void;
  /** SIGCONT after {@link pause}. */
  resume(): void;
  /** Starts it again after {@link kill}, same port, directory and arguments (a cluster node rejoins). */
  restart(): Promise<void>;
}

export const HOST = '127.0.0.1';

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, HOST, () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** A free port `p` whose cluster bus port `p + 10000` is free too. */
export async function freeClusterPort(): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (port > 55_535) continue;
    const busFree = await new Promise<boolean>((resolve) => {
      const srv = createServer();
      srv.once('error', () => resolve(false));
      srv.listen(port + 10_000, HOST, () => srv.close(() => resolve(true)));
    });
    if (busFree) return port;
  }
}

export function redisProcess(
  port: number,
  launch: () => Promise<ChildProcess>,
  child: ChildProcess,
): RedisProcess {
  let current: ChildProcess | undefined = child;
  const alive = () => current !== undefined && current.exitCode === null && current.signalCode === null;
  return {
    host: HOST,
    port,
    address: `${HOST}:${port}`,
    running: alive,
    async kill() {
      const c = current;
      current = undefined;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        c.once('exit', () => resolve());
        c.kill('SIGKILL');
      });
    },
    pause: () => void current?.kill('SIGSTOP'),
    resume: () => void current?.kill('SIGCONT'),
    async restart() {
      if (alive()) throw new Error(`redis-server on ${port} is still running`);
      current = await launch();
    },
  };
}

/** Starts one redis-server with `extraArgs` in its own directory under `root`. */
export async function startNode(root: string, extraArgs: (port: number) => string[], port?: number) {
  const p = port ?? (await freePort());
  const dir = join(root, String(p));
  mkdirSync(dir, { recursive: true });
  // A replica's first sync would wait 5 s for more replicas to share it (Redis' default).
  const args = ['--repl-diskless-sync-delay', '0', ...extraArgs(p)];
  const launch = () => launchRedisServer({ port: p, dir, extraArgs: args, startTimeoutMs: 20_000 });
  return redisProcess(p, launch, await launch());
}

/** How to reach a server that requires TLS or an ACL user ({@link RedisSecurity}). */
export type ServerAccess = Pick<RedisOptions, 'tls' | 'username' | 'password'>;

/** TLS and an ACL user on every node, as ElastiCache and MemoryDB run them. */
export interface RedisSecurity {
  /** Serve TLS only (no plain port), node-to-node and replication included. PEM files. */
  tls?: { certFile: string; keyFile: string; caFile: string };
  /** The one user (the default user is off); replicas sync as it too. */
  user?: { name: string; password: string };
}

/** The redis-server arguments of `security` (after the plain ones: `--port 0` closes the plain port). */
export function securityArgs(security: RedisSecurity, port: number): string[] {
  const { tls, user } = security;
  return [
    ...(tls
      ? [
          ...['--port', '0', '--tls-port', String(port), '--tls-cert-file', tls.certFile],
          ...['--tls-key-file', tls.keyFile, '--tls-ca-cert-file', tls.caFile, '--tls-auth-clients', 'no'],
          ...['--tls-cluster', 'yes', '--tls-replication', 'yes'],
        ]
      : []),
    ...(user
      ? [
          ...[
            '--user',
            'default',
            'off',
            '--user',
            user.name,
            'on',
            `>${user.password}`,
            '~*',
            '&*',
            '+@all',
          ],
          ...['--masteruser', user.name, '--masterauth', user.password],
        ]
      : []),
  ];
}

/** How clients (ioredis, redis-cli) reach servers started with `security`. */
export function accessOf(security: RedisSecurity): { client: ServerAccess; cli: string[] } {
  const { tls, user } = security;
  return {
    client: {
      ...(tls ? { tls: { ca: readFileSync(tls.caFile) } } : {}),
      ...(user ? { username: user.name, password: user.password } : {}),
    },
    cli: [
      ...(tls ? ['--tls', '--cacert', tls.caFile] : []),
      ...(user ? ['--user', user.name, '--pass', user.password] : []),
    ],
  };
}

/** A short-lived connection to one server, for setting up and inspecting a topology. */
export async function withServer<T>(
  address: string,
  fn: (redis: Redis) => Promise<T>,
  access: ServerAccess = {},
): Promise<T> {
  const [host, port] = address.split(':') as [string, string];
  const redis = new Redis({
    ...access,
    host,
    port: Number(port),
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
  redis.on('error', () => {});
  try {
    await redis.connect();
    return await fn(redis);
  } finally {
    redis.disconnect();
  }
}

/** Polls `check` every 50 ms until it is true; throws `what` after `timeoutMs`. */
export async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      if (await check()) return;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function infoField(info: string, field: string): string | undefined {
  return new RegExp(`^${field}:(.*)$`, 'm').exec(info)?.[1]?.trim();
}

/** Whether the replica at `address` has finished its sync with its master. */
export function replicaInSync(address: string, access: ServerAccess = {}): Promise<boolean> {
  return withServer(
    address,
    async (r) => infoField(await r.info('replication'), 'master_link_status') === 'up',
    access,
  );
}
