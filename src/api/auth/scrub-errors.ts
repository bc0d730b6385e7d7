import type { MiddlewareHandler } from 'hono';
import { scrubString } from '../../shared/redact.js';

const MAX_SCRUBBED_BYTES = 64 * 1024;

/**
 * Scrubs key- and token-shaped text out of error answers. Error messages echo what the caller
 * sent (a path in `RouteNotFound`, a field in a validation issue); an API key pasted there is not
 * sent back in clear, nor into a proxy's or browser's cache of the answer. Only JSON answers of
 * 400 and more are read, and only small ones; success bodies are the service's own data.
 */
export function scrubErrorBodies(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    if (res.status < 400 || !res.headers.get('content-type')?.includes('json')) return;
    const length = Number(res.headers.get('content-length') ?? 0);
    if (length > MAX_SCRUBBED_BYTES) return;
    const text = await res.clone().text();
    const scrubbed = scrubString(text);
    if (scrubbed === text) return;
    const headers = new Headers(res.headers);
    headers.delete('content-length');
    c.res = new Response(scrubbed, { status: res.status, headers });
  };
}
