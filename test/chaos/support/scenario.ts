/**
 * The frame every chaos scenario shares: start the cluster and the stack, make a namespace,
 * run the scenario's traffic and faults, wait for every acknowledged operation to end, print
 * the one line and assert the promises. Processes are stopped whatever happens.
 */
import { afterEach, expect } from 'vitest';
import type { ChaosCluster } from './cluster.js';
import { createHttpClient, type HttpClient } from './http-client.js';
import { type ChaosReport, Ledger, reportLine } from './ledger.js';
import { SCALE } from './scale.js';
import { type ChaosStack, type ChaosStackOptions, startChaosStack } from './stack.js';

const live = new Set<() => Promise<void>>();

/** Registers the safety net of a chaos file: whatever a scenario left running is killed after it. */
export function useChaosCleanup(): void {
  afterEach(async () => {
    const all = [...live];
    live.clear();
    await Promise.all(all.map((stop) => stop().catch(() => {})));
  });
}

/** What a scenario body gets. */
export interface ScenarioContext {
  stack: ChaosStack;
  ledger: Ledger;
  client: HttpClient;
  namespace: string;
}

/** What must hold at the end, besides 0 lost, 0 duplicates, 0 failed-with-object, 0 partial batches. */
export interface Expectations {
  /** Operations may fail (for good) without breaking a promise. @defaultValue false */
  allowFailed?: boolean;
  /** Recovery after the last fault must be at most this. */
  maxRecoveryMs?: number;
  /** Extra checks of the scenario: return the broken promises. */
  extra?: (report: ChaosReport, ctx: ScenarioContext) => string[] | Promise<string[]>;
}

/** The broken promises of a report. */
export function violations(r: ChaosReport, e: Expectations): string[] {
  const v: string[] = [];
  const zero = (name: keyof ChaosReport) => {
    const n = r[name] as number;
    if (n !== 0)
      v.push(`${name}=${n} (expected 0)${r.examples[name] ? `: ${r.examples[name].join('; ')}` : ''}`);
  };
  if (r.acknowledged === 0) v.push('no request was acknowledged: the scenario tested nothing');
  for (const k of [
    'lost',
    'duplicates',
    'failedWithObject',
    'partialBatches',
    'unfinished',
    'cancelledWithObject',
  ] as const)
    zero(k);
  if (!e.allowFailed) zero('failed');
  if (r.recoveryMs === Number.POSITIVE_INFINITY) v.push('no operation succeeded after the fault ended');
  else if (e.maxRecoveryMs !== undefined && r.recoveryMs !== undefined && r.recoveryMs > e.maxRecoveryMs)
    v.push(`recovery took ${r.recoveryMs} ms (at most ${e.maxRecoveryMs} ms promised)`);
  return v;
}

/**
 * Runs one scenario end to end: `cluster()` starts its cluster, `body` drives traffic and
 * faults. Prints `chaos NAME: …` and fails the test with every broken promise.
 */
export async function runScenario(
  name: string,
  options: {
    cluster: () => Promise<ChaosCluster>;
    stack?: Omit<ChaosStackOptions, 'cluster'>;
    client?: { freshConnections?: boolean };
    expect?: Expectations;
  },
  body: (ctx: ScenarioContext) => Promise<void>,
): Promise<ChaosReport> {
  const cluster = await options.cluster();
  live.add(() => cluster.close());
  const stack = await startChaosStack({ ...options.stack, cluster });
  const stop = () => stack.stop();
  live.add(stop);
  const client = createHttpClient({ baseUrl: stack.url, key: stack.key, ...options.client });
  try {
    const namespace = `chaos-${name}`.slice(0, 63);
    await cluster.createNamespace(namespace);
    const ledger = new Ledger(name, client, namespace);
    const ctx = { stack, ledger, client, namespace };
    await body(ctx);
    await ledger.settle(SCALE.drainTimeoutMs);
    const report = await ledger.report(cluster);
    const line = reportLine(report);
    console.log(line);
    if (process.env.CHAOS_VERBOSE)
      console.log(
        JSON.stringify({ refusals: report.refusals, failures: report.failures, examples: report.examples }),
      );
    const broken = [
      ...violations(report, options.expect ?? {}),
      ...((await options.expect?.extra?.(report, ctx)) ?? []),
    ];
    const detail = [
      line,
      `refusals: ${JSON.stringify(report.refusals)}`,
      `failures: ${JSON.stringify(report.failures)}`,
      ...(report.examples.failed ? [`failed e.g.: ${report.examples.failed.slice(0, 3).join('; ')}`] : []),
    ].join('\n');
    expect(broken, detail).toEqual([]);
    return report;
  } catch (err) {
    if (err instanceof Error && !/expected \[/.test(err.message)) {
      err.message += `\n${stack.logs()}`;
    }
    throw err;
  } finally {
    client.close();
    live.delete(stop);
    await stop();
  }
}
