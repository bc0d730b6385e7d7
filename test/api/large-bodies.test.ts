import { describe, expect } from 'vitest';
import { test as base } from '../support/fixtures.js';
import { waitFor } from '../support/wait-for.js';
import { body, shortJob, startApiStack } from './support.js';

// MAX_LARGE_REQUESTS=1: one large request handled at once, four more wait, the next is refused.
const test = base.extend('stack', async ({ redis }, { onCleanup }) => {
  const stack = await startApiStack({ redis, worker: false, env: { MAX_LARGE_REQUESTS: '1' } });
  onCleanup(() => stack.close());
  return stack;
});

/** A JSON POST as HTTP clients send it: with its Content-Length. */
function post(text: string) {
  return {
    body: text,
    headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) },
  };
}

/** A batch body over 256 KiB: `count` short Jobs with a padded command. */
function bigBatch(tag: string, count = 300): string {
  return JSON.stringify({
    items: Array.from({ length: count }, (_, i) => ({
      namespace: 'default',
      job: shortJob({ name: `${tag}-${i}` }, `echo ${'x'.repeat(900)}`),
    })),
  });
}

describe('large request bodies are handled a few at a time (MAX_LARGE_REQUESTS)', () => {
  test('a full line answers 503 ServerBusy and enqueues nothing; the others all land', async ({ stack }) => {
    const gauge = async (state: string) => {
      const text = await (await stack.call('GET', '/metrics')).text();
      return Number(new RegExp(`eks_jobs_large_requests\\{state="${state}"\\} (\\d+)`).exec(text)?.[1]);
    };
    // The first holds the only slot: a chunked body (no declared length) that has sent more than
    // 256 KiB; the rest arrives when the test says so.
    const held = bigBatch('held');
    const cut = 270 * 1024; // past the 256 KiB a body may have before it needs a slot
    let finish!: () => void;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(held.slice(0, cut)));
        finish = () => {
          controller.enqueue(new TextEncoder().encode(held.slice(cut)));
          controller.close();
        };
      },
    });
    const first = Promise.resolve(
      stack.app.request('/v1/batches', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: stream,
        duplex: 'half',
      } as RequestInit),
    );
    await waitFor(async () => (await gauge('active')) === 1, { message: 'the first batch to take the slot' });

    const waiters = ['a', 'b', 'c', 'd'].map((tag) => stack.call('POST', '/v1/batches', post(bigBatch(tag))));
    await waitFor(async () => (await gauge('waiting')) === 4, { message: 'four batches waiting' });

    const refused = await stack.call('POST', '/v1/batches', post(bigBatch('refused')));
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect((await body(refused)).error.code).toBe('ServerBusy');

    // Small requests never wait for the slot.
    const small = await stack.call(
      'POST',
      '/v1/namespaces/default/jobs',
      post(JSON.stringify(shortJob({ name: 'small' }))),
    );
    expect(small.status).toBe(202);

    finish();
    const answers = await Promise.all([first, ...waiters]);
    expect(answers.map((r) => r.status)).toEqual([202, 202, 202, 202, 202]);
    // Five batches of 300 and the small Job; nothing of the refused batch.
    expect(await stack.operations.depth('dev')).toBe(5 * 300 + 1);
    expect(await gauge('active')).toBe(0);
    expect(await gauge('waiting')).toBe(0);
  });
});
