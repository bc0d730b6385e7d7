import { test as base } from 'vitest';
import { startRedis } from './redis.js';

/**
 * vitest fixtures shared by integration tests. `redis` is one private redis-server per test
 * file, started on first use and stopped after the file; give each test its own queue prefix
 * with `testPrefix()`.
 */
export const test = base.extend(
  'redis',
  { scope: 'file' }, // biome-ignore lint/correctness/noEmptyPattern: vitest requires a destructuring pattern here.
  async ({}, { onCleanup }) => {
    const redis = await startRedis();
    onCleanup(() => redis.stop());
    return redis;
  },
);

export { expect } from 'vitest';
