/**
 * Real Redis topologies for tests, started from Debian's redis-server and redis-cli on free ports
 * (src/dev/redis-topology.ts starts them) and torn down after: a 3-master/3-replica Redis Cluster,
 * a Sentinel group (1 master, 2 replicas, 3 sentinels), and a primary with replicas. The helpers
 * read the topology from the servers themselves (CLUSTER KEYSLOT, CLUSTER NODES, SENTINEL
 * get-master-addr-by-name) and break it the way production breaks (kill -9, SIGSTOP).
 *
 * `topologyTest` (topology-fixtures.ts) gives a test file one cluster and one sentinel group.
 * `env` of each is what `parseConfig` takes to run the service against it.
 */
import {
  type RedisClusterOptions,
  type RedisProcess,
  type RedisReplicatedProcesses,
  type RedisSentinelOptions,
  replicaInSync,
  startRedisCluster,
  startRedisReplicated,
  startRedisSentinel,
  until,
  withServer,
} from '../../src/dev/redis-topology.js';

export type { RedisProcess, RedisReplicatedProcesses };
export { startRedisReplicated };

/** One node as `CLUSTER NODES` describes it. */
export interface ClusterNodeInfo {
  id: string;
  address: string;
  role: 'master' | 'replica';
  /** The master's id, for a replica. */
  masterId?: string;
  /** Slot ranges it serves, inclusive (masters). */
  slots: Array<[number, number]>;
  /** Marked failed or unreachable by the node asked. */
  failing: boolean;
}

/** Parses `CLUSTER NODES`. */
export function parseClusterNodes(text: string): ClusterNodeInfo[] {
  return text
    .trim()
    .split('\n')
    .map((line) => {
      const [id, addr, flags, master, , , , , ...slots] = line.split(' ') as string[];
      const flagList = flags!.split(',');
      return {
        id: id!,
        address: addr!.split('@')[0]!,
        role: flagList.includes('master') ? ('master' as const) : ('replica' as const),
        ...(master && master !== '-' ? { masterId: master } : {}),
        slots: slots
          .filter((s) => /^\d+(-\d+)?$/.test(s))
          .map((s) => {
            const [a, b] = s.split('-').map(Number) as [number, number | undefined];
            return [a, b ?? a] as [number, number];
          }),
        failing: flagList.some((f) => f === 'fail' || f === 'fail?'),
      };
    });
}

/** A running 3-master/3-replica cluster with helpers. */
export interface TestRedisCluster {
  /** Every node process (masters first, as created; roles change after a failover). */
  nodes: RedisProcess[];
  /** Environment for `parseConfig`: REDIS_CLUSTER_NODES. */
  env: Record<string, string>;
  /** `CLUSTER KEYSLOT key`, asked of a live node. */
  slotOf(key: string): Promise<number>;
  /** The topology as a live node sees it now (`CLUSTER NODES`). */
  clusterNodes(): Promise<ClusterNodeInfo[]>;
  /** The process of the master serving `slot` now. */
  masterOf(slot: number): Promise<RedisProcess>;
  /** The processes replicating the master of `slot` now. */
  replicasOf(slot: number): Promise<RedisProcess[]>;
  /** kill -9 of the master serving `slot`; resolves with it once it has exited. */
  killMasterOf(slot: number): Promise<RedisProcess>;
  /**
   * Resolves once every live node says `cluster_state:ok`, every slot is served by a live master,
   * and every running node is a master serving slots or a replica in sync with its master.
   */
  waitUntilHealthy(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** Starts a Redis Cluster (3 masters with a replica each, unless told otherwise). */
export async function startTestCluster(options: RedisClusterOptions = {}): Promise<TestRedisCluster> {
  const cluster = await startRedisCluster(options);
  const byAddress = (address: string) => {
    const node = cluster.nodes.find((n) => n.address === address);
    if (!node) throw new Error(`no process listens on ${address}`);
    return node;
  };
  const ask = async <T>(
    fn: (r: Parameters<Parameters<typeof withServer>[1]>[0]) => Promise<T>,
  ): Promise<T> => {
    let last: unknown;
    for (const node of cluster.nodes.filter((n) => n.running())) {
      try {
        return await withServer(node.address, fn);
      } catch (err) {
        last = err;
      }
    }
    throw last ?? new Error('no node of the cluster is running');
  };
  const clusterNodes = async () =>
    parseClusterNodes((await ask((r) => r.call('CLUSTER', 'NODES'))) as string);
  const masterInfo = async (slot: number) => {
    const master = (await clusterNodes()).find(
      (n) =>
        n.role === 'master' &&
        !n.failing &&
        byAddress(n.address).running() &&
        n.slots.some(([a, b]) => slot >= a && slot <= b),
    );
    if (!master) throw new Error(`no live master serves slot ${slot}`);
    return master;
  };
  return {
    nodes: cluster.nodes,
    env: { REDIS_CLUSTER_NODES: cluster.startupNodes },
    slotOf: async (key) => Number(await ask((r) => r.call('CLUSTER', 'KEYSLOT', key))),
    clusterNodes,
    masterOf: async (slot) => byAddress((await masterInfo(slot)).address),
    async replicasOf(slot) {
      const master = await masterInfo(slot);
      return (await clusterNodes()).filter((n) => n.masterId === master.id).map((n) => byAddress(n.address));
    },
    async killMasterOf(slot) {
      const master = byAddress((await masterInfo(slot)).address);
      await master.kill();
      return master;
    },
    async waitUntilHealthy(timeoutMs = 30_000) {
      await until(
        'the cluster to be healthy',
        async () => {
          for (const node of cluster.nodes.filter((n) => n.running())) {
            const info = (await withServer(node.address, (r) => r.call('CLUSTER', 'INFO'))) as string;
            if (!/^cluster_state:ok/m.test(info)) return false;
          }
          const nodes = await clusterNodes();
          // A master killed a moment ago is not yet flagged failing: its process says it is gone.
          const live = nodes.filter(
            (n) => n.role === 'master' && !n.failing && byAddress(n.address).running(),
          );
          if (live.reduce((sum, n) => sum + n.slots.reduce((s, [a, b]) => s + b - a + 1, 0), 0) !== 16384) {
            return false;
          }
          // And every running node has found its place: a master serving slots, or a replica in sync
          // (a restarted old master comes back as a master of nothing, then turns replica).
          for (const n of nodes.filter((r) => byAddress(r.address).running())) {
            if (n.failing) return false;
            if (n.role === 'master' ? n.slots.length === 0 : !(await replicaInSync(n.address))) return false;
          }
          return true;
        },
        timeoutMs,
      );
    },
    stop: cluster.stop,
  };
}

/** A running Sentinel group with helpers. */
export interface TestRedisSentinel {
  name: string;
  /** The master at the start. */
  master: RedisProcess;
  replicas: RedisProcess[];
  sentinels: RedisProcess[];
  /** Environment for `parseConfig`: REDIS_SENTINELS and REDIS_SENTINEL_NAME. */
  env: Record<string, string>;
  /** The process the sentinels name as master now. */
  currentMaster(): Promise<RedisProcess>;
  /** kill -9 of the current master; resolves with it once it has exited. */
  killMaster(): Promise<RedisProcess>;
  /** Resolves once the sentinels name a master other than `old` and every live replica syncs with it. */
  waitForFailover(old: RedisProcess, timeoutMs?: number): Promise<RedisProcess>;
  stop(): Promise<void>;
}

/** Starts a primary, 2 replicas and 3 sentinels (unless told otherwise). */
export async function startTestSentinel(options: RedisSentinelOptions = {}): Promise<TestRedisSentinel> {
  const group = await startRedisSentinel(options);
  const servers = [group.master, ...group.replicas];
  const currentMaster = async () => {
    for (const s of group.sentinels.filter((p) => p.running())) {
      try {
        const [, port] = (await withServer(s.address, (r) =>
          r.call('SENTINEL', 'get-master-addr-by-name', group.name),
        )) as [string, string];
        const found = servers.find((p) => p.port === Number(port));
        if (found) return found;
      } catch {}
    }
    throw new Error('no sentinel names a master');
  };
  return {
    name: group.name,
    master: group.master,
    replicas: group.replicas,
    sentinels: group.sentinels,
    env: { REDIS_SENTINELS: group.sentinelAddresses, REDIS_SENTINEL_NAME: group.name },
    currentMaster,
    async killMaster() {
      const master = await currentMaster();
      await master.kill();
      return master;
    },
    async waitForFailover(old, timeoutMs = 30_000) {
      let next: RedisProcess | undefined;
      await until(
        'a failover',
        async () => {
          next = await currentMaster();
          if (next === old) return false;
          for (const r of servers.filter((p) => p !== next && p.running())) {
            if (!(await replicaInSync(r.address))) return false;
          }
          return true;
        },
        timeoutMs,
      );
      return next!;
    },
    stop: group.stop,
  };
}
