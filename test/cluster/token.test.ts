import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { EKS_TOKEN_LIFETIME_MS, presignEksToken, stsHost } from '../../src/shared/cluster/token.js';

interface Vector {
  name: string;
  region: string;
  cluster: string;
  date: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string | null;
  url: string;
  token: string;
}

const vectors = (
  JSON.parse(readFileSync(new URL('../fixtures/eks-token-vectors.json', import.meta.url), 'utf8')) as {
    vectors: Vector[];
  }
).vectors;

describe('presignEksToken', () => {
  test('the vectors cover tokens with and without a session token', () => {
    expect(vectors.some((v) => v.sessionToken)).toBe(true);
    expect(vectors.some((v) => !v.sessionToken)).toBe(true);
  });

  test.each(vectors)('is byte-identical to aws eks get-token: $name', async (v) => {
    const result = await presignEksToken({
      clusterName: v.cluster,
      region: v.region,
      credentials: {
        accessKeyId: v.accessKeyId,
        secretAccessKey: v.secretAccessKey,
        ...(v.sessionToken ? { sessionToken: v.sessionToken } : {}),
      },
      signingDate: new Date(v.date),
    });
    expect(result.url).toBe(v.url);
    expect(result.token).toBe(v.token);
    expect(result.expiresAt).toBe(Date.parse(v.date) + EKS_TOKEN_LIFETIME_MS);
  });

  test.each([
    ['us-west-2', 'sts.us-west-2.amazonaws.com'],
    ['us-east-1', 'sts.us-east-1.amazonaws.com'],
    ['cn-northwest-1', 'sts.cn-northwest-1.amazonaws.com.cn'],
  ])('names the regional STS host for %s', (region, host) => {
    expect(stsHost(region)).toBe(host);
  });
});
