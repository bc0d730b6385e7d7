import type { Backoff } from './poll.js';
import type { RetryOptions } from './retry.js';
import type { BatchAccepted, BatchProgress, Callback, JobStatus } from './types.js';

/** The options of the SDK's calls (client.ts), and what its batch progress reports. */

/** Options of {@link createEksJobsClient}. */
export interface EksJobsClientOptions {
  /** The API's base URL, e.g. `https://eks-jobs.example.com`. */
  url: string;
  /** An API key (`ekj_…`), sent as `Authorization: Bearer`. @defaultValue none (servers with auth off) */
  key?: string;
  /** The fetch to use (a proxy agent, a test double). @defaultValue `globalThis.fetch` */
  fetch?: (request: Request) => Promise<Response>;
  /** `User-Agent` of every request. @defaultValue `eks-jobs-sdk` */
  userAgent?: string;
  /** The cluster of every helper call that names none. @defaultValue the API's default cluster */
  cluster?: string;
  /** Automatic retries (transport failures, 503/429 with `Retry-After`). @defaultValue 3 retries */
  retry?: RetryOptions;
}

/** Options every helper takes. */
export interface CallOptions {
  /** Acts on this cluster (`/v1/clusters/{cluster}/…`). @defaultValue the client's `cluster` */
  cluster?: string;
  /** Aborts the call: it rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** Options of the helpers that submit a command. */
export interface MutationOptions extends CallOptions {
  /**
   * The submission's `Idempotency-Key`: the same key and body answer the first operation instead
   * of enqueueing another. @defaultValue a random UUID per call, reused on the call's own retries
   */
  idempotencyKey?: string;
  /** Where eks-jobs POSTs this submission's events. */
  callback?: Callback;
  /**
   * Seconds (at most 60) the API holds the answer until the operation ends (`Prefer: wait`). The
   * operation is returned in whatever state it reached: `failed` included, with its `error`.
   * @defaultValue no wait: the operation as queued
   */
  wait?: number;
}

/** Filters of {@link EksJobsClient.listJobs}. */
export interface ListJobsOptions extends CallOptions {
  labelSelector?: string;
  /** Only Jobs in these phases, comma-separated (`Failed,Succeeded`). */
  phase?: string;
  /** Only Jobs created at or after this instant (ISO 8601). */
  createdAfter?: string;
  /** Only Jobs created before this instant (ISO 8601). */
  createdBefore?: string;
  /** Only the Job this operation created. */
  operation?: string;
  /** Only the Jobs this batch created. */
  batch?: string;
  limit?: number;
  /** The previous page's `continue`, with the same filters. */
  continue?: string;
}

/** A page of Jobs' status summaries. */
export interface JobPage {
  items: JobStatus[];
  /** Pass as `continue` for the next page; a page may be short, even empty, while this is set. */
  continue?: string;
}

/** Options of {@link EksJobsClient.logs}. */
export interface LogsOptions extends CallOptions {
  /** Stream until the container ends (or the signal aborts). @defaultValue false */
  follow?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  limitBytes?: number;
  timestamps?: boolean;
  container?: string;
  /** The previous container's log (after a restart). */
  previous?: boolean;
  /** This pod instead of the newest. */
  pod?: string;
  /** The newest pod with this completion index (Indexed Jobs). */
  index?: number;
}

/** A batch's progress as reported to `onProgress`: the API's counts plus `ended`, which never goes down. */
export interface BatchProgressUpdate extends BatchProgress {
  /** Items that succeeded, failed or were cancelled; `total` once the batch is done. */
  ended: number;
}

/** Options of {@link EksJobsClient.submitBatch}. */
export interface SubmitBatchOptions extends Omit<MutationOptions, 'wait'> {
  /** Called once the API accepted the batch, before the first progress read. */
  onAccepted?: (batch: BatchAccepted) => void;
  /** Called with each change of the counts, the last time with `done` and `ended === total`. */
  onProgress?: (progress: BatchProgressUpdate) => void;
  /** Give up waiting (the batch goes on) after this long. @defaultValue no limit */
  timeoutMs?: number;
  /** Pauses between progress reads. @defaultValue 250 ms ×1.5 up to 2 s */
  backoff?: Backoff;
}
