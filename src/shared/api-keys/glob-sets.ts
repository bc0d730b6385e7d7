/**
 * Relations between two glob patterns of the kind key scopes use (`*` any run of characters,
 * `?` one character, see `matchGlob`): whether one pattern matches every name another matches,
 * and whether two patterns match some name in common. Both compare the patterns themselves,
 * never a list of names, so they also hold for names nobody has created yet.
 */

const isWild = (ch: string) => ch === '*' || ch === '?';

/**
 * The pattern with each run of wildcards written one way: its `?`s first, then one `*` if the
 * run had any (`*?*` → `?*`). Runs that match the same strings are then written the same.
 */
function normalize(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; ) {
    if (!isWild(pattern[i]!)) {
      out += pattern[i++];
      continue;
    }
    let marks = 0;
    let star = false;
    while (i < pattern.length && isWild(pattern[i]!)) {
      if (pattern[i] === '*') star = true;
      else marks++;
      i++;
    }
    out += '?'.repeat(marks) + (star ? '*' : '');
  }
  return out;
}

/** Memoised search over positions (i in the first pattern, j in the second, of `width` characters). */
function search(
  width: number,
  step: (i: number, j: number, go: (i: number, j: number) => boolean) => boolean,
) {
  const memo = new Map<number, boolean>();
  const go = (i: number, j: number): boolean => {
    const key = i * (width + 1) + j;
    let known = memo.get(key);
    if (known === undefined) {
      known = step(i, j, go);
      memo.set(key, known);
    }
    return known;
  };
  return go(0, 0);
}

/**
 * True when every name `inner` matches is matched by `outer` (`team-*` covers `team-a-*` and
 * `team-a`; `team-a*` does not cover `team-*`). Decided on the patterns: `outer`'s `*` may stand
 * for any run of `inner`'s characters and wildcards, its `?` for one character or `?` of `inner`,
 * a literal only for itself. Never says yes wrongly; the patterns keys are written with
 * (wildcards in runs written `?…*`) are decided exactly.
 */
export function globCovers(outer: string, inner: string): boolean {
  const a = normalize(outer);
  const b = normalize(inner);
  return search(b.length, (i, j, go) => {
    if (i === a.length) return j === b.length;
    const p = a[i]!;
    if (p === '*') return go(i + 1, j) || (j < b.length && go(i, j + 1));
    if (j === b.length) return false;
    const q = b[j]!;
    if (p === '?') return q !== '*' && go(i + 1, j + 1);
    return p === q && go(i + 1, j + 1);
  });
}

/** True when some name matches both patterns (`team-*` and `*-prod` share `team-prod`). */
export function globsOverlap(first: string, second: string): boolean {
  const a = normalize(first);
  const b = normalize(second);
  return search(b.length, (i, j, go) => {
    if (i === a.length && j === b.length) return true;
    const p = a[i];
    const q = b[j];
    // A star may match nothing, or take one character the other pattern produces.
    if (p === '*' && go(i + 1, j)) return true;
    if (q === '*' && go(i, j + 1)) return true;
    if (p === '*' && q !== undefined) return go(i, j + 1);
    if (q === '*' && p !== undefined) return go(i + 1, j);
    if (p === undefined || q === undefined) return false;
    return (p === q || p === '?' || q === '?') && go(i + 1, j + 1);
  });
}
