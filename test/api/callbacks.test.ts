import { describe } from 'vitest';
import { generateApiKey, newWebhookSecret } from '../../src/shared/api-keys/index.js';
import { type ApiKeyStore, parseApiKeys } from '../../src/shared/api-keys/key-file.js';
import { expect, test } from '../support/fixtures.js';
import type { TestRedis } from '../support/redis.js';
import { body, shortJob, startApiStack } from './support.js';

// A submission's `callback` through the shipped app: refused with 422 (and nothing enqueued)
// when the key cannot sign or the URL may reach inside the network; kept with the operation
// when it passes. `localhost` goes through the machine's real resolver.

function keys() {
  const signer = generateApiKey();
  const plain = generateApiKey();
  const scopes = { clusters: ['*'], namespaces: ['*'], namespaceCreate: true, namespaceDelete: true };
  const store = parseApiKeys({
    keys: [
      { id: 'signer', hash: signer.hash, scopes, webhookSecret: newWebhookSecret() },
      { id: 'plain', hash: plain.hash, scopes },
    ],
  });
  return { store, signer: `Bearer ${signer.key}`, plain: `Bearer ${plain.key}` };
}

/** The API without workers, letting callbacks reach a receiver on this machine over http. */
function localReceiverStack(redis: TestRedis, store: ApiKeyStore) {
  return startApiStack({
    redis,
    keys: store,
    worker: false,
    env: { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_ALLOW_HTTP: 'true' },
  });
}

describe('callbacks at submission', () => {
  test('private, loopback, metadata and plain-http callbacks → 422 naming callback.url; nothing enqueued', async ({
    redis,
  }) => {
    const k = keys();
    const stack = await startApiStack({ redis, keys: k.store, worker: false });
    try {
      const refused = [
        ['https://127.0.0.1/hook', /loopback/],
        ['https://10.0.0.1/hook', /private/],
        ['https://169.254.169.254/latest/meta-data', /link-local|metadata/],
        ['https://[fd00:ec2::254]/', /private|metadata|unique local/],
        ['https://localhost:8443/hook', /127\.0\.0\.1|::1|loopback/],
        ['http://hooks.example.com/hook', /https/],
      ] as const;
      for (const [url, reason] of refused) {
        const res = await stack.call('POST', '/v1/namespaces/default/jobs', {
          json: shortJob({ generateName: 'cb-' }, 'echo', { callback: { url } }),
          headers: { authorization: k.signer },
        });
        expect(res.status, url).toBe(422);
        const err = (await body(res)).error;
        expect(err.code).toBe('ValidationFailed');
        expect(err.details.issues[0].path).toBe('callback.url');
        expect(err.details.issues[0].message, url).toMatch(reason);
      }
      const batch = await stack.call('POST', '/v1/batches', {
        json: {
          items: [{ namespace: 'default', job: shortJob({ name: 'b-1' }) }],
          callback: { url: 'https://10.1.2.3/' },
        },
        headers: { authorization: k.signer },
      });
      expect(batch.status).toBe(422);
      const ns = await stack.call('POST', '/v1/namespaces', {
        json: { name: 'cb-ns', callback: { url: 'https://192.168.1.1/' } },
        headers: { authorization: k.signer },
      });
      expect(ns.status).toBe(422);
      // A key without a webhook secret may not ask for callbacks at all.
      const unsigned = await stack.call('POST', '/v1/namespaces/default/jobs', {
        json: shortJob({ name: 'cb-plain' }, 'echo', { callback: { url: 'https://hooks.example.com/' } }),
        headers: { authorization: k.plain },
      });
      expect(unsigned.status).toBe(422);
      expect((await body(unsigned)).error.details.issues[0].message).toMatch(/webhookSecret/);
      expect((await stack.operations.list({ cluster: 'dev', limit: 10 })).items).toEqual([]);
    } finally {
      await stack.close();
    }
  });

  test('with WEBHOOK_ALLOW_PRIVATE and WEBHOOK_ALLOW_HTTP a local receiver is accepted and travels with the operation', async ({
    redis,
  }) => {
    const k = keys();
    const stack = await localReceiverStack(redis, k.store);
    try {
      const callback = { url: 'http://127.0.0.1:9/hook', events: ['job.succeeded', 'job.failed'] };
      const res = await stack.call('POST', '/v1/namespaces/default/jobs', {
        json: shortJob({ name: 'cb-ok' }, 'echo', { callback }),
        headers: { authorization: k.signer },
      });
      expect(res.status).toBe(202);
      const op = await body(res);
      const data = JSON.parse((await stack.producer.hget(`${stack.prefix}:ops-dev:${op.id}`, 'data'))!);
      expect(data.callback).toEqual(callback);
      // The callback is the request's, not the Job's: the manifest does not carry it.
      expect(JSON.stringify(data.payload.manifest)).not.toContain('callback');
      const item = await stack.call('POST', '/v1/batches', {
        json: { items: [{ namespace: 'default', job: shortJob({ name: 'b-2' }, 'echo', { callback }) }] },
        headers: { authorization: k.signer },
      });
      expect(item.status).toBe(422);
      expect((await body(item)).error.details.issues[0].path).toBe('items[0].job.callback');
    } finally {
      await stack.close();
    }
  });

  test('deletes and suspends take an optional body with a callback; the operation shows it; a bad one is 422 and enqueues nothing', async ({
    redis,
  }) => {
    const k = keys();
    const stack = await localReceiverStack(redis, k.store);
    try {
      const auth = { authorization: k.signer };
      const callback = {
        url: 'http://127.0.0.1:9/hook',
        events: ['operation.succeeded', 'operation.failed'],
      };
      const accepted = [
        ['DELETE', '/v1/namespaces/default/jobs/gone-1', { callback }],
        ['DELETE', '/v1/namespaces/cb-ns-1', { callback }],
        ['PATCH', '/v1/namespaces/default/jobs/held-1', { suspend: true, callback }],
      ] as const;
      for (const [method, path, json] of accepted) {
        const res = await stack.call(method, path, { json, headers: auth });
        expect(res.status, `${method} ${path}`).toBe(202);
        const op = await body(res);
        expect(op.callback, `${method} ${path}`).toEqual(callback);
        // Read back as any client would.
        const read = await stack.call('GET', `/v1/operations/${op.id}`, { headers: auth });
        expect((await body(read)).callback).toEqual(callback);
      }
      // Without a body a delete is as before, and its operation has no callback.
      const bare = await stack.call('DELETE', '/v1/namespaces/default/jobs/gone-2', { headers: auth });
      expect(bare.status).toBe(202);
      expect((await body(bare)).callback).toBeUndefined();
      const before = (await stack.operations.list({ cluster: 'dev', limit: 100 })).items.length;
      const refused = [
        [{ callback: { url: 'not a url' } }, k.signer, 'callback.url'],
        [{ callback }, k.plain, 'callback.url'],
        [{ callback: { url: callback.url, events: ['job.exploded'] } }, k.signer, 'callback.events[0]'],
        [{ propagationPolicy: 'Orphan' }, k.signer, ''],
      ] as const;
      for (const [json, authorization, path] of refused) {
        const res = await stack.call('DELETE', '/v1/namespaces/default/jobs/gone-3', {
          json,
          headers: { authorization },
        });
        expect(res.status, JSON.stringify(json)).toBe(422);
        const err = (await body(res)).error;
        expect(err.code).toBe('ValidationFailed');
        if (path) expect(JSON.stringify(err.details.issues)).toContain(path);
      }
      // A body that is not JSON is refused as on every other route.
      const text = await stack.call('DELETE', '/v1/namespaces/cb-ns-2', {
        body: 'callback',
        headers: { ...auth, 'content-type': 'text/plain' },
      });
      expect(text.status).toBe(415);
      expect((await stack.operations.list({ cluster: 'dev', limit: 100 })).items.length).toBe(before);
    } finally {
      await stack.close();
    }
  });
});
