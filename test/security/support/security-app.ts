import { Writable } from 'node:stream';
import type { ApiKeyEntry } from '../../../src/shared/api-keys/key-file.js';
import { generateApiKey } from '../../../src/shared/api-keys/key-format.js';
import { createLogger } from '../../../src/shared/logger.js';

// Keys and a capturing logger for the security tests. The app under test is the one that ships:
// see `startApiUnderTest` in ./api-under-test.ts (built by `composeApi`, as main.ts builds it).

/** A key made at test time, with its entry for API_KEYS_FILE. */
export interface TestKey {
  key: string;
  entry: ApiKeyEntry;
}

/** Makes a key with the given scopes (defaults: every cluster, `team-*`, nothing else). */
export function makeKey(id: string, over: Partial<Omit<ApiKeyEntry, 'id' | 'hash'>> = {}): TestKey {
  const { key, hash } = generateApiKey();
  return {
    key,
    entry: { id, hash, scopes: { clusters: ['*'], namespaces: ['team-*'] }, ...over },
  };
}

/** A logger writing JSON lines into an array, to assert on what was logged. */
export function memoryLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      cb();
    },
  });
  return { logger: createLogger({ level: 'debug', destination }), lines };
}
