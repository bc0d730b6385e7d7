import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { API_KEY_PREFIX } from '../redact.js';

/** Random bytes in every key: 256 bits, far beyond guessing or offline search of the SHA-256. */
export const API_KEY_SECRET_BYTES = 32;

/** `ekj_` followed by the base64url secret (43 characters for 32 bytes). */
const API_KEY_SHAPE = new RegExp(`^${API_KEY_PREFIX}[A-Za-z0-9_-]{43,128}$`);

/** A SHA-256 digest as stored in API_KEYS_FILE: 64 lower-case hex characters. */
export const API_KEY_HASH_SHAPE = /^[0-9a-f]{64}$/;

/**
 * Generates a new API key: the `ekj_` prefix (so a leaked key is recognisable and scrubbed from
 * logs) and {@link API_KEY_SECRET_BYTES} random bytes in base64url. Returns the key, shown once,
 * and the hash that is stored.
 */
export function generateApiKey(): { key: string; hash: string } {
  const key = `${API_KEY_PREFIX}${randomBytes(API_KEY_SECRET_BYTES).toString('base64url')}`;
  return { key, hash: hashApiKey(key) };
}

/**
 * SHA-256 of a key, hex. A fast hash is right here (unlike for passwords): keys carry 256 random
 * bits, so there is nothing for a slow hash to protect, and it runs on every request.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** True when `text` has the shape of an eks-jobs API key (not whether it is a known one). */
export function looksLikeApiKey(text: string): boolean {
  return API_KEY_SHAPE.test(text);
}

/** Compares two hex digests in constant time. */
export function hashesEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The token of an `Authorization: Bearer <token>` header, or undefined when the header is
 * missing or uses another scheme. The scheme is case-insensitive (RFC 9110 §11.1).
 */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i.exec(header);
  return m?.[1];
}
