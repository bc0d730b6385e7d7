import { createHash } from 'node:crypto';
import type { PluginRequest } from '../plugin.js';
import type { IamStore, Principal } from './iam-store.js';
import { parseAmzDate, parseSigV4, type SignedRequest, signatureMatches } from './sigv4-verify.js';

/**
 * Why a signed AWS API call was refused. Each service words it its own way (STS's query-protocol
 * codes, EKS's restJson exceptions): `sts-api.ts` and `eks-api.ts` map these.
 */
export type AuthFailure =
  /** No SigV4 at all. */
  | { reason: 'missing' }
  /** A SigV4 Authorization header that cannot be read. */
  | { reason: 'incomplete'; detail: string }
  /** An access key (or session token) the store does not know. */
  | { reason: 'unknown-key' }
  /** The credential scope names another service. */
  | { reason: 'wrong-service'; service: string }
  /** X-Amz-Date outside the window; the message AWS gives, with its times. */
  | { reason: 'expired'; message: string }
  | { reason: 'bad-signature' };

/** The window either side of the server's clock in which a header signature is accepted. */
const WINDOW_MS = 15 * 60_000;

/** `YYYYMMDDTHHMMSSZ` of a time. */
function amzDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

/** AWS's wording for a signature outside the window, e.g. `Signature expired: A is now earlier than B (C - 15 min.)`. */
function windowMessage(signedAt: string, at: number, now: number): string {
  return at < now
    ? `Signature expired: ${signedAt} is now earlier than ${amzDate(now - WINDOW_MS)} (${amzDate(now)} - 15 min.)`
    : `Signature not yet current: ${signedAt} is still later than ${amzDate(now + WINDOW_MS)} (${amzDate(now)} + 15 min.)`;
}

/**
 * Checks the SigV4 Authorization header of an AWS API call signed for `service` (`eks`, `sts`)
 * against the store's keys. Time window: 15 minutes either side, as AWS does for header signatures.
 */
export function authenticateRequest(
  req: PluginRequest,
  service: string,
  iam: IamStore,
  now: number,
): Principal | AuthFailure {
  const signed: SignedRequest = {
    method: req.method,
    path: req.path,
    query: [...req.query.entries()],
    headers: req.headers,
    payloadHash: createHash('sha256').update(req.body).digest('hex'),
  };
  const fields = parseSigV4(signed);
  if ('error' in fields) {
    return fields.error === 'not signed with SigV4'
      ? { reason: 'missing' }
      : { reason: 'incomplete', detail: fields.error };
  }
  if (fields.service !== service) return { reason: 'wrong-service', service };
  const principal = iam.lookup(fields.accessKeyId);
  if (!principal || (principal.sessionToken ?? '') !== (fields.securityToken ?? '')) {
    return { reason: 'unknown-key' };
  }
  const at = parseAmzDate(fields.amzDate);
  if (Number.isNaN(at)) return { reason: 'incomplete', detail: `invalid X-Amz-Date ${fields.amzDate}` };
  if (Math.abs(now - at) > WINDOW_MS)
    return { reason: 'expired', message: windowMessage(fields.amzDate, at, now) };
  if (!signatureMatches(signed, fields, principal.secretAccessKey)) return { reason: 'bad-signature' };
  return principal;
}

/** The text AWS services give for a signature made with the wrong secret. */
export const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
/** The text AWS services give for an unknown access key or session token. */
export const UNKNOWN_TOKEN = 'The security token included in the request is invalid.';

/** The service a request is addressed to: the credential scope's, else (unsigned) `sts` for `/` and `eks` for its REST paths. */
export function awsServiceOf(req: PluginRequest): 'eks' | 'sts' {
  const fields = parseSigV4({
    method: req.method,
    path: req.path,
    query: [...req.query.entries()],
    headers: req.headers,
    payloadHash: '',
  });
  if (!('error' in fields) && (fields.service === 'eks' || fields.service === 'sts')) return fields.service;
  return req.path === '/' ? 'sts' : 'eks';
}
