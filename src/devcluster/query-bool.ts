/**
 * Boolean query parameters read the way the API server reads them
 * (`apimachinery/pkg/runtime/conversion.go` Convert_Slice_string_To_bool and
 * Convert_Slice_string_To_Pointer_bool): the first value counts; `false` in any case and `0` are
 * false; anything else is true — `True` (what the Python client sends), `1`, and an empty value.
 */

/** The parameter as a `*bool` field reads it: undefined when absent. */
export function queryOptionalBool(query: URLSearchParams, name: string): boolean | undefined {
  const value = query.get(name);
  if (value === null) return undefined;
  return !(value === '0' || value.toLowerCase() === 'false');
}

/** The parameter as a `bool` field reads it: false when absent. */
export function queryBool(query: URLSearchParams, name: string): boolean {
  return queryOptionalBool(query, name) ?? false;
}
