import { describe, test } from 'vitest';
import { startDevclusterProcess } from './support/cluster.js';
import { SCALE } from './support/scale.js';
import { runScenario, useChaosCleanup } from './support/scenario.js';
import { pause, startTraffic } from './support/traffic.js';

useChaosCleanup();
const S = SCALE.killLoop;

describe('chaos: workers', () => {
  test(
    'worker kill -9 loop: every acknowledged create makes exactly one Job',
    async () => {
      let kills = 0;
      await runScenario(
        'worker-kill-loop',
        {
          cluster: () => startDevclusterProcess(),
          expect: { extra: () => (kills > 0 ? [] : ['no worker was killed']) },
        },
        async ({ stack, ledger }) => {
          const traffic = startTraffic(() => ledger.createJob(), {
            maxRequests: S.maxRequests,
            spreadOverMs: S.durationMs + 5000,
          });
          const until = Date.now() + S.durationMs;
          while (Date.now() < until && traffic.sent() < S.maxRequests) {
            await pause(S.everyMs);
            const worker = stack.workers[Math.floor(Math.random() * stack.workers.length)]!;
            await worker.kill();
            kills++;
            await worker.start();
          }
          ledger.faultEnded();
          // Traffic goes on after the last restart, so recovery is measured on new requests too.
          await pause(3000);
          await traffic.stop();
        },
      );
    },
    SCALE.testTimeoutMs,
  );
});
