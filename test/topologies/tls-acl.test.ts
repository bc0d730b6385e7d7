import { Queue, Worker } from 'bullmq';
import { describe, expect, test, vi } from 'vitest';
import { securityArgs } from '../../src/dev/redis-process.js';
import { launchRedisServer } from '../../src/dev/redis-server.js';
import { startRedisCluster } from '../../src/dev/redis-topology.js';
import { parseConfig } from '../../src/shared/config.js';
import { closeRedis, createRedisConnector, type RedisClient } from '../../src/shared/redis.js';
import { redisKeys } from '../../src/shared/redis-keys.js';
import { freePort } from '../support/redis.js';
import { writeTlsFiles } from '../support/tls-certs.js';
import { waitFor } from '../support/wait-for.js';

// Whole scenarios on several redis-servers and real processes: a deadline for a loaded machine, not a speed.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

// TLS with certificates verified and an ACL user, as ElastiCache and MemoryDB require: real
// redis-servers that serve TLS only and have the default user off, reached through the service's
// own configuration (REDIS_URL rediss://, REDIS_TLS, REDIS_TLS_CA_FILE, REDIS_USERNAME/PASSWORD).
const user = { name: 'eks-jobs', password: 'a-long-acl-password' };

async function certificates() {
  const tls = await writeTlsFiles();
  const { caFile, certFile, keyFile } = tls;
  return { dir: tls.dir, files: { caFile, certFile, keyFile }, remove: tls.remove };
}

/** Resolves with the first error `client` reports, or 'ready' if it connects. */
function outcome(client: RedisClient): Promise<string> {
  return new Promise((resolve) => {
    client.once('ready', () => resolve('ready'));
    client.once('error', (err: Error) => resolve(err.message));
  });
}

describe('TLS and ACL', () => {
  test('standalone: rediss:// with the CA file and the ACL user; refused without the CA or with a wrong password', async () => {
    const certs = await certificates();
    const port = await freePort();
    const server = await launchRedisServer({
      port,
      dir: certs.dir,
      extraArgs: securityArgs({ tls: certs.files, user }, port),
    });
    const connect = (env: Record<string, string>) =>
      createRedisConnector(parseConfig(env).redis.connection).connect('producer');
    const clients: RedisClient[] = [];
    try {
      const url = `rediss://${user.name}:${user.password}@127.0.0.1:${port}`;
      const good = connect({ REDIS_URL: url, REDIS_TLS_CA_FILE: certs.files.caFile });
      const noCa = connect({ REDIS_URL: url });
      const badPassword = connect({
        REDIS_URL: `rediss://127.0.0.1:${port}`,
        REDIS_TLS_CA_FILE: certs.files.caFile,
        REDIS_USERNAME: user.name,
        REDIS_PASSWORD: 'wrong',
      });
      clients.push(good, noCa, badPassword);
      const [ok, unverified, refused] = await Promise.all([
        outcome(good),
        outcome(noCa),
        outcome(badPassword),
      ]);
      expect(ok).toBe('ready');
      expect(await good.ping()).toBe('PONG');
      expect(unverified).toMatch(/certificate/i);
      expect(refused).toMatch(/WRONGPASS|invalid username-password/i);
    } finally {
      await Promise.all(clients.map((c) => closeRedis(c)));
      server.kill('SIGKILL');
      certs.remove();
    }
  });

  test('Redis Cluster over TLS with an ACL user: BullMQ adds and a worker runs a job', async () => {
    const certs = await certificates();
    const cluster = await startRedisCluster({ security: { tls: certs.files, user } });
    const config = parseConfig({
      REDIS_CLUSTER_NODES: cluster.startupNodes,
      REDIS_TLS: 'true',
      REDIS_TLS_CA_FILE: certs.files.caFile,
      REDIS_USERNAME: user.name,
      REDIS_PASSWORD: user.password,
      QUEUE_PREFIX: 'tls-test',
    });
    const connector = createRedisConnector(config.redis.connection);
    const producer = connector.connect('producer');
    const consumer = connector.connect('worker');
    const queueName = redisKeys('tls-test', config.redis.keyLayout).queueName('secure');
    const queue = new Queue(queueName, { connection: producer, prefix: 'tls-test' });
    const ran: string[] = [];
    const worker = new Worker(queueName, async (job) => void ran.push(job.id!), {
      connection: consumer,
      prefix: 'tls-test',
    });
    try {
      await waitFor(() => producer.status === 'ready', { message: 'the TLS cluster connection' });
      await queue.add('x', { a: 1 }, { jobId: 'job-over-tls' });
      await waitFor(() => ran.includes('job-over-tls'), { message: 'the worker to run the job' });
      const job = await queue.getJob('job-over-tls');
      await waitFor(async () => (await job?.getState()) === 'completed', { message: 'the job to complete' });
    } finally {
      await worker.close();
      await queue.close();
      await Promise.all([closeRedis(producer), closeRedis(consumer)]);
      await cluster.stop();
      certs.remove();
    }
  });
});
