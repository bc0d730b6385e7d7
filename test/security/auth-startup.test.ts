import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadApiKeysFromConfig } from '../../src/api/auth/security.js';
import { ConfigError } from '../../src/shared/config.js';
import { startService } from '../support/process.js';
import { freePort } from '../support/redis.js';
import { makeKey, memoryLogger } from './support/security-app.js';

const dir = mkdtempSync(join(tmpdir(), 'eks-jobs-auth-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const levels = (lines: string[]) => lines.map((l) => JSON.parse(l) as { level: string; msg: string });

describe('authentication at start', () => {
  test('the insecure flag is logged as a warning on every start', () => {
    for (let start = 0; start < 2; start++) {
      const { logger, lines } = memoryLogger();
      const keys = loadApiKeysFromConfig({ insecureNoAuth: true }, logger);
      expect(keys.size).toBe(0);
      expect(levels(lines)).toEqual([
        expect.objectContaining({ level: 'warn', msg: expect.stringContaining('AUTHENTICATION IS OFF') }),
      ]);
    }
  });

  test('no API_KEYS_FILE: a warning, and no key is accepted', () => {
    const { logger, lines } = memoryLogger();
    const keys = loadApiKeysFromConfig({ insecureNoAuth: false }, logger);
    expect(keys.lookup(makeKey('x').key)).toBeUndefined();
    expect(levels(lines)[0]).toMatchObject({
      level: 'warn',
      msg: expect.stringContaining('API_KEYS_FILE is not set'),
    });
  });

  test('a key file is loaded and counted; a bad one stops the start with a ConfigError', () => {
    const good = join(dir, 'good.json');
    const k = makeKey('ci');
    writeFileSync(good, JSON.stringify({ keys: [k.entry] }), { mode: 0o600 });
    const { logger, lines } = memoryLogger();
    expect(
      loadApiKeysFromConfig({ apiKeysFile: good, insecureNoAuth: false }, logger).lookup(k.key)?.id,
    ).toBe('ci');
    expect(JSON.parse(lines[0]!)).toMatchObject({ keys: 1, msg: 'API keys loaded' });
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ keys: [{ ...k.entry, hash: k.key }] }), { mode: 0o600 });
    expect(() => loadApiKeysFromConfig({ apiKeysFile: bad, insecureNoAuth: false }, logger)).toThrow(
      ConfigError,
    );
    expect(() =>
      loadApiKeysFromConfig({ apiKeysFile: join(dir, 'missing.json'), insecureNoAuth: false }, logger),
    ).toThrow(/API_KEYS_FILE: cannot read .*missing\.json \(ENOENT\)/);
    // The error never echoes the key that was wrongly pasted into the file.
    try {
      loadApiKeysFromConfig({ apiKeysFile: bad, insecureNoAuth: false }, logger);
    } catch (err) {
      expect(String((err as Error).message)).not.toContain(k.key);
    }
  });

  test('a key file every user may read or write is refused, like ssh refuses such a key file', () => {
    const k = makeKey('ci');
    const { logger } = memoryLogger();
    const file = join(dir, 'open.json');
    writeFileSync(file, JSON.stringify({ keys: [k.entry] }), { mode: 0o600 });
    const load = () => loadApiKeysFromConfig({ apiKeysFile: file, insecureNoAuth: false }, logger);
    for (const [mode, pattern] of [
      [0o644, /API_KEYS_FILE: .*open\.json is readable by every user \(mode 0644\); refusing to load it/],
      [0o604, /is readable by every user \(mode 0604\)/],
      [0o622, /is writable by every user \(mode 0622\)/],
      [0o666, /is writable by every user \(mode 0666\)/],
    ] as const) {
      chmodSync(file, mode);
      expect(load, mode.toString(8)).toThrow(ConfigError);
      expect(load, mode.toString(8)).toThrow(pattern);
      expect(load).toThrow(/chmod 600/);
    }
    // Owner and group only: loaded (a Kubernetes secret volume with defaultMode 0440 and fsGroup).
    for (const mode of [0o600, 0o400, 0o640, 0o440]) {
      chmodSync(file, mode);
      expect(load().lookup(k.key)?.id, mode.toString(8)).toBe('ci');
    }
  });

  test('the API process does not start on a world-readable key file, and says why', async () => {
    const file = join(dir, 'process.json');
    writeFileSync(file, JSON.stringify({ keys: [makeKey('ci').entry] }));
    chmodSync(file, 0o644);
    const api = startService('src/api/main.ts', {
      API_KEYS_FILE: file,
      EKS_CLUSTER_NAME: 'main',
      EKS_REGION: 'eu-west-1',
      PORT: String(await freePort()),
      REDIS_URL: `redis://127.0.0.1:${await freePort()}`,
    });
    expect(await api.exited).not.toBe(0);
    expect(api.output()).toMatch(/API_KEYS_FILE: .*process\.json is readable by every user \(mode 0644\)/);
  });
});
