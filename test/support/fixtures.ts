import { test as base } from 'vitest';
import { startPostgres } from './postgres.js';
import { startRedis } from './redis.js';

/**
 * vitest fixtures shared by integration tests, each started on first use and stopped after the
 * file. `redis` is one private redis-server per test file: give each test its own queue prefix
 * with `testPrefix()`. `postgres` is one private PostgreSQL server per test file: give each
 * test its own database with `postgres.createDatabase()`.
 */
export const test = base
  .extend(
    'redis',
    { scope: 'file' }, // biome-ignore lint/correctness/noEmptyPattern: vitest requires a destructuring pattern here.
    async ({}, { onCleanup }) => {
      const redis = await startRedis();
      onCleanup(() => redis.stop());
      return redis;
    },
  )
  .extend(
    'postgres',
    { scope: 'file' }, // biome-ignore lint/correctness/noEmptyPattern: vitest requires a destructuring pattern here.
    async ({}, { onCleanup }) => {
      const postgres = await startPostgres();
      onCleanup(() => postgres.stop());
      return postgres;
    },
  );

export { expect } from 'vitest';
