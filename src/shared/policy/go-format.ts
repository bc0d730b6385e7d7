/**
 * String helpers that reproduce the formatting the upstream Go code of
 * `k8s.io/pod-security-admission` uses in its forbidden reasons and details,
 * so that messages match byte for byte.
 *
 * Upstream: `policy/helpers.go` (`joinQuote`, `pluralize`), the Go standard
 * library (`strconv.Quote` behind `%q`, `sort.Strings` behind `sets.String.List()`).
 */

/** `pluralize` of `policy/helpers.go`: the singular form only for a count of exactly 1. */
export function pluralize(singular: string, plural: string, count: number): string {
  return count === 1 ? singular : plural;
}

/** `joinQuote` of `policy/helpers.go`: `"a", "b"`, or the empty string for no items. */
export function joinQuote(items: readonly string[]): string {
  if (items.length === 0) return '';
  return `"${items.join('", "')}"`;
}

/**
 * Orders strings as Go's `sort.Strings` does: by UTF-8 bytes, which is the
 * order of Unicode code points (JavaScript's default sort compares UTF-16 code
 * units, which differs for characters outside the Basic Multilingual Plane).
 */
export function compareGo(a: string, b: string): number {
  const ca = Array.from(a);
  const cb = Array.from(b);
  const n = Math.min(ca.length, cb.length);
  for (let i = 0; i < n; i++) {
    const x = ca[i]!.codePointAt(0)!;
    const y = cb[i]!.codePointAt(0)!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return ca.length === cb.length ? 0 : ca.length < cb.length ? -1 : 1;
}

/** `sets.NewString(items...).List()`: deduplicated and sorted as Go sorts. */
export function sortedSet(items: Iterable<string>): string[] {
  return [...new Set(items)].sort(compareGo);
}

function isGoPrintable(cp: number): boolean {
  // Approximation of Go's strconv.IsPrint for the characters a client is
  // likely to send: C0/C1 controls, DEL, soft hyphen, zero-width and bidi
  // format characters, line/paragraph separators, BOM, surrogates and
  // non-characters are not printable; everything else is.
  if (cp < 0x20 || cp === 0x7f) return false;
  if (cp >= 0x80 && cp <= 0x9f) return false;
  if (cp === 0xad) return false;
  if (cp >= 0x200b && cp <= 0x200f) return false;
  if (cp >= 0x2028 && cp <= 0x202e) return false;
  if (cp >= 0x2060 && cp <= 0x206f) return false;
  if (cp >= 0xd800 && cp <= 0xdfff) return false;
  if (cp === 0xfeff || (cp >= 0xfff9 && cp <= 0xfffb) || cp === 0xfffe || cp === 0xffff) return false;
  if (cp >= 0xe000 && cp <= 0xf8ff) return false;
  return true;
}

const SIMPLE_ESCAPES: Record<number, string> = {
  7: '\\a',
  8: '\\b',
  12: '\\f',
  10: '\\n',
  13: '\\r',
  9: '\\t',
  11: '\\v',
  34: '\\"',
  92: '\\\\',
};

/**
 * Go's `%q` for a string (`strconv.Quote`): double-quoted, with `"` and `\`
 * escaped and non-printable characters written as `\a`…`\v`, `\xNN`,
 * `\uNNNN` or `\UNNNNNNNN`. Printability is approximated (see above).
 */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    const simple = SIMPLE_ESCAPES[cp];
    if (simple !== undefined) out += simple;
    else if (isGoPrintable(cp)) out += ch;
    else if (cp < 0x80) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    // A lone surrogate cannot survive Go's JSON decoding: it becomes U+FFFD.
    else if (cp >= 0xd800 && cp <= 0xdfff) out += '\uFFFD';
    else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}
