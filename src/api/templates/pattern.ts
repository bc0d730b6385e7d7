import { RE2JS, RE2JSException } from 're2js';

/** Longest `pattern` a parameter may declare. */
export const MAX_PATTERN_LENGTH = 256;

/**
 * Largest compiled program a `pattern` may have (RE2's own measure of cost): `^.{0,1000}$` is
 * about 2,000; a pattern past this is one nobody means for a parameter.
 */
export const MAX_PATTERN_PROGRAM = 5000;

/** A parameter's `pattern`, compiled. */
export interface CompiledPattern {
  source: string;
  /** Whether the pattern matches anywhere in `value` (as JSON Schema's `pattern`: anchor with ^…$). */
  test(value: string): boolean;
}

/**
 * Compiles a parameter's `pattern` with RE2 (the re2js port): matching takes time linear in the
 * value whatever the pattern, so a template author cannot make the API spend exponential time
 * on a crafted value (ReDoS). RE2 syntax is JavaScript's for everything a parameter needs —
 * classes, `\d`, `\w`, `\p{L}`, groups, alternation, bounded repeats — and refuses
 * backreferences and lookaround, the features whose matching cannot be linear.
 */
export function compilePattern(
  source: string,
): { ok: true; pattern: CompiledPattern } | { ok: false; message: string } {
  if (source.length > MAX_PATTERN_LENGTH) {
    return { ok: false, message: `must be at most ${MAX_PATTERN_LENGTH} characters` };
  }
  let re: RE2JS;
  try {
    re = RE2JS.compile(source);
  } catch (err) {
    if (!(err instanceof RE2JSException)) throw err;
    return {
      ok: false,
      message: `is not a valid pattern (${err.message}); patterns use RE2 syntax: no backreferences or lookaround`,
    };
  }
  if (re.programSize() > MAX_PATTERN_PROGRAM) {
    return { ok: false, message: `is too large once compiled (over ${MAX_PATTERN_PROGRAM} instructions)` };
  }
  return { ok: true, pattern: { source, test: (value) => re.test(value) } };
}
