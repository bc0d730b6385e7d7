import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, test } from 'vitest';
import { startDevclusterProcess } from './support/cluster.js';
import { SCALE } from './support/scale.js';
import { runScenario, useChaosCleanup } from './support/scenario.js';
import { pause, startTraffic } from './support/traffic.js';

useChaosCleanup();
const S = SCALE.outage;
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('chaos: cluster outage', () => {
  test(
    'the devcluster stopped, then started again on the same state: every acknowledged create succeeds',
    async () => {
      const stateDir = mkdtempSync(join(tmpdir(), 'eks-jobs-chaos-state-'));
      dirs.push(stateDir);
      let missing: string[] = [];
      await runScenario(
        'cluster-outage',
        {
          cluster: () => startDevclusterProcess({ stateDir }),
          expect: { extra: () => missing },
        },
        async ({ stack, ledger }) => {
          const traffic = startTraffic(() => ledger.createJob(), {
            maxRequests: S.maxRequests,
            spreadOverMs: S.durationMs + 8000,
          });
          await pause(3000);
          const before = await stack.cluster.listJobs();
          await stack.cluster.stop();
          await pause(S.durationMs);
          await stack.cluster.start();
          ledger.faultEnded();
          const after = new Set((await stack.cluster.listJobs()).map((j) => j.metadata.uid));
          missing = before
            .filter((j) => !after.has(j.metadata.uid))
            .slice(0, 10)
            .map((j) => `Job ${j.metadata.name} (${j.metadata.uid}) did not survive the restart`);
          if (before.length === 0)
            missing.push('no Job existed before the outage: nothing showed the state was kept');
          await pause(5000);
          await traffic.stop();
        },
      );
    },
    SCALE.testTimeoutMs + S.durationMs,
  );
});
