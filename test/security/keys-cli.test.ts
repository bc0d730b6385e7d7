import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import { runKeysCli } from '../../src/cli/keys.js';
import { loadApiKeysFile } from '../../src/shared/api-keys/key-file.js';
import { hashApiKey } from '../../src/shared/api-keys/key-format.js';

const dir = mkdtempSync(join(tmpdir(), 'eks-jobs-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[], stdin = '') {
  let out = '';
  let err = '';
  const code = await runKeysCli(argv, {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    readStdin: async () => stdin,
  });
  return { code, out, err };
}

describe('npm run keys', () => {
  test('create prints the key once and an entry that admits exactly that key', async () => {
    const r = await run([
      'create',
      '--id',
      'ci-bot',
      '--clusters',
      '*',
      '--namespaces',
      'team-*,data-*',
      '--namespace-create',
      '--rate-limit',
      '100/60',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const { key, entry } = JSON.parse(r.out) as { key: string; entry: Record<string, unknown> };
    expect(key).toMatch(/^ekj_[A-Za-z0-9_-]{43}$/);
    expect(entry).toMatchObject({
      id: 'ci-bot',
      hash: hashApiKey(key),
      scopes: { clusters: ['*'], namespaces: ['team-*', 'data-*'], namespaceCreate: true, admin: false },
      rateLimit: { requests: 100, perSeconds: 60 },
    });
    expect(JSON.stringify(entry)).not.toContain(key);
    const human = await run(['create', '--id', 'x', '--clusters', 'a', '--namespaces', 'b']);
    expect(human.out.match(/ekj_[A-Za-z0-9_-]{43}/g)).toHaveLength(1);
    expect(human.out).toContain('"keys" array of API_KEYS_FILE');
  });

  test('--file adds entries to API_KEYS_FILE (mode 0600) that the API loads; duplicates are refused', async () => {
    const file = join(dir, 'keys.json');
    const a = await run([
      'create',
      '--id',
      'a',
      '--clusters',
      '*',
      '--namespaces',
      '*',
      '--admin',
      '--file',
      file,
      '--json',
    ]);
    const b = await run([
      'create',
      '--id',
      'b',
      '--clusters',
      'main',
      '--namespaces',
      'team-*',
      '--file',
      file,
      '--json',
    ]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const store = loadApiKeysFile(file);
    expect(store.size).toBe(2);
    expect(store.lookup(JSON.parse(a.out).key)?.scopes.admin).toBe(true);
    expect(store.lookup(JSON.parse(b.out).key)?.id).toBe('b');
    const before = readFileSync(file, 'utf8');
    const dup = await run(['create', '--id', 'a', '--clusters', '*', '--namespaces', '*', '--file', file]);
    expect(dup.code).toBe(1);
    expect(dup.err).toContain('duplicate id "a"');
    expect(readFileSync(file, 'utf8')).toBe(before);
    writeFileSync(join(dir, 'bad.json'), '{');
    expect(
      (
        await run([
          'create',
          '--id',
          'c',
          '--clusters',
          '*',
          '--namespaces',
          '*',
          '--file',
          join(dir, 'bad.json'),
        ])
      ).err,
    ).toContain('not valid JSON');
  });

  test('usage errors explain themselves and exit non-zero', async () => {
    expect(await run(['create', '--clusters', '*', '--namespaces', '*'])).toMatchObject({
      code: 1,
      err: expect.stringContaining('--id is required'),
    });
    expect(await run(['create', '--id', 'x', '--namespaces', '*'])).toMatchObject({
      code: 1,
      err: expect.stringContaining('--clusters is required'),
    });
    expect(
      await run(['create', '--id', 'x', '--clusters', '*', '--namespaces', '*', '--rate-limit', 'lots']),
    ).toMatchObject({ code: 1, err: expect.stringContaining('N/S') });
    expect(
      await run(['create', '--id', 'x', '--clusters', '*', '--namespaces', '*', '--bogus']),
    ).toMatchObject({ code: 1, err: expect.stringContaining('bogus') });
    expect(
      await run([
        'create',
        '--id',
        'x',
        '--clusters',
        '*',
        '--namespaces',
        '*',
        '--system-namespaces',
        'default',
      ]),
    ).toMatchObject({ code: 1, err: expect.stringContaining('systemNamespaces') });
    expect(await run(['rotate'])).toMatchObject({ code: 2 });
  });

  test('hash reads a key on stdin', async () => {
    const { key } = JSON.parse(
      (await run(['create', '--id', 'x', '--clusters', '*', '--namespaces', '*', '--json'])).out,
    );
    expect(await run(['hash'], `${key}\n`)).toMatchObject({ code: 0, out: `${hashApiKey(key)}\n` });
    expect((await run(['hash'], 'not-a-key')).code).toBe(1);
  });

  test('the entry point runs under tsx and prints help', async () => {
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'src/cli/keys.ts', '--help'], {
      timeout: 20_000,
    });
    expect(stdout).toContain('npm run keys -- create');
  });
});
