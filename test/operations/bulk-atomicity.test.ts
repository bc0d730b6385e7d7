import { createServer, type Server, Socket } from 'node:net';
import { afterEach, describe } from 'vitest';
import { createLogger } from '../../src/shared/logger.js';
import { createOperations, newOperationId, queueNameOf } from '../../src/shared/operations/index.js';
import { createRedis } from '../../src/shared/redis.js';
import { expect, test } from '../support/fixtures.js';
import { cleanPrefix, testPrefix } from '../support/redis.js';
import { waitFor } from '../support/wait-for.js';

// A batch is all or nothing wherever the connection to Redis breaks: a TCP proxy between the
// producer and the suite's redis-server cuts the connection after N bytes of the client's
// stream, for N spread over the whole batch, and after each cut exactly 0 or all of its jobs exist.

const logger = createLogger({ level: 'silent' });
const ITEMS = 40;
const CUTS = 30;

/** Forwards one connection to `port`, cutting both sides once the client has sent `limit` bytes. */
async function cuttingProxy(
  port: number,
  limit: number,
): Promise<{ port: number; sent: () => number; close(): Promise<void> }> {
  let sent = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = new Socket();
    sockets.add(client).add(upstream);
    upstream.connect(port, '127.0.0.1');
    client.on('data', (chunk: Buffer) => {
      const room = limit - sent;
      if (room <= 0) return;
      const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
      sent += part.length;
      upstream.write(part, () => {
        if (sent >= limit) {
          client.destroy();
          upstream.destroy();
        }
      });
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    for (const s of [client, upstream]) {
      s.on('error', () => {});
      s.on('close', () => {
        client.destroy();
        upstream.destroy();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    sent: () => sent,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const manifest = (name: string) => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name },
  spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } },
});

/** Enqueues one batch through a proxy that cuts after `limit` bytes; answers how many of its jobs exist after. */
async function batchThroughCut(redisPort: number, url: string, limit: number) {
  const prefix = testPrefix();
  const proxy = await cuttingProxy(redisPort, limit);
  const redis = createRedis(`redis://127.0.0.1:${proxy.port}`, 'producer', { retryStrategy: () => null });
  const ops = createOperations({ redis, prefix, clusters: ['alpha'], retentionMs: 60_000, logger });
  const direct = createRedis(url, 'producer');
  try {
    await waitFor(() => redis.status === 'ready' || limit < 64, {
      timeoutMs: 5000,
      message: 'proxy connection',
    });
    const ids = Array.from({ length: ITEMS }, () => newOperationId('alpha'));
    const commands = ids.map((_, i) => ({
      cluster: 'alpha',
      command: 'job.create' as const,
      payload: { namespace: 'ns', manifest: manifest(`item-${i}`) },
    }));
    let outcome: 'accepted' | 'refused';
    try {
      await ops.enqueueBulk(commands, { requestId: 'r', principal: 'p', operationIds: ids });
      outcome = 'accepted';
    } catch (err) {
      expect((err as { code?: string }).code).toBe('QueueUnavailable');
      outcome = 'refused';
    }
    // Whatever reached Redis has been executed by now (EXEC is atomic); count what exists.
    const queue = `${prefix}:${queueNameOf('alpha')}`;
    // One EXISTS over all keys: a single command, so it sees the batch before or after its EXEC
    // (separate reads could straddle an EXEC still arriving through the cut connection).
    const stored = await direct.exists(...ids.map((id) => `${queue}:${id}`));
    return { outcome, stored, sent: proxy.sent() };
  } finally {
    await ops.close();
    redis.disconnect();
    await proxy.close();
    direct.disconnect();
    await cleanPrefix(url, prefix);
  }
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0)) await fn();
});

describe('enqueueBulk under a connection cut', () => {
  test(`a ${ITEMS}-item batch cut at ${CUTS + 1} points of its stream: all of it or none, and never a 500`, async ({
    redis,
  }) => {
    const port = Number(new URL(redis.url).port);
    // An uncut run measures how many bytes the whole batch takes.
    const whole = await batchThroughCut(port, redis.url, Number.MAX_SAFE_INTEGER);
    expect(whole).toMatchObject({ outcome: 'accepted', stored: ITEMS });
    const seen = { none: 0, all: 0 };
    // Cuts spread over the stream, and one after its last byte: EXEC sent, its answer lost.
    const limits = [
      ...Array.from({ length: CUTS }, (_, i) => Math.floor((whole.sent * (i + 1)) / (CUTS + 1))),
      whole.sent,
    ];
    for (const limit of limits) {
      const cut = await batchThroughCut(port, redis.url, limit);
      expect([0, ITEMS], `cut after ${limit} of ${whole.sent} bytes stored ${cut.stored}`).toContain(
        cut.stored,
      );
      if (cut.outcome === 'accepted') expect(cut.stored).toBe(ITEMS);
      seen[cut.stored === 0 ? 'none' : 'all'] += 1;
    }
    console.info(
      `bulk atomicity: ${limits.length} cuts over ${whole.sent} bytes: ${seen.none} stored none, ${seen.all} all`,
    );
    expect(seen.none).toBeGreaterThan(0);
  }, 120_000);
});
