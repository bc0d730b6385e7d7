import { type Kysely, sql } from 'kysely';
import type { HistoryJob, Tables } from './tables.js';

/** Reads of `history_jobs` beside the page query (`historyJobsPage`) that the history routes need. */

/**
 * The namespaces that have history in `cluster`, in order. A loose index scan of
 * `history_jobs_namespace_page` (cluster, namespace, …): one index probe per namespace, each
 * finding the next name after the last, so the cost grows with the namespaces, not the rows
 * (PostgreSQL 15 has no skip scan of its own; a plain DISTINCT would read every row).
 */
export async function historyNamespaces(db: Kysely<Tables>, cluster: string): Promise<string[]> {
  const { rows } = await sql<{ namespace: string | null }>`
    with recursive ns(namespace) as (
      (select namespace from history_jobs where cluster = ${cluster} order by namespace limit 1)
      union all
      select (select h.namespace from history_jobs h
              where h.cluster = ${cluster} and h.namespace > ns.namespace
              order by h.namespace limit 1)
      from ns where ns.namespace is not null
    )
    select namespace from ns where namespace is not null`.execute(db);
  return rows.map((r) => r.namespace!);
}

/** One Job's history row by its uid, or undefined. */
export async function historyJob(
  db: Kysely<Tables>,
  cluster: string,
  uid: string,
): Promise<HistoryJob | undefined> {
  return db
    .selectFrom('history_jobs')
    .selectAll()
    .where('cluster', '=', cluster)
    .where('uid', '=', uid)
    .executeTakeFirst();
}
