import { describe, test } from 'vitest';
import { startDevclusterProcess } from './support/cluster.js';
import { SCALE } from './support/scale.js';
import { runScenario, useChaosCleanup } from './support/scenario.js';
import { pause, startTraffic } from './support/traffic.js';

useChaosCleanup();
const S = SCALE.apiFaults;

describe('chaos: Kubernetes API server faults', () => {
  test(
    '503, 429 + Retry-After, resets before and after commit, latency: every create succeeds once',
    async () => {
      let unfired: string[] = [];
      await runScenario(
        'api-server-faults',
        { cluster: () => startDevclusterProcess(), expect: { extra: () => unfired } },
        async ({ stack, ledger }) => {
          const identity = stack.cluster.serviceIdentity;
          const onCreate = { identity, verb: 'create' as const, resource: 'jobs' };
          await stack.cluster.addFaults([
            { ...onCreate, status: 503, rate: 0.15 },
            { ...onCreate, status: 429, retryAfterSeconds: 1, rate: 0.15 },
            { ...onCreate, reset: 'before', rate: 0.1 },
            // The Job is stored, the answer never arrives: the retry must recognise its own Job.
            { ...onCreate, reset: 'after', rate: 0.1 },
            { identity, resource: 'jobs', latencyMs: 300, rate: 0.3 },
            { identity, verb: 'get', resource: 'jobs', status: 503, rate: 0.2 },
          ]);
          const traffic = startTraffic(() => ledger.createJob(), {
            maxRequests: S.maxRequests,
            spreadOverMs: S.durationMs,
          });
          await pause(S.durationMs);
          await traffic.stop();
          const rules = await stack.cluster.listFaults();
          unfired = rules
            .filter((r) => r.fired === 0 && r.verb === 'create')
            .map((r) => `fault ${JSON.stringify(r)} never fired`);
          await stack.cluster.clearFaults();
          ledger.faultEnded();
        },
      );
    },
    SCALE.testTimeoutMs,
  );
});
