import type { V1Pod } from '@kubernetes/client-node';
import type { TypedResponse } from 'hono';
import { clusterOf, type RouteContext } from '../../context.js';
import { ApiError } from '../../errors.js';
import { openPodLog, pickLogPod } from '../../job-logs.js';
import { kubeRead, readJob } from '../../kube-reads.js';
import type { AppRouteHandler } from '../router.js';
import type { getJobLogs } from './jobs.routes.js';

/**
 * Logs one replica streams at once. Each holds a connection to the cluster and a few chunks of
 * buffer for as long as it runs (a follow: until the container ends), so they are bounded.
 */
export const MAX_LOG_STREAMS = 512;

/** `GET …/jobs/{name}/logs`: picks the Job's pod and streams its log to the client. */
export function jobLogsHandler(ctx: RouteContext): AppRouteHandler<typeof getJobLogs> {
  let streaming = 0;
  return async (c) => {
    const { ns, name } = c.req.valid('param');
    const q = c.req.valid('query');
    const cluster = clusterOf(c, ctx.deps);
    await ctx.auth.authorize(c.var.principal, { action: 'job.read', cluster: cluster.name, namespace: ns });
    if (q.index !== undefined) {
      const job = await readJob(ctx, cluster, ns, name);
      if (job.spec?.completionMode !== 'Indexed') {
        throw new ApiError(
          'ValidationFailed',
          `Job "${name}" is not Indexed: index applies to Indexed Jobs`,
          {
            issues: [
              { path: 'index', message: `completionMode is ${job.spec?.completionMode ?? 'NonIndexed'}` },
            ],
          },
        );
      }
      const completions = job.spec.completions ?? 1;
      if (q.index >= completions) {
        throw new ApiError(
          'ValidationFailed',
          `Job "${name}" has completion indexes 0 to ${completions - 1}`,
          {
            issues: [{ path: 'index', message: `must be less than completions (${completions})` }],
          },
        );
      }
    }
    const pods = await ctx.reads.run(`pods\n${cluster.name}\n${ns}\n${name}`, () =>
      kubeRead<{ items: V1Pod[] }>(cluster, (apis) =>
        apis.core.listNamespacedPod({ namespace: ns, labelSelector: `job-name=${name}` }),
      ),
    );
    const pod = pickLogPod(pods.items, {
      ...(q.pod !== undefined ? { pod: q.pod } : {}),
      ...(q.index !== undefined ? { index: q.index } : {}),
    });
    const podName = pod?.metadata?.name;
    if (!podName) {
      if (q.pod) throw new ApiError('PodNotFound', `pod "${q.pod}" is not a pod of Job "${name}"`);
      if (q.index !== undefined) {
        throw new ApiError('PodNotFound', `Job "${name}" has no pod of completion index ${q.index} yet`);
      }
      await readJob(ctx, cluster, ns, name); // 404 JobNotFound when the Job itself is gone
      throw new ApiError('PodNotFound', `Job "${name}" has no pods yet`);
    }
    if (streaming >= MAX_LOG_STREAMS) {
      throw new ApiError(
        'ServerBusy',
        `this replica is streaming ${MAX_LOG_STREAMS} logs, its most; try again shortly`,
        undefined,
        { 'Retry-After': '1' },
      );
    }
    streaming++;
    const log = await openPodLog(cluster, ns, podName, q, () => {
      streaming--;
    });
    // Streamed text: the route documents text/plain, which hono types only for a string body.
    return c.body(log, 200, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Pod-Name': podName,
      // Proxies that buffer answers (nginx) would hold a followed log back.
      'X-Accel-Buffering': 'no',
    }) as unknown as TypedResponse<string, 200, 'text'>;
  };
}
