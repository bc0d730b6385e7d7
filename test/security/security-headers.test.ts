import { afterEach, describe } from 'vitest';
import { expect, test } from '../support/fixtures.js';
import { cleanPrefix, testPrefix } from '../support/redis.js';
import { type ApiUnderTest, startApiUnderTest } from './support/api-under-test.js';
import { makeKey } from './support/security-app.js';

// The browser-facing headers of the app that ships, on every kind of answer.

const team = makeKey('team-bot');
const admin = makeKey('admin', { scopes: { clusters: ['*'], namespaces: ['*'], admin: true } });
const started: Array<{ api: ApiUnderTest; redisUrl: string }> = [];
afterEach(async () => {
  for (const { api, redisUrl } of started.splice(0)) {
    await api.close();
    await cleanPrefix(redisUrl, api.prefix);
  }
});

async function setup(redisUrl: string) {
  const api = await startApiUnderTest({ redisUrl, prefix: testPrefix(), keys: [team, admin] });
  started.push({ api, redisUrl });
  return api;
}

const bearer = (k: { key: string }) => ({ authorization: `Bearer ${k.key}` });

/** Content-Security-Policy as a map of directive → sources. */
function csp(res: Response): Map<string, string[]> {
  const header = res.headers.get('content-security-policy') ?? '';
  return new Map(
    header
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name as string, sources]),
  );
}

describe('security headers', () => {
  test('every API answer — success, error, 404, public probe — is nosniff, no-referrer, no-store, unframeable', async ({
    redis,
  }) => {
    const api = await setup(redis.url);
    const answers = {
      list: await api.app.request('/v1/namespaces/team-a/jobs', { headers: bearer(team) }),
      created: await api.app.request('/v1/namespaces/team-a/jobs', {
        method: 'POST',
        headers: { ...bearer(team), 'content-type': 'application/json' },
        body: JSON.stringify({ generateName: 'h-', image: 'busybox', command: ['true'] }),
      }),
      unauthorized: await api.app.request('/v1/namespaces/team-a/jobs'),
      forbidden: await api.app.request('/v1/audit', { headers: bearer(team) }),
      invalid: await api.app.request('/v1/namespaces/team-a/jobs', {
        method: 'POST',
        headers: { ...bearer(team), 'content-type': 'application/json' },
        body: '{',
      }),
      notFound: await api.app.request('/nowhere'),
      livez: await api.app.request('/livez'),
      metrics: await api.app.request('/metrics'),
      openapi: await api.app.request('/openapi.json'),
    };
    expect(answers.list.status).toBe(200);
    expect(answers.created.status).toBe(202);
    expect(answers.unauthorized.status).toBe(401);
    expect(answers.forbidden.status).toBe(403);
    expect(answers.invalid.status).toBe(400);
    expect(answers.notFound.status).toBe(404);
    for (const [name, res] of Object.entries(answers)) {
      expect(res.headers.get('x-content-type-options'), name).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), name).toBe('no-referrer');
      expect(res.headers.get('cache-control'), name).toBe('no-store');
      expect(res.headers.get('x-frame-options'), name).toBe('DENY');
      expect(csp(res).get('default-src'), name).toEqual(["'none'"]);
      expect(csp(res).get('frame-ancestors'), name).toEqual(["'none'"]);
      // Plain HTTP behind the TLS terminator: HSTS is the terminator's to send.
      expect(res.headers.get('strict-transport-security'), name).toBeNull();
    }
  });

  test('/docs and /admin/queues: a page CSP that cannot be framed and loads nothing from elsewhere', async ({
    redis,
  }) => {
    const api = await setup(redis.url);
    const docs = await api.app.request('/docs');
    const board = await api.app.request('/admin/queues', { headers: bearer(admin) });
    const asset = await api.app.request('/admin/queues/static/css/none.css', { headers: bearer(admin) });
    expect(docs.status).toBe(200);
    expect(board.status).toBe(200);
    for (const [name, res] of Object.entries({ docs, board, asset })) {
      const policy = csp(res);
      expect(policy.get('frame-ancestors'), name).toEqual(["'none'"]);
      expect(policy.get('object-src'), name).toEqual(["'none'"]);
      expect(policy.get('base-uri'), name).toEqual(["'self'"]);
      expect(res.headers.get('x-frame-options'), name).toBe('DENY');
      expect(res.headers.get('x-content-type-options'), name).toBe('nosniff');
    }
    // The dashboard runs only its own scripts.
    expect(csp(board).get('script-src')).toEqual(["'self'"]);
    // Every page loads only from the service: no host in any policy, no absolute URL in the page.
    for (const [name, res] of Object.entries({ docs, board })) {
      const hosts = [...csp(res).values()].flat().filter((s) => /^https?:|^\*/.test(s));
      expect(hosts, name).toEqual([]);
    }
    const html = await docs.text();
    expect([...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="(https?:[^"]+)/g)].map((m) => m[1])).toEqual(
      [],
    );
  });
});
