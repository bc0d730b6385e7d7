/**
 * Equality as the API server sees two objects once they are decoded into Go types
 * (`apiequality.Semantic.DeepEqual`, k8s.io/apimachinery/pkg/api/equality, over
 * third_party/forked/golang/reflect/deep_equal.go): key order does not matter, a `null` field is
 * the same as an absent one (both decode to Go's zero value), and an empty list or map is the
 * same as none ("empty and nil slices/maps are treated as equal").
 */

import { isObject } from './request-body.js';

/** True for what decodes to a nil pointer, slice or map: absent, `null`, `[]`, `{}` (recursively). */
function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (isObject(v)) {
    for (const k in v) if (!isEmpty(v[k])) return false;
    return true;
  }
  return false;
}

/**
 * Semantic equality of two JSON values. Simplified: an empty object counts as absent even where
 * Go has a pointer to an empty struct (`securityContext: {}`), and zero scalars (`false`, `0`,
 * `""`) are compared as written, not as Go's zero values; resource quantities compare as text.
 */
export function semanticEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isEmpty(a) || isEmpty(b)) return isEmpty(a) && isEmpty(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => semanticEqual(x, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    for (const k in a) if (!semanticEqual(a[k], b[k])) return false;
    for (const k in b) if (!(k in a) && !isEmpty(b[k])) return false;
    return true;
  }
  return false;
}
