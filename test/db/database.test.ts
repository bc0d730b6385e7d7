import { sql } from 'kysely';
import { vi } from 'vitest';
import { createDatabase } from '../../src/shared/db/index.js';
import { expect, test } from '../support/fixtures.js';
import { waitFor } from '../support/wait-for.js';

// The first test to use `postgres` waits for initdb and the server's start: seconds on a busy
// machine. A deadline, not a speed check.
vi.setConfig({ testTimeout: 60_000 });

test('the suite runs its own PostgreSQL, with its socket in its own temp dir', async ({ postgres }) => {
  expect(postgres.port).not.toBe(5432);
  const database = createDatabase({ url: postgres.url, poolSize: 1 });
  try {
    const { rows } = await sql<{ port: string; dir: string; fsync: string }>`
      select current_setting('port') as port, current_setting('unix_socket_directories') as dir,
        current_setting('fsync') as fsync`.execute(database.db);
    expect(rows[0]).toEqual({ port: String(postgres.port), dir: postgres.socketDir, fsync: 'off' });
  } finally {
    await database.close();
  }
});

test('readiness follows the server through a crash, and a lost idle connection does not end the process', async ({
  postgres,
}) => {
  const url = await postgres.createDatabase();
  const database = createDatabase({ url, poolSize: 2 }, { connectTimeoutMs: 1000 });
  try {
    expect(await database.ping()).toBe(true);
    // The pool keeps the connection idle; killing the server breaks it under the pool (its
    // backend may still answer for a moment, until it notices the postmaster is gone).
    await postgres.kill();
    await waitFor(async () => !(await database.ping(500)), { message: 'the ping to fail' });
    await postgres.restart();
    await waitFor(() => database.ping(500), { timeoutMs: 20_000, message: 'the ping to answer again' });
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(database.db);
    expect(rows[0]!.one).toBe(1);
  } finally {
    await database.close();
  }
});

test('a CA file that cannot be read is a clear error at start', () => {
  expect(() =>
    createDatabase({ url: 'postgres://db/eks', poolSize: 1, ssl: { caFile: '/nonexistent/rds.pem' } }),
  ).toThrow(/^DATABASE_SSL_CA: cannot read \/nonexistent\/rds\.pem: /);
});
