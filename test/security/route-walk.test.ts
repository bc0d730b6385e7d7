import { afterAll, describe } from 'vitest';
import { DOCS_ASSET_PATH } from '../../src/api/routes/docs.js';
import { expect, test } from '../support/fixtures.js';
import { testPrefix } from '../support/redis.js';
import {
  type ApiUnderTest,
  concretePath,
  enqueueTraces,
  servedRoutes,
  startApiUnderTest,
} from './support/api-under-test.js';
import { makeKey } from './support/security-app.js';

// Acceptance 1 of issue 7: a new route cannot ship unprotected. The routes are read from the
// app itself, so adding one without the security layer in front fails here.

const inScope = makeKey('in-scope', { scopes: { clusters: ['*'], namespaces: ['*'], admin: true } });
const outOfScope = makeKey('out-of-scope', { scopes: { clusters: ['elsewhere'], namespaces: ['nowhere'] } });
const unknown = makeKey('never-loaded');

let api: ApiUnderTest;
let redisUrl: string;

describe('every route the app serves', () => {
  afterAll(async () => {
    await api?.close();
  });

  test('is refused without a key, with an unknown key and with an out-of-scope key', async ({ redis }) => {
    redisUrl = redis.url;
    api = await startApiUnderTest({ redisUrl, prefix: testPrefix(), keys: [inScope, outOfScope] });
    const routes = servedRoutes(api.app);
    const open = api.security.publicPaths;
    const guarded = routes.filter((r) => !open.has(r.path));
    // A walk over nothing would pass: the app serves the docs/architecture.md §4 routes on two bases, plus seed aliases.
    expect(guarded.length).toBeGreaterThanOrEqual(20);
    expect(guarded.map((r) => r.path)).toEqual(
      expect.arrayContaining(['/v1/audit', '/v1/namespaces/:ns/jobs']),
    );
    const failures: string[] = [];
    for (const { method, path } of guarded) {
      const url = concretePath(path);
      const init = (headers: Record<string, string>): RequestInit => ({
        method,
        headers: { 'content-type': 'application/json', ...headers },
        ...(method === 'GET' || method === 'HEAD' ? {} : { body: '{}' }),
      });
      const none = await api.app.request(url, init({}));
      const bad = await api.app.request(url, init({ authorization: `Bearer ${unknown.key}` }));
      const scoped = await api.app.request(url, init({ authorization: `Bearer ${outOfScope.key}` }));
      const got = [none.status, bad.status, scoped.status];
      if (got.join() !== '401,401,403') failures.push(`${method} ${url}: ${got.join('/')}`);
      if (
        none.status === 401 &&
        !none.headers.get('www-authenticate')?.startsWith('Bearer realm="eks-jobs"')
      ) {
        failures.push(`${method} ${url}: 401 without WWW-Authenticate`);
      }
      for (const res of [none, bad, scoped]) {
        const body = (await res.json().catch(() => undefined)) as { error?: { code?: string } } | undefined;
        if (!body?.error?.code) failures.push(`${method} ${url}: ${res.status} not in the error envelope`);
      }
    }
    expect(failures).toEqual([]);
    expect(await enqueueTraces(api)).toEqual([]);
  });

  test('only the health, metrics, docs and admin login paths are public', async () => {
    const publicServed = servedRoutes(api.app).filter((r) => api.security.publicPaths.has(r.path));
    for (const r of publicServed) {
      expect([
        '/livez',
        '/readyz',
        '/health',
        '/metrics',
        '/docs',
        DOCS_ASSET_PATH,
        '/openapi.json',
        '/admin/login',
        '/admin/logout',
      ]).toContain(r.path);
      const res = await api.app.request(r.path);
      expect(res.status, r.path).not.toBe(401);
    }
    expect(publicServed.map((r) => r.path)).toEqual(expect.arrayContaining(['/livez', '/readyz']));
  });

  test('the admin login form is public, but signs in nobody without its CSRF token and an admin key', async () => {
    const form = await api.app.request('/admin/login');
    expect(form.status).toBe(200);
    expect(form.headers.get('content-type')).toMatch(/^text\/html/);
    const post = (path: string, body: string, headers: Record<string, string> = {}) =>
      api.app.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body,
      });
    // An admin key, even as a bearer header, does not replace the form's token.
    const noToken = await post('/admin/login', `key=${encodeURIComponent(inScope.key)}`, {
      authorization: `Bearer ${inScope.key}`,
    });
    expect(noToken.status).toBe(403);
    expect(noToken.headers.get('set-cookie') ?? '').not.toContain('eks-jobs-admin=');
    expect((await post('/admin/logout', '')).status).toBe(403);
    // The dashboard itself stays behind a key (or the session the form makes).
    expect((await api.app.request('/admin/queues')).status).toBe(401);
  });
});
