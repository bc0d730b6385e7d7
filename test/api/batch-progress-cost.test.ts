import { describe, expect } from 'vitest';
import { createRedis } from '../../src/shared/redis.js';
import { test as base } from '../support/fixtures.js';
import { commandsDuring } from '../support/redis.js';
import { body, shortJob, startApiStack } from './support.js';

// GET /v1/batches/{id} reads the batch's counters, not its operations: the Redis commands of one
// read do not depend on the batch's size. Counted with Redis's own command statistics (this file
// has its redis-server to itself, and no workers run), not timed.

describe('batch progress reads', () => {
  base(
    'GET of a 1,000-item batch issues the same two commands as of a 1-item batch',
    async ({ redis }) => {
      const stack = await startApiStack({ redis, worker: false });
      const admin = createRedis(redis.url, 'worker');
      try {
        const batch = async (n: number, prefix: string) => {
          const list = Array.from({ length: n }, (_, i) => ({
            namespace: 'default',
            job: shortJob({ name: `${prefix}-${i}` }),
          }));
          // The idle cluster has no workers: nothing else talks to Redis meanwhile.
          const res = await stack.call('POST', '/v1/clusters/idle/batches', { json: { items: list } });
          expect(res.status).toBe(202);
          return (await body(res)).id as string;
        };
        const small = await batch(1, 'cost-small');
        const large = await batch(1000, 'cost-large');
        const read = (id: string) => async () => {
          const res = await stack.call('GET', `/v1/batches/${id}`);
          expect(res.status).toBe(200);
          return body(res);
        };
        const one = await commandsDuring(admin, read(small));
        expect(one).toEqual({ get: 1, hmget: 1 });
        expect(await commandsDuring(admin, read(large))).toEqual(one);
        expect(await read(large)()).toMatchObject({ total: 1000, queued: 1000, done: false });
      } finally {
        admin.disconnect();
        await stack.close();
      }
    },
    60_000,
  );
});
