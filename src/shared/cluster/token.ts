import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';

/** AWS credentials as the SDK's providers return them. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

/** Resolves (and refreshes) AWS credentials, like the SDK's credential providers. */
export type AwsCredentialsProvider = () => Promise<AwsCredentials>;

/** Prefix of EKS bearer tokens (aws-iam-authenticator's `v1Prefix`). */
export const EKS_TOKEN_PREFIX = 'k8s-aws-v1.';
/** Header naming the cluster inside the presigned request. */
export const CLUSTER_ID_HEADER = 'x-k8s-aws-id';
/** aws-iam-authenticator accepts a token for 15 minutes after its X-Amz-Date, whatever X-Amz-Expires says. */
export const EKS_TOKEN_LIFETIME_MS = 15 * 60_000;

/** X-Amz-Date has whole seconds: the time a token signed at `at` (ms) carries. */
export function signingSecond(at: number): number {
  return Math.floor(at / 1000) * 1000;
}

/**
 * How long to wait before signing at clock time `now` when the last token was dated
 * `lastSignedAt`: a token signed in that same second would be the same bytes (pointless after a
 * 401), so wait for the next second (at most 1 s); otherwise 0. Tokens are always dated by the
 * clock: this never moves a date forward. Pure.
 */
export function signingDelayMs(now: number, lastSignedAt: number | undefined): number {
  if (lastSignedAt === undefined || signingSecond(now) !== lastSignedAt) return 0;
  return lastSignedAt + 1000 - now;
}

/** Options of {@link presignEksToken}. */
export interface PresignEksTokenOptions {
  /** Cluster name as EKS knows it; signed as the `x-k8s-aws-id` header. */
  clusterName: string;
  /** Region whose STS host the token names (and the SigV4 scope). */
  region: string;
  credentials: AwsCredentials;
  /** Time of signing (X-Amz-Date). */
  signingDate: Date;
}

/** A bearer token and when the authenticator stops accepting it. */
export interface EksToken {
  token: string;
  /** The presigned STS URL inside the token. */
  url: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

/** Regional STS host, as `aws eks get-token` uses (sts.cn-north-1.amazonaws.com.cn in China). */
export function stsHost(region: string): string {
  return `sts.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`;
}

function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

// botocore's query order: the request's own parameters, the auth parameters as SigV4QueryAuth adds
// them, the signature last. Any order verifies; this one makes our tokens byte-identical to the CLI's.
const QUERY_ORDER = [
  'Action',
  'Version',
  'X-Amz-Algorithm',
  'X-Amz-Credential',
  'X-Amz-Date',
  'X-Amz-Expires',
  'X-Amz-SignedHeaders',
  'X-Amz-Security-Token',
  'X-Amz-Signature',
];

/**
 * Makes an EKS bearer token the way `aws eks get-token` does: `k8s-aws-v1.` + unpadded base64url
 * of an STS `GetCallerIdentity` URL presigned with SigV4 (`expiresIn` 60, `host` and
 * `x-k8s-aws-id` signed). Pure apart from hashing: the same inputs give the same token.
 */
export async function presignEksToken(options: PresignEksTokenOptions): Promise<EksToken> {
  const host = stsHost(options.region);
  const { accessKeyId, secretAccessKey, sessionToken } = options.credentials;
  const signer = new SignatureV4({
    credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
    region: options.region,
    service: 'sts',
    sha256: Hash.bind(null, 'sha256'),
  });
  const request = new HttpRequest({
    method: 'GET',
    protocol: 'https:',
    hostname: host,
    path: '/',
    query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
    headers: { host, [CLUSTER_ID_HEADER]: options.clusterName },
  });
  // 60 s, as the CLI: the authenticator rejects X-Amz-Expires above 900 (the SDK default is 3600).
  const signed = await signer.presign(request, { expiresIn: 60, signingDate: options.signingDate });
  const query = signed.query as Record<string, string>;
  const keys = Object.keys(query).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const url = `https://${host}/?${keys.map((k) => `${rfc3986(k)}=${rfc3986(query[k]!)}`).join('&')}`;
  return {
    token: EKS_TOKEN_PREFIX + Buffer.from(url, 'utf8').toString('base64url'),
    url,
    expiresAt: options.signingDate.getTime() + EKS_TOKEN_LIFETIME_MS,
  };
}

function rank(key: string): number {
  const i = QUERY_ORDER.indexOf(key);
  return i === -1 ? QUERY_ORDER.length : i;
}
