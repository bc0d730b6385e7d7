import type { MiddlewareHandler } from 'hono';
import { scrubString } from '../../shared/redact.js';

/** What a caller-supplied request id may look like. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** Prefixes and shapes of credentials: an eks-jobs key, an EKS token, a JWT, an AWS access key id. */
const CREDENTIAL_SHAPES = [
  /^ekj_/i,
  /k8s-aws-v1\./i,
  /^eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\./,
  /^(?:AKIA|ASIA)[A-Z0-9]{12,}/,
  /^(?:bearer|basic)/i,
];

/**
 * True when `id` is safe to take as the request id: short, plain characters, and not shaped like
 * a credential. The request id is echoed in every answer, logged with every line, stored with the
 * operation in Redis and in the audit trail, so a key or token pasted into `X-Request-Id` would
 * otherwise travel everywhere in clear. Anything random-looking (a run of 24 or more characters
 * mixing upper case, lower case and digits, as base64 secrets do) is refused too; UUIDs, ULIDs
 * and `name-123`-style ids pass.
 */
export function isSaneRequestId(id: string): boolean {
  if (!SANE_REQUEST_ID.test(id)) return false;
  if (CREDENTIAL_SHAPES.some((re) => re.test(id))) return false;
  if (scrubString(id) !== id) return false;
  for (const run of id.split(/[._-]/)) {
    if (run.length >= 24 && /[a-z]/.test(run) && /[A-Z]/.test(run) && /[0-9]/.test(run)) return false;
  }
  return true;
}

/**
 * Sets the `requestId` variable and the `X-Request-Id` answer header: the caller's id when
 * {@link isSaneRequestId} accepts it, else a new UUID.
 */
export function saneRequestId(headerName = 'X-Request-Id'): MiddlewareHandler {
  return async (c, next) => {
    const given = c.req.header(headerName);
    const id = given !== undefined && isSaneRequestId(given) ? given : crypto.randomUUID();
    c.set('requestId', id);
    c.header(headerName, id);
    await next();
  };
}
