import { afterAll, describe } from 'vitest';
import { isSaneRequestId } from '../../src/api/auth/request-id.js';
import { generateApiKey } from '../../src/shared/api-keys/key-format.js';
import { createClusterRegistry } from '../../src/shared/cluster/index.js';
import { clusterSpecSchema } from '../../src/shared/cluster/spec.js';
import { connectorForUrl } from '../../src/shared/redis.js';
import { type CommandWorkers, createCommandWorkers } from '../../src/worker/command-workers.js';
import { expect, test } from '../support/fixtures.js';
import { testPrefix } from '../support/redis.js';
import { waitFor } from '../support/wait-for.js';
import { type ApiUnderTest, startApiUnderTest } from './support/api-under-test.js';
import { makeKey, memoryLogger } from './support/security-app.js';

// A key or token sent as X-Request-Id (or in the path) must not travel into the answer, the API
// and worker logs, the operation in Redis or the audit trail.

const writer = makeKey('writer', { scopes: { clusters: ['*'], namespaces: ['*'] } });
const auth = { authorization: `Bearer ${writer.key}` };
let api: ApiUnderTest | undefined;
let workers: CommandWorkers | undefined;
let closeClusters: (() => Promise<void>) | undefined;

const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2EifQ.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU';
const eksToken = 'k8s-aws-v1.aHR0cHM6Ly9zdHMuYW1hem9uYXdzLmNvbS8_QWN0aW9uPUdldENhbGxlcklkZW50aXR5';

describe('caller-supplied request ids and paths', () => {
  afterAll(async () => {
    await workers?.close();
    await closeClusters?.();
    await api?.close();
  });

  test('only plain ids that are not shaped like a credential are taken', () => {
    for (const ok of ['abc-123', 'trace.4f2a_b', crypto.randomUUID(), '01HZX3K7Q9M2N8P4R6T0V5W1Y3']) {
      expect(isSaneRequestId(ok), ok).toBe(true);
    }
    for (const bad of [
      generateApiKey().key,
      jwt,
      eksToken,
      'AKIAIOSFODNN7EXAMPLE',
      'Bearer-abc',
      'gHp7Xk2LmQ9vRt4WzYb8NcJs5Ud3Fe', // 30 random-looking characters
      'a'.repeat(129),
      '',
      'has space',
      'semi;colon',
    ]) {
      expect(isSaneRequestId(bad), bad).toBe(false);
    }
  });

  test('a key or token as X-Request-Id is replaced everywhere it would have gone', async ({ redis }) => {
    const prefix = testPrefix();
    api = await startApiUnderTest({ redisUrl: redis.url, prefix, keys: [writer] });
    const a = api;
    // A worker with its own captured log, as the worker process runs it.
    const worker = memoryLogger();
    const clusters = createClusterRegistry(
      [
        clusterSpecSchema.parse({
          name: 'main',
          provider: 'static',
          server: a.devcluster.url,
          caData: Buffer.from(a.devcluster.caPem).toString('base64'),
          token: a.devcluster.token,
          default: true,
        }),
      ],
      { logger: worker.logger },
    );
    closeClusters = () => clusters.close();
    workers = createCommandWorkers({
      connector: connectorForUrl(redis.url),
      prefix,
      clusters,
      logger: worker.logger,
      retry: { initialDelayMs: 20, maxDelayMs: 100 },
    });
    await workers.ready();

    const leaked = generateApiKey().key;
    const secrets = [leaked, jwt, eksToken];
    const ops: string[] = [];
    for (const [i, secret] of secrets.entries()) {
      const res = await a.app.request('/v1/namespaces/default/jobs', {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json', 'x-request-id': secret },
        body: JSON.stringify({ name: `rid-${i}`, image: 'busybox', command: ['true'] }),
      });
      expect(res.status).toBe(202);
      const id = res.headers.get('x-request-id');
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      const body = (await res.json()) as { id: string };
      ops.push(body.id);
    }
    // The path is the caller's text too: an answer that echoes it scrubs key-shaped parts.
    const lost = await a.app.request(`/v1/nowhere/${leaked}`, { headers: auth });
    expect(lost.status).toBe(404);
    expect(await lost.text()).not.toContain(leaked.slice(4));

    // A sane id is kept end to end.
    const kept = await a.app.request('/v1/namespaces/default/jobs', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', 'x-request-id': 'trace-42.ok' },
      body: JSON.stringify({ name: 'rid-kept', image: 'busybox', command: ['true'] }),
    });
    expect(kept.headers.get('x-request-id')).toBe('trace-42.ok');
    ops.push(((await kept.json()) as { id: string }).id);

    for (const id of ops) {
      await waitFor(
        async () => {
          const res = await a.app.request(`/v1/operations/${id}`, { headers: auth });
          const op = (await res.json()) as { state: string };
          return op.state === 'succeeded' || op.state === 'failed';
        },
        { message: `operation ${id} to end` },
      );
    }
    await waitFor(() => worker.lines.some((l) => l.includes('trace-42.ok')), {
      message: 'the worker to log the kept request id',
    });

    // Everything the app and the worker wrote, and every value under the prefix in Redis.
    const redisDump: string[] = [];
    for (const key of await a.redis.keys(`${prefix}*`)) {
      const type = await a.redis.type(key);
      if (type === 'string') redisDump.push(String(await a.redis.get(key)));
      else if (type === 'hash') redisDump.push(JSON.stringify(await a.redis.hgetall(key)));
      else if (type === 'list') redisDump.push(JSON.stringify(await a.redis.lrange(key, '0', '-1')));
      else if (type === 'zset') redisDump.push(JSON.stringify(await a.redis.zrange(key, '0', '-1')));
      else if (type === 'stream') redisDump.push(JSON.stringify(await a.redis.xrange(key, '-', '+')));
      else if (type === 'set') redisDump.push(JSON.stringify(await a.redis.smembers(key)));
    }
    const { records } = await a.security.auditLog.list();
    expect(records.length).toBeGreaterThanOrEqual(4);
    const places = {
      apiLog: a.lines.join('\n'),
      workerLog: worker.lines.join('\n'),
      redis: redisDump.join('\n'),
      audit: JSON.stringify(records),
    };
    expect(places.workerLog).toContain('"requestId"');
    expect(places.redis).toContain('trace-42.ok');
    for (const [where, text] of Object.entries(places)) {
      for (const secret of secrets)
        expect(text, `${where} holds ${secret.slice(0, 12)}…`).not.toContain(secret.slice(-20));
    }
  });

  test("a child logger's bindings are scrubbed like the logged object", () => {
    const { logger, lines } = memoryLogger();
    const key = generateApiKey().key;
    logger.child({ requestId: key, token: 'plain-secret', nested: { auth: `Bearer ${jwt}` } }).info('hello');
    const out = lines.join('\n');
    expect(out).toContain('hello');
    expect(out).not.toContain(key.slice(4));
    expect(out).not.toContain('plain-secret');
    expect(out).not.toContain(jwt.slice(-20));
  });
});
