import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import { Webhook } from 'standardwebhooks';
import { describe } from 'vitest';
import { generateApiKey, newWebhookSecret } from '../../src/shared/api-keys/index.js';
import { parseApiKeys } from '../../src/shared/api-keys/key-file.js';
import { createClusterRegistry } from '../../src/shared/cluster/index.js';
import { createEventPublisher } from '../../src/shared/events/event-log.js';
import { createLogger } from '../../src/shared/logger.js';
import { connectorForUrl, createRedis } from '../../src/shared/redis.js';
import { createDeliveryQueue } from '../../src/shared/webhooks/delivery-queue.js';
import { createCommandWorkers } from '../../src/worker/command-workers.js';
import { createWebhookDeliveries } from '../../src/worker/webhook-deliveries.js';
import { body, clusterSpecs, shortJob, startApiStack } from '../api/support.js';
import { test as base, expect } from '../support/fixtures.js';
import type { TestRedis } from '../support/redis.js';
import { waitFor } from '../support/wait-for.js';

// GET /v1/webhooks/deliveries, GET …/{id} and POST …/{id}/retry (docs/architecture.md §12) on
// the shipped app, with real deliveries: command workers publish operation events, the delivery
// worker POSTs them to a local receiver that checks their Standard Webhooks signature. The
// worker gives up after a short retry window, so a refusing receiver makes a failed delivery.

/** A local receiver: answers `status`, records every request and whether its signature verified. */
async function startReceiver(secret: string) {
  const webhook = new Webhook(secret);
  const state = {
    status: 500,
    received: [] as { webhookId: string; verified: boolean; answered: number; path: string }[],
  };
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const header = (name: string) => String(req.headers[name] ?? '');
    let verified = false;
    try {
      webhook.verify(Buffer.concat(chunks).toString('utf8'), {
        'webhook-id': header('webhook-id'),
        'webhook-timestamp': header('webhook-timestamp'),
        'webhook-signature': header('webhook-signature'),
      });
      verified = true;
    } catch {
      verified = false;
    }
    const answered = state.status;
    state.received.push({ webhookId: header('webhook-id'), verified, answered, path: req.url ?? '' });
    res.writeHead(answered).end(answered >= 300 ? 'receiver refuses' : '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    /** Requests that carried the event `eventId`. */
    hits: (eventId: string) => state.received.filter((r) => r.webhookId === eventId),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function makeKeys() {
  const owner = generateApiKey();
  const other = generateApiKey();
  const admin = generateApiKey();
  const teamAdmin = generateApiKey();
  const ownerSecret = newWebhookSecret();
  const scopes = { clusters: ['*'], namespaces: ['*'], namespaceCreate: true };
  const store = parseApiKeys({
    keys: [
      { id: 'owner', hash: owner.hash, scopes, webhookSecret: ownerSecret },
      { id: 'other', hash: other.hash, scopes, webhookSecret: newWebhookSecret() },
      { id: 'admin', hash: admin.hash, scopes: { ...scopes, admin: true } },
      { id: 'team-admin', hash: teamAdmin.hash, scopes: { ...scopes, namespaces: ['team-*'], admin: true } },
    ],
  });
  return {
    store,
    ownerSecret,
    owner: { authorization: `Bearer ${owner.key}` },
    other: { authorization: `Bearer ${other.key}` },
    admin: { authorization: `Bearer ${admin.key}` },
    /** An admin key whose namespaces do not include `default`, where the test Jobs run. */
    teamAdmin: { authorization: `Bearer ${teamAdmin.key}` },
  };
}

/** The API with a command worker publishing events and the delivery worker sending them. */
async function startEnv(redis: TestRedis) {
  const keys = makeKeys();
  const receiver = await startReceiver(keys.ownerSecret);
  const stack = await startApiStack({
    redis,
    keys: keys.store,
    worker: false,
    env: { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_ALLOW_HTTP: 'true' },
  });
  const logger = createLogger({ level: 'silent' });
  const connection = createRedis(redis.url, 'worker');
  const deliveryQueue = createDeliveryQueue({ connection, prefix: stack.prefix });
  const events = createEventPublisher({
    redis: connection,
    prefix: stack.prefix,
    enqueueDelivery: deliveryQueue.enqueue,
  });
  const clusters = createClusterRegistry(clusterSpecs(stack.devcluster).slice(0, 1), { logger });
  const workers = createCommandWorkers({
    connector: connectorForUrl(redis.url),
    prefix: stack.prefix,
    clusters,
    logger,
    retry: { initialDelayMs: 20, maxDelayMs: 100 },
    events,
  });
  const deliveries = createWebhookDeliveries({
    connector: connectorForUrl(redis.url),
    prefix: stack.prefix,
    secretOf: (id) => keys.store.webhookSecretOf(id),
    // A short retry window: a refusing receiver fails a delivery for good within about a second.
    policy: { allowPrivate: true, allowHttp: true, timeoutMs: 5000, retryForMs: 400 },
    backoff: { initialMs: 20, maxMs: 50 },
    logger,
    registry: new Registry(),
  });
  await Promise.all([workers.ready(), deliveries.ready()]);
  const close = async () => {
    await workers.close();
    await deliveries.close();
    await deliveryQueue.close();
    await clusters.close();
    await connection.quit().catch(() => connection.disconnect());
    await stack.close();
    await receiver.close();
  };
  const call = async (method: string, path: string, headers: Record<string, string>) => {
    const res = await stack.call(method, path, { headers });
    return { status: res.status, body: await body(res) };
  };
  return { keys, receiver, stack, call, close };
}

type Env = Awaited<ReturnType<typeof startEnv>>;

const test = base.extend('env', { scope: 'file' }, async ({ redis }, { onCleanup }) => {
  const env = await startEnv(redis);
  onCleanup(() => env.close());
  return env;
});

/** Every id a listing yields, page by page (failing on a repeated id or a runaway cursor). */
async function walk(env: Env, query: string, headers: Record<string, string>) {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 100; page++) {
    const sep = query ? '&' : '';
    const res = await env.call(
      'GET',
      `/v1/webhooks/deliveries?${query}${sep}limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      headers,
    );
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeLessThanOrEqual(2);
    ids.push(...res.body.items.map((d: { id: string }) => d.id));
    cursor = res.body.nextCursor;
    if (!cursor) {
      expect(new Set(ids).size, `no delivery listed twice: ${ids.join()}`).toBe(ids.length);
      return ids;
    }
  }
  throw new Error('the listing never ended');
}

// Devcluster Jobs and deliveries on a shared two-core machine: generous deadlines, never sleeps.
describe('webhook delivery routes', { timeout: 90_000 }, () => {
  test('a delivery a receiver refuses ends failed, lists with its attempts and last error, and is delivered once re-driven', async ({
    env,
  }) => {
    const { keys, receiver, call, stack } = env;
    receiver.state.status = 500;
    const submitted = await stack.call('POST', '/v1/namespaces/default/jobs', {
      json: shortJob({ generateName: 'dlv-' }, 'echo', {
        callback: { url: `${receiver.url}/hook?token=s3cret`, events: ['operation.succeeded'] },
      }),
      headers: keys.owner,
    });
    expect(submitted.status).toBe(202);
    const op = await body(submitted);

    const failedList = `/v1/webhooks/deliveries?state=failed&operation=${op.id}`;
    const failed = await waitFor(
      async () => {
        const res = await call('GET', failedList, keys.owner);
        if (res.status === 200 && res.body.items.length === 1) return res.body.items[0];
        // Said on timeout: where the operation and its deliveries stand.
        const all = await call('GET', `/v1/webhooks/deliveries?operation=${op.id}`, keys.owner);
        const state = await call('GET', `/v1/operations/${op.id}`, keys.owner);
        throw new Error(JSON.stringify({ deliveries: all.body, operation: state.body.state }));
      },
      { timeoutMs: 45_000, message: `a failed delivery of ${op.id}` },
    );
    expect(failed).toMatchObject({
      state: 'failed',
      principal: 'owner',
      event: { type: 'operation.succeeded', operationId: op.id, cluster: 'dev', namespace: 'default' },
      url: `${receiver.url}/hook?REDACTED`,
    });
    expect(JSON.stringify(failed)).not.toContain('s3cret');
    expect(failed.id).toMatch(/^dlv_/);
    expect(failed.lastError).toMatch(/the receiver answered 500: receiver refuses; gave up after retrying/);
    expect(Date.parse(failed.failedAt)).toBeGreaterThanOrEqual(Date.parse(failed.createdAt));
    expect(failed.delivered).toBeUndefined();
    // Every attempt reached the receiver, signed with the owner's secret, and was counted.
    const refused = receiver.hits(failed.event.id);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(refused.every((r) => r.verified && r.answered === 500 && r.path === '/hook?token=s3cret')).toBe(
      true,
    );
    expect(failed.attempts).toBe(refused.length);

    const one = await call('GET', `/v1/webhooks/deliveries/${failed.id}`, keys.owner);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(failed);

    // Another key neither sees it nor may re-drive it, and is not told it exists; an admin sees it.
    for (const [method, path] of [
      ['GET', `/v1/webhooks/deliveries/${failed.id}`],
      ['POST', `/v1/webhooks/deliveries/${failed.id}/retry`],
      ['GET', '/v1/webhooks/deliveries/dlv_unknown'],
      ['POST', '/v1/webhooks/deliveries/dlv_unknown/retry'],
    ] as const) {
      const auth = path.includes('unknown') ? keys.owner : keys.other;
      const res = await call(method, path, auth);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.error.code).toBe('DeliveryNotFound');
      expect(res.body.error.message).toMatch(/no webhook delivery/);
    }
    expect((await call('GET', `/v1/webhooks/deliveries?operation=${op.id}`, keys.other)).body.items).toEqual(
      [],
    );
    expect((await call('GET', `/v1/webhooks/deliveries/${failed.id}`, keys.admin)).body.state).toBe('failed');
    // Admin does not widen scopes: an admin key that may not read `default` does not see it either.
    expect((await call('GET', `/v1/webhooks/deliveries/${failed.id}`, keys.teamAdmin)).status).toBe(404);
    expect(
      (await call('GET', `/v1/webhooks/deliveries?operation=${op.id}`, keys.teamAdmin)).body.items,
    ).toEqual([]);

    // The receiver accepts now; the re-driven delivery is sent again and delivered.
    receiver.state.status = 204;
    const retried = await call('POST', `/v1/webhooks/deliveries/${failed.id}/retry`, keys.owner);
    expect(retried.status).toBe(202);
    expect(retried.body.id).toBe(failed.id);
    expect(retried.body.state).not.toBe('failed');
    expect(Date.parse(retried.body.redrivenAt)).toBeGreaterThanOrEqual(Date.parse(failed.failedAt));
    const delivered = await waitFor(
      async () => {
        const res = await call('GET', `/v1/webhooks/deliveries/${failed.id}`, keys.owner);
        return res.body.state === 'delivered' ? res.body : undefined;
      },
      { timeoutMs: 15_000, message: `${failed.id} delivered` },
    );
    expect(delivered.delivered.status).toBe(204);
    expect(Date.parse(delivered.delivered.at)).toBeGreaterThanOrEqual(Date.parse(delivered.redrivenAt));
    const accepted = receiver.hits(failed.event.id).filter((r) => r.answered === 204);
    expect(accepted).toHaveLength(1);
    expect(accepted[0]!.verified).toBe(true);

    const deliveredList = await call(
      'GET',
      `/v1/webhooks/deliveries?state=delivered&operation=${op.id}`,
      keys.owner,
    );
    expect(deliveredList.body.items.map((d: { id: string }) => d.id)).toEqual([failed.id]);
    expect((await call('GET', failedList, keys.owner)).body.items).toEqual([]);

    // Only a failed delivery can be re-driven.
    const again = await call('POST', `/v1/webhooks/deliveries/${failed.id}/retry`, keys.owner);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('DeliveryNotRetryable');
    expect(again.body.error.message).toMatch(/is delivered; only a failed delivery can be re-driven/);
    expect(again.body.error.details).toEqual({ state: 'delivered' });

    // The re-drive is in the audit trail under its own action.
    const audit = await call('GET', '/v1/audit?limit=50', keys.admin);
    const record = audit.body.items.find((r: { action: string }) => r.action === 'webhook.retry');
    expect(record).toMatchObject({ principal: 'owner', status: 202, operationIds: [op.id] });
  });

  test('listings page with a cursor and show a key only its own deliveries', async ({ env }) => {
    const { keys, receiver, call, stack } = env;
    receiver.state.status = 204;
    const submitted = await stack.call('POST', '/v1/batches', {
      json: {
        items: ['a', 'b', 'c'].map((n) => ({
          namespace: 'default',
          job: shortJob({ generateName: `page-${n}-` }),
        })),
        callback: { url: `${receiver.url}/batch`, events: ['operation.succeeded'] },
      },
      headers: keys.owner,
    });
    expect(submitted.status).toBe(202);
    const batch = await body(submitted);
    const batchIds = await waitFor(
      async () => {
        const res = await call('GET', `/v1/webhooks/deliveries?batch=${batch.id}`, keys.owner);
        const items: { id: string; state: string; attempts: number; lastError?: string }[] = res.body.items;
        if (items.length === 3 && items.every((d) => d.state === 'delivered')) return items.map((d) => d.id);
        // Said on timeout: where the deliveries and the batch stand.
        const progress = await call('GET', `/v1/batches/${batch.id}`, keys.owner);
        throw new Error(
          JSON.stringify({
            deliveries: items.map((d) => [d.state, d.attempts, d.lastError]),
            batch: progress.body,
          }),
        );
      },
      { timeoutMs: 45_000, message: `three delivered deliveries of batch ${batch.id}` },
    );

    const first = await call('GET', `/v1/webhooks/deliveries?batch=${batch.id}&limit=2`, keys.owner);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await call(
      'GET',
      `/v1/webhooks/deliveries?batch=${batch.id}&limit=2&cursor=${first.body.nextCursor}`,
      keys.owner,
    );
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeUndefined();
    expect([...first.body.items, ...second.body.items].map((d: { id: string }) => d.id).sort()).toEqual(
      [...batchIds].sort(),
    );

    // The owner's own listing (its index), everything for an admin (BullMQ's state lists), by state too.
    const own = await walk(env, '', keys.owner);
    expect(own).toEqual(expect.arrayContaining(batchIds));
    const all = await walk(env, '', keys.admin);
    expect(all.sort()).toEqual([...own].sort());
    expect(await walk(env, 'state=delivered', keys.admin)).toEqual(expect.arrayContaining(batchIds));
    expect(await walk(env, `principal=owner&batch=${batch.id}`, keys.admin)).toHaveLength(3);
    expect(await walk(env, '', keys.other)).toEqual([]);
    const foreign = await call('GET', '/v1/webhooks/deliveries?principal=owner', keys.other);
    expect(foreign.status).toBe(403);
  });

  test('bad query values → 422 in the error envelope', async ({ env }) => {
    const { keys, call } = env;
    for (const query of ['state=bogus', 'limit=0', 'limit=501', 'limit=ten', 'state=']) {
      const res = await call('GET', `/v1/webhooks/deliveries?${query}`, keys.owner);
      expect(res.status, query).toBe(422);
      expect(res.body.error.code, query).toBe('ValidationFailed');
      expect(res.body.error.details.issues.length, query).toBeGreaterThan(0);
    }
    // A cursor this listing did not make: garbage, or one of another kind of listing.
    const listCursor = Buffer.from(JSON.stringify({ k: 'l', t: 0, o: 2 })).toString('base64url');
    for (const cursor of ['garbage', listCursor]) {
      const res = await call('GET', `/v1/webhooks/deliveries?cursor=${cursor}`, keys.owner);
      expect(res.status, cursor).toBe(422);
      expect(res.body.error.code).toBe('InvalidCursor');
    }
  });
});
