import { afterEach, describe } from 'vitest';
import { createAdminSessions } from '../../src/api/auth/admin-session.js';
import { parseApiKeys } from '../../src/shared/api-keys/key-file.js';
import { type ApiUnderTest, startApiUnderTest } from '../security/support/api-under-test.js';
import { makeKey } from '../security/support/security-app.js';
import { expect, test } from '../support/fixtures.js';
import { cleanPrefix, testPrefix } from '../support/redis.js';

// The admin login's HTTP contract, below the browser test: cookies, CSRF, audit, and a session
// that ends with its key — on another replica sharing ADMIN_SESSION_SECRET too.

const ADMIN = { clusters: ['*'], namespaces: ['*'], admin: true };
const admin = makeKey('ops-admin', { scopes: ADMIN });
const reader = makeKey('reader');
const SECRET = 'test-only-admin-session-secret-0123456789';

const started: Array<{ api: ApiUnderTest; redisUrl: string }> = [];
afterEach(async () => {
  for (const { api, redisUrl } of started.splice(0)) {
    await api.close();
    await cleanPrefix(redisUrl, api.prefix);
  }
});

async function setup(redisUrl: string, keys = [admin, reader], devcluster?: ApiUnderTest['devcluster']) {
  const api = await startApiUnderTest({
    redisUrl,
    prefix: testPrefix(),
    keys,
    env: { ADMIN_SESSION_SECRET: SECRET },
    ...(devcluster ? { devcluster } : {}),
  });
  started.push({ api, redisUrl });
  return api;
}

/** A browser's cookie jar, reduced to what these routes set. */
function jar() {
  const cookies = new Map<string, string>();
  return {
    take(res: Response) {
      for (const line of res.headers.getSetCookie()) {
        const [pair = ''] = line.split(';');
        const [name = '', value = ''] = pair.split('=');
        if (/Max-Age=0/.test(line)) cookies.delete(name);
        else cookies.set(name, value);
      }
    },
    header: () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    get: (name: string) => cookies.get(name),
  };
}

async function signIn(api: ApiUnderTest, key: string) {
  const cookies = jar();
  const form = await api.app.request('/admin/login');
  cookies.take(form);
  const csrf = /name="csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const res = await api.app.request('/admin/login', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies.header() },
    body: new URLSearchParams({ key, csrf }).toString(),
  });
  cookies.take(res);
  return { res, cookies, csrf };
}

describe('admin login', () => {
  test('an admin key gets a short-lived HttpOnly, Secure, SameSite=Strict cookie for /admin only', async ({
    redis,
  }) => {
    const api = await setup(redis.url);
    const { res, cookies } = await signIn(api, admin.key);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/queues');
    const line = res.headers.getSetCookie().find((l) => l.startsWith('__Secure-eks-jobs-admin='));
    expect(line).toMatch(/; Max-Age=1800; Path=\/admin; HttpOnly; Secure; SameSite=Strict$/);
    expect(line).not.toContain(admin.key);
    const board = await api.app.request('/admin/queues/api/queues', {
      headers: { cookie: cookies.header() },
    });
    expect(board.status).toBe(200);
    // Only the dashboard: everything else keeps the bearer header.
    for (const path of ['/v1/audit', '/v1/namespaces/team-a/jobs', '/v1/operations']) {
      expect((await api.app.request(path, { headers: { cookie: cookies.header() } })).status, path).toBe(401);
    }
  });

  test('refusals: no CSRF token 403, a non-admin key 403, an unknown key 401; audited by key id', async ({
    redis,
  }) => {
    const api = await setup(redis.url);
    const first = await signIn(api, admin.key);
    const noToken = await api.app.request('/admin/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: first.cookies.header() },
      body: new URLSearchParams({ key: admin.key }).toString(),
    });
    expect(noToken.status).toBe(403);
    expect((await signIn(api, reader.key)).res.status).toBe(403);
    const unknown = await signIn(api, makeKey('never-loaded').key);
    expect(unknown.res.status).toBe(401);
    expect(await unknown.res.text()).toContain('Unknown API key');
    const { records } = await api.security.auditLog.list();
    const logins = records
      .filter((r) => r.action.startsWith('admin.'))
      .map((r) => [r.action, r.principal, r.status, r.outcome]);
    expect(logins).toEqual(
      expect.arrayContaining([
        ['admin.login', 'ops-admin', 303, 'accepted'],
        ['admin.login', 'ops-admin', 403, 'denied'],
        ['admin.login', 'reader', 403, 'denied'],
      ]),
    );
    // An unknown key is summed with the other anonymous 401s, not audited one by one.
    expect(logins).toHaveLength(3);
    expect(JSON.stringify(records)).not.toContain(admin.key);
  });

  test('logout needs the token, clears the cookie, revokes the session and is audited', async ({ redis }) => {
    const api = await setup(redis.url);
    const { cookies, csrf } = await signIn(api, admin.key);
    const stolen = cookies.header();
    const form = await api.app.request('/admin/login', { headers: { cookie: stolen } });
    const page = await form.text();
    expect(page).toContain('Signed in with key <strong>ops-admin</strong>');
    const logout = (body: Record<string, string>) =>
      api.app.request('/admin/logout', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies.header() },
        body: new URLSearchParams(body).toString(),
      });
    // The token from before the login is worth nothing after it (a new nonce came with the session).
    expect((await logout({ csrf })).status).toBe(403);
    expect((await logout({})).status).toBe(403);
    const out = await logout({ csrf: /name="csrf" value="([^"]+)"/.exec(page)?.[1] ?? '' });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/admin/login');
    expect(out.headers.getSetCookie().join()).toMatch(/__Secure-eks-jobs-admin=; Max-Age=0/);
    // A copy of the cookie taken before the logout is refused too.
    expect((await api.app.request('/admin/queues/api/queues', { headers: { cookie: stolen } })).status).toBe(
      401,
    );
    const { records } = await api.security.auditLog.list();
    expect(records.map((r) => [r.action, r.principal, r.status])).toContainEqual([
      'admin.logout',
      'ops-admin',
      303,
    ]);
  });

  test('a session ends when its key is removed or rotated: another replica with the same secret refuses it', async ({
    redis,
  }) => {
    const api = await setup(redis.url, [admin, reader]);
    const { cookies } = await signIn(api, admin.key);
    const path = '/admin/queues/api/queues';
    const sameKeys = await setup(redis.url, [admin], api.devcluster);
    expect((await sameKeys.app.request(path, { headers: { cookie: cookies.header() } })).status).toBe(200);
    const removed = await setup(redis.url, [reader], api.devcluster);
    expect((await removed.app.request(path, { headers: { cookie: cookies.header() } })).status).toBe(401);
    const rotated = await setup(redis.url, [makeKey('ops-admin', { scopes: ADMIN })], api.devcluster);
    expect((await rotated.app.request(path, { headers: { cookie: cookies.header() } })).status).toBe(401);
    const demoted = await setup(
      redis.url,
      [{ ...admin, entry: { ...admin.entry, scopes: { clusters: ['*'], namespaces: ['*'] } } }],
      api.devcluster,
    );
    expect((await demoted.app.request(path, { headers: { cookie: cookies.header() } })).status).toBe(401);
  });
});

describe('admin session tokens', () => {
  const keys = parseApiKeys({ keys: [admin.entry, reader.entry] });
  const principal = (k: { key: string }) => keys.lookup(k.key)!;

  test('expire, and are refused when tampered with or signed with another secret', () => {
    let now = 1_000_000;
    const sessions = createAdminSessions({ keys, secret: SECRET, ttlMs: 60_000, now: () => now });
    const issued = sessions.issue(principal(admin));
    expect(issued).toBeDefined();
    const token = issued!.token;
    expect(sessions.read(token)?.principal.id).toBe('ops-admin');
    const [v, body, sig] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), exp: 9e15 }),
    );
    expect(sessions.read(`${v}.${forged.toString('base64url')}.${sig}`)).toBeUndefined();
    expect(createAdminSessions({ keys, secret: `${SECRET}-other` }).read(token)).toBeUndefined();
    now += 59_999;
    expect(sessions.read(token)).toBeDefined();
    now += 1;
    expect(sessions.read(token)).toBeUndefined();
  });

  test('are issued to admin keys only; CSRF tokens match only their own nonce', () => {
    const sessions = createAdminSessions({ keys });
    expect(sessions.issue(principal(reader))).toBeUndefined();
    const nonce = sessions.newNonce();
    expect(sessions.csrfValid(nonce, sessions.csrfToken(nonce))).toBe(true);
    expect(sessions.csrfValid(sessions.newNonce(), sessions.csrfToken(nonce))).toBe(false);
    expect(sessions.csrfValid(undefined, sessions.csrfToken(nonce))).toBe(false);
    expect(sessions.csrfValid(nonce, undefined)).toBe(false);
  });
});
