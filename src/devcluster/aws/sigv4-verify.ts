import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** A request as the server received it, for SigV4 checking. */
export interface SignedRequest {
  method: string;
  /** Path as sent on the wire (still percent-encoded), without the query. */
  path: string;
  /** Query parameters, decoded, in wire order (a key may repeat). */
  query: Array<[string, string]>;
  /** Header values by lowercase name. */
  headers: Record<string, string | string[] | undefined>;
  /** Hex SHA-256 of the body; for presigned URLs the hash of an empty body. */
  payloadHash: string;
}

/** The SigV4 fields a request carries, in its Authorization header or (presigned) its query. */
export interface SigV4Fields {
  presigned: boolean;
  accessKeyId: string;
  /** Credential scope parts. */
  scopeDate: string;
  region: string;
  service: string;
  /** X-Amz-Date, `YYYYMMDDTHHMMSSZ`. */
  amzDate: string;
  signedHeaders: string[];
  signature: string;
  securityToken?: string;
  /** X-Amz-Expires of a presigned URL. */
  expires?: string;
}

export const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');

/** RFC 3986 percent-encoding, as SigV4 canonicalisation requires. */
export function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function header(req: SignedRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

function queryValue(req: SignedRequest, name: string): string | undefined {
  return req.query.find(([k]) => k === name)?.[1];
}

/** Reads the SigV4 fields of a request, or says why there are none. */
export function parseSigV4(req: SignedRequest): SigV4Fields | { error: string } {
  const auth = header(req, 'authorization');
  let credential: string | undefined;
  let fields: Omit<SigV4Fields, 'accessKeyId' | 'scopeDate' | 'region' | 'service'>;
  if (auth) {
    const m =
      /^AWS4-HMAC-SHA256 Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/.exec(
        auth.trim(),
      );
    if (!m) return { error: 'malformed Authorization header' };
    const amzDate = header(req, 'x-amz-date');
    if (!amzDate) return { error: 'missing X-Amz-Date' };
    credential = m[1]!;
    const securityToken = header(req, 'x-amz-security-token');
    fields = {
      presigned: false,
      amzDate,
      signedHeaders: m[2]!.split(';'),
      signature: m[3]!,
      ...(securityToken ? { securityToken } : {}),
    };
  } else {
    if (queryValue(req, 'X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') return { error: 'not signed with SigV4' };
    credential = queryValue(req, 'X-Amz-Credential');
    const amzDate = queryValue(req, 'X-Amz-Date');
    const signedHeaders = queryValue(req, 'X-Amz-SignedHeaders');
    const signature = queryValue(req, 'X-Amz-Signature');
    if (!credential || !amzDate || !signedHeaders || !signature) return { error: 'incomplete presigned URL' };
    const securityToken = queryValue(req, 'X-Amz-Security-Token');
    const expires = queryValue(req, 'X-Amz-Expires');
    fields = {
      presigned: true,
      amzDate,
      signedHeaders: signedHeaders.split(';'),
      signature,
      ...(securityToken ? { securityToken } : {}),
      ...(expires !== undefined ? { expires } : {}),
    };
  }
  const parts = credential.split('/');
  if (parts.length !== 5 || parts[4] !== 'aws4_request') return { error: 'malformed credential scope' };
  const [accessKeyId, scopeDate, region, service] = parts as [string, string, string, string];
  if (!fields.amzDate.startsWith(scopeDate)) return { error: 'credential date does not match X-Amz-Date' };
  return { ...fields, accessKeyId, scopeDate, region, service };
}

/** The canonical request of SigV4 (non-S3 services: the path is encoded once more). */
export function canonicalRequest(req: SignedRequest, fields: SigV4Fields): string {
  const path = req.path
    .split('/')
    .map((segment) => uriEncode(decodeURIComponent(segment)))
    .join('/');
  const query = req.query
    .filter(([k]) => !(fields.presigned && k === 'X-Amz-Signature'))
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const headers = fields.signedHeaders
    .map((name) => `${name}:${(header(req, name) ?? '').trim().replace(/\s+/g, ' ')}\n`)
    .join('');
  return [req.method, path || '/', query, headers, fields.signedHeaders.join(';'), req.payloadHash].join(
    '\n',
  );
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** The signature a request should carry if signed with `secretAccessKey`. */
export function expectedSignature(req: SignedRequest, fields: SigV4Fields, secretAccessKey: string): string {
  const scope = `${fields.scopeDate}/${fields.region}/${fields.service}/aws4_request`;
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    fields.amzDate,
    scope,
    createHash('sha256').update(canonicalRequest(req, fields), 'utf8').digest('hex'),
  ].join('\n');
  let key = hmac(`AWS4${secretAccessKey}`, fields.scopeDate);
  key = hmac(key, fields.region);
  key = hmac(key, fields.service);
  key = hmac(key, 'aws4_request');
  return hmac(key, stringToSign).toString('hex');
}

/** Constant-time check of the request's signature against `secretAccessKey`. */
export function signatureMatches(req: SignedRequest, fields: SigV4Fields, secretAccessKey: string): boolean {
  const want = Buffer.from(expectedSignature(req, fields, secretAccessKey), 'utf8');
  const got = Buffer.from(fields.signature, 'utf8');
  return want.length === got.length && timingSafeEqual(want, got);
}

/** Parses `YYYYMMDDTHHMMSSZ` to ms since the epoch, or NaN. */
export function parseAmzDate(value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return Number.NaN;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  // Date.UTC rolls 2024-02-31 over to March; a real date must read back the same.
  const back = new Date(ms);
  return back.getUTCDate() === d && back.getUTCMonth() === mo - 1 && back.getUTCHours() === h
    ? ms
    : Number.NaN;
}
