import { test as base } from 'vitest';
import { startTestCluster, startTestSentinel } from './redis-topology.js';

/**
 * vitest fixtures: `redisCluster` and `redisSentinel`, one of each per test file, started on
 * first use and stopped after the file.
 */
export const topologyTest = base
  .extend(
    'redisCluster',
    { scope: 'file' }, // biome-ignore lint/correctness/noEmptyPattern: vitest requires a destructuring pattern here.
    async ({}, { onCleanup }) => {
      const cluster = await startTestCluster();
      onCleanup(() => cluster.stop());
      return cluster;
    },
  )
  .extend(
    'redisSentinel',
    { scope: 'file' }, // biome-ignore lint/correctness/noEmptyPattern: vitest requires a destructuring pattern here.
    async ({}, { onCleanup }) => {
      const sentinel = await startTestSentinel();
      onCleanup(() => sentinel.stop());
      return sentinel;
    },
  );
