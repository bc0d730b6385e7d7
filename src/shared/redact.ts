/**
 * Secret scrubbing shared by the logger and the error renderer. Keys that name a secret are
 * replaced wholesale; strings are scrubbed of bearer tokens, EKS tokens, eks-jobs API keys and
 * SigV4 signatures wherever they appear (a URL in an error message, a header echoed in a cause).
 */

/** Prefix of every eks-jobs API key, so a leaked key is recognisable (and scrubbable). */
export const API_KEY_PREFIX = 'ekj_';

export const REDACTED = '[REDACTED]';

const SECRET_KEY =
  /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api[-_]?key|apikey|token|bearer|bearertoken|access[-_]?token|id[-_]?token|refresh[-_]?token|password|passwd|secret|client[-_]?secret|secret[-_]?access[-_]?key|aws[-_]?secret[-_]?access[-_]?key|session[-_]?token|aws[-_]?session[-_]?token|x-amz-security-token|x-amz-signature|credentials|privatekey|private[-_]?key|tokendata)$/i;

const SECRET_PATTERNS: Array<[RegExp, string]> = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  [/k8s-aws-v1\.[A-Za-z0-9_-]+/g, `k8s-aws-v1.${REDACTED}`],
  [new RegExp(`${API_KEY_PREFIX}[A-Za-z0-9_-]{8,}`, 'g'), `${API_KEY_PREFIX}${REDACTED}`],
  [/(X-Amz-(?:Signature|Security-Token|Credential)=)[^&\s"']+/gi, `$1${REDACTED}`],
  [/((?:aws_)?secret_?access_?key["'\s:=]+)[A-Za-z0-9/+=]{20,}/gi, `$1${REDACTED}`],
];

// One cheap test that every pattern above needs to pass first; most strings never match it.
const MAYBE_SECRET = new RegExp(
  `bearer|basic|k8s-aws-v1\\.|${API_KEY_PREFIX}|x-amz-|secret_?access_?key`,
  'i',
);

/** Scrubs secrets out of one string. */
export function scrubString(text: string): string {
  if (!MAYBE_SECRET.test(text)) return text;
  let out = text;
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** True when an object key names a secret (`authorization`, `secretAccessKey`, `sessionToken`, …). */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/**
 * Whether `value` holds anything {@link redactDeep} would change. Log objects are mostly clean
 * (ids, counts, paths), and checking is far cheaper than copying.
 */
function needsRedaction(value: unknown, depth: number): boolean {
  if (typeof value === 'string') return MAYBE_SECRET.test(value);
  if (value === null || typeof value !== 'object') return false;
  if (depth > 12 || value instanceof Error || Buffer.isBuffer(value)) return true;
  if (Array.isArray(value)) return value.some((v) => needsRedaction(v, depth + 1));
  for (const key in value) {
    if (isSecretKey(key) || needsRedaction((value as Record<string, unknown>)[key], depth + 1)) return true;
  }
  return false;
}

/**
 * Returns `value` with secret-named keys replaced and secret-looking strings scrubbed, at any
 * depth: the value itself when there is nothing to scrub, else a copy. Cycles and very deep
 * values are cut rather than followed.
 */
export function redactDeep(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (depth === 0 && !needsRedaction(value, 0)) return value;
  if (typeof value === 'string') return scrubString(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 12 || seen.has(value)) return '[…]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1, seen));
  if (Buffer.isBuffer(value)) return `[${value.length} bytes]`;
  const out: Record<string, unknown> = {};
  const source = value instanceof Error ? errorFields(value) : (value as Record<string, unknown>);
  for (const [k, v] of Object.entries(source)) {
    out[k] =
      isSecretKey(k) && v !== undefined && v !== null && v !== '' ? REDACTED : redactDeep(v, depth + 1, seen);
  }
  return out;
}

function errorFields(err: Error): Record<string, unknown> {
  return { ...err, type: err.name, message: err.message, stack: err.stack };
}
