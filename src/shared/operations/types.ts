import type { CommandName } from '../commands/index.js';
import type { Callback } from '../events/event.js';
import type { Logger } from '../logger.js';
import type { RedisClient } from '../redis.js';
import type { KeyLayout } from '../redis-keys.js';
import type { Operation, OperationState } from './operation-record.js';

/** Options of `createOperations`. */
export interface OperationsOptions {
  /**
   * The producer's Redis connection (`createRedis(url, 'producer')`): it must fail fast.
   * Not closed by {@link Operations.close}; the caller owns it.
   */
  redis: RedisClient;
  /** BullMQ key prefix (Config.queuePrefix), may carry a `{hash tag}`. */
  prefix: string;
  /** How keys are named (Config.redis.keyLayout). @defaultValue 'plain' */
  layout?: KeyLayout;
  /** Names of the configured clusters; one queue `ops-{cluster}` each. */
  clusters: readonly string[];
  /** How long finished operations stay readable (Config.operationRetentionMs). */
  retentionMs: number;
  logger: Logger;
}

/** One command to enqueue. The payload is validated against the catalog and built there. */
export interface EnqueueCommand {
  cluster: string;
  command: CommandName;
  payload: unknown;
}

/** Who asked, carried into every log line of every attempt. */
export interface EnqueueMeta {
  requestId: string;
  principal: string;
  /** Where the operation's events are POSTed (checked by the URL policy before). */
  callback?: Callback;
  /**
   * Id decided beforehand (see `newOperationId`), e.g. for Idempotency-Key. Enqueueing an id
   * that already exists keeps the existing operation. @defaultValue a new id
   */
  operationId?: string;
}

/** Meta of {@link Operations.enqueueBulk}. */
export interface EnqueueBulkMeta {
  requestId: string;
  principal: string;
  /** The batch's callback: every item's events go to it, each as its own delivery. */
  callback?: Callback;
  /**
   * The batch (`POST /v1/batches`) the operations belong to: set on each, and the workers count
   * their progress under it. Without it the operations belong to no batch and count nothing.
   */
  batchId?: string;
  /** Ids decided beforehand, one per command in order. @defaultValue new ids */
  operationIds?: readonly string[];
}

/** Options of {@link Operations.list}. */
export interface ListOptions {
  /** Only this cluster. @defaultValue every configured cluster (or {@link ListOptions.clusters}) */
  cluster?: string;
  /** Only these clusters, in this order (e.g. those the caller may read). @defaultValue every configured cluster */
  clusters?: readonly string[];
  /** Only operations in this state. @defaultValue every state */
  state?: OperationState;
  /** Page size, 1–1000. */
  limit: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

/** A page of {@link Operations.list}. */
export interface OperationPage {
  items: Operation[];
  /** Present when there may be more. */
  nextCursor?: string;
}

/** The producer API: enqueue commands and read, re-drive or cancel operations. */
export interface Operations {
  /**
   * Validates and builds `cmd` (catalog `buildCommand`: the management labels are added there)
   * and enqueues it on the cluster's queue.
   * @throws OperationsError `ClusterNotFound`, `InvalidCommand` (details: zod issues) or `QueueUnavailable`.
   */
  enqueue(cmd: EnqueueCommand, meta: EnqueueMeta): Promise<Operation>;
  /**
   * Enqueues all of `cmds` or none of them: one MULTI/EXEC transaction, so a connection lost
   * at any point commits nothing or everything. All commands must target the same cluster.
   * Every item is validated before anything is sent.
   * @throws OperationsError `InvalidCommand` with `details: [{ index, message, issues }]` listing every bad item.
   */
  enqueueBulk(cmds: readonly EnqueueCommand[], meta: EnqueueBulkMeta): Promise<Operation[]>;
  /** The operation, or undefined when no such id exists (never enqueued, cancelled or expired). O(1) in queue depth. */
  get(id: string): Promise<Operation | undefined>;
  /** Several operations at once (one round trip), in the order of `ids`. */
  getMany(ids: readonly string[]): Promise<(Operation | undefined)[]>;
  /**
   * Lists operations, newest first within each state, cluster by cluster (offset paging: an
   * operation changing state between pages may be skipped or seen twice).
   */
  list(options: ListOptions): Promise<OperationPage>;
  /**
   * Re-drives a failed operation with a full budget of attempts.
   * @throws OperationsError `OperationNotFound`, `OperationNotRetryable` (not failed).
   */
  retry(id: string): Promise<Operation>;
  /**
   * Cancels (removes) a queued operation.
   * @throws OperationsError `OperationNotFound`, `OperationRunning`, `OperationFinished`.
   */
  cancel(id: string): Promise<void>;
  /**
   * Resolves when the operation has succeeded or failed, or after `timeoutMs` with its state
   * at that time. Uses one shared QueueEvents per queue, not polling.
   * @throws OperationsError `OperationNotFound`.
   */
  waitForEnd(id: string, timeoutMs: number): Promise<Operation>;
  /** Commands of `cluster` not yet started: waiting + delayed (including retries). */
  depth(cluster: string): Promise<number>;
  /** Cluster the operation id belongs to, or undefined (no Redis access). */
  clusterOf(id: string): string | undefined;
  /** Closes queues and event listeners (not the Redis connection passed in). */
  close(): Promise<void>;
}
