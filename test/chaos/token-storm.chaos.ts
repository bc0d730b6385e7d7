import { describe, test } from 'vitest';
import { startEksDevcluster } from './support/cluster.js';
import { SCALE } from './support/scale.js';
import { runScenario, useChaosCleanup } from './support/scenario.js';
import { pause, startTraffic } from './support/traffic.js';

useChaosCleanup();
const S = SCALE.storm;
/** An EKS bearer token lives 15 minutes: recovery must come within one lifetime. */
const TOKEN_LIFETIME_MS = 15 * 60_000;

describe('chaos: 401 storm', () => {
  test(
    'every request of the service refused with 401 for a while, its tokens revoked: all creates succeed after',
    async () => {
      await runScenario(
        '401-storm',
        { cluster: () => startEksDevcluster(), expect: { maxRecoveryMs: TOKEN_LIFETIME_MS } },
        async ({ stack, ledger }) => {
          const identity = stack.cluster.serviceIdentity;
          // Before the storm: the service has a cached token that works.
          const warm = await ledger.createJob({ headers: { Prefer: 'wait=30' } });
          if (warm.outcome.kind !== 'acked' || warm.outcome.status !== 201) {
            throw new Error(`a create before the storm did not succeed: ${JSON.stringify(warm.outcome)}`);
          }
          const traffic = startTraffic(() => ledger.createJob(), {
            maxRequests: S.maxRequests,
            spreadOverMs: S.durationMs + 5000,
          });
          await stack.cluster.revokeTokens(identity, true);
          await stack.cluster.addFaults([{ identity, status: 401 }]);
          await pause(S.durationMs);
          // Every token presigned during the storm is dead too: the service must presign a new one.
          await stack.cluster.revokeTokens(identity, true);
          await stack.cluster.clearFaults();
          ledger.faultEnded();
          await pause(5000);
          await traffic.stop();
        },
      );
    },
    SCALE.testTimeoutMs + S.durationMs,
  );
});
