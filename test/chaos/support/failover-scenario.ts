/**
 * The frame of the Redis failover scenarios (issue 18, acceptance 3): a replicated topology, the
 * API and two workers as processes on it, well-behaved clients submitting creates (an
 * `Idempotency-Key` each, 503s and lost connections retried with it), and — once part of them
 * are sent — kill -9 of the master holding the queue's slot. The service must follow the
 * promoted replica without a restart; then every acknowledged operation is drained and compared
 * with the Jobs the devcluster holds, as the other chaos scenarios do (ledger.ts).
 *
 * It prints the ledger's line and a second one with the failover's figures:
 * `chaos NAME failover: waitReplicas=… killed=… promoted=…s writesBack=…s 503s=… (…) …`.
 * With `promises: 'assert'` every promise of scenario.ts is asserted (0 lost, 0 duplicated, …);
 * with `'report'` (no `WAIT`: a loss is expected, its size is what is measured) only that the run
 * happened: something acknowledged, the kill done, no process restarted, nothing left unfinished.
 */
import { afterEach, expect } from 'vitest';
import { waitFor } from '../../support/wait-for.js';
import { startDevclusterProcess } from './cluster.js';
import { createHttpClient } from './http-client.js';
import { type ChaosReport, Ledger, reportLine } from './ledger.js';
import { createRetryingClient } from './retrying-client.js';
import { SCALE } from './scale.js';
import { violations } from './scenario.js';
import { startTopologyChaosStack } from './topology-stack.js';
import { startTraffic } from './traffic.js';

/**
 * Counts of the failover scenarios, by CHAOS_SCALE (scale.ts holds the other scenarios'):
 * `full` is the issue's 1,000 creates; `ci` keeps each scenario within about a minute on two cores.
 */
export const FAILOVER = {
  ci: { creates: 200, spreadOverMs: 6_000 },
  full: { creates: 1_000, spreadOverMs: 20_000 },
}[SCALE.name];

/** The kill is sent once this share of the creates has been sent: mid-submission and mid-drain. */
const KILL_AFTER = 0.4;

/** A replicated Redis topology a scenario breaks: what the processes connect to, and the fault. */
export interface FailoverTopology {
  /** `REDIS_CLUSTER_NODES`, or `REDIS_SENTINELS` and `REDIS_SENTINEL_NAME`. */
  env: Record<string, string>;
  /** kill -9 of the master holding the queue's slot; resolves with its address once it has exited. */
  killQueueMaster(): Promise<string>;
  /** Resolves once Redis names another master for the queue's slot. */
  promoted(): Promise<void>;
  /** What operations do after a promotion (a restart of the dead node, …); resolves once the topology is whole. */
  heal(): Promise<void>;
  stop(): Promise<void>;
}

/** Options of {@link runFailoverScenario}. */
export interface FailoverScenarioOptions {
  topology: () => Promise<FailoverTopology>;
  /** `REDIS_WAIT_REPLICAS` of the processes. */
  waitReplicas: number;
  /** Assert every promise of the chaos suite, or only report the counts. */
  promises: 'assert' | 'report';
}

/** What a failover run measured, besides the ledger's report. */
export interface FailoverFigures {
  killed: string;
  /** From the kill to Redis naming another master (as the harness sees it). */
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
  /** Requests that needed more than one attempt. */
  retried: number;
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

/** The second line of a failover scenario. */
export function failoverLine(name: string, waitReplicas: number, r: ChaosReport, f: FailoverFigures): string {
  const total503 = Object.values(f.refused503).reduce((a, b) => a + b, 0);
  const byCode = Object.entries(f.refused503)
    .map(([code, n]) => `${code}=${n}`)
    .join(' ');
  return (
    `chaos ${name} failover: waitReplicas=${waitReplicas} killed=${f.killed} promoted=${seconds(f.promotedMs)} ` +
    `healed=${seconds(f.healedMs)} writesBack=${seconds(f.writesBackMs)} workerBack=${seconds(f.workerBackMs)} 503s=${total503}${byCode ? ` (${byCode})` : ''} ` +
    `noAnswer=${f.noAnswer} retried=${f.retried} acknowledged=${r.acknowledged} lost=${r.lost} duplicates=${r.duplicates} ` +
    `failed=${r.failed} refusedWithObject=${r.refusedWithObject}`
  );
}

/** Runs one failover scenario end to end; prints its two lines and fails with every broken promise. */
export async function runFailoverScenario(
  name: string,
  options: FailoverScenarioOptions,
): Promise<{ report: ChaosReport; figures: FailoverFigures }> {
  const cluster = await startDevclusterProcess();
  live.add(() => cluster.close());
  const topology = await options.topology();
  live.add(() => topology.stop());
  const stack = await startTopologyChaosStack({
    cluster,
    redisEnv: topology.env,
    env: { REDIS_WAIT_REPLICAS: String(options.waitReplicas) },
  });
  live.add(() => stack.stop());
  const inner = createHttpClient({ baseUrl: stack.url, key: stack.key });
  const client = createRetryingClient(inner, { retryForMs: SCALE.drainTimeoutMs });
  try {
    const namespace = `chaos-${name}`.slice(0, 63);
    await cluster.createNamespace(namespace);
    const ledger = new Ledger(name, client, namespace);
    const traffic = startTraffic(() => ledger.createJob(), {
      maxRequests: FAILOVER.creates,
      spreadOverMs: FAILOVER.spreadOverMs,
      clients: 8,
    });
    // Paced by the traffic, not the clock: the kill lands mid-run however fast this machine is.
    await waitFor(() => traffic.sent() >= FAILOVER.creates * KILL_AFTER, {
      timeoutMs: SCALE.drainTimeoutMs,
      intervalMs: 10,
      message: 'the traffic to reach the kill point',
    });
    const killedAt = Date.now();
    const killed = await topology.killQueueMaster();
    await topology.promoted();
    const promotedMs = Date.now() - killedAt;
    await topology.heal();
    const healedMs = Date.now() - killedAt;
    ledger.faultEnded();
    await traffic.finished();
    await ledger.settle(SCALE.drainTimeoutMs);
    const report = await ledger.report(cluster);

    const attempts = client.attempts();
    const refused503: Record<string, number> = {};
    for (const a of attempts.filter((a) => a.status === 503))
      refused503[a.code ?? 'none'] = (refused503[a.code ?? 'none'] ?? 0) + 1;
    const back = attempts
      .filter((a) => a.startedAt >= killedAt && a.status >= 200 && a.status < 300)
      .map((a) => a.answeredAt);
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
    };
    const line = reportLine(report);
    const second = failoverLine(name, options.waitReplicas, report, figures);
    console.log(`${line}\n${second}`);
    if (process.env.CHAOS_VERBOSE)
      console.log(
        JSON.stringify({ refusals: report.refusals, failures: report.failures, examples: report.examples }),
      );

    const broken =
      options.promises === 'assert'
        ? violations(report, {})
        : [
            ...(report.acknowledged === 0
              ? ['no request was acknowledged: the scenario tested nothing']
              : []),
            ...(report.unfinished > 0 ? [`unfinished=${report.unfinished} (expected 0)`] : []),
          ];
    if (figures.writesBackMs === undefined) broken.push('no create was acknowledged after the kill');
    // Following the new master is the service's job: nothing here restarts a process.
    broken.push(...stack.exited());
    const detail = [
      line,
      second,
      `refusals: ${JSON.stringify(report.refusals)}`,
      `failures: ${JSON.stringify(report.failures)}`,
      `examples: ${JSON.stringify(report.examples)}`,
    ].join('\n');
    expect(broken, detail).toEqual([]);
    return { report, figures };
  } catch (err) {
    if (err instanceof Error && !/expected \[/.test(err.message)) err.message += `\n${stack.logs()}`;
    throw err;
  } finally {
    client.close();
    await stack.stop();
    await topology.stop();
    await cluster.close();
  }
}
