import { expectedSignature, parseSigV4, type SignedRequest } from '../../src/devcluster/aws/sigv4-verify.js';
import { EMPTY_SHA256 } from '../../src/devcluster/aws/sigv4-verify.js';
import type { AwsCredentials } from '../../src/shared/cluster/token.js';

/** Obviously fake keys (the AWS documentation's examples). */
export const USER_KEY = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  arn: 'arn:aws:iam::111122223333:user/ci',
};
export const OTHER_KEY = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
  arn: 'arn:aws:iam::444455556666:user/ops',
};
export const DEPLOYER_ROLE = 'arn:aws:iam::111122223333:role/deployer';

/** A credentials provider for fixed keys, standing in for the SDK chain (no env mutation). */
export function staticCredentials(key: { accessKeyId: string; secretAccessKey: string }) {
  return async (): Promise<AwsCredentials> => ({
    accessKeyId: key.accessKeyId,
    secretAccessKey: key.secretAccessKey,
  });
}

/** Decodes an EKS token to its URL. */
export function tokenUrl(token: string): string {
  return Buffer.from(token.slice('k8s-aws-v1.'.length), 'base64url').toString('utf8');
}

/** Encodes a URL as an EKS token. */
export function urlToken(url: string): string {
  return `k8s-aws-v1.${Buffer.from(url, 'utf8').toString('base64url')}`;
}

/**
 * Re-signs a (mutated) presigned URL with `secret` as if its x-k8s-aws-id were `clusterName`, so a
 * test can break exactly one format rule while the signature stays right.
 */
export function resign(url: string, secret: string, clusterName: string): string {
  const u = new URL(url);
  const query: Array<[string, string]> = [...u.searchParams.entries()];
  const request: SignedRequest = {
    method: 'GET',
    path: '/',
    query,
    headers: { host: u.host, 'x-k8s-aws-id': clusterName },
    payloadHash: EMPTY_SHA256,
  };
  const fields = parseSigV4(request);
  if ('error' in fields) return url;
  const signature = expectedSignature(request, fields, secret);
  return url.replace(/X-Amz-Signature=[0-9a-f]{64}/, `X-Amz-Signature=${signature}`);
}
