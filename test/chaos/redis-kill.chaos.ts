import { describe, test } from 'vitest';
import { waitForHttp } from '../support/process.js';
import { startDevclusterProcess } from './support/cluster.js';
import { watchRedis } from './support/redis-watch.js';
import { SCALE } from './support/scale.js';
import { runScenario, useChaosCleanup } from './support/scenario.js';
import { pause, startTraffic } from './support/traffic.js';

const KILL_POINTS = ['first', 'middle', 'last', 'after-adds', 'timed'] as const;

useChaosCleanup();

describe('chaos: Redis kill -9 with appendfsync always', () => {
  test(
    'mid-stream of single creates: no acknowledged operation is lost or doubled',
    async () => {
      const S = SCALE.redisStream;
      let kills = 0;
      await runScenario(
        'redis-kill-stream',
        {
          cluster: () => startDevclusterProcess(),
          expect: { extra: () => (kills === S.kills ? [] : [`Redis was killed ${kills} times`]) },
        },
        async ({ stack, ledger }) => {
          const traffic = startTraffic(() => ledger.createJob(), {
            maxRequests: S.maxRequests,
            spreadOverMs: S.kills * (2500 + S.downMs) + 2000,
          });
          for (let i = 0; i < S.kills && traffic.sent() < S.maxRequests; i++) {
            await pause(1500 + Math.random() * 1000);
            await stack.redis.kill();
            kills++;
            await pause(S.downMs);
            await stack.redis.start();
            ledger.faultEnded();
          }
          // Traffic goes on after the last restart, so recovery is measured on new requests too.
          await pause(2000);
          await traffic.stop();
        },
      );
    },
    SCALE.testTimeoutMs,
  );

  test(
    'mid-batch: a batch is acknowledged whole or not at all, never partly committed',
    async () => {
      const S = SCALE.redisBatch;
      const cuts: string[] = [];
      await runScenario(
        'redis-kill-batch',
        {
          cluster: () => startDevclusterProcess(),
          expect: {
            extra: () =>
              cuts.some((c) => c.endsWith('hit'))
                ? []
                : [`Redis was never killed mid-batch: ${cuts.join(', ')}`],
          },
        },
        async ({ stack, ledger }) => {
          const first = await ledger.createBatch(S.items);
          const took = first.answeredAt - first.startedAt;
          for (let i = 0; i < S.batches; i++) {
            // Kill points: at the first, middle or last job the API adds for the batch, at its
            // first command after the last add (the batch record), or at a time spread over the
            // request. MONITOR shows an add as a client's EVAL/EVALSHA whose script's first call is INCR.
            const point = KILL_POINTS[i % KILL_POINTS.length]!;
            const killAt = { first: 1, middle: Math.ceil(S.items / 2), last: S.items }[point as string];
            let killing: Promise<void> | undefined;
            const kill = () => {
              killing ??= stack.redis.kill();
            };
            let lastClient = '';
            let lastCommand = '';
            let adds = 0;
            let scriptCalls = 0;
            const watch = await watchRedis(
              stack.redis.port,
              ({ command, source }) => {
                if (source === 'lua') {
                  scriptCalls++;
                  const opensAdd = scriptCalls === 1 && command === 'incr';
                  if (opensAdd && (lastCommand === 'evalsha' || lastCommand === 'eval')) adds++;
                  return killAt !== undefined && adds >= killAt;
                }
                const afterAdds = point === 'after-adds' && adds >= S.items && source === lastClient;
                lastClient = source;
                lastCommand = command;
                scriptCalls = 0;
                return afterAdds;
              },
              kill,
            );
            const timer = point === 'timed' ? setTimeout(kill, (took * ((i % 7) + 1)) / 8) : undefined;
            const sent = await ledger.createBatch(S.items, undefined, { idempotencyKey: `cut-${i}` });
            clearTimeout(timer);
            cuts.push(`${point}:${sent.outcome.kind}:${watch.matched() || killing ? 'hit' : 'missed'}`);
            watch.close();
            await (killing ?? stack.redis.kill());
            await stack.redis.start();
            ledger.faultEnded();
            await waitForHttp(`${stack.url}/readyz`, 200, 30_000);
            // A client told 503 (or told nothing) sends the same batch again with its key: it
            // must get the batch that was committed, or a new one if none was, never both.
            if (sent.outcome.kind !== 'acked') {
              let retry = await ledger.retryBatch(sent);
              for (let k = 0; k < 20 && retry.outcome.kind !== 'acked'; k++) {
                await pause(250);
                retry = await ledger.retryBatch(sent);
              }
            }
          }
          await ledger.createBatch(S.items);
          if (process.env.CHAOS_VERBOSE) console.log(cuts.join(' '));
        },
      );
    },
    SCALE.testTimeoutMs,
  );
});
