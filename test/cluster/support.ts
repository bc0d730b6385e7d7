import { pino } from 'pino';
import {
  type AwsEmulator,
  type AwsEmulatorOptions,
  startAwsEmulator,
} from '../../src/devcluster/aws/index.js';
import {
  EMPTY_SHA256,
  expectedSignature,
  parseSigV4,
  type SignedRequest,
} from '../../src/devcluster/aws/sigv4-verify.js';
import { type DevClusterOptions, startDevCluster } from '../../src/devcluster/index.js';
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

/** Options of {@link startEksDevCluster}. */
export interface EksDevClusterOptions {
  /** EKS cluster name (and devcluster name). @defaultValue 'dev' */
  clusterName?: string;
  /** Reuse an emulator (several clusters in one account/region); else one is started. */
  aws?: AwsEmulator;
  /** Options of a new emulator. */
  awsOptions?: Partial<AwsEmulatorOptions>;
  /** Devcluster options (policy, timeScale…). */
  devcluster?: DevClusterOptions;
  /** CA PEM DescribeCluster reports instead of the devcluster's (the wrong-CA test). */
  reportedCaPem?: string;
}

/**
 * A devcluster with the AWS side attached: an EKS/STS emulator on plain HTTP that knows the
 * cluster (endpoint = the devcluster's https URL, CA = its CA) and verifies its bearer tokens.
 * Point the `eks` provider at it with `{ credentials, eksEndpoint: aws.url, stsEndpoint: aws.url }`
 * (or AWS_ENDPOINT_URL_EKS / AWS_ENDPOINT_URL_STS in a process environment).
 */
export async function startEksDevCluster(options: EksDevClusterOptions = {}) {
  const clusterName = options.clusterName ?? 'dev';
  const aws =
    options.aws ??
    (await startAwsEmulator({
      accessKeys: [USER_KEY, OTHER_KEY],
      roles: [{ arn: DEPLOYER_ROLE }],
      ...options.awsOptions,
    }));
  const dc = await startDevCluster({
    timeScale: 0.01,
    ...options.devcluster,
    clusterName,
    plugins: [aws.plugin(clusterName), ...(options.devcluster?.plugins ?? [])],
  });
  aws.registerCluster(clusterName, { endpoint: dc.url, caPem: options.reportedCaPem ?? dc.caPem });
  return {
    aws,
    dc,
    clusterName,
    async stop() {
      await dc.stop();
      if (!options.aws) await aws.stop();
    },
  };
}

/** A logger that writes nothing. */
export const silentLogger = pino({ level: 'silent' });
