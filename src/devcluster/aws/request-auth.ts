import { createHash } from 'node:crypto';
import type { PluginRequest } from '../plugin.js';
import type { IamStore, Principal } from './iam-store.js';
import { parseAmzDate, parseSigV4, type SignedRequest, signatureMatches } from './sigv4-verify.js';

/** Why a signed AWS API call was refused, with the AWS error code the SDK expects. */
export interface AuthFailure {
  code: 'MissingAuthenticationToken' | 'InvalidClientTokenId' | 'SignatureDoesNotMatch' | 'ExpiredToken';
  message: string;
}

/**
 * Checks the SigV4 Authorization header of an AWS API call (EKS, STS) against the store's keys.
 * Time window: 15 minutes either side, as AWS does for header signatures.
 */
export function authenticateRequest(
  req: PluginRequest,
  rawPath: string,
  iam: IamStore,
  now: number,
): Principal | AuthFailure {
  const signed: SignedRequest = {
    method: req.method,
    path: rawPath,
    query: [...req.query.entries()],
    headers: req.headers,
    payloadHash: createHash('sha256').update(req.body).digest('hex'),
  };
  const fields = parseSigV4(signed);
  if ('error' in fields) return { code: 'MissingAuthenticationToken', message: fields.error };
  const principal = iam.lookup(fields.accessKeyId);
  if (!principal) {
    return {
      code: 'InvalidClientTokenId',
      message: 'The security token included in the request is invalid.',
    };
  }
  if ((principal.sessionToken ?? '') !== (fields.securityToken ?? '')) {
    return {
      code: 'InvalidClientTokenId',
      message: 'The security token included in the request is invalid.',
    };
  }
  const at = parseAmzDate(fields.amzDate);
  if (Number.isNaN(at) || Math.abs(now - at) > 15 * 60_000) {
    return { code: 'SignatureDoesNotMatch', message: 'Signature expired or not yet current.' };
  }
  if (!signatureMatches(signed, fields, principal.secretAccessKey)) {
    return {
      code: 'SignatureDoesNotMatch',
      message: 'The request signature we calculated does not match the signature you provided.',
    };
  }
  return principal;
}
