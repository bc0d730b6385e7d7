import type { ClusterClient } from '../shared/cluster/index.js';
import {
  type Classification,
  commandTarget,
  executeCommand,
  type KubeAnswer,
  moduleOf,
  operationIdOf,
  type ParsedCommand,
} from '../shared/commands/index.js';
import type { OperationError, OperationResult } from '../shared/operations/index.js';
import { classifyError } from './classify-error.js';

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

/**
 * A create met someone else's object under a name the service drew (`generateName`): the
 * worker draws the next name (the module's `rename`) and creates again. Carries the
 * `AlreadyExists` failure for when no other name may be drawn.
 */
export class NameTaken extends CommandFailure {
  override name = 'NameTaken';
}

/** What a succeeded command did, from the cluster's answer (an object, or a `Status` for deletes). */
function resultOf(answer: KubeAnswer | undefined, cmd: ParsedCommand, extra: Partial<OperationResult> = {}) {
  const { name, namespace } = commandTarget(cmd);
  const result: OperationResult = { name, ...(namespace ? { namespace } : {}), ...extra };
  const uid = answer?.metadata?.uid ?? answer?.details?.uid;
  if (uid) result.uid = uid;
  if (answer?.metadata?.resourceVersion) result.resourceVersion = answer.metadata.resourceVersion;
  return result;
}

function alreadyExists(cmd: ParsedCommand, owner: string | undefined): CommandFailure {
  const { name, namespace } = commandTarget(cmd);
  const what = `${moduleOf(cmd).kind} ${namespace ? `${namespace}/` : ''}${name}`;
  const error: OperationError = {
    code: 'AlreadyExists',
    message: `${what} already exists and was not created by this operation${owner ? ` (created by ${owner})` : ''}`,
    retryable: false,
    httpStatus: 409,
  };
  return new CommandFailure({ kind: 'fail', error });
}

/** After a 409 on create: our own object from an earlier attempt (a replay), or someone else's. */
async function resolveConflict(
  cluster: ClusterClient,
  cmd: ParsedCommand,
  operationId: string,
): Promise<OperationResult> {
  const readBack = moduleOf(cmd).readBack;
  let existing: KubeAnswer;
  try {
    existing = await cluster.run((apis) => readBack!(apis, commandTarget(cmd)));
  } catch (err) {
    const c = classifyError(cmd.command, err);
    if (c.kind === 'retry' || c.kind === 'rate-limited' || c.kind === 'fail')
      throw new CommandFailure(c, { cause: err });
    // Gone between our create and the read (deleted meanwhile): the create can be tried again.
    const error = { code: 'Conflict', message: 'object vanished while checking its owner', retryable: true };
    throw new CommandFailure({ kind: 'retry', error }, { cause: err });
  }
  const owner = operationIdOf(existing);
  if (owner === operationId) return resultOf(existing, cmd, { replayed: true });
  const failure = alreadyExists(cmd, owner);
  throw moduleOf(cmd).rename ? new NameTaken(failure.classification, { cause: failure }) : failure;
}

/**
 * Whether a create's object exists and is this operation's: checked before an operation is
 * given up, so that it never ends failed while its object exists (an answer lost on every try).
 */
export async function ownObject(
  cluster: ClusterClient,
  cmd: ParsedCommand,
  operationId: string,
): Promise<OperationResult | undefined> {
  const { readBack, creates } = moduleOf(cmd);
  if (!creates || !readBack) return undefined;
  try {
    const existing = await cluster.run((apis) => readBack(apis, commandTarget(cmd)));
    return operationIdOf(existing) === operationId ? resultOf(existing, cmd, { replayed: true }) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A create run again (its answer lost, or its worker killed) whose operation the Job watch noted
 * as having made the Job `uid`: it must not create again. Its own object still there is a replay;
 * gone (deleted by its `ttlSecondsAfterFinished`, or by someone) it ends as a replay of a Job that
 * no longer exists, `alreadyGone`. A failed read is thrown classified, for a retry.
 */
export async function madeEarlier(
  cluster: ClusterClient,
  cmd: ParsedCommand,
  operationId: string,
  uid: string,
): Promise<OperationResult> {
  const readBack = moduleOf(cmd).readBack!;
  try {
    const existing = await cluster.run((apis) => readBack(apis, commandTarget(cmd)));
    if (operationIdOf(existing) === operationId) return resultOf(existing, cmd, { replayed: true });
  } catch (err) {
    const c = classifyError(cmd.command, err);
    if (c.kind === 'retry' || c.kind === 'rate-limited') throw new CommandFailure(c, { cause: err });
  }
  return resultOf(undefined, cmd, { uid, replayed: true, alreadyGone: true });
}

/**
 * Runs one attempt of a built command against the cluster and returns what it did. Every
 * outcome of the retry table (docs/architecture.md §5) other than success is thrown as a
 * {@link CommandFailure}; a 409 on create is resolved by reading the object back: our
 * operation label → replay success.
 */
export async function runCommand(
  cluster: ClusterClient,
  cmd: ParsedCommand,
  operationId: string,
): Promise<OperationResult> {
  try {
    return resultOf(await cluster.run((apis) => executeCommand(apis, cmd)), cmd);
  } catch (err) {
    const classification = classifyError(cmd.command, err);
    if (classification.kind === 'succeeded') return resultOf(undefined, cmd, { alreadyGone: true });
    if (classification.kind !== 'check-ownership') throw new CommandFailure(classification, { cause: err });
  }
  return resolveConflict(cluster, cmd, operationId);
}
