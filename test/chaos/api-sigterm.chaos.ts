import { describe, test } from 'vitest';
import { startDevclusterProcess } from './support/cluster.js';
import { SCALE } from './support/scale.js';
import { runScenario, useChaosCleanup } from './support/scenario.js';
import { pause, startTraffic } from './support/traffic.js';

useChaosCleanup();
const S = SCALE.sigterm;
/** SHUTDOWN_TIMEOUT of the stack (10 s) and some room to exit. */
const EXIT_WITHIN_MS = 12_000;
/**
 * A connection the kernel completed shortly before SIGTERM may still sit in the listen backlog
 * when the server closes; only requests connected earlier than this count as in flight.
 */
const BACKLOG_GRACE_MS = 200;

describe('chaos: SIGTERM of the API', () => {
  test(
    'under continuous traffic: requests in flight are answered, the API exits 0, nothing acknowledged is lost',
    async () => {
      const problems: string[] = [];
      await runScenario(
        'api-sigterm',
        {
          cluster: () => startDevclusterProcess(),
          client: { freshConnections: true },
          expect: { extra: () => problems },
        },
        async ({ stack, ledger }) => {
          let n = 0;
          // Half the requests hold their answer with Prefer: wait, so some are always in flight.
          const traffic = startTraffic(
            async () => {
              const r = await ledger.createJob(n++ % 2 ? { headers: { Prefer: 'wait=2' } } : {});
              // While the API is down, a client retries a refused connection a little later.
              if (r.outcome.kind === 'refused' && r.outcome.status === 0) await pause(200);
            },
            { maxRequests: S.maxRequests, clients: 6, paceMs: 20 },
          );
          const terms: number[] = [];
          for (let round = 0; round < S.rounds; round++) {
            await pause(3000);
            terms.push(Date.now());
            const { code, ms } = await stack.api.terminate(EXIT_WITHIN_MS);
            if (code !== 0) problems.push(`round ${round}: the API exited with ${code} after SIGTERM`);
            if (ms > EXIT_WITHIN_MS) problems.push(`round ${round}: the API took ${ms} ms to exit`);
            await stack.api.start();
            ledger.faultEnded();
          }
          await pause(3000);
          await traffic.stop();
          for (const r of ledger.requests) {
            const o = r.outcome;
            if (o.kind !== 'unknown' || o.connectedAt === undefined) continue;
            // The shutdown that cut it: the last SIGTERM sent before the client saw the error. A
            // request connected after that SIGTERM sat in the listen backlog as the server closed.
            const term = terms.findLast((t) => t <= o.failedAt);
            if (term !== undefined && o.connectedAt < term - BACKLOG_GRACE_MS && problems.length < 20) {
              problems.push(
                `${r.tag}: connected ${term - o.connectedAt} ms before SIGTERM, got no answer ` +
                  `${o.failedAt - term} ms after it (${o.error})`,
              );
            }
          }
        },
      );
    },
    SCALE.testTimeoutMs,
  );
});
