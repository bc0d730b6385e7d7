import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { describe, expect, it } from 'vitest';
import { isRewrittenPath } from '../../src/api/raw-path.js';
import { test } from '../support/fixtures.js';
import { cleanPrefix, testPrefix } from '../support/redis.js';
import { enqueueTraces, startApiUnderTest } from './support/api-under-test.js';
import { makeKey } from './support/security-app.js';

describe('isRewrittenPath', () => {
  it.each([
    ['/v1/namespaces/a/jobs/..\\..\\windows', true],
    ['/v1/namespaces/a/jobs/../../x', true],
    ['/v1/namespaces/a/jobs/%2e%2e/x', true],
    ['/v1/namespaces/a/jobs/.%2E', true],
    ['/v1/namespaces/./jobs', true],
    ['/v1/namespaces/a/jobs/..', true],
    ['/v1/namespaces/a/jobs/x?labelSelector=a/../b', false],
    ['/v1/namespaces/a/jobs/x..y', false],
    ['/v1/namespaces/a/jobs/.hidden', false],
    ['/v1/namespaces/a/jobs', false],
  ])('%s → %s', (path, rewritten) => {
    expect(isRewrittenPath(path)).toBe(rewritten);
  });
});

// Over a real socket: node:http sends the path as written, and @hono/node-server is what parses it.
test('a job delete whose name walks up the path is refused, not turned into a namespace delete', async ({
  redis,
}) => {
  const key = makeKey('full', {
    scopes: { clusters: ['*'], namespaces: ['*'], namespaceCreate: true, namespaceDelete: true },
  });
  const prefix = testPrefix();
  const api = await startApiUnderTest({ redisUrl: redis.url, prefix, keys: [key] });
  const server = serve({ fetch: api.app.fetch, port: 0, hostname: '127.0.0.1' });
  try {
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const { port } = server.address() as AddressInfo;
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'DELETE',
          path: '/v1/namespaces/team-a/jobs/../../windows',
          headers: { authorization: `Bearer ${key.key}` },
        },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => {
            body += c.toString();
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(answer.status, answer.body).toBe(400);
    expect(JSON.parse(answer.body).error.code).toBe('BadRequest');
    expect(await enqueueTraces(api)).toEqual([]);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await api.close();
    await cleanPrefix(redis.url, prefix);
  }
});
