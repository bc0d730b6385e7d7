/**
 * The frame of the Redis failover scenarios (issue 18, acceptance 3): a replicated topology, the
 * API and two workers as processes on it, and rounds of traffic from well-behaved clients (an
 * `Idempotency-Key` on every create; 503s and lost connections retried with it) during which,
 * once part of the creates are sent, the master holding the queue's slot is kill -9'd. The
 * service must follow the promoted replica without a restart; each round then drains every
 * acknowledged operation and compares them with the Jobs of its namespace, as the other chaos
 * scenarios do (ledger.ts).
 *
 * Two faults:
 * - `kill`: kill -9 of the master alone, a process crash. On one machine the kernel still
 *   delivers most of what the master had written to its replication sockets (a socket closed
 *   with unread input is reset, though, and loses its queue), so replicas miss at most its last
 *   writes.
 * - `partition`: the master is cut off its replicas first (isolateQueueMaster), answers clients
 *   for `PARTITION_MS` more, then is killed: a partition followed by the loss of the master's
 *   host, the case Redis' asynchronous replication loses writes in. Its creates use
 *   `generateName`, so a request whose Job is made twice shows as two Jobs.
 *
 * Each round prints the ledger's line and a second one with the failover's figures:
 * `chaos NAME failover: waitReplicas=… killed=… promoted=…s writesBack=…s 503s=… (…) …`.
 * `promises: 'assert'` asserts what REDIS_WAIT_REPLICAS promises: no acknowledged operation lost
 * or gone (its record missing, Job or not), no operation with two Jobs, none failed, none
 * unfinished — and that a retry of a request whose first, unacknowledged attempt ran before the
 * failover lost its record makes neither a second Job (`requestDuplicates`) nor an operation
 * failed `AlreadyExists` over its own Job (`retryConflicts`): the operation id is derived from
 * the `Idempotency-Key`, so the retry is the same operation and meets its own Job.
 * `'report'` (no WAIT: a loss is what is measured) asserts only that the round ran: something
 * acknowledged, and acknowledged again after the kill, nothing unfinished. In every round no
 * process may exit: nothing restarts them.
 */
import { afterEach, expect } from 'vitest';
import { waitFor } from '../../support/wait-for.js';
import { type ChaosCluster, type ClusterJob, startDevclusterProcess } from './cluster.js';
import { createHttpClient } from './http-client.js';
import { type ChaosReport, Ledger, REQUEST_LABEL, reportLine } from './ledger.js';
import { createRetryingClient, type RetryingClient } from './retrying-client.js';
import { SCALE } from './scale.js';
import { violations } from './scenario.js';
import { startTopologyChaosStack } from './topology-stack.js';
import { pause, startTraffic } from './traffic.js';

/**
 * Counts of the failover scenarios' rounds, by CHAOS_SCALE (scale.ts holds the other scenarios'):
 * `full` is the issue's 1,000 creates; `ci` keeps each scenario within about a minute on two cores.
 */
export const FAILOVER = {
  ci: { creates: 150, spreadOverMs: 5_000 },
  full: { creates: 1_000, spreadOverMs: 20_000 },
}[SCALE.name];

/** The fault is started once this share of a round's creates has been sent: mid-submission and mid-drain. */
const FAULT_AFTER = 0.4;
/** How long a partitioned master goes on answering before it dies: a few dozen creates at these rates. */
const PARTITION_MS = 500;
const OPERATION_LABEL = 'eks-jobs/operation';

/** A replicated Redis topology a scenario breaks: what the processes connect to, and the faults. */
export interface FailoverTopology {
  /** `REDIS_CLUSTER_NODES`, or `REDIS_SENTINELS` and `REDIS_SENTINEL_NAME`. */
  env: Record<string, string>;
  /**
   * Cuts the queue's master off its replicas as a partition would: SIGSTOP of each replica, then
   * `CLIENT KILL TYPE replica` on the master, which goes on answering clients while nothing it
   * writes reaches a replica. {@link FailoverTopology.killQueueMaster} resumes them.
   */
  isolateQueueMaster(): Promise<void>;
  /**
   * kill -9 of the master holding the queue's slot (then SIGCONT of the replicas an isolation
   * stopped); resolves with its address once it has exited.
   */
  killQueueMaster(): Promise<string>;
  /** Resolves once Redis names another master for the queue's slot. */
  promoted(): Promise<void>;
  /** What operations do after a promotion (a restart of the dead node, …); resolves once the topology is whole. */
  heal(): Promise<void>;
  stop(): Promise<void>;
}

/** One round of traffic and one fault. */
export interface FailoverRound {
  /** Scenario name in the printed lines (and the round's namespace). */
  name: string;
  fault: 'kill' | 'partition';
  /** Assert what REDIS_WAIT_REPLICAS promises, or only report the counts. */
  promises: 'assert' | 'report';
}

/** Options of {@link runFailoverScenario}. */
export interface FailoverScenarioOptions {
  topology: () => Promise<FailoverTopology>;
  /** `REDIS_WAIT_REPLICAS` of the processes. */
  waitReplicas: number;
  /** Run one after the other on the same topology and processes (each starts once the previous healed). */
  rounds: FailoverRound[];
}

/** What a round measured, besides the ledger's report. */
export interface FailoverFigures {
  killed: string;
  /** From the kill (the old master has exited) to Redis naming another master (as the harness sees it). */
  promotedMs: number;
  /** From the kill to the topology being whole again ({@link FailoverTopology.heal}). */
  healedMs: number;
  /** From the kill to the first 2xx answered to an attempt sent after it: the outage as clients see it. */
  writesBackMs: number | undefined;
  /** From the kill to the first operation a worker finished after it: the outage as the workers see it. */
  workerBackMs: number | undefined;
  /** Attempts answered 503, by error code. */
  refused503: Record<string, number>;
  /** Attempts without an answer (a connection error or timeout). */
  noAnswer: number;
  /** Attempts beyond each request's first. */
  retried: number;
  /** The longest a client waited for its 2xx, retries included: a request the failover held or refused. */
  worstAckMs: number | undefined;
  /** The longest one attempt waited for its answer: how long the API held a request instead of refusing it. */
  slowestAttemptMs: number;
  /** Median and 99th percentile of the 2xx answers' latency before the fault: what confirming costs each request. */
  ackBeforeFault: { p50Ms: number; p99Ms: number } | undefined;
  /** Acknowledged operations whose record is gone (404) after the failover; `lost` counts those without a Job. */
  gone: number;
  /** Operations with more than one Job. */
  operationDuplicates: number;
  /** Requests (one Idempotency-Key each) with more than one Job. */
  requestDuplicates: number;
  /**
   * Acknowledged operations that failed `AlreadyExists` because their request's Job exists,
   * made by an operation the client was never given: an earlier attempt of the same request that
   * a worker ran before the failover lost its record (docs/scaling.md).
   */
  retryConflicts: number;
  /**
   * Operations whose create met their own Job, made by an earlier run: among them the requests
   * whose first attempt ran before the failover lost its record, and that a retry made again.
   */
  replayedCreates: number;
}

const live = new Set<() => Promise<void>>();

/** Registers the safety net of a failover file: whatever a scenario left running is killed after it. */
export function useFailoverCleanup(): void {
  afterEach(async () => {
    const all = [...live];
    live.clear();
    await Promise.all(all.map((stop) => stop().catch(() => {})));
  });
}

function seconds(ms: number | undefined): string {
  return ms === undefined ? 'never' : `${(ms / 1000).toFixed(1)}s`;
}

/** The second line of a round. */
export function failoverLine(name: string, waitReplicas: number, r: ChaosReport, f: FailoverFigures): string {
  const total503 = Object.values(f.refused503).reduce((a, b) => a + b, 0);
  const byCode = Object.entries(f.refused503)
    .map(([code, n]) => `${code}=${n}`)
    .join(' ');
  const latency = f.ackBeforeFault ? `${f.ackBeforeFault.p50Ms}/${f.ackBeforeFault.p99Ms}ms` : 'none';
  return (
    `chaos ${name} failover: waitReplicas=${waitReplicas} killed=${f.killed} ` +
    `promoted=${seconds(f.promotedMs)} healed=${seconds(f.healedMs)} writesBack=${seconds(f.writesBackMs)} ` +
    `workerBack=${seconds(f.workerBackMs)} 503s=${total503}${byCode ? ` (${byCode})` : ''} ` +
    `noAnswer=${f.noAnswer} retried=${f.retried} ackP50/P99=${latency} worstAck=${seconds(f.worstAckMs)} ` +
    `slowestAttempt=${seconds(f.slowestAttemptMs)} ` +
    `acknowledged=${r.acknowledged} lost=${r.lost} gone=${f.gone} ` +
    `duplicates=${f.operationDuplicates} requestDuplicates=${f.requestDuplicates} ` +
    `retryConflicts=${f.retryConflicts} replayedCreates=${f.replayedCreates} failed=${r.failed}` +
    `${Object.keys(r.failures).length ? ` (${JSON.stringify(r.failures)})` : ''} refusedWithObject=${r.refusedWithObject}`
  );
}

/** The devcluster seen through one namespace, so a round's ledger counts only its own Jobs. */
function onlyNamespace(cluster: ChaosCluster, namespace: string): ChaosCluster {
  return {
    ...cluster,
    listJobs: async () => (await cluster.listJobs()).filter((j) => j.metadata.namespace === namespace),
  };
}

async function runRound(
  round: FailoverRound,
  ctx: { cluster: ChaosCluster; topology: FailoverTopology; client: RetryingClient },
): Promise<{ report: ChaosReport; figures: FailoverFigures }> {
  const { topology, client } = ctx;
  const namespace = `chaos-${round.name}`.slice(0, 63);
  const cluster = onlyNamespace(ctx.cluster, namespace);
  await cluster.createNamespace(namespace);
  const ledger = new Ledger(round.name, client, namespace);
  const naming = round.fault === 'partition' ? { naming: { generateName: 'failover-' } } : {};
  const roundAt = Date.now();
  const traffic = startTraffic(() => ledger.createJob(naming), {
    maxRequests: FAILOVER.creates,
    spreadOverMs: FAILOVER.spreadOverMs,
    clients: 8,
  });
  // Paced by the traffic, not the clock: the fault lands mid-run however fast this machine is.
  await waitFor(() => traffic.sent() >= FAILOVER.creates * FAULT_AFTER, {
    timeoutMs: SCALE.drainTimeoutMs,
    intervalMs: 10,
    message: 'the traffic to reach the fault',
  });
  const faultAt = Date.now();
  if (round.fault === 'partition') {
    await topology.isolateQueueMaster();
    await pause(PARTITION_MS);
  }
  const killed = await topology.killQueueMaster();
  // From its exit: whatever is acknowledged after this was written to the promoted replica.
  const killedAt = Date.now();
  await topology.promoted();
  const promotedMs = Date.now() - killedAt;
  await topology.heal();
  const healedMs = Date.now() - killedAt;
  ledger.faultEnded();
  await traffic.finished();
  await ledger.settle(SCALE.drainTimeoutMs);
  const report = await ledger.report(cluster);

  const jobs = await cluster.listJobs();
  const count = (label: string) => {
    const n = new Map<string, number>();
    for (const j of jobs) {
      const v = j.metadata.labels?.[label];
      if (v) n.set(v, (n.get(v) ?? 0) + 1);
    }
    return [...n.values()].filter((k) => k > 1).length;
  };
  const attempts = client.attempts().filter((a) => a.startedAt >= roundAt);
  const ok = (status: number) => status >= 200 && status < 300;
  const refused503: Record<string, number> = {};
  for (const a of attempts.filter((a) => a.status === 503))
    refused503[a.code ?? 'none'] = (refused503[a.code ?? 'none'] ?? 0) + 1;
  const back = attempts.filter((a) => a.startedAt >= killedAt && ok(a.status)).map((a) => a.answeredAt);
  const steady = attempts
    .filter((a) => a.answeredAt < faultAt && ok(a.status))
    .map((a) => a.answeredAt - a.startedAt)
    .sort((a, b) => a - b);
  const percentile = (p: number) => steady[Math.min(steady.length - 1, Math.floor(steady.length * p))]!;
  const acked = ledger.requests
    .filter((r) => r.outcome.kind === 'acked')
    .map((r) => r.answeredAt - r.startedAt);
  const finished = ledger
    .ended()
    .flatMap((op) => (op.finishedAt ? [Date.parse(op.finishedAt)] : []))
    .filter((t) => t >= killedAt);
  const figures: FailoverFigures = {
    killed,
    promotedMs,
    healedMs,
    writesBackMs: back.length ? Math.min(...back) - killedAt : undefined,
    workerBackMs: finished.length ? Math.min(...finished) - killedAt : undefined,
    refused503,
    noAnswer: attempts.filter((a) => a.status === 0).length,
    retried: attempts.length - ledger.requests.length,
    worstAckMs: acked.length ? Math.max(...acked) : undefined,
    slowestAttemptMs: Math.max(0, ...attempts.map((a) => a.answeredAt - a.startedAt)),
    ackBeforeFault: steady.length ? { p50Ms: percentile(0.5), p99Ms: percentile(0.99) } : undefined,
    // Nothing is cancelled here: an acknowledged operation either ended, is unfinished, or is gone.
    gone: report.acknowledged - report.succeeded - report.failed - report.unfinished,
    operationDuplicates: count(OPERATION_LABEL),
    requestDuplicates: count(REQUEST_LABEL),
    retryConflicts: retryConflicts(ledger, jobs),
    replayedCreates: ledger.ended().filter((op) => op.result?.replayed === true).length,
  };
  return { report, figures };
}

/** {@link FailoverFigures.retryConflicts}: the Job of the failed operation's name belongs to its request, not to it. */
function retryConflicts(ledger: Ledger, jobs: ClusterJob[]): number {
  const acknowledged = new Set(
    ledger.requests.flatMap((r) => (r.outcome.kind === 'acked' ? r.outcome.operationIds : [])),
  );
  const requestOf = new Map(
    ledger.requests.flatMap((r) =>
      (r.outcome.kind === 'acked' ? r.outcome.operationIds : []).map((id) => [id, r.tag]),
    ),
  );
  return ledger
    .ended()
    .filter((op) => op.state === 'failed' && op.error?.code === 'AlreadyExists')
    .filter((op) => {
      const job = jobs.find((j) => j.metadata.name === op.target.name);
      const madeBy = job?.metadata.labels?.[OPERATION_LABEL];
      return (
        job?.metadata.labels?.[REQUEST_LABEL] === requestOf.get(op.id) &&
        madeBy !== undefined &&
        madeBy !== op.id &&
        !acknowledged.has(madeBy)
      );
    }).length;
}

/** The promises a round broke. */
function brokenPromises(round: FailoverRound, r: ChaosReport, f: FailoverFigures): string[] {
  const broken: string[] = [];
  if (round.promises === 'assert') {
    broken.push(...violations({ ...r, duplicates: f.operationDuplicates }, {}));
    if (f.gone > 0) broken.push(`gone=${f.gone} (expected 0)`);
    // A retry after the failover lost its first attempt's record: the same operation again.
    if (f.requestDuplicates > 0) broken.push(`requestDuplicates=${f.requestDuplicates} (expected 0)`);
    if (f.retryConflicts > 0) broken.push(`retryConflicts=${f.retryConflicts} (expected 0)`);
  } else {
    if (r.acknowledged === 0) broken.push('no request was acknowledged: the scenario tested nothing');
    if (r.unfinished > 0) broken.push(`unfinished=${r.unfinished} (expected 0)`);
  }
  if (f.writesBackMs === undefined) broken.push('no create was acknowledged after the kill');
  return broken;
}

/** Runs a failover scenario's rounds; prints two lines a round and fails with every broken promise. */
export async function runFailoverScenario(
  options: FailoverScenarioOptions,
): Promise<Array<{ report: ChaosReport; figures: FailoverFigures }>> {
  // Stopped in reverse order: the processes, then Redis, then the devcluster.
  const owned: Array<() => Promise<void>> = [];
  const own = (stop: () => Promise<void>) => {
    owned.unshift(stop);
    live.add(stop);
  };
  const cluster = await startDevclusterProcess();
  own(() => cluster.close());
  const topology = await options.topology();
  own(() => topology.stop());
  const stack = await startTopologyChaosStack({
    cluster,
    redisEnv: topology.env,
    env: { REDIS_WAIT_REPLICAS: String(options.waitReplicas) },
  });
  own(() => stack.stop());
  const client = createRetryingClient(createHttpClient({ baseUrl: stack.url, key: stack.key }), {
    retryForMs: SCALE.drainTimeoutMs,
  });
  try {
    const results = [];
    const broken: string[] = [];
    const details: string[] = [];
    for (const round of options.rounds) {
      const { report, figures } = await runRound(round, { cluster, topology, client });
      const lines = `${reportLine(report)}\n${failoverLine(round.name, options.waitReplicas, report, figures)}`;
      console.log(lines);
      if (process.env.CHAOS_VERBOSE)
        console.log(
          JSON.stringify({ refusals: report.refusals, failures: report.failures, examples: report.examples }),
        );
      broken.push(...brokenPromises(round, report, figures).map((b) => `${round.name}: ${b}`));
      details.push(lines, `examples: ${JSON.stringify(report.examples)}`);
      results.push({ report, figures });
    }
    // Following the new master is the service's job: nothing here restarts a process.
    broken.push(...stack.exited());
    expect(broken, details.join('\n')).toEqual([]);
    return results;
  } catch (err) {
    if (err instanceof Error && !/expected \[/.test(err.message)) err.message += `\n${stack.logs()}`;
    throw err;
  } finally {
    client.close();
    for (const stop of owned) {
      live.delete(stop);
      await stop();
    }
  }
}
