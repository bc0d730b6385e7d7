import { DOCS_ASSET_PATH } from '../routes/docs.js';
import { ADMIN_LOGIN_PATH, ADMIN_LOGOUT_PATH } from './admin-session.js';

/** Which paths are served without an API key. Everything else needs one (default deny). */
export interface PublicPathOptions {
  /** Serve `/metrics` without a key (scrapers rarely carry one; it holds counts, no names). @defaultValue true */
  metrics?: boolean;
  /** Serve `/docs` (and its script) and `/openapi.json` without a key. @defaultValue true */
  docs?: boolean;
}

// The admin login form and logout: how a browser gets (and drops) a dashboard session. They
// check the key and a CSRF token themselves.
const ALWAYS_PUBLIC = ['/livez', '/readyz', '/health', ADMIN_LOGIN_PATH, ADMIN_LOGOUT_PATH];

/**
 * The exact paths served without a key. Exact matches only: a prefix rule (`/docs*`) would
 * also open whatever is mounted under it later.
 */
export function publicPaths(options: PublicPathOptions = {}): ReadonlySet<string> {
  const paths = [...ALWAYS_PUBLIC];
  if (options.metrics ?? true) paths.push('/metrics');
  if (options.docs ?? true) paths.push('/docs', DOCS_ASSET_PATH, '/openapi.json');
  return new Set(paths);
}
