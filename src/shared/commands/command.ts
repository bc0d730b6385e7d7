import type { z } from 'zod';
import type { ClusterApis } from '../cluster/index.js';
import type { KubeErrorInfo } from '../kube/kube-error.js';
import type { NameSuffix } from '../kube/names.js';
import type { OperationError } from '../operations/operation-record.js';
import type { RetryPolicy } from './retry-policy.js';

/** What a command acts on, shown in the operation record. */
export interface CommandTarget {
  namespace?: string;
  name: string;
}

/**
 * Which key scope a command needs (docs/architecture.md §9): work inside a namespace the key
 * may use, or the right to create / delete the namespace itself.
 */
export type CommandAccess = 'namespaced' | 'namespace.create' | 'namespace.delete';

/**
 * What the worker does with a failed Kubernetes call (docs/architecture.md §5, the retry table):
 * - `succeeded`: the error means the goal is reached (404 on delete, 409 deleting a terminating namespace);
 * - `check-ownership`: 409 AlreadyExists on a create — read the object and compare its operation label;
 * - `rate-limited`: 429 — wait `retryAfterMs` without spending an attempt;
 * - `retry`: back off and try again;
 * - `fail`: give up now (BullMQ `UnrecoverableError`).
 */
export type Classification =
  | { kind: 'succeeded'; reason: 'AlreadyGone' | 'DeletionInProgress' }
  | { kind: 'check-ownership' }
  | { kind: 'rate-limited'; retryAfterMs: number; error: OperationError }
  | { kind: 'retry'; error: OperationError }
  | { kind: 'fail'; error: OperationError };

/** A Kubernetes object or `Status` as the cluster answered it; only metadata is read. */
export interface KubeAnswer {
  metadata?: { uid?: string; resourceVersion?: string; labels?: Record<string, string> };
  details?: { uid?: string };
}

/** Options of {@link CommandModule.execute}. */
export interface ExecuteOptions {
  /** Server-side dry run: validate and answer the object as it would be stored, change nothing. */
  dryRun?: boolean;
}

/**
 * Everything about one command, in one module (docs/architecture.md §5): its payload, what it
 * acts on, the key scope it needs, how it runs against the cluster, how a create reads back an
 * object it may have made in an earlier attempt, and where its errors differ from the common
 * table. The API validates and builds with it, the worker executes with it; adding a command
 * is one such module plus its route.
 */
export interface CommandModule<N extends string = string, S extends z.ZodType = z.ZodType> {
  name: N;
  /** Validates (and defaults) the payload; the worker re-parses `job.data` with it. */
  schema: S;
  retry: Readonly<RetryPolicy>;
  /** What kind of object it acts on, in messages: `job`, `namespace`. */
  kind: string;
  access: CommandAccess;
  /** Whether it creates an object (409 AlreadyExists then means "check whose it is"). */
  creates: boolean;
  target(payload: z.output<S>): CommandTarget;
  /** The namespace whose key scope governs the command (a namespace command: the one it names). */
  scopeNamespace(target: CommandTarget): string | undefined;
  /**
   * The payload as it is enqueued, with the management labels (`labels`) on what it creates.
   * Commands that create nothing return the payload unchanged.
   */
  build(payload: z.output<S>, labels: Readonly<Record<string, string>>): z.output<S>;
  /** The one Kubernetes call the command makes. */
  execute(apis: ClusterApis, payload: z.output<S>, options: ExecuteOptions): Promise<KubeAnswer>;
  /** Creates: the object standing where this command creates (after a 409 AlreadyExists, or on cancel). */
  readBack?(apis: ClusterApis, target: CommandTarget): Promise<KubeAnswer>;
  /**
   * Creates whose name the service drew (`generateName`): the payload with the next name, after
   * the drawn one turned out to be someone else's object; `undefined` when the name was the
   * client's or the draws are used up. The worker stores it before it creates again.
   */
  rename?(payload: z.output<S>, operationId: string, suffix: Readonly<NameSuffix>): z.output<S> | undefined;
  /** Creates: deletes the object at `target` (a cancel that raced an attempt which created it). */
  undo?(apis: ClusterApis, target: CommandTarget): Promise<unknown>;
  /**
   * Where the command's answer to an error differs from the common table; `undefined` defers to it.
   * `error(code, retryable)` builds the operation error from `info`.
   */
  classify?(
    info: KubeErrorInfo,
    error: (code: string, retryable: boolean) => OperationError,
  ): Classification | undefined;
}

/** Declares a command module with its payload type inferred from its schema. */
export function defineCommand<N extends string, S extends z.ZodType>(
  m: CommandModule<N, S>,
): CommandModule<N, S> {
  return m;
}
