import { sql } from 'kysely';
import { createDatabase } from '../../src/shared/db/index.js';
import { expect, test } from '../support/fixtures.js';
import { startService } from '../support/process.js';
import { freePort } from '../support/redis.js';
import { startProcessStack } from '../support/stack.js';

test('the API and the worker both migrate at start: they race, the schema is made once, both serve', async ({
  redis,
  postgres,
}) => {
  // Deadlines, not speed checks: tsx compiles both processes first, on two busy cores.
  const url = await postgres.createDatabase();
  const stack = await startProcessStack(redis, { env: { DATABASE_URL: url }, logLevel: 'info' });
  const database = createDatabase({ url, poolSize: 1 });
  try {
    const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(database.db);
    expect(rows.map((r) => r.name)).toEqual(['0001_history']);
    // One of the two ran it; the other found it done after waiting for the lock.
    const logs = stack.api.output() + stack.worker.output();
    expect(logs.match(/database migrated/g)).toHaveLength(1);
  } finally {
    await database.close();
    await stack.stop();
  }
}, 120_000);

test('with a DATABASE_URL nobody answers, the API does not start half-configured', async () => {
  const api = startService('src/api/main.ts', {
    DATABASE_URL: `postgres://postgres@127.0.0.1:${await freePort()}/eks_jobs`,
    PORT: String(await freePort()),
    HOST: '127.0.0.1',
  });
  expect(await api.exited).toBe(1);
  expect(api.output()).toMatch(/migrations could not run: .*ECONNREFUSED/);
}, 60_000);
