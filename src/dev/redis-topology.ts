import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  accessOf,
  freeClusterPort,
  freePort,
  HOST,
  infoField,
  type RedisProcess,
  type RedisSecurity,
  redisProcess,
  replicaInSync,
  type ServerAccess,
  securityArgs,
  startNode,
  until,
  withServer,
} from './redis-process.js';
import { spawnRedisServer } from './redis-server.js';

export {
  freePort,
  type RedisProcess,
  type RedisSecurity,
  replicaInSync,
  type ServerAccess,
  until,
  withServer,
} from './redis-process.js';

/**
 * Local Redis topologies from Debian's `redis-server` and `redis-cli`, on 127.0.0.1 and free
 * ports, in a temporary directory: a Redis Cluster (masters with replicas, made by
 * `redis-cli --cluster create`), and a primary with replicas watched by Sentinels. Used by
 * `npm run dev -- --redis cluster|sentinel` and by the tests (`test/support/redis-topology.ts`).
 * Nothing is persisted; never the machine's own Redis.
 */

/** Options of {@link startRedisCluster}. */
export interface RedisClusterOptions {
  /** @defaultValue 3 */
  masters?: number;
  /** @defaultValue 1 */
  replicasPerMaster?: number;
  /**
   * `cluster-node-timeout`: how long a master may be unreachable before its replica takes over.
   * @defaultValue 2000
   */
  nodeTimeoutMs?: number;
  /** TLS and an ACL user on every node. @defaultValue neither */
  security?: RedisSecurity;
}

/** A running local Redis Cluster. */
export interface RedisClusterProcesses {
  /** Every node, in the order `redis-cli --cluster create` got them (masters first). */
  nodes: RedisProcess[];
  /** `host:port,…` of every node: the value of REDIS_CLUSTER_NODES. */
  startupNodes: string;
  /** How to reach the nodes (with `security`: TLS options, the user). */
  access: ServerAccess;
  /** Stops every node (kill -9) and removes the directory. */
  stop(): Promise<void>;
}

/**
 * Starts `masters × (1 + replicasPerMaster)` cluster-enabled redis-servers, joins them with
 * `redis-cli --cluster create … --cluster-replicas N --cluster-yes`, and resolves once every node
 * says `cluster_state:ok`, knows every other node, and every replica is in sync.
 */
export async function startRedisCluster(options: RedisClusterOptions = {}): Promise<RedisClusterProcesses> {
  const masters = options.masters ?? 3;
  const replicas = options.replicasPerMaster ?? 1;
  const root = mkdtempSync(join(tmpdir(), 'eks-jobs-redis-cluster-'));
  const security = options.security ?? {};
  const { client: access, cli } = accessOf(security);
  const nodes: RedisProcess[] = [];
  const stop = async () => {
    await Promise.all(nodes.map((n) => n.kill()));
    rmSync(root, { recursive: true, force: true });
  };
  try {
    const ports = [];
    for (let i = 0; i < masters * (1 + replicas); i++) ports.push(await freeClusterPort());
    const args = (port: number) => [
      '--cluster-enabled',
      'yes',
      '--cluster-config-file',
      `nodes-${port}.conf`,
      '--cluster-node-timeout',
      String(options.nodeTimeoutMs ?? 2000),
      ...securityArgs(security, port),
    ];
    nodes.push(...(await Promise.all(ports.map((port) => startNode(root, args, port)))));
    await promisify(execFile)(
      'redis-cli',
      [
        '--cluster',
        'create',
        ...nodes.map((n) => n.address),
        '--cluster-replicas',
        String(replicas),
        '--cluster-yes',
        ...cli,
      ],
      { timeout: 60_000 },
    );
    const total = nodes.length;
    await until('the cluster to be formed', async () => {
      for (const n of nodes) {
        const ok = await withServer(
          n.address,
          async (r) => {
            const info = (await r.call('CLUSTER', 'INFO')) as string;
            return (
              infoField(info, 'cluster_state') === 'ok' &&
              Number(infoField(info, 'cluster_known_nodes')) === total &&
              Number(infoField(info, 'cluster_slots_ok')) === 16384
            );
          },
          access,
        );
        if (!ok) return false;
      }
      return true;
    });
    await until('every replica to be in sync', async () => {
      for (const n of nodes) {
        const role = await withServer(
          n.address,
          async (r) => infoField(await r.info('replication'), 'role'),
          access,
        );
        if (role === 'slave' && !(await replicaInSync(n.address, access))) return false;
      }
      return true;
    });
  } catch (err) {
    await stop();
    throw err;
  }
  return { nodes, startupNodes: nodes.map((n) => n.address).join(','), access, stop };
}

/** Options of {@link startRedisSentinel}. */
export interface RedisSentinelOptions {
  /** @defaultValue 2 */
  replicas?: number;
  /** @defaultValue 3 (a quorum of 2) */
  sentinels?: number;
  /** The master group name. @defaultValue 'eks-jobs' */
  name?: string;
  /** `down-after-milliseconds`: how long the master may be silent before a failover starts. @defaultValue 1000 */
  downAfterMs?: number;
}

/** A running local primary with replicas, watched by sentinels. */
export interface RedisSentinelProcesses {
  name: string;
  /** The master at the start (after a failover, ask the sentinels). */
  master: RedisProcess;
  replicas: RedisProcess[];
  sentinels: RedisProcess[];
  /** `host:port,…` of the sentinels: the value of REDIS_SENTINELS. */
  sentinelAddresses: string;
  /** Stops every process (kill -9) and removes the directory. */
  stop(): Promise<void>;
}

/** A running local primary with replicas (no sentinels). */
export interface RedisReplicatedProcesses {
  master: RedisProcess;
  replicas: RedisProcess[];
  /** `redis://host:port` of the master: the value of REDIS_URL. */
  url: string;
  /** Stops every process (kill -9) and removes the directory. */
  stop(): Promise<void>;
}

/** Starts a primary with `replicas` replicas and resolves once they are in sync (what `WAIT` counts). */
export async function startRedisReplicated(
  options: { replicas?: number } = {},
): Promise<RedisReplicatedProcesses> {
  const root = mkdtempSync(join(tmpdir(), 'eks-jobs-redis-replicated-'));
  try {
    const { master, replicas } = await startReplicas(root, options.replicas ?? 1);
    return {
      master,
      replicas,
      url: `redis://${master.address}`,
      async stop() {
        await Promise.all([master, ...replicas].map((p) => p.kill()));
        rmSync(root, { recursive: true, force: true });
      },
    };
  } catch (err) {
    rmSync(root, { recursive: true, force: true });
    throw err;
  }
}

async function startReplicas(
  root: string,
  replicas: number,
): Promise<{ master: RedisProcess; replicas: RedisProcess[] }> {
  const master = await startNode(root, () => []);
  const started: RedisProcess[] = [];
  try {
    for (let i = 0; i < replicas; i++) {
      started.push(await startNode(root, () => ['--replicaof', HOST, String(master.port)]));
    }
    await until('the replicas to be in sync', async () => {
      for (const r of started) if (!(await replicaInSync(r.address))) return false;
      return true;
    });
  } catch (err) {
    await Promise.all([master, ...started].map((p) => p.kill()));
    throw err;
  }
  return { master, replicas: started };
}

/**
 * Starts a primary with replicas (in sync) and `sentinels` sentinels monitoring it as `name`
 * with a quorum of a majority, and resolves once every sentinel sees the master and its replicas.
 * The sentinels run as `redis-server <config> --sentinel`, with their own writable config file.
 */
export async function startRedisSentinel(
  options: RedisSentinelOptions = {},
): Promise<RedisSentinelProcesses> {
  const name = options.name ?? 'eks-jobs';
  const count = options.sentinels ?? 3;
  const root = mkdtempSync(join(tmpdir(), 'eks-jobs-redis-sentinel-'));
  const all: RedisProcess[] = [];
  const stop = async () => {
    await Promise.all(all.map((p) => p.kill()));
    rmSync(root, { recursive: true, force: true });
  };
  try {
    const { master, replicas } = await startReplicas(root, options.replicas ?? 2);
    all.push(master, ...replicas);
    const sentinels = await Promise.all(
      Array.from({ length: count }, async () => {
        const port = await freePort();
        const dir = join(root, `sentinel-${port}`);
        mkdirSync(dir, { recursive: true });
        const config = join(dir, 'sentinel.conf');
        writeFileSync(
          config,
          [
            `port ${port}`,
            `bind ${HOST}`,
            `dir ${dir}`,
            `sentinel monitor ${name} ${HOST} ${master.port} ${Math.floor(count / 2) + 1}`,
            `sentinel down-after-milliseconds ${name} ${options.downAfterMs ?? 1000}`,
            `sentinel failover-timeout ${name} 10000`,
            `sentinel parallel-syncs ${name} 1`,
            '',
          ].join('\n'),
        );
        const launch = () => spawnRedisServer([config, '--sentinel'], /\+monitor master/, 20_000);
        const sentinel = redisProcess(port, launch, await launch());
        all.push(sentinel);
        return sentinel;
      }),
    );
    await until('the sentinels to see the master, its replicas and each other', async () => {
      for (const s of sentinels) {
        const ok = await withServer(s.address, async (r) => {
          const [m] = (await r.call('SENTINEL', 'MASTERS')) as string[][];
          const field = (k: string) => m?.[m.indexOf(k) + 1];
          return (
            Number(field('num-slaves')) === replicas.length &&
            Number(field('num-other-sentinels')) === count - 1
          );
        });
        if (!ok) return false;
      }
      return true;
    });
    return {
      name,
      master,
      replicas,
      sentinels,
      sentinelAddresses: sentinels.map((s) => s.address).join(','),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
