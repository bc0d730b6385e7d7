import type { V1Job, V1Namespace, V1Status } from '@kubernetes/client-node';
import type { ClusterApis, ClusterClient } from '../shared/cluster/index.js';
import {
  commandTarget,
  managementLabels,
  operationIdOf,
  type ParsedCommand,
  withManagementLabels,
} from '../shared/commands/index.js';
import type { OperationError, OperationResult } from '../shared/operations/index.js';
import { type Classification, classifyError } from './classify-error.js';

/**
 * A Kubernetes call that did not reach its goal, already classified. The worker turns it into
 * a retry, a rate-limit pause or an unrecoverable failure.
 */
export class CommandFailure extends Error {
  override name = 'CommandFailure';
  constructor(
    readonly classification: Exclude<Classification, { kind: 'succeeded' } | { kind: 'check-ownership' }>,
    options?: { cause?: unknown },
  ) {
    super(`${classification.error.code}: ${classification.error.message}`, options);
  }
}

type Meta = { uid?: string | undefined; resourceVersion?: string | undefined } | undefined;

function resultOf(
  meta: Meta,
  name: string,
  namespace: string | undefined,
  extra: Partial<OperationResult> = {},
) {
  const result: OperationResult = { name, ...(namespace ? { namespace } : {}), ...extra };
  if (meta?.uid) result.uid = meta.uid;
  if (meta?.resourceVersion) result.resourceVersion = meta.resourceVersion;
  return result;
}

function statusResult(
  status: V1Status | V1Job | V1Namespace,
  name: string,
  namespace?: string,
): OperationResult {
  // Deletes answer with the object (when it lingers for finalizers) or a Status; client-node types both as V1Status.
  const s = status as V1Status & { metadata?: { uid?: string; resourceVersion?: string } };
  return resultOf(
    { uid: s.metadata?.uid ?? s.details?.uid, resourceVersion: s.metadata?.resourceVersion },
    name,
    namespace,
  );
}

/** The object a create met (409), read back to see whose it is. */
async function readExisting(apis: ClusterApis, cmd: ParsedCommand): Promise<V1Job | V1Namespace> {
  switch (cmd.command) {
    case 'job.create':
      return apis.batch.readNamespacedJob({
        namespace: cmd.payload.namespace,
        name: cmd.payload.manifest.metadata.name,
      });
    case 'namespace.create':
      return apis.core.readNamespace({ name: cmd.payload.name });
    default:
      throw new Error(`${cmd.command} does not create objects`);
  }
}

async function call(apis: ClusterApis, cmd: ParsedCommand, operationId: string): Promise<OperationResult> {
  switch (cmd.command) {
    case 'job.create': {
      const { namespace, manifest } = cmd.payload;
      // The producer labelled it already; labelling again is free and keeps older payloads safe.
      const body = withManagementLabels(manifest, operationId) as unknown as V1Job;
      const job = await apis.batch.createNamespacedJob({ namespace, body });
      return resultOf(job.metadata, manifest.metadata.name, namespace);
    }
    case 'job.delete': {
      const { namespace, name, propagationPolicy } = cmd.payload;
      // In the DeleteOptions body: a Job deleted without it orphans its pods.
      const status = await apis.batch.deleteNamespacedJob({ namespace, name, body: { propagationPolicy } });
      return statusResult(status, name, namespace);
    }
    case 'namespace.create': {
      const { name, labels, annotations } = cmd.payload;
      const ns = await apis.core.createNamespace({
        body: {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: {
            name,
            labels: { ...labels, ...managementLabels(operationId) },
            ...(annotations ? { annotations } : {}),
          },
        },
      });
      return resultOf(ns.metadata, name, undefined);
    }
    case 'namespace.delete': {
      const { name } = cmd.payload;
      const status = await apis.core.deleteNamespace({ name, body: { propagationPolicy: 'Background' } });
      return statusResult(status, name);
    }
  }
}

function alreadyExists(cmd: ParsedCommand, owner: string | undefined): CommandFailure {
  const { name, namespace } = commandTarget(cmd);
  const what = `${cmd.command === 'job.create' ? `job ${namespace}/` : 'namespace '}${name}`;
  const error: OperationError = {
    code: 'AlreadyExists',
    message: `${what} already exists and was not created by this operation${owner ? ` (created by ${owner})` : ''}`,
    retryable: false,
    httpStatus: 409,
  };
  return new CommandFailure({ kind: 'fail', error });
}

/**
 * Executes one command against the cluster and returns what it did. Every outcome of the
 * DESIGN §5 table other than success is thrown as a {@link CommandFailure}; a 409 on create
 * is resolved here by reading the object back: our operation label → replay success.
 */
export async function executeCommand(
  cluster: ClusterClient,
  cmd: ParsedCommand,
  operationId: string,
): Promise<OperationResult> {
  let classification: Classification;
  try {
    return await cluster.run((apis) => call(apis, cmd, operationId));
  } catch (err) {
    classification = classifyError(cmd.command, err);
    if (classification.kind === 'succeeded') {
      const { name, namespace } = commandTarget(cmd);
      return resultOf(undefined, name, namespace, { alreadyGone: true });
    }
    if (classification.kind !== 'check-ownership') throw new CommandFailure(classification, { cause: err });
  }
  let existing: V1Job | V1Namespace;
  try {
    existing = await cluster.run((apis) => readExisting(apis, cmd));
  } catch (err) {
    const c = classifyError(cmd.command, err);
    if (c.kind === 'retry' || c.kind === 'rate-limited' || c.kind === 'fail')
      throw new CommandFailure(c, { cause: err });
    // Gone between our create and the read (deleted meanwhile): the create can be tried again.
    throw new CommandFailure(
      {
        kind: 'retry',
        error: { code: 'Conflict', message: 'object vanished while checking its owner', retryable: true },
      },
      { cause: err },
    );
  }
  const owner = operationIdOf(existing as { metadata?: { labels?: Record<string, string> } });
  if (owner !== operationId) throw alreadyExists(cmd, owner);
  const { name, namespace } = commandTarget(cmd);
  return resultOf(existing.metadata, name, namespace, { replayed: true });
}
