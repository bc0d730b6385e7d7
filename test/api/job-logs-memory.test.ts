/**
 * 100 clients follow one large log through the API process, stall, then read it to the end: the
 * API's resident set stays far below what holding every follower's log would cost. Asserted only
 * against that cost, whatever the machine's speed; the figure is printed for the record.
 *
 * The devcluster takes request bodies up to 3 MiB, so a log (the script echoes it) is at most
 * ~3 MB — less than loopback socket buffers can hold. This bench therefore shows the memory a
 * follower costs, not backpressure: that a stalled reader stops the reads from the cluster is
 * checked chunk by chunk in job-reads-pure.test.ts ("openPodLog streams on demand").
 */
import { get, type IncomingMessage } from 'node:http';
import type { V1Pod } from '@kubernetes/client-node';
import { describe, expect } from 'vitest';
import { clientsFor } from '../support/devcluster.js';
import { test } from '../support/fixtures.js';
import { startProcessStack } from '../support/stack.js';
import { waitFor } from '../support/wait-for.js';

const FOLLOWERS = 100;
const LINE = `${'x'.repeat(99_999)}`;
const LINES = 25;
/** The log: 25 lines of 100 kB (2.5 MB), written at once, then the container runs on. */
const LOG_BYTES = LINES * (LINE.length + 1);

async function rss(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const m = /^eks_jobs_process_resident_memory_bytes (\d+(?:\.\d+)?(?:e\+\d+)?)$/m.exec(text);
  if (!m?.[1]) throw new Error('no eks_jobs_process_resident_memory_bytes in /metrics');
  return Number(m[1]);
}

describe('job logs under load', () => {
  test(`${FOLLOWERS} followers of a ${LOG_BYTES / 1e6} MB log that stop reading keep the API's memory bounded`, async ({
    redis,
  }) => {
    const stack = await startProcessStack(redis, { timeScale: 0.02 });
    try {
      const { core, batch } = clientsFor(stack.devcluster);
      await core.createNamespace({ body: { metadata: { name: 'big' } } });
      const script = `${Array.from({ length: LINES }, () => `echo ${LINE}`).join('; ')}; sleep 100000`;
      await batch.createNamespacedJob({
        namespace: 'big',
        body: {
          metadata: { name: 'big' },
          spec: {
            template: {
              spec: {
                restartPolicy: 'Never',
                containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', script] }],
              },
            },
          },
        },
      });
      await waitFor(
        () =>
          (stack.devcluster.store.list('pods', 'big') as V1Pod[]).some((p) => p.status?.phase === 'Running'),
        { timeoutMs: 20_000, message: 'the pod to run' },
      );
      const logUrl = `${stack.url}/v1/namespaces/big/jobs/big/logs?follow=true`;
      const headers = { authorization: `Bearer ${stack.key}` };
      // One follower first, read whole: code loaded, pools warm, before the baseline.
      const warm = await fetch(logUrl, { headers });
      let warmBytes = 0;
      const warmReader = (warm.body as ReadableStream<Uint8Array>).getReader();
      while (warmBytes < LOG_BYTES) warmBytes += (await warmReader.read()).value?.length ?? 0;
      await warmReader.cancel();
      const baseline = await rss(stack.url);

      // Followers start one after another (each has its first chunk before the next asks), so
      // the devcluster in this process is not asked for 100 pod lists of 2.5 MB at once. Each
      // then pauses: it stops reading its socket, as a slow client does, so TCP holds the API back.
      const open = () =>
        new Promise<{ res: IncomingMessage; got: number }>((resolve, reject) => {
          get(logUrl, { headers }, (res) => {
            if (res.statusCode !== 200) return reject(new Error(`follower: ${res.statusCode}`));
            res.once('data', (chunk: Buffer) => {
              res.pause();
              resolve({ res, got: chunk.length });
            });
          }).on('error', reject);
        });
      const samples: number[] = [];
      const followers: Array<{ res: IncomingMessage; got: number }> = [];
      for (let i = 0; i < FOLLOWERS; i++) {
        followers.push(await open());
        if (i % 10 === 9) samples.push(await rss(stack.url));
      }
      // Stalled readers: sample while the API holds 100 open streams nobody reads.
      await waitFor(
        async () => {
          samples.push(await rss(stack.url));
          return samples.length >= 30;
        },
        { intervalMs: 100 },
      );
      // Then every follower reads the log to its end, all at once.
      const all = followers.map(
        (f) =>
          new Promise<number>((resolve, reject) => {
            const enough = () => {
              if (f.got < LOG_BYTES) return false;
              f.res.destroy();
              resolve(f.got);
              return true;
            };
            if (enough()) return;
            f.res.on('data', (chunk: Buffer) => {
              f.got += chunk.length;
              enough();
            });
            f.res.on('error', reject);
            f.res.on('end', () => resolve(f.got));
            f.res.resume();
          }),
      );
      let finished = false;
      const reading = Promise.all(all).finally(() => {
        finished = true;
      });
      while (!finished) {
        samples.push(await rss(stack.url));
        await Promise.race([reading, new Promise((r) => setTimeout(r, 100))]);
      }
      const received = await reading;
      for (const got of received) expect(got).toBeGreaterThanOrEqual(LOG_BYTES);
      const peak = Math.max(...samples);
      const growth = peak - baseline;
      console.log(
        `[job-logs-memory] ${FOLLOWERS} followers × ${(LOG_BYTES / 1e6).toFixed(1)} MB: API RSS baseline ${(baseline / 1e6).toFixed(0)} MB, peak ${(peak / 1e6).toFixed(0)} MB, growth ${(growth / 1e6).toFixed(0)} MB (whole-log buffering would need ≥ ${((FOLLOWERS * LOG_BYTES) / 1e6).toFixed(0)} MB)`,
      );
      // Buffering every follower's log would grow the API by FOLLOWERS × LOG_BYTES; streaming
      // holds a few chunks per follower. Half of the buffered figure leaves room for heap noise.
      expect(growth).toBeLessThan((FOLLOWERS * LOG_BYTES) / 2);
    } catch (err) {
      console.log(`api output:\n${stack.api.output().slice(-4000)}`);
      throw err;
    } finally {
      await stack.stop();
    }
  }, 180_000);
});
