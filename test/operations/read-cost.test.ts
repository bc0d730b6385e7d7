import { Queue } from 'bullmq';
import { afterEach, describe } from 'vitest';
import { createLogger } from '../../src/shared/logger.js';
import { createOperations, newOperationId, queueNameOf } from '../../src/shared/operations/index.js';
import { createRedis } from '../../src/shared/redis.js';
import { expect, test } from '../support/fixtures.js';
import { cleanPrefix, commandsDuring, testPrefix } from '../support/redis.js';

// Reading an operation costs the same whatever the depth of its queue: counted with Redis's own
// command statistics (this file has its redis-server to itself), not timed.

const logger = createLogger({ level: 'silent' });
const DEPTH = 100_000;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0)) await fn();
});

describe('operation reads on a deep queue', () => {
  test(`GET of an operation behind ${DEPTH.toLocaleString('en')} waiting jobs issues one HMGET, as on an empty queue`, async ({
    redis,
  }) => {
    const prefix = testPrefix();
    const producer = createRedis(redis.url, 'producer');
    const admin = createRedis(redis.url, 'worker');
    const ops = createOperations({
      redis: producer,
      prefix,
      clusters: ['alpha'],
      retentionMs: 60_000,
      logger,
    });
    const fillerConnection = createRedis(redis.url, 'worker');
    const filler = new Queue(queueNameOf('alpha'), { connection: fillerConnection, prefix });
    cleanups.push(async () => {
      await ops.close();
      await filler.close();
      await fillerConnection.quit();
      producer.disconnect();
      admin.disconnect();
      await cleanPrefix(redis.url, prefix);
    });
    await new Promise((resolve) => producer.once('ready', resolve));
    await filler.waitUntilReady();
    // The oldest operation: at the far end of the wait list, where a scan would look last.
    const oldest = await ops.enqueue(
      { cluster: 'alpha', command: 'namespace.delete', payload: { name: 'oldest' } },
      { requestId: 'r', principal: 'p' },
    );
    const shallow = await commandsDuring(admin, () => ops.get(oldest.id));
    expect(shallow).toEqual({ hmget: 1 });

    for (let added = 0; added < DEPTH; added += 5000) {
      await filler.addBulk(
        Array.from({ length: 5000 }, () => ({
          name: 'namespace.delete',
          data: { v: 1 },
          opts: { jobId: newOperationId('alpha') },
        })),
      );
    }
    expect(await ops.depth('alpha')).toBe(DEPTH + 1);
    const deep = await commandsDuring(admin, () => ops.get(oldest.id));
    expect(deep).toEqual(shallow);
    expect((await ops.get(oldest.id))?.state).toBe('queued');
    // Batch progress: one HMGET per operation in one round trip, nothing that walks the queue.
    const ids = [oldest.id, ...Array.from({ length: 999 }, () => newOperationId('alpha'))];
    expect(await commandsDuring(admin, () => ops.getMany(ids))).toEqual({ hmget: 1000 });
  }, 120_000);
});
