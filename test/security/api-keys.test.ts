import { describe, expect, test } from 'vitest';
import { parseApiKeys } from '../../src/shared/api-keys/key-file.js';
import {
  bearerToken,
  generateApiKey,
  hashApiKey,
  looksLikeApiKey,
} from '../../src/shared/api-keys/key-format.js';
import { DEFAULT_KEY_POLICY } from '../../src/shared/api-keys/key-policy.js';
import {
  checkCluster,
  checkNamespace,
  checkNamespaceCreate,
  checkNamespaceDelete,
  type KeyScopes,
  matchGlob,
} from '../../src/shared/api-keys/scopes.js';
import { ConfigError } from '../../src/shared/config.js';
import { scrubString } from '../../src/shared/redact.js';

const scopes = (over: Partial<KeyScopes> = {}): KeyScopes => ({
  clusters: ['*'],
  namespaces: ['team-*'],
  namespaceCreate: false,
  namespaceDelete: false,
  systemNamespaces: false,
  admin: false,
  ...over,
});

describe('key format', () => {
  test('keys carry the ekj_ prefix and 32 random bytes, and differ every time', () => {
    const a = generateApiKey();
    const b = generateApiKey();
    expect(a.key).toMatch(/^ekj_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a.key.slice(4), 'base64url')).toHaveLength(32);
    expect(a.key).not.toBe(b.key);
    expect(a.hash).toBe(hashApiKey(a.key));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(looksLikeApiKey(a.key)).toBe(true);
  });

  test('a generated key is scrubbed by the log redaction', () => {
    const { key } = generateApiKey();
    expect(scrubString(`token=${key} tail`)).not.toContain(key.slice(4));
  });

  test.each([
    ['Bearer abc', 'abc'],
    ['bearer abc', 'abc'],
    ['BEARER  abc ', 'abc'],
    ['Basic abc', undefined],
    ['Bearer', undefined],
    ['Bearer a b', undefined],
    ['Bearer abc\r\nX-Evil: 1', undefined],
    [undefined, undefined],
  ])('bearerToken(%j) = %j', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });
});

describe('API_KEYS_FILE', () => {
  const entry = (over: Record<string, unknown> = {}) => ({
    id: 'ci-bot',
    hash: generateApiKey().hash,
    scopes: { clusters: ['*'], namespaces: ['team-*'] },
    ...over,
  });

  test('finds a key by its hash and fills defaults; never keeps the key', () => {
    const { key, hash } = generateApiKey();
    const store = parseApiKeys({ keys: [entry({ hash, rateLimit: { requests: 5, perSeconds: 1 } })] });
    const p = store.lookup(key);
    expect(p).toEqual({
      id: 'ci-bot',
      scopes: {
        clusters: ['*'],
        namespaces: ['team-*'],
        namespaceCreate: false,
        namespaceDelete: false,
        systemNamespaces: false,
        admin: false,
        templateWrite: false,
      },
      // A key without a policy runs baseline pods as the default service account.
      policy: DEFAULT_KEY_POLICY,
      rateLimit: { requests: 5, perSeconds: 1 },
    });
    expect(JSON.stringify(p)).not.toContain(hash);
    expect(store.lookupAuthorization(`Bearer ${key}`)?.id).toBe('ci-bot');
    expect(store.lookup(generateApiKey().key)).toBeUndefined();
    expect(store.lookup(hash)).toBeUndefined();
    expect(store.lookup('')).toBeUndefined();
  });

  const bad: Array<[string, unknown, RegExp]> = [
    ['not an object', [], /API_KEYS_FILE: \(file\): /],
    [
      'a key instead of its hash',
      { keys: [entry({ hash: generateApiKey().key })] },
      /keys\[0\]\.hash: holds an API key itself/,
    ],
    ['a short hash', { keys: [entry({ hash: 'abc' })] }, /keys\[0\]\.hash: expected the SHA-256/],
    ['missing scopes', { keys: [entry({ scopes: undefined })] }, /keys\[0\]\.scopes/],
    [
      'a typo in a scope',
      { keys: [entry({ scopes: { clusters: ['*'], namespaces: ['*'], namespaceCreat: true } })] },
      /keys\[0\]\.scopes: .*namespaceCreat/,
    ],
    [
      'namespaces not a list',
      { keys: [entry({ scopes: { clusters: ['*'], namespaces: 'team-*' } })] },
      /keys\[0\]\.scopes\.namespaces: expected a list/,
    ],
    ['a bad id', { keys: [entry({ id: '../x' })] }, /keys\[0\]\.id: /],
    [
      'a bad rate limit',
      { keys: [entry({ rateLimit: { requests: 0, perSeconds: 1 } })] },
      /keys\[0\]\.rateLimit\.requests/,
    ],
  ];
  test.each(bad)('refuses %s with a line naming the entry', (_name, content, message) => {
    expect(() => parseApiKeys(content)).toThrow(ConfigError);
    expect(() => parseApiKeys(content)).toThrow(message);
  });

  test('refuses duplicate ids and duplicate keys', () => {
    const a = entry();
    expect(() => parseApiKeys({ keys: [a, entry()] })).toThrow(/keys\[1\]\.id: duplicate id "ci-bot"/);
    expect(() => parseApiKeys({ keys: [a, { ...a, id: 'other' }] })).toThrow(/keys\[1\]\.hash: the same key/);
  });
});

describe('scopes', () => {
  test.each([
    ['*', 'anything', true],
    ['team-*', 'team-a', true],
    ['team-*', 'team-', true],
    ['team-*', 'teama', false],
    ['team-?', 'team-a', true],
    ['team-?', 'team-ab', false],
    ['prod', 'prod', true],
    ['prod', 'prod2', false],
    ['team.*', 'teamx', false],
    ['*', 'team-a/../kube-system', false],
    ['team-*', 'team-a/../x', false],
  ])('matchGlob(%j, %j) = %j', (pattern, value, expected) => {
    expect(matchGlob(pattern, value)).toBe(expected);
  });

  test('a wildcard never grants a system namespace; an explicit grant does', () => {
    for (const ns of ['kube-system', 'kube-public', 'kube-node-lease']) {
      const all = scopes({ namespaces: ['*'] });
      expect(checkNamespace(all, ns)).toMatchObject({ ok: false, scope: 'systemNamespaces' });
      expect(checkNamespace(scopes({ namespaces: ['kube-*'] }), ns).ok).toBe(false);
      expect(checkNamespace(scopes({ systemNamespaces: true }), ns).ok).toBe(true);
      expect(checkNamespace(scopes({ namespaces: [ns] }), ns).ok).toBe(true);
    }
    const onlySystem = scopes({ systemNamespaces: ['kube-system'] });
    expect(checkNamespace(onlySystem, 'kube-system').ok).toBe(true);
    expect(checkNamespace(onlySystem, 'kube-public').ok).toBe(false);
  });

  test('denials name the missing scope', () => {
    expect(checkNamespace(scopes(), 'prod')).toEqual({
      ok: false,
      scope: 'namespaces',
      message: `namespace "prod" is not in this key's namespaces`,
    });
    expect(checkCluster(scopes({ clusters: ['dev-*'] }), 'prod')).toEqual({
      ok: false,
      scope: 'clusters',
      message: `cluster "prod" is not in this key's clusters`,
    });
    expect(checkNamespaceCreate(scopes(), 'team-a')).toMatchObject({ ok: false, scope: 'namespaceCreate' });
    expect(checkNamespaceDelete(scopes(), 'team-a')).toMatchObject({ ok: false, scope: 'namespaceDelete' });
    expect(checkNamespaceCreate(scopes({ namespaceCreate: true }), 'prod')).toMatchObject({
      ok: false,
      scope: 'namespaces',
    });
    expect(checkNamespaceDelete(scopes({ namespaceDelete: true }), 'team-a').ok).toBe(true);
  });
});
