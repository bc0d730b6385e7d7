import type { Principal } from '../../src/devcluster/aws/iam-store.js';
import { presignEksToken } from '../../src/shared/cluster/token.js';
import { resign, tokenUrl, USER_KEY, urlToken } from './support.js';

/** A principal the verifier knows with a session token (as AssumeRole would issue). */
export const SESSION: Principal = {
  accessKeyId: 'ASIAEXAMPLEEXAMPLE01',
  secretAccessKey: 'c2Vzc2lvbi1zZWNyZXQtZXhhbXBsZQEXAMPLE',
  sessionToken: 'FwoGZXIvYXdzEXAMPLESESSIONTOKEN',
  arn: 'arn:aws:sts::111122223333:assumed-role/deployer/eks-jobs',
  userId: 'AROAEXAMPLE:eks-jobs',
  account: '111122223333',
};
export const USER: Principal = { ...USER_KEY, userId: 'AIDAEXAMPLE', account: '111122223333' };

/** Token makers for one cluster, signed at `at` (ms) in us-west-2. */
export function tokenMaker(clusterName: string, at: () => number) {
  const token = async (opts: { cluster?: string; key?: Principal } = {}) =>
    (
      await presignEksToken({
        clusterName: opts.cluster ?? clusterName,
        region: 'us-west-2',
        credentials: opts.key ?? USER,
        signingDate: new Date(at()),
      })
    ).token;
  /** Applies `edit` to the token's URL and re-signs it, so only the edited rule can fail. */
  const edited = async (edit: (url: string) => string) =>
    urlToken(resign(edit(tokenUrl(await token())), USER.secretAccessKey, clusterName));
  return { token, edited };
}

/**
 * Every rule a token can break, as [name, make token, expected reason]. `SESSION` must be a
 * known principal and `USER` the key `USER_KEY` for the reasons to be the ones listed.
 */
export function rejectionCases(
  clusterName: string,
  at: () => number,
  session: () => Principal | Promise<Principal> = () => SESSION,
): Array<[string, () => Promise<string>, RegExp]> {
  const { token, edited } = tokenMaker(clusterName, at);
  const body = (t: string) => t.slice('k8s-aws-v1.'.length);
  return [
    ['wrong prefix', async () => (await token()).replace('k8s-aws-v1.', 'k8s-aws-v2.'), /prefix/],
    ['padded base64', async () => `${await token()}==`, /base64url/],
    ['standard base64 alphabet', async () => `k8s-aws-v1.+/${body(await token()).slice(2)}`, /base64url/],
    ['http scheme', () => edited((u) => u.replace('https://', 'http://')), /scheme/],
    [
      'non-STS host',
      () => edited((u) => u.replace('sts.us-west-2.amazonaws.com', 'sts.example.com')),
      /host/,
    ],
    ['STS host with a port', () => edited((u) => u.replace('amazonaws.com/', 'amazonaws.com:443/')), /host/],
    ['look-alike host', () => edited((u) => u.replace('amazonaws.com/', 'amazonaws.com.evil.io/')), /host/],
    ['path other than /', () => edited((u) => u.replace('.com/?', '.com/x?')), /path/],
    ['other action', () => edited((u) => u.replace('GetCallerIdentity', 'AssumeRole')), /action/],
    ['unknown parameter', () => edited((u) => `${u}&X-Amz-Foo=1`), /not allowed/],
    ['parameter given twice', () => edited((u) => `${u}&Version=2011-06-15`), /more than once/],
    ['x-k8s-aws-id not signed', () => edited((u) => u.replace('host%3Bx-k8s-aws-id', 'host')), /not signed/],
    [
      'X-Amz-Expires above 900',
      () => edited((u) => u.replace('X-Amz-Expires=60', 'X-Amz-Expires=901')),
      /Expires/,
    ],
    [
      'X-Amz-Expires negative',
      () => edited((u) => u.replace('X-Amz-Expires=60', 'X-Amz-Expires=-1')),
      /Expires/,
    ],
    [
      'X-Amz-Expires not a number',
      () => edited((u) => u.replace('X-Amz-Expires=60', 'X-Amz-Expires=6e1')),
      /Expires/,
    ],
    ['X-Amz-Date missing', () => edited((u) => u.replace(/X-Amz-Date=\w+&/, '')), /Date/],
    ['token for another cluster', () => token({ cluster: `${clusterName}-other` }), /signature/],
    [
      'wrong secret',
      async () => urlToken(resign(tokenUrl(await token()), 'not-the-secret', clusterName)),
      /signature/,
    ],
    [
      'unknown access key',
      () => token({ key: { ...SESSION, accessKeyId: 'AKIAUNKNOWNEXAMPLE1', sessionToken: undefined } }),
      /unknown/,
    ],
    [
      'session key without its token',
      async () => token({ key: { ...(await session()), sessionToken: undefined } }),
      /security token/,
    ],
    [
      'session key with a wrong token',
      async () => token({ key: { ...(await session()), sessionToken: 'forged' } }),
      /security token/,
    ],
    ['token too large', async () => `${await token()}${'A'.repeat(4096)}`, /too large/],
  ];
}
