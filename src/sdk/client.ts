import { randomUUID } from 'node:crypto';
import createClient, { type Client } from 'openapi-fetch';
import { EksJobsError } from './errors.js';
import { type FetchResult, unwrap } from './fetch-result.js';
import type { paths } from './generated/api.js';
import type {
  BatchProgressUpdate,
  CallOptions,
  EksJobsClientOptions,
  JobPage,
  ListJobsOptions,
  LogsOptions,
  MutationOptions,
  SubmitBatchOptions,
} from './options.js';
import { pollUntil, type WaitOptions } from './poll.js';
import { createRetryingFetch } from './retry.js';
import { templateMethods } from './templates.js';
import type {
  BatchAccepted,
  BatchItem,
  BatchProgress,
  JobList,
  JobSpec,
  JobStatus,
  Operation,
  OperationList,
  OperationState,
  TemplateSubmission,
} from './types.js';

const ENDED_OPERATION: ReadonlySet<OperationState> = new Set(['succeeded', 'failed']);
const ENDED_JOB: ReadonlySet<JobStatus['phase']> = new Set(['Succeeded', 'Failed']);

/**
 * The cluster-scoped routes, relative to `/v1` or `/v1/clusters/{cluster}` (the same routes
 * under both bases, docs/architecture.md §4), typed as the `/v1/…` ones.
 */
type ScopedPaths = {
  [P in keyof paths as P extends `/v1/clusters/{cluster}/${infer R}`
    ? `/v1/${R}` extends keyof paths
      ? `/${R}`
      : never
    : never]: P extends `/v1/clusters/{cluster}/${infer R}` ? paths[`/v1/${R}` & keyof paths] : never;
};

function isOperation(value: unknown): value is Operation {
  return (
    typeof value === 'object' && value !== null && 'id' in value && 'state' in value && 'target' in value
  );
}

/**
 * The operation of a submission. Under `Prefer: wait` a failure answers with the failure's own
 * status and the operation in `details.operation`: that is an answer, not an error of the call.
 */
function operationOf<D, E>(result: FetchResult<D, E>, waited: boolean): Operation {
  if (waited && result.error !== undefined) {
    const err = EksJobsError.fromResponse(result.response, result.error);
    const op = (err.details as { operation?: unknown } | undefined)?.operation;
    if (isOperation(op)) return op;
    throw err;
  }
  const data = unwrap(result);
  if (!isOperation(data)) throw new Error('eks-jobs answered a submission without an operation');
  return data;
}

function flag(value: boolean | undefined): 'true' | 'false' | undefined {
  return value === undefined ? undefined : value ? 'true' : 'false';
}

/**
 * A client of the eks-jobs API: typed helpers for what programs do (submit, wait, read, stream
 * logs, batches), typed errors ({@link EksJobsError}, `EksJobsTransportError`), an
 * `Idempotency-Key` on every mutation and bounded automatic retries. `raw` is the underlying
 * openapi-fetch client for every other route.
 */
export function createEksJobsClient(options: EksJobsClientOptions) {
  const base = options.url.replace(/\/+$/, '');
  const fetchImpl = createRetryingFetch(
    options.fetch ?? ((request) => globalThis.fetch(request)),
    options.retry,
  );
  const headers: Record<string, string> = { 'user-agent': options.userAgent ?? 'eks-jobs-sdk' };
  if (options.key) headers.authorization = `Bearer ${options.key}`;

  const raw: Client<paths> = createClient<paths>({ baseUrl: base, fetch: fetchImpl, headers });
  const scopedClients = new Map<string, Client<ScopedPaths>>();
  /** The routes of `cluster` (or of the default one), relative to their base. */
  const scoped = (cluster = options.cluster): Client<ScopedPaths> => {
    const prefix = cluster === undefined ? '/v1' : `/v1/clusters/${encodeURIComponent(cluster)}`;
    let client = scopedClients.get(prefix);
    if (!client) {
      client = createClient<ScopedPaths>({ baseUrl: `${base}${prefix}`, fetch: fetchImpl, headers });
      scopedClients.set(prefix, client);
    }
    return client;
  };
  const mutationHeaders = (o: MutationOptions) => ({
    'idempotency-key': o.idempotencyKey ?? randomUUID(),
    ...(o.wait !== undefined ? { prefer: `wait=${Math.max(0, Math.min(60, Math.floor(o.wait)))}` } : {}),
  });

  const client = {
    /** The openapi-fetch client on the API's OpenAPI document, for every route without a helper. */
    raw,

    ...templateMethods(raw),

    /**
     * Enqueues the creation of `job` in `namespace` — a Job, or a template to render
     * (`{template: 'name' | 'name:3', parameters}`); resolves with its operation (`target.name` is final).
     */
    async submitJob(
      namespace: string,
      job: JobSpec | TemplateSubmission,
      o: MutationOptions = {},
    ): Promise<Operation> {
      const result = await scoped(o.cluster).POST('/namespaces/{ns}/jobs', {
        params: { path: { ns: namespace }, header: mutationHeaders(o) },
        body: o.callback ? { ...job, callback: o.callback } : job,
        signal: o.signal,
      });
      return operationOf(result, o.wait !== undefined);
    },

    /** Reads an operation. */
    async getOperation(id: string, o: CallOptions = {}): Promise<Operation> {
      return unwrap(
        await scoped(o.cluster).GET('/operations/{id}', { params: { path: { id } }, signal: o.signal }),
      );
    },

    /**
     * Polls an operation until it has `succeeded` or `failed` and resolves with it (a failed
     * operation is an answer, not an error: see its `error`).
     */
    async waitForOperation(id: string, o: CallOptions & WaitOptions<Operation> = {}): Promise<Operation> {
      return pollUntil(
        (signal) => client.getOperation(id, { ...o, signal }),
        (op) => ENDED_OPERATION.has(op.state),
        {
          ...o,
          what: `operation ${id} to end`,
          changed: (op) => `${op.state}:${op.attempts.made}`,
        },
      );
    },

    /** Reads a Job's live status summary. */
    async getJob(namespace: string, name: string, o: CallOptions = {}): Promise<JobStatus> {
      const job = unwrap(
        await scoped(o.cluster).GET('/namespaces/{ns}/jobs/{name}', {
          params: { path: { ns: namespace, name } },
          signal: o.signal,
        }),
      );
      if (!('phase' in job)) throw new Error('eks-jobs answered a status read without a phase');
      return job;
    },

    /**
     * Polls a Job until its phase is `Succeeded` or `Failed` and resolves with that status (a
     * failed Job is an answer: see `reason` and `message`). A Job that does not exist (yet) is a
     * `JobNotFound` error: wait for the creating operation first.
     */
    async waitForJob(
      namespace: string,
      name: string,
      o: CallOptions & WaitOptions<JobStatus> = {},
    ): Promise<JobStatus> {
      return pollUntil(
        (signal) => client.getJob(namespace, name, { ...o, signal }),
        (job) => ENDED_JOB.has(job.phase),
        {
          ...o,
          what: `Job ${namespace}/${name} to succeed or fail`,
          changed: (job) => `${job.phase}:${JSON.stringify(job.counts)}`,
        },
      );
    },

    /** One page of Jobs' status summaries: of `namespace`, or of every namespace the key may read. */
    async listJobs(namespace?: string, o: ListJobsOptions = {}): Promise<JobPage> {
      const { cluster, signal, ...query } = o;
      const page: JobList =
        namespace === undefined
          ? unwrap(await scoped(cluster).GET('/jobs', { params: { query }, signal }))
          : unwrap(
              await scoped(cluster).GET('/namespaces/{ns}/jobs', {
                params: { path: { ns: namespace }, query },
                signal,
              }),
            );
      const items = page.items.filter((item): item is JobStatus => 'phase' in item);
      return page.continue === undefined ? { items } : { items, continue: page.continue };
    },

    /** Enqueues the deletion of a Job (its pods go too: `propagationPolicy` Background by default). */
    async deleteJob(
      namespace: string,
      name: string,
      o: MutationOptions & { propagationPolicy?: 'Background' | 'Foreground' | 'Orphan' } = {},
    ): Promise<Operation> {
      const query = o.propagationPolicy ? { propagationPolicy: o.propagationPolicy } : {};
      const result = await scoped(o.cluster).DELETE('/namespaces/{ns}/jobs/{name}', {
        params: { path: { ns: namespace, name }, query, header: mutationHeaders(o) },
        ...(o.callback ? { body: { callback: o.callback } } : {}),
        signal: o.signal,
      });
      return operationOf(result, o.wait !== undefined);
    },

    /** Enqueues the creation of a namespace. */
    async createNamespace(
      name: string,
      o: MutationOptions & { labels?: Record<string, string>; annotations?: Record<string, string> } = {},
    ): Promise<Operation> {
      const result = await scoped(o.cluster).POST('/namespaces', {
        params: { header: mutationHeaders(o) },
        body: {
          name,
          ...(o.labels ? { labels: o.labels } : {}),
          ...(o.annotations ? { annotations: o.annotations } : {}),
          ...(o.callback ? { callback: o.callback } : {}),
        },
        signal: o.signal,
      });
      return operationOf(result, o.wait !== undefined);
    },

    /** Enqueues the deletion of a namespace and everything in it. */
    async deleteNamespace(name: string, o: MutationOptions = {}): Promise<Operation> {
      const result = await scoped(o.cluster).DELETE('/namespaces/{name}', {
        params: { path: { name }, header: mutationHeaders(o) },
        ...(o.callback ? { body: { callback: o.callback } } : {}),
        signal: o.signal,
      });
      return operationOf(result, o.wait !== undefined);
    },

    /** Enqueues up to MAX_BATCH_ITEMS Job creates, all or nothing (one bad item: 422, nothing enqueued). */
    async createBatch(items: BatchItem[], o: Omit<MutationOptions, 'wait'> = {}): Promise<BatchAccepted> {
      return unwrap(
        await scoped(o.cluster).POST('/batches', {
          params: { header: mutationHeaders(o) },
          body: { items, ...(o.callback ? { callback: o.callback } : {}) },
          signal: o.signal,
        }),
      );
    },

    /** Reads a batch's items counted by state. */
    async getBatch(id: string, o: CallOptions = {}): Promise<BatchProgress> {
      return unwrap(
        await scoped(o.cluster).GET('/batches/{id}', { params: { path: { id } }, signal: o.signal }),
      );
    },

    /**
     * Polls a batch until every item has ended; `onUpdate` gets each change of its counts, with
     * `ended` never going down and equal to `total` at the end.
     */
    async waitForBatch(
      id: string,
      o: CallOptions & WaitOptions<BatchProgressUpdate> = {},
    ): Promise<BatchProgressUpdate> {
      let ended = 0;
      return pollUntil(
        async (signal) => {
          const progress = await client.getBatch(id, { ...o, signal });
          const counted = progress.succeeded + progress.failed + progress.cancelled;
          ended = progress.done ? progress.total : Math.max(ended, Math.min(counted, progress.total));
          return { ...progress, ended };
        },
        (progress) => progress.done,
        {
          ...o,
          backoff: { maxMs: 2000, ...o.backoff },
          what: `batch ${id} to end`,
          changed: (p) =>
            [p.ended, p.queued, p.running, p.succeeded, p.failed, p.cancelled, p.done].join(':'),
        },
      );
    },

    /**
     * Submits a batch and waits until every item has ended, reporting progress; resolves with the
     * accepted batch and its final counts.
     */
    async submitBatch(
      items: BatchItem[],
      o: SubmitBatchOptions = {},
    ): Promise<{ batch: BatchAccepted; progress: BatchProgressUpdate }> {
      const batch = await client.createBatch(items, o);
      o.onAccepted?.(batch);
      const progress = await client.waitForBatch(batch.id, {
        ...o,
        cluster: o.cluster ?? batch.cluster,
        ...(o.onProgress ? { onUpdate: o.onProgress } : {}),
      });
      return { batch, progress };
    },

    /** One page of the key's operations, newest first, optionally of one state. */
    async listOperations(
      o: CallOptions & { state?: OperationState; limit?: number; cursor?: string } = {},
    ): Promise<OperationList> {
      const { cluster, signal, ...query } = o;
      return unwrap(await scoped(cluster).GET('/operations', { params: { query }, signal }));
    },

    /** Re-drives a failed operation (409 `OperationNotRetryable` unless it failed). */
    async retryOperation(id: string, o: CallOptions & { wait?: number } = {}): Promise<Operation> {
      const result = await scoped(o.cluster).POST('/operations/{id}/retry', {
        params: { path: { id } },
        ...(o.wait !== undefined ? { headers: { prefer: `wait=${Math.min(60, Math.floor(o.wait))}` } } : {}),
        signal: o.signal,
      });
      return operationOf(result, o.wait !== undefined);
    },

    /** Cancels a queued operation (409 `OperationRunning` once a worker has started it). */
    async cancelOperation(id: string, o: CallOptions = {}): Promise<void> {
      unwrap(
        await scoped(o.cluster).DELETE('/operations/{id}', { params: { path: { id } }, signal: o.signal }),
      );
    },

    /**
     * A Job's log (its newest pod's, unless `pod` or `index` say otherwise) as text chunks, streamed
     * as they arrive: `for await (const chunk of client.logs(ns, name, { follow: true }))`. The
     * request starts with the iteration; leaving the loop closes it, aborting `signal` rejects it.
     */
    async *logs(
      namespace: string,
      name: string,
      o: LogsOptions = {},
    ): AsyncGenerator<string, void, undefined> {
      const { cluster, signal, follow, timestamps, previous, ...rest } = o;
      const query = {
        ...rest,
        ...(follow !== undefined ? { follow: flag(follow) } : {}),
        ...(timestamps !== undefined ? { timestamps: flag(timestamps) } : {}),
        ...(previous !== undefined ? { previous: flag(previous) } : {}),
      };
      const result = await scoped(cluster).GET('/namespaces/{ns}/jobs/{name}/logs', {
        params: { path: { ns: namespace, name }, query },
        parseAs: 'stream',
        signal,
      });
      const body = unwrap(result);
      if (!body) return;
      const reader = body.pipeThrough(new TextDecoderStream()).getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          if (value) yield value;
        }
      } finally {
        await reader.cancel().catch(() => {});
      }
    },
  };
  return client;
}

/** What {@link createEksJobsClient} returns. */
export type EksJobsClient = ReturnType<typeof createEksJobsClient>;
