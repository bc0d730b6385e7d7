import { afterEach, describe, expect, test } from 'vitest';
import { type AwsEmulator, startAwsEmulator } from '../../src/devcluster/aws/index.js';
import { parseAmzDate } from '../../src/devcluster/aws/sigv4-verify.js';
import { type DevCluster, startDevCluster } from '../../src/devcluster/index.js';
import { type ClusterClient, createClusterClient } from '../../src/shared/cluster/index.js';
import { DEFAULT_REFUSAL_BACKOFF, refusalBackoffMs } from '../../src/shared/cluster/token-cache.js';
import { waitFor } from '../support/wait-for.js';
import { silentLogger, staticCredentials, tokenUrl, USER_KEY } from './support.js';

// A 401 storm against a real ClusterClient: the devcluster answers every request 401 (fault
// injection, after real STS-token verification by the AWS emulator's plug-in) while several
// callers keep calling; then the storm stops. Every bearer token the devcluster receives is
// looked at on arrival, so the X-Amz-Date check is made on what was really sent.

const CLUSTER = 'storm';
const CALLERS = 6;

/** What the devcluster saw of the EKS tokens presented to it. */
interface Observed {
  requests: number;
  tokens: Set<string>;
  /** The largest X-Amz-Date minus the server's clock at arrival, in ms. */
  maxAheadMs: number;
}

async function startCluster(observed: Observed): Promise<{ aws: AwsEmulator; dc: DevCluster }> {
  const aws = await startAwsEmulator({ accessKeys: [USER_KEY] });
  const verify = aws.plugin(CLUSTER);
  const dc = await startDevCluster({
    timeScale: 0.01,
    clusterName: CLUSTER,
    plugins: [
      {
        // Looks at the token, then leaves the verdict to the emulator's real verifier.
        async authenticate(token: string) {
          if (token.startsWith('k8s-aws-v1.')) {
            const date = new URL(tokenUrl(token)).searchParams.get('X-Amz-Date') ?? '';
            observed.requests += 1;
            observed.tokens.add(token);
            observed.maxAheadMs = Math.max(observed.maxAheadMs, parseAmzDate(date) - Date.now());
          }
          return verify.authenticate(token);
        },
      },
    ],
  });
  aws.registerCluster(CLUSTER, { endpoint: dc.url, caPem: dc.caPem });
  return { aws, dc };
}

/**
 * The most presigns a storm of `ms` can cause under `refusalBackoffMs`: the token that worked is
 * replaced at once, then every fresh token is refused and the next mint waits out the backoff.
 * (Refusals come a round trip after the mint, so real mints are sparser than this.)
 */
function presignBound(ms: number): number {
  let mints = 1;
  let at = 0;
  for (let refusals = 2; ; refusals += 1) {
    at += refusalBackoffMs(refusals);
    if (at > ms) return mints;
    mints += 1;
  }
}

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
});

describe('a storm of 401s', () => {
  test.each([
    {
      name: 'the storm ends, the tokens refused during it work again',
      stormMs: 8_000,
      revokeAtEnd: false,
    },
    {
      name: 'the storm ends and every token seen so far is revoked for good',
      stormMs: 12_000,
      revokeAtEnd: true,
    },
  ])('$name ($stormMs ms)', { timeout: 90_000 }, async ({ stormMs, revokeAtEnd }) => {
    const observed: Observed = { requests: 0, tokens: new Set(), maxAheadMs: Number.NEGATIVE_INFINITY };
    const { aws, dc } = await startCluster(observed);
    const client: ClusterClient = createClusterClient(
      { name: CLUSTER, provider: 'eks', region: 'us-west-2' },
      { logger: silentLogger, credentials: staticCredentials(USER_KEY), eksEndpoint: aws.url },
    );
    stops.push(async () => {
      await client.close();
      await dc.stop();
      await aws.stop();
    });
    await client.run((k) => k.core.readNamespace({ name: 'default' }));
    expect(client.stats().presigns).toBe(1);

    // Callers keep calling, each one call at a time with a short pause, until told to stop.
    let running = true;
    let stormEnd = Number.POSITIVE_INFINITY;
    const stormFailures = { n: 0 };
    const recoveredAt: Array<number | undefined> = Array.from({ length: CALLERS }, () => undefined);
    const callers = Array.from({ length: CALLERS }, async (_, i) => {
      while (running) {
        const sentAt = Date.now();
        try {
          await client.run((k) => k.core.readNamespace({ name: 'default' }));
          if (sentAt >= stormEnd) recoveredAt[i] ??= Date.now();
        } catch {
          if (sentAt < stormEnd) stormFailures.n += 1;
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    });

    const requestsBefore = observed.requests;
    const fault = dc.faults.add({ status: 401, message: 'Unauthorized' });
    const stormStart = Date.now();
    const presignsBefore = client.stats().presigns;
    try {
      // The storm lasts stormMs and must really have been felt by the callers.
      await waitFor(() => Date.now() - stormStart >= stormMs && stormFailures.n > CALLERS, {
        timeoutMs: stormMs + 20_000,
        intervalMs: 50,
        message: 'the storm to run its course',
      });
      dc.faults.remove(fault);
      if (revokeAtEnd) dc.revokeTokens({ permanent: true });
      stormEnd = Date.now();
      const stormPresigns = client.stats().presigns - presignsBefore;
      const stormSeconds = (stormEnd - stormStart) / 1000;
      const bound = presignBound(stormEnd - stormStart);
      const label = `[401 storm, revokeAtEnd=${revokeAtEnd}]`;
      console.log(
        `${label} ${stormSeconds.toFixed(1)} s, ${CALLERS} callers: ` +
          `${observed.requests - requestsBefore} requests, ${stormFailures.n} failed calls; ` +
          `presigns ${stormPresigns} (bound ${bound}, ${(stormPresigns / stormSeconds).toFixed(2)}/s); ` +
          `max X-Amz-Date ahead of the server clock ${observed.maxAheadMs} ms`,
      );
      // (a) No token dated after the clock: X-Amz-Date has whole seconds, so it is never ahead.
      expect(observed.maxAheadMs).toBeLessThanOrEqual(1_000);
      // (b) Presigns follow the backoff however many calls failed (+1: slack for a reset by an
      // answer that raced the storm's start).
      expect(stormPresigns).toBeLessThanOrEqual(bound + 1);
      expect(stormFailures.n).toBeGreaterThan(10 * stormPresigns);

      // (c) Every caller gets a success for a call sent after the storm, without a restart, within
      // one full backoff (the cache may hold a refused token until then) and a round trip: far
      // inside a token's 15 minutes.
      const recoveryBoundMs = DEFAULT_REFUSAL_BACKOFF.maxMs + 5_000;
      await waitFor(() => recoveredAt.every((at) => at !== undefined), {
        timeoutMs: recoveryBoundMs + 10_000,
        intervalMs: 20,
        message: 'every caller to succeed again after the storm',
      });
      const firstRecovery = Math.min(...(recoveredAt as number[])) - stormEnd;
      const allRecovered = Math.max(...(recoveredAt as number[])) - stormEnd;
      running = false;
      await Promise.all(callers);
      console.log(
        `${label} after it: first success ${firstRecovery} ms, every caller ${allRecovered} ms ` +
          `(bound ${recoveryBoundMs} ms); presigns in all ${client.stats().presigns}, ` +
          `distinct tokens presented ${observed.tokens.size}, ` +
          `max X-Amz-Date ahead ${observed.maxAheadMs} ms`,
      );
      expect(allRecovered).toBeLessThanOrEqual(recoveryBoundMs);
      expect(observed.maxAheadMs).toBeLessThanOrEqual(1_000);
      expect(aws.counters().rejections).not.toContain('X-Amz-Date is in the future');
    } finally {
      running = false;
      dc.faults.clear();
      await Promise.all(callers);
    }
  });
});
