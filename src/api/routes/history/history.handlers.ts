import type { Kysely } from 'kysely';
import { isDatabaseUnavailable } from '../../../shared/db/errors.js';
import { historyJob, historyNamespaces } from '../../../shared/db/history-reads.js';
import { historyJobsPage, type Tables } from '../../../shared/db/index.js';
import { clusterOf, type RouteContext } from '../../context.js';
import type { Principal } from '../../deps.js';
import { ApiError } from '../../errors.js';
import {
  decodeHistoryCursor,
  encodeHistoryCursor,
  filtersFingerprint,
  historyJobView,
  scansWholeCluster,
} from '../../history-view.js';
import type { AppRouteHandler } from '../router.js';
import type { getHistoryJob, listHistoryJobs } from './history.routes.js';

/** `k=v` pairs as a map; the same key asked with two values matches nothing, so it is refused. */
function labelFilter(pairs: readonly string[] | undefined): Record<string, string> | undefined {
  if (!pairs) return undefined;
  const labels: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    const [key, value] = [pair.slice(0, at), pair.slice(at + 1)];
    if (key in labels && labels[key] !== value) {
      throw new ApiError('ValidationFailed', 'the request query is not valid', {
        issues: [{ path: 'label', message: `label ${key} is asked with two values` }],
      });
    }
    labels[key] = value;
  }
  return labels;
}

/** The history routes' handlers (docs/history.md). */
export function historyHandlers(ctx: RouteContext) {
  function database(): Kysely<Tables> {
    const db = ctx.deps.database?.db;
    if (!db) {
      throw new ApiError(
        'HistoryDisabled',
        'job history is not enabled on this server (it has no DATABASE_URL)',
      );
    }
    return db;
  }

  /** Runs a query; PostgreSQL that does not answer is a 503 with Retry-After, not a 500. */
  async function onDatabase<T>(query: () => Promise<T>): Promise<T> {
    try {
      return await query();
    } catch (err) {
      if (!isDatabaseUnavailable(err)) throw err;
      throw new ApiError(
        'DatabaseUnavailable',
        'the history database does not answer; try again shortly',
        undefined,
        { 'Retry-After': '5' },
        { cause: err },
      );
    }
  }

  async function mayRead(principal: Principal, cluster: string, namespace: string): Promise<boolean> {
    try {
      await ctx.auth.authorize(principal, { action: 'job.read', cluster, namespace });
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'Forbidden') return false;
      throw err;
    }
  }

  /**
   * The namespaces a listing reads: those asked for, each of which the key must be allowed to
   * read (403 otherwise, as a path naming it would be); else every namespace with history that
   * the key may read, decided through the auth seam one namespace at a time. `all`: nothing was
   * asked and the key may read every namespace that has history.
   */
  async function namespacesToRead(
    db: Kysely<Tables>,
    principal: Principal,
    cluster: string,
    asked: readonly string[] | undefined,
  ): Promise<{ namespaces: string[]; all: boolean }> {
    if (asked) {
      const unique = [...new Set(asked)];
      for (const namespace of unique) {
        await ctx.auth.authorize(principal, { action: 'job.read', cluster, namespace });
      }
      return { namespaces: unique, all: false };
    }
    const every = await onDatabase(() => historyNamespaces(db, cluster));
    const readable = await Promise.all(every.map((namespace) => mayRead(principal, cluster, namespace)));
    const namespaces = every.filter((_, i) => readable[i]);
    return { namespaces, all: namespaces.length === every.length };
  }

  const list: AppRouteHandler<typeof listHistoryJobs> = async (c) => {
    const db = database();
    const q = c.req.valid('query');
    const cluster = clusterOf(c, ctx.deps).name;
    const labels = labelFilter(q.label);
    const fingerprint = filtersFingerprint({
      cluster,
      namespaces: q.namespace,
      phase: q.phase,
      labels,
      submittedBy: q.submittedBy,
      since: q.since,
      until: q.until,
    });
    const after = q.cursor ? decodeHistoryCursor(q.cursor, fingerprint) : undefined;
    const { namespaces, all } = await namespacesToRead(db, c.var.principal, cluster, q.namespace);
    const whole = scansWholeCluster({ everyNamespace: all, submittedBy: q.submittedBy });
    const page = await onDatabase(() =>
      historyJobsPage(db, {
        cluster,
        ...(whole ? {} : { namespaces }),
        limit: q.limit,
        ...(q.phase ? { phase: q.phase } : {}),
        ...(q.submittedBy ? { submittedBy: q.submittedBy } : {}),
        ...(labels ? { labels } : {}),
        ...(q.since ? { from: q.since } : {}),
        ...(q.until ? { to: q.until } : {}),
        ...(after ? { after } : {}),
      }),
    );
    // A namespace whose first row arrived after the lookup above has not been decided: left out
    // of this page (the cursor still moves past it), shown from the next request on if readable.
    const readable = new Set(namespaces);
    const rows = whole ? page.rows.filter((r) => readable.has(r.namespace)) : page.rows;
    return c.json(
      {
        items: rows.map(historyJobView),
        ...(page.next ? { nextCursor: encodeHistoryCursor(page.next, fingerprint) } : {}),
      },
      200,
    );
  };

  const get: AppRouteHandler<typeof getHistoryJob> = async (c) => {
    const db = database();
    const { uid } = c.req.valid('param');
    const cluster = clusterOf(c, ctx.deps).name;
    const row = await onDatabase(() => historyJob(db, cluster, uid.toLowerCase()));
    // Another namespace's Job is answered as an unknown one: the key learns nothing of it.
    if (!row || !(await mayRead(c.var.principal, cluster, row.namespace))) {
      throw new ApiError('HistoryJobNotFound', `no history of a Job with uid ${uid} in cluster ${cluster}`);
    }
    return c.json(historyJobView(row), 200);
  };

  return { list, get };
}
