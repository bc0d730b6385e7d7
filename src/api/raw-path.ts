import type { MiddlewareHandler } from 'hono';
import { ApiError } from './errors.js';

// A dot segment as the WHATWG URL parser sees it: ".", "..", and their %2e spellings.
const DOT_SEGMENT = /(^|\/)(\.|%2e){1,2}(\/|$)/i;

/**
 * Whether a raw request target (as sent on the wire) would be rewritten by URL parsing: dot
 * segments are resolved and, for http URLs, backslashes become slashes. Hono routes on the parsed
 * URL, so `DELETE /v1/namespaces/a/jobs/..\..\x` would reach `DELETE /v1/namespaces/x`.
 */
export function isRewrittenPath(rawTarget: string): boolean {
  const path = rawTarget.split('?', 1)[0] ?? '';
  return path.includes('\\') || DOT_SEGMENT.test(path);
}

/**
 * Refuses requests whose path the URL parser would rewrite, so a hostile or mistaken name in a
 * path can never turn one route into another (a job delete into a namespace delete). Reads the
 * raw target @hono/node-server keeps in `c.env.incoming`; requests without it (in-process
 * `app.request`) were parsed by their caller already.
 */
export function rejectRewrittenPaths(): MiddlewareHandler {
  return async (c, next) => {
    const raw = (c.env as { incoming?: { url?: string } } | undefined)?.incoming?.url;
    if (raw !== undefined && isRewrittenPath(raw)) {
      throw new ApiError(
        'BadRequest',
        'the request path contains "." or ".." segments or backslashes; send the exact path',
      );
    }
    await next();
  };
}
