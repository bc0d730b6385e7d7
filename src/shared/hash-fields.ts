/**
 * Readers of the string fields of a Redis hash (a BullMQ job's `data`, `timestamp`,
 * `returnvalue`…), as HMGET answers them: absent or malformed reads as undefined, never throws.
 */

/** A field holding JSON. */
export function jsonField(raw: string | null | undefined): unknown {
  if (!raw) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/** A field holding a finite number. */
export function numberField(raw: string | null | undefined): number | undefined {
  const n = raw ? Number(raw) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
}
