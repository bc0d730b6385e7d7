import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect } from 'vitest';
import { parseApiKeys } from '../../src/shared/api-keys/key-file.js';
import { generateApiKey } from '../../src/shared/api-keys/key-format.js';
import { EVENT_TYPES } from '../../src/shared/events/event.js';
import { test as base } from '../support/fixtures.js';
import { waitFor } from '../support/wait-for.js';
import { body, operationEnded, shortJob, startApiStack, apiTest as test } from './support.js';

describe('one error envelope', () => {
  test('unknown route → 404 RouteNotFound; wrong method → 405 with Allow', async ({ stack }) => {
    const unknown = await stack.call('GET', '/v2/nothing');
    expect(unknown.status).toBe(404);
    const err = await body(unknown);
    expect(err.error.code).toBe('RouteNotFound');
    expect(err.error.requestId).toBe(unknown.headers.get('x-request-id'));

    // A trailing slash is another path: 404, not a 405 naming the methods of the path without it.
    const slashed = await stack.call('GET', '/livez/');
    expect(slashed.status).toBe(404);
    expect((await body(slashed)).error.code).toBe('RouteNotFound');

    const wrong = await stack.call('PUT', '/v1/namespaces/default/jobs/x');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('DELETE, GET, HEAD, PATCH');
    expect((await body(wrong)).error.code).toBe('MethodNotAllowed');
  });

  test('bad JSON → 400; not JSON → 415; schema errors → 422 per field; too large → 413', async ({
    stack,
  }) => {
    const malformed = await stack.call('POST', '/v1/namespaces/default/jobs', {
      body: '{"name": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect((await body(malformed)).error.code).toBe('MalformedJson');

    const text = await stack.call('POST', '/v1/namespaces/default/jobs', {
      body: 'name=x',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.status).toBe(415);
    expect((await body(text)).error.code).toBe('UnsupportedMediaType');

    const invalid = await stack.call('POST', '/v1/namespaces', { json: { name: 'Not_A_Name', extra: 1 } });
    expect(invalid.status).toBe(422);
    const issues = (await body(invalid)).error.details.issues;
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'name' }),
        expect.objectContaining({ path: 'extra', message: 'unknown field' }),
      ]),
    );

    const badPath = await stack.call('GET', '/v1/namespaces/UPPER/jobs');
    expect(badPath.status).toBe(422);
    expect((await body(badPath)).error.details.issues[0].path).toBe('ns');

    const huge = await stack.call('POST', '/v1/namespaces/default/jobs', {
      json: shortJob({ name: 'big' }, 'x'.repeat(stack.config.maxBodyBytes)),
    });
    expect(huge.status).toBe(413);
    expect((await body(huge)).error.code).toBe('PayloadTooLarge');
  });

  test('X-Request-Id is taken from the request when sane, replaced when not, on every response', async ({
    stack,
  }) => {
    const mine = await stack.call('GET', '/livez', { headers: { 'x-request-id': 'abc-123' } });
    expect(mine.headers.get('x-request-id')).toBe('abc-123');
    const insane = await stack.call('GET', '/v1/operations/x', {
      headers: { 'x-request-id': 'bad id\twith spaces' },
    });
    const replaced = insane.headers.get('x-request-id');
    expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
    expect((await body(insane)).error.requestId).toBe(replaced);
  });
});

describe('health, metrics, docs', () => {
  test('/livez, /readyz, /health with cluster status, /metrics by route and status', async ({ stack }) => {
    expect(await body(await stack.call('GET', '/livez'))).toEqual({ status: 'ok' });
    expect((await stack.call('GET', '/readyz')).status).toBe(200);
    const health = await body(await stack.call('GET', '/health'));
    expect(health).toMatchObject({
      status: 'healthy',
      redis: 'ok',
      defaultCluster: 'dev',
      clusters: { dev: { status: 'ok' }, idle: { status: 'ok' } },
    });
    await stack.call('GET', '/v1/operations/op_00000000000000000000000000000000');
    const metrics = await stack.call('GET', '/metrics');
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await metrics.text();
    expect(text).toMatch(
      /eks_jobs_http_requests_total\{method="GET",route="\/v1\/operations\/:id",status="404"\} \d+/,
    );
    expect(text).toContain('eks_jobs_http_request_duration_seconds_bucket');
  });

  test('/openapi.json is valid OpenAPI 3.1 and documents every route the app serves; /docs serves the UI', async ({
    stack,
  }) => {
    const doc = await body(await stack.call('GET', '/openapi.json'));
    expect(doc.openapi).toBe('3.1.0');
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);

    const documented = new Set<string>();
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(item)) documented.add(`${method.toUpperCase()} ${path}`);
    }
    const served = stack.app.routes
      .filter((r) => r.method !== 'ALL')
      .map((r) => `${r.method} ${r.path.replace(/:([^/]+)/g, '{$1}')}`);
    expect(served.length).toBeGreaterThan(40);
    expect(served.filter((r) => !documented.has(r))).toEqual([]);
    // every templated path parameter is declared
    for (const [path, item] of Object.entries(
      doc.paths as Record<string, Record<string, { parameters?: Array<{ name: string; in: string }> }>>,
    )) {
      const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      for (const op of Object.values(item)) {
        const declared = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
        expect(declared.sort(), path).toEqual([...names].sort());
      }
    }

    // What a callback receives, per event type (OpenAPI 3.1 `webhooks`), signed per Standard Webhooks.
    interface Hook {
      parameters: Array<{ in: string; name: string }>;
      requestBody: { content: Record<string, { schema: { $ref: string } }> };
      responses: Record<string, unknown>;
    }
    const hooks = doc.webhooks as Record<string, { post: Hook }>;
    expect(Object.keys(hooks).sort()).toEqual([...EVENT_TYPES].sort());
    for (const [type, hook] of Object.entries(hooks)) {
      const headers = hook.post.parameters
        .filter((p: { in: string }) => p.in === 'header')
        .map((p: { name: string }) => p.name);
      expect(headers.sort(), type).toEqual(['webhook-id', 'webhook-signature', 'webhook-timestamp']);
      const ref = hook.post.requestBody.content['application/json']?.schema.$ref ?? '';
      const schema = doc.components.schemas[ref.replace('#/components/schemas/', '')];
      expect(schema.properties.type.const ?? schema.properties.type.enum?.[0], type).toBe(type);
      expect(Object.keys(hook.post.responses)).toContain('410');
    }
    expect(doc.components.schemas.Operation.properties.callback).toBeDefined();

    const docs = await stack.call('GET', '/docs');
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-type')).toMatch(/text\/html/);
    expect(await docs.text()).toContain('/openapi.json');
  });
});

describe('seed-compatible aliases', () => {
  test('create job, job status, delete job, create and delete namespace', async ({ stack }) => {
    const ns = await stack.call('POST', '/api/eks-create-namespace', { json: { namespace: 'seed-ns' } });
    expect(ns.status).toBe(202);
    expect((await operationEnded(stack, (await body(ns)).id)).state).toBe('succeeded');

    const created = await stack.call('POST', '/api/eks-create-job', {
      json: { namespace: 'seed-ns', job_name: 'seed-job', image: 'busybox', command: 'echo seeded' },
    });
    expect(created.status).toBe(202);
    const op = await body(created);
    expect(op.target).toEqual({ namespace: 'seed-ns', name: 'seed-job' });
    await operationEnded(stack, op.id);
    const status = await waitFor(
      async () => {
        const s = await body(
          await stack.call('GET', '/api/eks-job-status?namespace=seed-ns&job_name=seed-job'),
        );
        return s.status === 'Succeeded' ? s : undefined;
      },
      { message: 'seed job to succeed' },
    );
    expect(status).toMatchObject({
      job_name: 'seed-job',
      namespace: 'seed-ns',
      succeeded: 1,
      operation_id: op.id,
    });

    const del = await stack.call('DELETE', '/api/eks-delete-job?namespace=seed-ns&job_name=seed-job');
    expect(del.status).toBe(202);
    await operationEnded(stack, (await body(del)).id);
    expect((await stack.call('GET', '/api/eks-job-status?namespace=seed-ns&job_name=seed-job')).status).toBe(
      404,
    );

    const delNs = await stack.call('DELETE', '/api/eks-delete-namespace?namespace=seed-ns');
    expect(delNs.status).toBe(202);
    expect((await operationEnded(stack, (await body(delNs)).id)).state).toBe('succeeded');
    const missingQuery = await stack.call('DELETE', '/api/eks-delete-job?namespace=seed-ns');
    expect(missingQuery.status).toBe(422);
  });

  test('namespaces under /v1: create, dry run, delete', async ({ stack }) => {
    const dry = await stack.call('POST', '/v1/namespaces?dryRun=true', { json: { name: 'dry-ns' } });
    expect(dry.status).toBe(200);
    expect((await body(dry)).metadata.name).toBe('dry-ns');
    expect(
      stack.devcluster.store.list('namespaces').find((n) => n.metadata.name === 'dry-ns'),
    ).toBeUndefined();
    const res = await stack.call('POST', '/v1/clusters/dev/namespaces', {
      json: { name: 'v1-ns', labels: { team: 'a' } },
      headers: { prefer: 'wait=10' },
    });
    expect(res.status).toBe(201);
    const del = await stack.call('DELETE', '/v1/namespaces/v1-ns');
    expect(del.status).toBe(202);
    expect((await operationEnded(stack, (await body(del)).id)).state).toBe('succeeded');
  });
});

base('with API keys: 401 without a key, 403 out of scope, in the same envelope', async ({ redis }) => {
  const { key, hash } = generateApiKey();
  const keys = parseApiKeys({
    keys: [{ id: 'team-a', hash, scopes: { clusters: ['dev'], namespaces: ['team-*'] } }],
  });
  const stack = await startApiStack({ redis, keys, worker: false });
  try {
    const none = await stack.call('GET', '/v1/operations?limit=1');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await body(none)).error.code).toBe('Unauthorized');
    const auth = { authorization: `Bearer ${key}` };
    const out = await stack.call('POST', '/v1/namespaces/default/jobs', {
      json: shortJob({ name: 'x' }),
      headers: auth,
    });
    expect(out.status).toBe(403);
    expect((await body(out)).error.code).toBe('Forbidden');
    const seed = await stack.call('POST', '/api/eks-create-job', {
      json: { namespace: 'default', job_name: 'x', image: 'busybox' },
      headers: auth,
    });
    expect(seed.status).toBe(403);
    const ok = await stack.call('POST', '/v1/namespaces/team-a/jobs', {
      json: shortJob({ name: 'x' }),
      headers: auth,
    });
    expect(ok.status).toBe(202);
    expect((await body(ok)).principal).toBe('team-a');
    expect((await stack.call('GET', '/livez')).status).toBe(200);
  } finally {
    await stack.close();
  }
});
