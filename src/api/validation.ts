import type { z } from 'zod';

/** One issue of a 422 `ValidationFailed`: where, and what is wrong. */
export interface ValidationIssue {
  path: string;
  message: string;
}

/** `items[3].job.image` from `['items', 3, 'job', 'image']`. */
export function pathString(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');
}

/**
 * Flattens zod issues to `{path, message}`. For a failed union (a Job body is a manifest or
 * the short form) it reports the branch that came closest, the one with the fewest issues.
 */
export function zodIssues(
  issues: ReadonlyArray<z.core.$ZodIssue>,
  base: ReadonlyArray<PropertyKey> = [],
): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const issue of issues) {
    const path = [...base, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const closest = issue.errors.reduce((a, b) => (b.length < a.length ? b : a));
      out.push(...zodIssues(closest, path));
    } else if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: pathString([...path, key]), message: 'unknown field' });
    } else {
      out.push({ path: pathString(path), message: issue.message });
    }
  }
  return out;
}
