/**
 * Cluster access failed before or outside the Kubernetes API (discovery, credentials, TLS).
 * The message names the cluster; `cause` is the underlying error (for TLS and network errors
 * an error with a `code` such as `UNABLE_TO_VERIFY_LEAF_SIGNATURE` or `ECONNREFUSED`).
 */
export class ClusterAccessError extends Error {
  override name = 'ClusterAccessError';
  constructor(
    readonly cluster: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`cluster "${cluster}": ${message}`, options);
  }
}

/** Node/OpenSSL codes of a server certificate that did not verify against the configured CA. */
export const TLS_VERIFY_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** The `code` of a fetch/network error's cause (undici wraps them as `TypeError: fetch failed`). */
export function networkErrorCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; depth < 4 && e && typeof e === 'object'; depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The innermost error carrying a string `code`, or the error itself. */
export function rootCause(err: unknown): unknown {
  let e: unknown = err;
  for (let depth = 0; depth < 4 && e && typeof e === 'object'; depth += 1) {
    if (typeof (e as { code?: unknown }).code === 'string') return e;
    e = (e as { cause?: unknown }).cause;
  }
  return err;
}
