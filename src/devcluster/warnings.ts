/**
 * The `Warning` response header as the API server writes it: each warning is
 * `299 - "<text>"` with `"` and `\` escaped (apimachinery `pkg/util/net/http.go` NewWarningHeader;
 * a text that is not valid UTF-8 or holds control characters is dropped), the same text is
 * written once, and past 4096 runes in all every warning is cut to 256 runes (apiserver
 * `pkg/endpoints/filters/warning.go` recorder). Several warnings are joined with `, ` into one
 * header, the list form RFC 7234 §5.5 gives the repeated header lines the real server sends.
 */

const TRUNCATE_AT_TOTAL_RUNES = 4 * 1024;
const TRUNCATE_ITEM_RUNES = 256;

interface Recorder {
  /** A Warning header set before the first recorded warning (written as is, first). */
  prefix: string[];
  ordered: string[];
  written: number;
  truncating: boolean;
  values: string[];
}

// One recorder per response, keyed by the response's header object.
const recorders = new WeakMap<Record<string, string>, Recorder>();

function runes(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function truncate(s: string): string {
  return [...s].slice(0, TRUNCATE_ITEM_RUNES).join('');
}

/**
 * NewWarningHeader(299, "-", text), or undefined when upstream refuses the text (control
 * characters). A lone surrogate becomes U+FFFD, as Go's JSON decoding would have made it. The
 * result is the header's bytes, one character per byte, ready for Node's header writer.
 */
export function warningHeaderValue(text: string): string | undefined {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f\u007f-\u009f]/.test(text)) return undefined;
  const wellFormed = text.replace(
    /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    '\ufffd',
  );
  const value = `299 - "${wellFormed.replace(/["\\]/g, (c) => `\\${c}`)}"`;
  // Go writes the UTF-8 bytes as they are; Node writes header strings as latin1, so hand it
  // one character per byte.
  return Buffer.from(value, 'utf8').toString('latin1');
}

/** `warning.AddWarning(ctx, "", text)`: adds `text` to the response headers `headers`. */
export function addWarning(headers: Record<string, string>, text: string): void {
  if (text.length === 0) return;
  let r = recorders.get(headers);
  if (!r) {
    r = {
      prefix: headers.Warning ? [headers.Warning] : [],
      ordered: [],
      written: 0,
      truncating: false,
      values: [],
    };
    recorders.set(headers, r);
  }
  if (r.written >= TRUNCATE_AT_TOTAL_RUNES && r.truncating) return;
  if (r.ordered.includes(text)) return;
  r.ordered.push(text);
  let t = text;
  let length = runes(t);
  if (r.truncating && length > TRUNCATE_ITEM_RUNES) {
    t = truncate(t);
    length = TRUNCATE_ITEM_RUNES;
  }
  const value = warningHeaderValue(t);
  if (value === undefined) return;
  if (r.written + length <= TRUNCATE_AT_TOTAL_RUNES || r.truncating) {
    r.written += length;
    r.values.push(value);
  } else {
    // Over the limit: start truncating and replay every warning so far, cut short.
    r.truncating = true;
    r.written = 0;
    r.values = [];
    for (const w of r.ordered) {
      const cut = runes(w) > TRUNCATE_ITEM_RUNES ? truncate(w) : w;
      const v = warningHeaderValue(cut);
      if (v === undefined) continue;
      r.written += runes(cut);
      r.values.push(v);
    }
  }
  headers.Warning = [...r.prefix, ...r.values].join(', ');
}
