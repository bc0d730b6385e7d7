import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadApiKeysFromConfig } from '../../src/api/auth/security.js';
import { ConfigError } from '../../src/shared/config.js';
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
    writeFileSync(good, JSON.stringify({ keys: [k.entry] }));
    const { logger, lines } = memoryLogger();
    expect(
      loadApiKeysFromConfig({ apiKeysFile: good, insecureNoAuth: false }, logger).lookup(k.key)?.id,
    ).toBe('ci');
    expect(JSON.parse(lines[0]!)).toMatchObject({ keys: 1, msg: 'API keys loaded' });
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ keys: [{ ...k.entry, hash: k.key }] }));
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
});
