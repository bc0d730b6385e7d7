/**
 * The ledger of a chaos scenario: every request the client sent and what became of it —
 * acknowledged (202 with operation ids), refused (an HTTP error status) or unanswered (the
 * outcome is unknown) — then, after every acknowledged operation has ended, what the cluster
 * holds. {@link Ledger.report} compares the two and {@link reportLine} prints the one line.
 */
import type { ChaosCluster, ClusterJob } from './cluster.js';
import type { HttpClient, HttpResult } from './http-client.js';

/** Label the chaos client puts on every Job it asks for, naming the request. */
export const REQUEST_LABEL = 'chaos/request';
const OPERATION_LABEL = 'eks-jobs/operation';

type Outcome =
  | { kind: 'acked'; status: number; operationIds: string[] }
  | { kind: 'refused'; status: number; code: string; message: string }
  | { kind: 'unknown'; error: string; failedAt: number; connectedAt?: number };

/** One request the client sent. */
export interface SentRequest {
  tag: string;
  kind: 'job' | 'batch';
  /** Jobs the request asked for. */
  items: number;
  startedAt: number;
  answeredAt: number;
  outcome: Outcome;
}

/** A cancel the client sent, and its answer. */
export interface SentCancel {
  operationId: string;
  status: number | 'none';
  code?: string;
  message?: string;
  error?: string;
}

interface OperationView {
  id: string;
  state: 'queued' | 'running' | 'succeeded' | 'failed';
  target: { namespace?: string; name: string };
  error?: { code: string; message: string };
  /** `result.replayed`: the create met its own object, made by an earlier run of the operation. */
  result?: { replayed?: boolean };
  finishedAt?: string;
}

type OpStatus = { kind: 'pending' } | { kind: 'ended'; op: OperationView } | { kind: 'gone' };

/** What a scenario found; every count is of operations unless it says requests or batches. */
export interface ChaosReport {
  scenario: string;
  requests: number;
  acknowledged: number;
  refused: number;
  unanswered: number;
  succeeded: number;
  failed: number;
  unfinished: number;
  cancelled: number;
  /** Cancels answered with something else than 204. */
  cancelsRefused: number;
  duplicates: number;
  lost: number;
  failedWithObject: number;
  partialBatches: number;
  cancelledWithObject: number;
  /** Requests refused with an HTTP error whose Jobs were created all the same. */
  refusedWithObject: number;
  /**
   * From the end of a fault to the first operation succeeding after it, the worst over faults;
   * Infinity when none succeeded after some fault, undefined when the scenario marked none.
   */
  recoveryMs: number | undefined;
  /** From the end of the last fault to the last operation ending. */
  drainMs: number | undefined;
  /** Up to 10 examples of each kind of problem, for the failure message. */
  examples: Record<string, string[]>;
  /** Refusals by status and code, e.g. `503 QueueUnavailable: 12`. */
  refusals: Record<string, number>;
  /** Failed operations by error code. */
  failures: Record<string, number>;
}

function seconds(ms: number | undefined): string {
  if (ms === undefined) return 'none';
  return Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)}s` : 'never';
}

/** The one line a scenario prints. */
export function reportLine(r: ChaosReport): string {
  return (
    `chaos ${r.scenario}: requests=${r.requests} acknowledged=${r.acknowledged} refused=${r.refused} ` +
    `unanswered=${r.unanswered} succeeded=${r.succeeded} failed=${r.failed} unfinished=${r.unfinished} ` +
    `cancelled=${r.cancelled} cancelsRefused=${r.cancelsRefused} duplicates=${r.duplicates} lost=${r.lost} failedWithObject=${r.failedWithObject} ` +
    `partialBatches=${r.partialBatches} cancelledWithObject=${r.cancelledWithObject} ` +
    `refusedWithObject=${r.refusedWithObject} recovery=${seconds(r.recoveryMs)} drain=${seconds(r.drainMs)}`
  );
}

/** What a Job runs, in the short form; the default, `true`, succeeds at once. */
export interface JobRun {
  command: string[];
  backoffLimit?: number;
  activeDeadlineSeconds?: number;
}

/** A Job body of the short form, labelled with its request's tag. */
export function jobSpec(
  tag: string,
  naming: { name: string } | { generateName: string },
  run: JobRun = { command: ['true'] },
) {
  return { ...naming, image: 'busybox', ...run, labels: { [REQUEST_LABEL]: tag } };
}

function outcomeOf(r: HttpResult, kind: 'job' | 'batch'): Outcome {
  // Nothing reached the server: as definite a refusal as an error status.
  if (r.kind === 'no-answer' && r.error === 'ECONNREFUSED') {
    return { kind: 'refused', status: 0, code: 'ECONNREFUSED', message: 'connection refused' };
  }
  if (r.kind === 'no-answer') {
    return {
      kind: 'unknown',
      error: r.error,
      failedAt: r.failedAt,
      ...(r.connectedAt !== undefined ? { connectedAt: r.connectedAt } : {}),
    };
  }
  const body = r.body as {
    id?: string;
    operations?: { id: string }[];
    error?: { code?: string; message?: string; details?: { operation?: { id?: string } } };
  };
  if (r.status >= 200 && r.status < 300) {
    const ids = kind === 'batch' ? (body?.operations ?? []).map((o) => o.id) : body?.id ? [body.id] : [];
    return { kind: 'acked', status: r.status, operationIds: ids };
  }
  // `Prefer: wait` answers an operation that failed in time with its error: it was acknowledged.
  const failedOp = body?.error?.details?.operation?.id;
  if (failedOp) return { kind: 'acked', status: r.status, operationIds: [failedOp] };
  return {
    kind: 'refused',
    status: r.status,
    code: body?.error?.code ?? 'none',
    message: body?.error?.message ?? String(r.body).slice(0, 200),
  };
}

export class Ledger {
  readonly requests: SentRequest[] = [];
  readonly cancels: SentCancel[] = [];
  private readonly faultEnds: number[] = [];
  private seq = 0;
  private readonly retries = new Map<string, { body: unknown; headers: Record<string, string> }>();
  private readonly status = new Map<string, OpStatus>();

  constructor(
    readonly scenario: string,
    private readonly client: HttpClient,
    private readonly namespace: string,
  ) {}

  /** A fresh tag for a request (also usable as a Job name). */
  nextTag(): string {
    return `${this.scenario.replace(/[^a-z0-9]/g, '').slice(0, 12)}-${++this.seq}`;
  }

  /**
   * POSTs one Job create (`name` = its tag unless `naming` says otherwise; running `true` unless
   * `run` says otherwise) and records the outcome.
   */
  async createJob(
    options: {
      naming?: { name: string } | { generateName: string };
      headers?: Record<string, string>;
      run?: JobRun;
    } = {},
  ): Promise<SentRequest> {
    const tag = this.nextTag();
    const r = await this.client.request(
      'POST',
      `/v1/namespaces/${this.namespace}/jobs`,
      jobSpec(tag, options.naming ?? { name: tag }, options.run),
      options.headers,
    );
    return this.record(tag, 'job', 1, r);
  }

  /** POSTs one batch of `items` creates (names `TAG-i` unless `naming(i)` says otherwise). */
  async createBatch(
    items: number,
    naming?: (i: number, tag: string) => { name: string } | { generateName: string },
    options: { idempotencyKey?: string } = {},
  ): Promise<SentRequest> {
    const tag = this.nextTag();
    const body = {
      items: Array.from({ length: items }, (_, i) => ({
        namespace: this.namespace,
        job: jobSpec(tag, naming ? naming(i, tag) : { name: `${tag}-${i}` }),
      })),
    };
    const headers = options.idempotencyKey ? { 'Idempotency-Key': options.idempotencyKey } : undefined;
    const r = await this.client.request('POST', '/v1/batches', body, headers);
    const sent = this.record(tag, 'batch', items, r);
    if (headers) this.retries.set(tag, { body, headers });
    return sent;
  }

  /**
   * Sends a batch again exactly as it was sent the first time — same body, same
   * `Idempotency-Key` — as a client does after a refusal or no answer. The same tag, so the
   * report counts the Jobs of both against one request.
   */
  async retryBatch(first: SentRequest): Promise<SentRequest> {
    const again = this.retries.get(first.tag);
    if (!again) throw new Error(`${first.tag} was not sent with an Idempotency-Key`);
    const r = await this.client.request('POST', '/v1/batches', again.body, again.headers);
    return this.record(first.tag, 'batch', first.items, r);
  }

  private record(
    tag: string,
    kind: 'job' | 'batch',
    items: number,
    r: HttpResult & { startedAt: number },
  ): SentRequest {
    const sent: SentRequest = {
      tag,
      kind,
      items,
      startedAt: r.startedAt,
      answeredAt: Date.now(),
      outcome: outcomeOf(r, kind),
    };
    this.requests.push(sent);
    if (sent.outcome.kind === 'acked')
      for (const id of sent.outcome.operationIds) this.status.set(id, { kind: 'pending' });
    return sent;
  }

  /** DELETE /v1/operations/{id}, recorded. */
  async cancel(operationId: string): Promise<SentCancel> {
    const r = await this.client.request('DELETE', `/v1/operations/${operationId}`);
    const c: SentCancel =
      r.kind === 'no-answer'
        ? { operationId, status: 'none', error: r.error }
        : {
            operationId,
            status: r.status,
            ...((r.body as { error?: { code: string; message: string } })?.error ?? {}),
          };
    this.cancels.push(c);
    return c;
  }

  /** Marks the end of a fault: recovery is measured from here. */
  faultEnded(at = Date.now()): void {
    this.faultEnds.push(at);
  }

  private cancelledIds(): Set<string> {
    return new Set(this.cancels.filter((c) => c.status === 204).map((c) => c.operationId));
  }

  /**
   * Polls every acknowledged operation until it has ended (or is gone: cancelled, lost), then
   * until the queue holds nothing queued or running; gives up at the deadline (what is still
   * pending counts as unfinished).
   */
  async settle(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const pending = [...this.status].filter(([, s]) => s.kind === 'pending').map(([id]) => id);
      for (let i = 0; i < pending.length; i += 16) {
        await Promise.all(pending.slice(i, i + 16).map((id) => this.poll(id)));
      }
      const still = [...this.status.values()].filter((s) => s.kind === 'pending').length;
      if (still === 0 && (await this.queueIdle())) return;
      if (Date.now() > deadline) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  private async poll(id: string): Promise<void> {
    const r = await this.client.request('GET', `/v1/operations/${id}`);
    if (r.kind !== 'answer') return;
    if (r.status === 404) this.status.set(id, { kind: 'gone' });
    else if (r.status === 200) {
      const op = r.body as OperationView;
      if (op.state === 'succeeded' || op.state === 'failed') this.status.set(id, { kind: 'ended', op });
    }
  }

  private async queueIdle(): Promise<boolean> {
    for (const state of ['queued', 'running']) {
      const r = await this.client.request('GET', `/v1/operations?state=${state}&limit=1`);
      if (r.kind !== 'answer' || r.status !== 200) return false;
      if ((r.body as { items: unknown[] }).items.length > 0) return false;
    }
    return true;
  }

  /** Compares the ledger with the Jobs `cluster` holds. Call after {@link Ledger.settle}. */
  async report(cluster: ChaosCluster): Promise<ChaosReport> {
    const jobs = await cluster.listJobs();
    const byOp = new Map<string, ClusterJob[]>();
    const byTag = new Map<string, ClusterJob[]>();
    for (const j of jobs) {
      const op = j.metadata.labels?.[OPERATION_LABEL];
      const tag = j.metadata.labels?.[REQUEST_LABEL];
      if (op) byOp.set(op, [...(byOp.get(op) ?? []), j]);
      if (tag) byTag.set(tag, [...(byTag.get(tag) ?? []), j]);
    }
    const examples: Record<string, string[]> = {};
    const note = (kind: string, text: string) => {
      const list = examples[kind] ?? [];
      examples[kind] = list;
      if (list.length < 10) list.push(text);
    };
    const cancelled = this.cancelledIds();
    const refusals: Record<string, number> = {};
    const failures: Record<string, number> = {};
    let refused = 0;
    let unanswered = 0;
    let tagDuplicates = 0;
    let partialBatches = 0;
    let refusedWithObject = 0;
    // A request retried with its Idempotency-Key is judged by its last attempt: an earlier
    // attempt refused yet committed is what the key is for.
    const lastAttempt = new Map(this.requests.map((r) => [r.tag, r]));
    const counted = new Set<string>();
    for (const r of this.requests) {
      const n = byTag.get(r.tag)?.length ?? 0;
      const o = r.outcome;
      const superseded = lastAttempt.get(r.tag) !== r;
      if (o.kind === 'refused') {
        refused++;
        const k = `${o.status} ${o.code}`;
        refusals[k] = (refusals[k] ?? 0) + 1;
      }
      if (o.kind === 'unknown') unanswered++;
      if (!counted.has(r.tag)) tagDuplicates += Math.max(0, n - r.items);
      counted.add(r.tag);
      if (superseded) continue;
      if (r.kind === 'batch') {
        const acked = o.kind === 'acked';
        if ((acked && o.operationIds.length !== r.items) || (!acked && n > 0 && n < r.items)) {
          partialBatches++;
          note(
            'partialBatches',
            `${r.tag}: ${o.kind} ${acked ? `${o.operationIds.length} ops` : ''}, ${n}/${r.items} Jobs`,
          );
        }
      }
      if (o.kind === 'refused' && n > 0) {
        refusedWithObject++;
        note('refusedWithObject', `${r.tag}: ${o.status} ${o.code} yet ${n} Job(s)`);
      }
    }
    let opDuplicates = 0;
    let succeeded = 0;
    let failed = 0;
    let unfinished = 0;
    let lost = 0;
    let failedWithObject = 0;
    let cancelledWithObject = 0;
    const finishes: number[] = [];
    for (const [id, s] of this.status) {
      const objects = byOp.get(id) ?? [];
      opDuplicates += Math.max(0, objects.length - 1);
      if (objects.length > 1) note('duplicates', `${id}: ${objects.map((j) => j.metadata.name).join(', ')}`);
      if (cancelled.has(id)) {
        if (objects.length > 0) {
          cancelledWithObject++;
          note('cancelledWithObject', `${id}: cancelled (204) yet Job ${objects[0]!.metadata.name} exists`);
        }
        continue;
      }
      if (s.kind === 'pending') {
        unfinished++;
        note('unfinished', id);
      } else if (s.kind === 'gone') {
        if (objects.length === 0) {
          lost++;
          note('lost', `${id}: no operation and no Job`);
        }
      } else if (s.op.state === 'succeeded') {
        succeeded++;
        if (s.op.finishedAt) finishes.push(Date.parse(s.op.finishedAt));
        if (objects.length === 0) {
          lost++;
          note('lost', `${id}: succeeded but its Job ${s.op.target.name} does not exist`);
        }
      } else {
        failed++;
        const code = s.op.error?.code ?? 'none';
        failures[code] = (failures[code] ?? 0) + 1;
        note('failed', `${id} (${s.op.target.name}): ${code}: ${s.op.error?.message ?? ''}`.slice(0, 300));
        if (s.op.finishedAt) finishes.push(Date.parse(s.op.finishedAt));
        if (objects.length > 0) {
          failedWithObject++;
          note('failedWithObject', `${id}: failed ${code} yet Job ${objects[0]!.metadata.name} exists`);
        }
      }
    }
    const succeededAt = [...this.status.values()]
      .flatMap((s) =>
        s.kind === 'ended' && s.op.state === 'succeeded' && s.op.finishedAt
          ? [Date.parse(s.op.finishedAt)]
          : [],
      )
      .sort((a, b) => a - b);
    let recoveryMs: number | undefined;
    const lastFinishAt = finishes.length ? Math.max(...finishes) : undefined;
    for (const end of this.faultEnds) {
      const first = succeededAt.find((t) => t >= end);
      // Nothing left to recover: every operation had ended (and nothing is pending) by then.
      const nothingLeft = unfinished === 0 && (lastFinishAt === undefined || lastFinishAt < end);
      const ms = first !== undefined ? first - end : nothingLeft ? 0 : Number.POSITIVE_INFINITY;
      recoveryMs = Math.max(recoveryMs ?? 0, ms);
    }
    const lastEnd = this.faultEnds.at(-1);
    const drainMs =
      lastEnd !== undefined && lastFinishAt !== undefined ? Math.max(0, lastFinishAt - lastEnd) : undefined;
    return {
      scenario: this.scenario,
      requests: this.requests.length,
      acknowledged: this.status.size,
      refused,
      unanswered,
      succeeded,
      failed,
      unfinished,
      cancelled: cancelled.size,
      cancelsRefused: this.cancels.length - cancelled.size,
      duplicates: Math.max(tagDuplicates, opDuplicates),
      lost,
      failedWithObject,
      partialBatches,
      cancelledWithObject,
      refusedWithObject,
      recoveryMs,
      drainMs,
      examples,
      refusals,
      failures,
    };
  }

  /** The ended operations (for scenario-specific checks). */
  ended(): OperationView[] {
    return [...this.status.values()].flatMap((s) => (s.kind === 'ended' ? [s.op] : []));
  }
}
