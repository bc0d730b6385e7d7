/**
 * Pod logs of a Job: which pod to read, the Kubernetes `pods/log` query, and the log itself as a
 * byte stream read on demand — never whole — from the cluster to the client.
 */
import { ApiException, type V1Pod } from '@kubernetes/client-node';
import type { ClusterClient } from './deps.js';
import { fromKubeError } from './kube-errors.js';

/**
 * The most a log read returns: the default of a read without `limitBytes`, and the largest
 * `limitBytes` accepted. A follow without `limitBytes` is not limited.
 */
export const MAX_LOG_BYTES = 10 * 1024 * 1024;

/** Where the Job controller writes an Indexed Job's pod's completion index (label since 1.28, annotation before). */
export const COMPLETION_INDEX_KEY = 'batch.kubernetes.io/job-completion-index';

/** What a log read asks for, as `GET …/jobs/{name}/logs` validated it. */
export interface LogOptions {
  container?: string | undefined;
  follow?: boolean | undefined;
  previous?: boolean | undefined;
  timestamps?: boolean | undefined;
  sinceSeconds?: number | undefined;
  tailLines?: number | undefined;
  limitBytes?: number | undefined;
}

/** The completion index of an Indexed Job's pod, from its label or annotation. */
export function completionIndexOf(pod: V1Pod): number | undefined {
  const raw =
    pod.metadata?.labels?.[COMPLETION_INDEX_KEY] ?? pod.metadata?.annotations?.[COMPLETION_INDEX_KEY];
  return raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : undefined;
}

function created(pod: V1Pod): number {
  return new Date(pod.metadata?.creationTimestamp ?? 0).getTime();
}

/**
 * The pod whose log is read: the one named `pod`; else the newest pod with completion index
 * `index` (a failed index's pod is replaced, the newest is the current attempt); else the newest
 * pod. Pure.
 */
export function pickLogPod(pods: readonly V1Pod[], by: { pod?: string; index?: number }): V1Pod | undefined {
  if (by.pod !== undefined) return pods.find((p) => p.metadata?.name === by.pod);
  const candidates = by.index === undefined ? pods : pods.filter((p) => completionIndexOf(p) === by.index);
  return candidates.reduce<V1Pod | undefined>(
    (a, b) => (a === undefined || created(b) >= created(a) ? b : a),
    undefined,
  );
}

/**
 * The query of the Kubernetes `pods/log` request. A read that does not follow is limited to
 * {@link MAX_LOG_BYTES} unless it asks for less. Pure.
 */
export function podLogQuery(o: LogOptions): Record<string, string> {
  const q: Record<string, string> = {};
  if (o.container) q.container = o.container;
  if (o.follow) q.follow = 'true';
  if (o.previous) q.previous = 'true';
  if (o.timestamps) q.timestamps = 'true';
  if (o.sinceSeconds !== undefined) q.sinceSeconds = String(o.sinceSeconds);
  if (o.tailLines !== undefined) q.tailLines = String(o.tailLines);
  const limit = logByteLimit(o);
  if (limit !== undefined) q.limitBytes = String(limit);
  return q;
}

/** The byte limit of a read: what it asked for, else {@link MAX_LOG_BYTES} unless it follows. */
export function logByteLimit(o: LogOptions): number | undefined {
  return o.limitBytes ?? (o.follow ? undefined : MAX_LOG_BYTES);
}

// An error answer of the log endpoint is a small Status; more than this is not read.
const MAX_ERROR_BODY = 64 * 1024;

async function errorBody(body: AsyncIterable<Buffer>): Promise<string> {
  let text = '';
  for await (const chunk of body) {
    if (text.length < MAX_ERROR_BODY) text += chunk.toString('utf8');
  }
  return text.slice(0, MAX_ERROR_BODY);
}

/**
 * Opens the log of `pod` and answers it as a stream read only as fast as its reader reads:
 * each `pull` reads one chunk from the cluster's response, so a slow client holds the cluster
 * back through TCP flow control instead of making this process buffer the log. The log ends
 * when the cluster ends it (the container ended, or the log is whole), at the byte limit, or
 * when the reader cancels (the client left) — then the upstream request is aborted.
 * Errors before the first byte are the API's errors (404 PodNotFound, 400 a container that is
 * not running yet, …); an error later cuts the stream, which the client sees as a response
 * without its final chunk.
 */
export async function openPodLog(
  cluster: ClusterClient,
  namespace: string,
  pod: string,
  options: LogOptions,
  /** Called once when the log is over: answered, cut, failed, or never opened. */
  onEnd: () => void = () => {},
): Promise<ReadableStream<Uint8Array>> {
  const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/log`;
  const query = podLogQuery(options);
  const upstream = new AbortController();
  const open = () =>
    cluster.stream(path, query, upstream.signal, {
      accept: 'text/plain, */*',
      // A followed container may be quiet for any time; the client's leaving ends the request.
      bodyTimeoutMs: options.follow ? 0 : 30_000,
    });
  let answer: Awaited<ReturnType<typeof open>>;
  try {
    answer = await open();
    // A refused token was dropped by `stream`: once more with a new one, as `run` does.
    if (answer.status === 401) {
      await errorBody(answer.body);
      answer = await open();
    }
    if (answer.status !== 200) {
      const text = await errorBody(answer.body);
      throw new ApiException(answer.status, `the cluster answered ${answer.status}`, text, {});
    }
  } catch (err) {
    upstream.abort();
    onEnd();
    throw fromKubeError(err, cluster.name);
  }
  return limitedStream(answer.body, logByteLimit(options), () => {
    upstream.abort();
    onEnd();
  });
}

/** `body` as a pull stream of at most `limit` bytes; `stop` (called once, however it ends) aborts the upstream request. */
function limitedStream(
  body: AsyncIterable<Buffer>,
  limit: number | undefined,
  stop: () => void,
): ReadableStream<Uint8Array> {
  const chunks = body[Symbol.asyncIterator]();
  let sent = 0;
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    stop();
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let next: IteratorResult<Buffer>;
        try {
          next = await chunks.next();
        } catch (err) {
          finish();
          controller.error(err);
          return;
        }
        if (done) return;
        if (next.done) {
          finish();
          controller.close();
          return;
        }
        let chunk: Uint8Array = next.value;
        // The cluster honours limitBytes; the cut here holds it to it anyway (one rule, enforced here).
        if (limit !== undefined && sent + chunk.length >= limit) {
          chunk = chunk.subarray(0, limit - sent);
          sent = limit;
          if (chunk.length > 0) controller.enqueue(chunk);
          finish();
          controller.close();
          return;
        }
        sent += chunk.length;
        controller.enqueue(chunk);
      },
      cancel() {
        finish();
      },
    },
    // No read-ahead: a chunk is read from the cluster only when the client has taken the last one.
    { highWaterMark: 0 },
  );
}
