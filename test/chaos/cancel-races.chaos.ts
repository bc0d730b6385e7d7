import { describe, test } from 'vitest';
import { startDevclusterProcess } from './support/cluster.js';
import { SCALE } from './support/scale.js';
import { runScenario, useChaosCleanup } from './support/scenario.js';
import { pause, startTraffic } from './support/traffic.js';

useChaosCleanup();
const S = SCALE.cancel;
/** What a refused cancel may say: the operation is running or over, or an earlier attempt made its Job. */
const REFUSALS = new Set(['OperationRunning', 'OperationFinished', 'ObjectExists']);

describe('chaos: cancel races', () => {
  test(
    'DELETE /v1/operations/{id} racing the worker: a cancelled create leaves no Job, a refused cancel says why',
    async () => {
      await runScenario(
        'cancel-races',
        {
          cluster: () => startDevclusterProcess(),
          expect: {
            extra: (_report, { ledger }) => {
              const problems: string[] = [];
              const cancelled = ledger.cancels.filter((c) => c.status === 204).length;
              if (cancelled === 0) problems.push('no cancel succeeded: the race was never won by the cancel');
              for (const c of ledger.cancels) {
                if (c.status === 204) continue;
                if (c.status !== 409 || !c.code || !REFUSALS.has(c.code) || !c.message) {
                  if (problems.length < 20) problems.push(`cancel of ${c.operationId}: ${JSON.stringify(c)}`);
                }
              }
              return problems;
            },
          },
        },
        async ({ stack, ledger }) => {
          // Slow creates keep operations running for a while, so cancels meet every state; an
          // occasional 429 pauses the queue for a second, so some cancels meet queued operations
          // whatever the speed of the machine.
          await stack.cluster.addFaults([
            { identity: stack.cluster.serviceIdentity, verb: 'create', resource: 'jobs', latencyMs: 150 },
            {
              identity: stack.cluster.serviceIdentity,
              verb: 'create',
              resource: 'jobs',
              status: 429,
              retryAfterSeconds: 1,
              rate: 0.05,
            },
          ]);
          let n = 0;
          const traffic = startTraffic(
            async () => {
              // Every tenth request a batch of 50, all cancelled at once: the queued tail is
              // cancelled for sure, the head races the workers.
              const batch = ++n % 10 === 0;
              const r = batch ? await ledger.createBatch(50) : await ledger.createJob();
              if (r.outcome.kind !== 'acked') return;
              if (n % 2) await pause(Math.random() * 40);
              await Promise.all(r.outcome.operationIds.map((id) => ledger.cancel(id)));
            },
            { maxRequests: S.creates, clients: 6, paceMs: 10 },
          );
          await traffic.finished();
          await stack.cluster.clearFaults();
        },
      );
    },
    SCALE.testTimeoutMs,
  );
});
