import type { V1Job } from '@kubernetes/client-node';
import type { ClusterApis } from '../shared/cluster/index.js';
import { buildCommand, executeCommand, type KubeAnswer } from '../shared/commands/index.js';
import type { EnqueueCommand } from '../shared/operations/index.js';
import type { RouteContext } from './context.js';
import type { ClusterClient } from './deps.js';
import { ApiError } from './errors.js';
import { fromKubeError } from './kube-errors.js';

/** Runs a live read against the cluster, mapping its errors into the envelope. */
export async function kubeRead<T>(cluster: ClusterClient, fn: (apis: ClusterApis) => Promise<T>): Promise<T> {
  try {
    return await cluster.run(fn);
  } catch (err) {
    throw fromKubeError(err, cluster.name);
  }
}

/** Reads one Job, sharing the upstream call with identical concurrent reads. */
export function readJob(
  ctx: RouteContext,
  cluster: ClusterClient,
  namespace: string,
  name: string,
): Promise<V1Job> {
  return ctx.reads.run(`job\n${cluster.name}\n${namespace}\n${name}`, () =>
    kubeRead<V1Job>(cluster, (apis) => apis.batch.readNamespacedJob({ name, namespace })),
  );
}

/**
 * `?dryRun=true`: the command built exactly as it would be enqueued (labels and all) and run
 * through the same execute path as the worker's, as a server-side dry run. Nothing is enqueued.
 */
export async function dryRun(
  cluster: ClusterClient,
  command: EnqueueCommand,
  operationId: string,
): Promise<KubeAnswer> {
  const built = buildCommand(command.command, command.payload, operationId);
  if (!built.ok) throw new ApiError('ValidationFailed', built.message, { issues: built.issues ?? [] });
  return kubeRead(cluster, (apis) => executeCommand(apis, built.value, { dryRun: true }));
}
