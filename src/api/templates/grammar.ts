/**
 * The placeholder grammar of job templates (docs/templates.md).
 *
 * Placeholders live only inside JSON **string values** of a template's `job`; keys are literal and
 * rendering walks the parsed structure, so a parameter value is always one JSON value in one place
 * and can never add a key, an element or any other structure.
 *
 * ```
 * string      := ( escape | placeholder | text )*
 * escape      := "{{{{"                          → a literal "{{"
 * placeholder := "{{" " "* name " "* ( "|" " "* "string" " "* )? "}}"
 * name        := [A-Za-z_][A-Za-z0-9_]*          (a declared parameter)
 * text        := anything else; "}}" on its own is text
 * ```
 *
 * - A `{{` that is not an escape opens a placeholder, which ends at the first `}}` after it; one
 *   without a `}}`, or whose inside is not `name` or `name | string`, is a definition error.
 * - A string that is exactly one `{{ name }}` (nothing around it) becomes the parameter's typed
 *   value: `"parallelism": "{{ n }}"` renders the integer. `{{ name | string }}` there, or any
 *   placeholder inside a longer string, is replaced by the value's string form.
 * - Values are inserted once, verbatim, and never scanned again.
 */

/** A piece of a template string: literal text, or a placeholder. */
export type Segment = string | Placeholder;

/** One `{{ name }}` (or `{{ name | string }}`) of a template string. */
export interface Placeholder {
  /** The parameter it names. */
  name: string;
  /** `| string`: the value's string form even where the placeholder is the whole string. */
  asString: boolean;
  /** As written, for messages. */
  source: string;
}

/** A template string cut into segments, or why it cannot be. */
export type ParsedString = { ok: true; segments: Segment[] } | { ok: false; message: string };

const OPEN = '{{';
const CLOSE = '}}';
const ESCAPE = '{{{{';
const INSIDE = /^ *([A-Za-z_][A-Za-z0-9_]*) *(?:\| *(string) *)?$/;

/** Anything that reads as a placeholder, wherever it is in a string. */
const ANY_PLACEHOLDER = /\{\{ *[A-Za-z_][A-Za-z0-9_]* *(?:\| *string *)?\}\}/;

/** Whether `s` holds anything to parse (a fast path: almost every string of a manifest does not). */
export function hasBraces(s: string): boolean {
  return s.includes(OPEN);
}

/**
 * The first thing in `value` that the grammar would read as a placeholder (`{{ secret }}`), or
 * undefined. Parameter values are never expanded; one holding a placeholder is refused all the
 * same, so that it cannot pass for one in the Job or in anything that reads the Job.
 */
export function placeholderIn(value: string): string | undefined {
  return hasBraces(value) ? ANY_PLACEHOLDER.exec(value)?.[0] : undefined;
}

/** Cuts a template string into literal text and placeholders, by the grammar above. */
export function parseTemplateString(s: string): ParsedString {
  if (!hasBraces(s)) return { ok: true, segments: [s] };
  const segments: Segment[] = [];
  let text = '';
  let at = 0;
  while (at < s.length) {
    const open = s.indexOf(OPEN, at);
    if (open < 0) {
      text += s.slice(at);
      break;
    }
    text += s.slice(at, open);
    if (s.startsWith(ESCAPE, open)) {
      text += OPEN;
      at = open + ESCAPE.length;
      continue;
    }
    const close = s.indexOf(CLOSE, open + OPEN.length);
    if (close < 0) {
      return {
        ok: false,
        message: `"${excerpt(s.slice(open))}" opens a placeholder that is never closed with "}}" (write "{{{{" for a literal "{{")`,
      };
    }
    const source = s.slice(open, close + CLOSE.length);
    const inside = INSIDE.exec(s.slice(open + OPEN.length, close));
    if (!inside) {
      return {
        ok: false,
        message: `"${excerpt(source)}" is not a placeholder: write "{{ name }}" or "{{ name | string }}" with a parameter name, or "{{{{" for a literal "{{"`,
      };
    }
    if (text) segments.push(text);
    text = '';
    segments.push({ name: inside[1]!, asString: inside[2] !== undefined, source });
    at = close + CLOSE.length;
  }
  if (text) segments.push(text);
  return { ok: true, segments };
}

/** At most 40 characters of `s`, for messages. */
export function excerpt(s: string, max = 40): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}
