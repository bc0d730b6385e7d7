import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { Principal } from '../../src/devcluster/aws/iam-store.js';
import { stsHostRegion, verifyEksToken } from '../../src/devcluster/aws/token-verifier.js';
import { USER_KEY } from './support.js';
import { rejectionCases, SESSION, tokenMaker, USER } from './token-cases.js';

const SIGNED = Date.parse('2024-05-01T12:00:00Z');
const principals = new Map<string, Principal>([
  [USER.accessKeyId, USER],
  [SESSION.accessKeyId, SESSION],
]);
const lookup = (id: string) => principals.get(id);
const { token, edited } = tokenMaker('dev', () => SIGNED);
const verify = (t: string, now = SIGNED + 60_000) => verifyEksToken(t, { clusterName: 'dev', lookup, now });

describe('verifyEksToken', () => {
  test('accepts the independently generated aws eks get-token vectors', () => {
    const { vectors } = JSON.parse(
      readFileSync(new URL('../fixtures/eks-token-vectors.json', import.meta.url), 'utf8'),
    ) as {
      vectors: Array<{
        token: string;
        cluster: string;
        date: string;
        accessKeyId: string;
        secretAccessKey: string;
        sessionToken: string | null;
      }>;
    };
    for (const v of vectors) {
      const p: Principal = {
        accessKeyId: v.accessKeyId,
        secretAccessKey: v.secretAccessKey,
        ...(v.sessionToken ? { sessionToken: v.sessionToken } : {}),
        arn: 'arn:aws:iam::111122223333:user/vector',
        userId: 'AIDAVECTOR',
        account: '111122223333',
      };
      const verdict = verifyEksToken(v.token, {
        clusterName: v.cluster,
        lookup: (id) => (id === p.accessKeyId ? p : undefined),
        now: Date.parse(v.date) + 60_000,
      });
      expect(verdict).toMatchObject({ ok: true, arn: p.arn });
    }
  });

  test('a valid token passes until 15 minutes after X-Amz-Date, then expires', async () => {
    const t = await token();
    expect(verify(t, SIGNED + 900_000)).toMatchObject({ ok: true, arn: USER_KEY.arn });
    expect(verify(t, SIGNED + 900_001)).toMatchObject({ ok: false, reason: 'token expired' });
  });

  test('the lifetime is configurable', async () => {
    const t = await token();
    expect(
      verifyEksToken(t, { clusterName: 'dev', lookup, now: SIGNED + 2001, lifetimeMs: 2000 }),
    ).toMatchObject({
      ok: false,
      reason: 'token expired',
    });
  });

  test('a session token signed with its session credentials gives the assumed-role ARN', async () => {
    expect(verify(await token({ key: SESSION }))).toMatchObject({ ok: true, arn: SESSION.arn });
  });

  test('X-Amz-Expires 0 and 900 are within the allowed range', async () => {
    for (const e of ['0', '900']) {
      const t = await edited((u) => u.replace('X-Amz-Expires=60', `X-Amz-Expires=${e}`));
      expect(verify(t)).toMatchObject({ ok: true });
    }
  });

  test('a date more than 5 minutes ahead is refused', async () => {
    expect(verify(await token(), SIGNED - 5 * 60_000 - 1)).toMatchObject({ ok: false });
  });

  test.each(rejectionCases('dev', () => SIGNED))('rejects: %s', async (_name, make, reason) => {
    const verdict = verify(await make());
    expect(verdict.ok).toBe(false);
    expect(verdict.ok ? '' : verdict.reason).toMatch(reason);
  });

  test.each([
    ['sts.amazonaws.com', 'us-east-1'],
    ['sts.eu-west-1.amazonaws.com', 'eu-west-1'],
    ['sts.cn-north-1.amazonaws.com.cn', 'cn-north-1'],
    ['sts.cn-north-1.amazonaws.com', undefined],
    ['sts.us-west-2.amazonaws.com.cn', undefined],
    ['sts.amazonaws.com.cn', undefined],
    ['xsts.us-west-2.amazonaws.com', undefined],
  ])('stsHostRegion(%s) = %s', (host, region) => {
    expect(stsHostRegion(host)).toBe(region);
  });
});
