/** Longest `Prefer: wait` the API honours, in seconds (docs/architecture.md §4). */
export const MAX_PREFER_WAIT_S = 60;

/**
 * Reads `wait=N` from a `Prefer` header (RFC 7240 §4.3): the seconds the client is willing to
 * wait, capped at {@link MAX_PREFER_WAIT_S}, or `undefined` when absent or malformed. Other
 * preferences in the header are ignored, as RFC 7240 asks.
 */
export function preferWaitSeconds(header: string | undefined): number | undefined {
  if (!header) return undefined;
  for (const part of header.split(',')) {
    const m = /^\s*wait\s*=\s*"?(\d{1,6})"?\s*(;.*)?$/i.exec(part);
    if (m) return Math.min(Number(m[1]), MAX_PREFER_WAIT_S);
  }
  return undefined;
}
