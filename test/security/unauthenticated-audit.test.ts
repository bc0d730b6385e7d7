import { afterAll, describe } from 'vitest';
import { createAnonymousRefusals } from '../../src/api/auth/anonymous-refusals.js';
import { expect, test } from '../support/fixtures.js';
import { testPrefix } from '../support/redis.js';
import { waitFor } from '../support/wait-for.js';
import { type ApiUnderTest, startApiUnderTest } from './support/api-under-test.js';
import { makeKey, memoryLogger } from './support/security-app.js';

// Anyone can send requests without a key: one audit record each would let them flush real
// records out of the capped stream. They are summed into one log line per interval instead.

const writer = makeKey('writer', { scopes: { clusters: ['*'], namespaces: ['team-*'] } });
const unknown = makeKey('never-loaded');
let api: ApiUnderTest | undefined;

const job = JSON.stringify({ name: 'j', image: 'busybox', command: ['true'] });

describe('unauthenticated mutations', () => {
  afterAll(async () => {
    await api?.close();
  });

  test('write no audit record; they are counted and summed into one log line', async ({ redis }) => {
    // The per-address limit off: this counts what reaches the 401, not what the limit stops first.
    api = await startApiUnderTest({
      redisUrl: redis.url,
      prefix: testPrefix(),
      keys: [writer],
      env: { ANONYMOUS_RATE_LIMIT: 'off' },
    });
    const a = api;
    const post = (headers: Record<string, string>) =>
      a.app.request('/v1/namespaces/team-a/jobs?dryRun=true', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: job,
      });
    const statuses = new Map<number, number>();
    for (let i = 0; i < 1500; i++) {
      const res = await post(i % 2 ? { authorization: `Bearer ${unknown.key}` } : {});
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }
    expect([...statuses]).toEqual([[401, 1500]]);
    expect(await a.redis.xlen(a.security.auditLog.key)).toBe(0);
    expect(a.lines.filter((l) => l.includes('"msg":"audit"'))).toHaveLength(0);
    expect(a.security.anonymousRefusals.total()).toBe(1500);

    // A known key's mutations, refused or not, are still audited, one record each.
    const dryRun = await post({ authorization: `Bearer ${writer.key}` });
    expect(dryRun.status).toBe(404); // the namespace does not exist: a refusal after the key was known;
    const outOfScope = await a.app.request('/v1/namespaces/prod/jobs', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${writer.key}` },
      body: job,
    });
    expect(outOfScope.status).toBe(403);
    expect(await a.redis.xlen(a.security.auditLog.key)).toBe(2);
    const { records } = await a.security.auditLog.list();
    expect(records.map((r) => r.principal)).toEqual(['writer', 'writer']);

    a.security.anonymousRefusals.flush();
    const summaries = a.lines
      .map((l) => JSON.parse(l) as { msg: string; unauthenticatedMutations?: number })
      .filter((l) => l.unauthenticatedMutations !== undefined);
    expect(summaries).toHaveLength(1);
    expect(summaries[0]?.unauthenticatedMutations).toBe(1500);
  });

  test('the summary is logged once per interval, without a flush', async () => {
    const { logger, lines } = memoryLogger();
    const refusals = createAnonymousRefusals({ logger, intervalMs: 50 });
    for (let i = 0; i < 10; i++) refusals.record();
    const summary = await waitFor(() => lines.find((l) => l.includes('unauthenticatedMutations')), {
      message: 'the interval summary',
    });
    expect(JSON.parse(summary)).toMatchObject({ level: 'warn', unauthenticatedMutations: 10 });
    // Nothing pending: a flush logs nothing more.
    refusals.flush();
    expect(lines.filter((l) => l.includes('unauthenticatedMutations'))).toHaveLength(1);
  });
});
