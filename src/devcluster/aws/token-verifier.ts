import type { Principal } from './iam-store.js';
import {
  EMPTY_SHA256,
  parseAmzDate,
  parseSigV4,
  type SignedRequest,
  signatureMatches,
} from './sigv4-verify.js';

/** Options of {@link verifyEksToken}. */
export interface TokenVerifierOptions {
  /** The cluster name tokens must be bound to (x-k8s-aws-id). */
  clusterName: string;
  lookup(accessKeyId: string): Principal | undefined;
  now: number;
  /** How long after X-Amz-Date a token is accepted. @defaultValue 900000 (15 minutes, as EKS) */
  lifetimeMs?: number;
}

/** Outcome of {@link verifyEksToken}. */
export type TokenVerdict =
  | {
      ok: true;
      arn: string;
      accessKeyId: string;
      /** GetCallerIdentity's UserId: `AIDA…` for users, `AROA…:session` for assumed roles. */
      userId: string;
      account: string;
      signedAt: number;
    }
  | { ok: false; reason: string };

const PREFIX = 'k8s-aws-v1.';
const MAX_TOKEN_BYTES = 4096;
// aws-iam-authenticator's parameterWhitelist, compared in lower case.
const ALLOWED_PARAMS = new Set([
  'action',
  'version',
  'x-amz-algorithm',
  'x-amz-credential',
  'x-amz-date',
  'x-amz-expires',
  'x-amz-security-token',
  'x-amz-signature',
  'x-amz-signedheaders',
]);
// STS accepts signatures up to 5 minutes ahead of its clock.
const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/** The region an STS host serves (the global host signs as us-east-1), or undefined if not an STS host. */
export function stsHostRegion(host: string): string | undefined {
  if (host === 'sts.amazonaws.com') return 'us-east-1';
  const m = /^sts\.([a-z]{2}(?:-[a-z]+)+-\d+)\.amazonaws\.com(\.cn)?$/.exec(host);
  if (!m) return undefined;
  const china = m[1]!.startsWith('cn-');
  return china === Boolean(m[2]) ? m[1] : undefined;
}

function reject(reason: string): TokenVerdict {
  return { ok: false, reason };
}

/**
 * Verifies an EKS bearer token as aws-iam-authenticator (format rules) and STS (signature) do
 * together: prefix, unpadded base64url, https STS host, path `/`, only allowed query parameters
 * each once, `Action=GetCallerIdentity`, `x-k8s-aws-id` signed, `X-Amz-Expires` 0–900, not
 * older than the lifetime after `X-Amz-Date`, then the SigV4 signature with the secret (and
 * session token) of the access key, the `x-k8s-aws-id` header taken as this cluster's name.
 */
export function verifyEksToken(token: string, options: TokenVerifierOptions): TokenVerdict {
  if (token.length > MAX_TOKEN_BYTES) return reject('token is too large');
  if (!token.startsWith(PREFIX)) return reject(`token is missing the ${PREFIX} prefix`);
  const encoded = token.slice(PREFIX.length);
  // Go's base64.RawURLEncoding: url alphabet, no padding; Buffer would silently accept others.
  if (!/^[A-Za-z0-9_-]*$/.test(encoded) || encoded.length % 4 === 1)
    return reject('token is not unpadded base64url');
  const url = Buffer.from(encoded, 'base64url').toString('utf8');
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(#.*)?$/.exec(url);
  if (!m) return reject('token is not a URL');
  const [, scheme, host, path, rawQuery = ''] = m as unknown as [string, string, string, string, string?];
  if (scheme !== 'https') return reject(`unexpected scheme "${scheme}"`);
  const hostRegion = stsHostRegion(host);
  if (!hostRegion) return reject(`unexpected host "${host}"`);
  if (path !== '/') return reject('unexpected path');

  const query: Array<[string, string]> = [];
  const lower = new Map<string, string>();
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent((eq === -1 ? part : part.slice(0, eq)).replace(/\+/g, ' '));
      value = eq === -1 ? '' : decodeURIComponent(part.slice(eq + 1).replace(/\+/g, ' '));
    } catch {
      return reject('malformed query parameter');
    }
    const lk = key.toLowerCase();
    if (!ALLOWED_PARAMS.has(lk)) return reject(`query parameter "${key}" is not allowed`);
    if (lower.has(lk)) return reject(`query parameter "${key}" given more than once`);
    lower.set(lk, value);
    query.push([key, value]);
  }
  if (lower.get('action') !== 'GetCallerIdentity') return reject('unexpected action');
  const signedHeaders = (lower.get('x-amz-signedheaders') ?? '').split(';').map((h) => h.toLowerCase());
  if (!signedHeaders.includes('x-k8s-aws-id')) return reject('x-k8s-aws-id is not signed');
  const expiresText = lower.get('x-amz-expires') ?? '';
  const expires = /^[+-]?\d+$/.test(expiresText) ? Number(expiresText) : Number.NaN;
  if (!(expires >= 0 && expires <= 900)) return reject(`invalid X-Amz-Expires "${expiresText}"`);
  const date = lower.get('x-amz-date');
  if (!date) return reject('X-Amz-Date is missing');
  const signedAt = parseAmzDate(date);
  if (Number.isNaN(signedAt)) return reject('X-Amz-Date is malformed');
  if (options.now > signedAt + (options.lifetimeMs ?? 900_000)) return reject('token expired');
  if (signedAt > options.now + MAX_CLOCK_SKEW_MS) return reject('X-Amz-Date is in the future');

  // What the authenticator forwards to STS: the URL as is, with x-k8s-aws-id set to its own cluster.
  const request: SignedRequest = {
    method: 'GET',
    path: '/',
    query,
    headers: { host, 'x-k8s-aws-id': options.clusterName, accept: 'application/json' },
    payloadHash: EMPTY_SHA256,
  };
  const fields = parseSigV4(request);
  if ('error' in fields) return reject(fields.error);
  if (fields.service !== 'sts' || fields.region !== hostRegion)
    return reject('credential scope does not match the host');
  const principal = options.lookup(fields.accessKeyId);
  if (!principal) return reject('unknown or expired access key');
  if ((principal.sessionToken ?? '') !== (fields.securityToken ?? ''))
    return reject('security token does not match');
  if (!signatureMatches(request, fields, principal.secretAccessKey)) {
    return reject('signature does not match (wrong secret, or token made for another cluster)');
  }
  return {
    ok: true,
    arn: principal.arn,
    accessKeyId: principal.accessKeyId,
    userId: principal.userId,
    account: principal.account,
    signedAt,
  };
}
