import type { z } from '@hono/zod-openapi';
import { ApiException, type V1Job } from '@kubernetes/client-node';
import type { Context } from 'hono';
import type { ClusterApis } from '../../../shared/cluster/index.js';
import { type AppEnv, clusterOf, type RouteContext } from '../../context.js';
import type { ClusterClient } from '../../deps.js';
import { ApiError } from '../../errors.js';
import {
  type ClusterPage,
  filteredPage,
  hasFilters,
  jobSelector,
  listingFingerprint,
  MAX_PAGE_SIZE,
  matchesFilters,
} from '../../job-list.js';
import type { JobListQuery } from '../../job-read-schemas.js';
import { summarizeJob } from '../../job-status.js';
import { fromKubeError } from '../../kube-errors.js';
import type { AppRouteHandler } from '../router.js';
import type { listAllJobs, listJobs } from './jobs.routes.js';

type ListQuery = z.output<typeof JobListQuery>;
type KubeList = { items: V1Job[]; metadata?: { _continue?: string } };

/** Cluster pages of a filtered list: big enough that a selective filter needs few reads. */
const FILTERED_PAGE_SIZE = 100;

/** Reads one cluster page; an expired continue token is the caller's stale cursor. */
async function readPage(
  ctx: RouteContext,
  cluster: ClusterClient,
  key: string,
  list: (apis: ClusterApis) => Promise<KubeList>,
): Promise<ClusterPage> {
  try {
    const page = await ctx.reads.run(key, () => cluster.run(list));
    return { items: page.items, continue: page.metadata?._continue };
  } catch (err) {
    if (err instanceof ApiException && err.code === 410) {
      throw new ApiError('InvalidCursor', '`continue` has expired; start the list again without it');
    }
    throw fromKubeError(err, cluster.name);
  }
}

function answer(c: Context<AppEnv>, q: ListQuery, page: { items: V1Job[]; continue?: string }) {
  return c.json(
    {
      items: page.items.map((j) => (q.view === 'full' ? (j as Record<string, unknown>) : summarizeJob(j))),
      ...(page.continue ? { continue: page.continue } : {}),
    },
    200,
  );
}

const filtersOf = (q: ListQuery) => ({
  phases: q.phase,
  createdAfter: q.createdAfter,
  createdBefore: q.createdBefore,
});

/** The Job list handlers: one namespace, and every namespace the key may read. */
export function jobListHandlers(ctx: RouteContext) {
  const list: AppRouteHandler<typeof listJobs> = async (c) => {
    const { ns } = c.req.valid('param');
    const q = c.req.valid('query');
    const cluster = clusterOf(c, ctx.deps);
    await ctx.auth.authorize(c.var.principal, { action: 'job.read', cluster: cluster.name, namespace: ns });
    const selector = jobSelector(q);
    const filters = filtersOf(q);
    const page = await filteredPage({
      read: (limit, token) =>
        readPage(
          ctx,
          cluster,
          `jobs\n${cluster.name}\n${ns}\n${selector ?? ''}\n${limit}\n${token ?? ''}`,
          (apis) =>
            apis.batch.listNamespacedJob({
              namespace: ns,
              limit,
              ...(selector ? { labelSelector: selector } : {}),
              ...(token ? { _continue: token } : {}),
            }),
        ),
      keep: (job) => matchesFilters(job, filters),
      limit: q.limit,
      cursor: q.continue,
      fingerprint: listingFingerprint(cluster.name, ns, selector ?? ''),
      pageSize: hasFilters(filters)
        ? Math.min(Math.max(q.limit, FILTERED_PAGE_SIZE), MAX_PAGE_SIZE)
        : q.limit,
    });
    return answer(c, q, page);
  };

  const listAll: AppRouteHandler<typeof listAllJobs> = async (c) => {
    const q = c.req.valid('query');
    const cluster = clusterOf(c, ctx.deps);
    const principal = c.var.principal;
    const selector = jobSelector({ ...q, managedOnly: true }) as string;
    const filters = filtersOf(q);
    // One decision per namespace and request: a key's scopes do not change within one answer.
    const readable = new Map<string, Promise<boolean>>();
    const mayRead = (namespace: string) => {
      let decision = readable.get(namespace);
      if (!decision) {
        decision = (async () => {
          try {
            await ctx.auth.authorize(principal, { action: 'job.read', cluster: cluster.name, namespace });
            return true;
          } catch (err) {
            if (err instanceof ApiError && err.code === 'Forbidden') return false;
            throw err;
          }
        })();
        readable.set(namespace, decision);
      }
      return decision;
    };
    const page = await filteredPage({
      read: (limit, token) =>
        readPage(ctx, cluster, `alljobs\n${cluster.name}\n${selector}\n${limit}\n${token ?? ''}`, (apis) =>
          apis.batch.listJobForAllNamespaces({
            labelSelector: selector,
            limit,
            ...(token ? { _continue: token } : {}),
          }),
        ),
      keep: async (job) => matchesFilters(job, filters) && (await mayRead(job.metadata?.namespace ?? '')),
      limit: q.limit,
      cursor: q.continue,
      fingerprint: listingFingerprint(cluster.name, '*', selector),
      pageSize: Math.min(Math.max(q.limit, FILTERED_PAGE_SIZE), MAX_PAGE_SIZE),
    });
    return answer(c, q, page);
  };

  return { list, listAll };
}
