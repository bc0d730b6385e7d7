/** Which paths are served without an API key. Everything else needs one (default deny). */
export interface PublicPathOptions {
  /** Serve `/metrics` without a key (scrapers rarely carry one; it holds counts, no names). @defaultValue true */
  metrics?: boolean;
  /** Serve `/docs` and `/openapi.json` without a key. @defaultValue true */
  docs?: boolean;
}

const ALWAYS_PUBLIC = ['/livez', '/readyz', '/health'];

/**
 * The exact paths served without a key. Exact matches only: a prefix rule (`/docs*`) would
 * also open whatever is mounted under it later.
 */
export function publicPaths(options: PublicPathOptions = {}): ReadonlySet<string> {
  const paths = [...ALWAYS_PUBLIC];
  if (options.metrics ?? true) paths.push('/metrics');
  if (options.docs ?? true) paths.push('/docs', '/openapi.json');
  return new Set(paths);
}
