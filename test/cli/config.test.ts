import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConnection } from '../../src/cli/config.js';
import { CliUsageError } from '../../src/cli/exit-codes.js';

const dir = mkdtempSync(join(tmpdir(), 'eks-jobs-cli-config-'));
const config = join(dir, 'config.yaml');
writeFileSync(
  config,
  `current: dev
profiles:
  dev: {url: 'http://dev.example:3000', key: ekj_dev, cluster: dev-1}
  prod: {url: 'https://prod.example', key: ekj_prod}
`,
);
const withFile = { EKS_JOBS_CONFIG: config };

describe('resolveConnection', () => {
  it.each([
    [
      'the current profile',
      {},
      withFile,
      { url: 'http://dev.example:3000', key: 'ekj_dev', cluster: 'dev-1' },
    ],
    ['--profile', { profile: 'prod' }, withFile, { url: 'https://prod.example', key: 'ekj_prod' }],
    [
      'env over the profile',
      {},
      { ...withFile, EKS_JOBS_URL: 'http://env', EKS_JOBS_KEY: 'ekj_env' },
      { url: 'http://env', key: 'ekj_env', cluster: 'dev-1' },
    ],
    [
      'flags over env',
      { url: 'http://flag', key: 'ekj_flag', cluster: 'c' },
      { ...withFile, EKS_JOBS_URL: 'http://env', EKS_JOBS_KEY: 'ekj_env' },
      { url: 'http://flag', key: 'ekj_flag', cluster: 'c' },
    ],
    [
      'env alone, no config file in HOME',
      {},
      { HOME: dir, EKS_JOBS_URL: 'http://env' },
      { url: 'http://env' },
    ],
  ])('%s', (_what, flags, env, expected) => {
    expect(resolveConnection(flags, env)).toEqual(expected);
  });

  it.each([
    ['no URL anywhere', {}, { HOME: dir }, /no API URL/],
    ['an unknown profile', { profile: 'nope' }, withFile, /profile "nope"/],
    ['a missing EKS_JOBS_CONFIG', {}, { EKS_JOBS_CONFIG: join(dir, 'missing.yaml') }, /cannot read/],
  ])('%s is a usage error', (_what, flags, env, message) => {
    expect(() => resolveConnection(flags, env)).toThrow(CliUsageError);
    expect(() => resolveConnection(flags, env)).toThrow(message);
  });
});
