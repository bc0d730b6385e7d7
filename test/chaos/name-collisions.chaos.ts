import { describe, test } from 'vitest';
import { startDevclusterProcess } from './support/cluster.js';
import { SCALE } from './support/scale.js';
import { runScenario, useChaosCleanup } from './support/scenario.js';
import { startTraffic } from './support/traffic.js';

useChaosCleanup();
const S = SCALE.names;
/**
 * Test mode of the API: suffixes of 2 characters from "ab", so 4 names per prefix. Each prefix
 * is used for 2 Jobs: a collision-free choice always exists, and without handling collisions
 * about one prefix in four collides.
 */
const ALPHABET = 'ab';
const LENGTH = 2;
const DRAWN = new RegExp(`^[gh]\\d+-[${ALPHABET}]{${LENGTH}}$`);

describe('chaos: generated-name collisions', () => {
  test(
    'generateName with a tiny suffix alphabet: no request fails because of a name the service drew',
    async () => {
      await runScenario(
        'name-collisions',
        {
          cluster: () => startDevclusterProcess(),
          stack: {
            apiEnv: {
              EKS_JOBS_TEST_NAME_SUFFIX_ALPHABET: ALPHABET,
              EKS_JOBS_TEST_NAME_SUFFIX_LENGTH: String(LENGTH),
            },
          },
          expect: {
            extra: (report, { ledger }) => {
              const problems = Object.entries(report.refusals).map(
                ([k, n]) => `${n} request(s) refused: ${k}`,
              );
              const names = ledger.ended().map((op) => op.target.name);
              if (!names.some((n) => DRAWN.test(n))) {
                problems.push(
                  `no name has a ${LENGTH}-character suffix of "${ALPHABET}" (e.g. ${names.slice(0, 3).join(', ')}): ` +
                    'the API ignores EKS_JOBS_TEST_NAME_SUFFIX_*, so no collision was forced',
                );
              }
              const made = ledger
                .ended()
                .filter((op) => op.state === 'succeeded')
                .map((op) => op.target.name);
              if (new Set(made).size !== made.length)
                problems.push('two operations succeeded with the same Job name');
              return problems;
            },
          },
        },
        async ({ ledger }) => {
          let i = 0;
          // One single create per prefix g0-, g1-, …
          const singles = startTraffic(() => ledger.createJob({ naming: { generateName: `g${i++}-` } }), {
            maxRequests: S.prefixes,
            paceMs: 0,
          });
          await singles.finished();
          // A batch with one more item per g-prefix (meeting the singles' names), and a batch
          // holding every h-prefix twice (meeting its own items).
          await ledger.createBatch(S.prefixes, (k) => ({ generateName: `g${k}-` }));
          await ledger.createBatch(2 * S.prefixes, (k) => ({ generateName: `h${k % S.prefixes}-` }));
        },
      );
    },
    SCALE.testTimeoutMs,
  );
});
