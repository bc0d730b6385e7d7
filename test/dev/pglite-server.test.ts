import type { Socket } from 'node:net';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { type PgliteServer, startPgliteServer } from '../../src/dev/pglite-server.js';
import {
  createDatabase,
  historyJobsPage,
  migrateToLatest,
  upsertHistoryJob,
} from '../../src/shared/db/index.js';
import { waitFor } from '../support/wait-for.js';

// One server for the file: PGlite takes seconds to start. Each test uses tables of its own.
let server: PgliteServer;
beforeAll(async () => {
  server = await startPgliteServer({ port: 0 });
}, 120_000);
afterAll(() => server?.close());

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function database(url: string) {
  // As npm run dev configures the processes: one connection each.
  const d = createDatabase({ url, poolSize: 1 });
  cleanups.push(() => d.close());
  return d;
}

describe('the dev PostgreSQL (PGlite over TCP)', () => {
  test('two processes migrate through it at once; the history queries work on it', async () => {
    const api = database(server.url);
    const worker = database(server.url);
    const ran = await Promise.all([migrateToLatest(api.db), migrateToLatest(worker.db)]);
    expect(ran.flat()).toEqual(['0001_history']);
    const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(api.db);
    expect(rows).toEqual([{ name: '0001_history' }]);

    const row = {
      cluster: 'dev',
      namespace: 'default',
      name: 'hello-abcde',
      phase: 'Running' as const,
      submitted_at: new Date('2026-01-01T00:00:00Z'),
    };
    const uids = ['0b5e4f7e-1111-4a8e-9a0b-000000000001', '0b5e4f7e-1111-4a8e-9a0b-000000000002'];
    expect(await upsertHistoryJob(worker.db, { ...row, uid: uids[0]!, version: 5 })).toBe('inserted');
    expect(await upsertHistoryJob(worker.db, { ...row, uid: uids[0]!, phase: 'Pending', version: 4 })).toBe(
      'stale',
    );
    await upsertHistoryJob(worker.db, { ...row, uid: uids[1]!, name: 'second', version: 6 });
    const page = await historyJobsPage(api.db, { cluster: 'dev', namespaces: ['default'], limit: 1 });
    expect(page.rows.map((r) => r.uid)).toEqual([uids[1]]);
    const rest = await historyJobsPage(api.db, {
      cluster: 'dev',
      namespaces: ['default'],
      limit: 1,
      after: page.next!,
    });
    expect(rest).toEqual({ rows: [expect.objectContaining({ uid: uids[0], phase: 'Running' })] });
  });

  test('connections querying at the same time each get their own answers', async () => {
    const pools = Array.from({ length: 4 }, () => new pg.Pool({ connectionString: server.url, max: 1 }));
    cleanups.push(() => Promise.all(pools.map((p) => p.end())));
    await pools[0]!.query('create table counts (who text, n int)');
    const wrong: string[] = [];
    await Promise.all(
      pools.map(async (pool, k) => {
        for (let i = 0; i < 60; i++) {
          // A different statement per connection, with parameters: the extended protocol.
          const { rows } = await pool.query(`select $1::text as v${k}, $2::int + ${k} as n`, [
            `${k}-${i}`,
            i,
          ]);
          if (rows[0]?.[`v${k}`] !== `${k}-${i}` || rows[0]?.n !== i + k) wrong.push(`${k}-${i}`);
          if (i % 10 === 0) {
            const client = await pool.connect();
            try {
              await client.query('begin');
              await client.query('insert into counts values ($1, $2)', [`c${k}`, i]);
              const { rows: c } = await client.query('select count(*)::int as c from counts where who = $1', [
                `c${k}`,
              ]);
              await client.query('commit');
              if (c[0].c !== i / 10 + 1) wrong.push(`tx ${k}-${i}`);
            } finally {
              client.release();
            }
          }
        }
      }),
    );
    expect(wrong).toEqual([]);
  });

  test('a connection lost inside a transaction leaves nothing behind, and the others go on', async () => {
    const setup = new pg.Client(server.url);
    await setup.connect();
    await setup.query('create table items (name text)');
    await setup.end();

    const lost = new pg.Client(server.url);
    const other = new pg.Client(server.url);
    cleanups.push(() => other.end());
    await Promise.all([lost.connect(), other.connect()]);
    await lost.query('begin');
    await lost.query('insert into items values ($1)', ['never committed']);
    // Waits for its turn: the session is inside the first connection's transaction.
    const count = other.query<{ n: number }>('select count(*)::int as n from items');
    let answered = false;
    void count.then(() => {
      answered = true;
    });
    await waitFor(() => lost.query('select 1').then(() => true), {
      message: 'the open transaction to answer',
    });
    expect(answered).toBe(false);
    lost.on('error', () => {});
    (lost as unknown as { connection: { stream: Socket } }).connection.stream.destroy();
    expect((await count).rows[0]!.n).toBe(0);
  });
});
