import { describe, expect, it } from 'vitest';
import { createProgressBar, progressLine } from '../../src/cli/progress-bar.js';
import type { BatchProgressUpdate } from '../../src/sdk/index.js';

function at(ended: number, done = false): BatchProgressUpdate {
  return {
    id: 'b',
    cluster: 'dev',
    createdAt: '',
    total: 10,
    queued: 10 - ended,
    running: 0,
    succeeded: ended,
    failed: 0,
    cancelled: 0,
    done,
    operationIds: [],
    ended,
  };
}

describe('progress bar', () => {
  it.each([
    [0, '[------------------------------] 0/10'],
    [5, '[###############---------------] 5/10'],
    [10, '[##############################] 10/10'],
  ])('draws %i of 10 as %s', (ended, start) => {
    expect(progressLine(at(ended))).toMatch(new RegExp(`^${start.replace(/[[\]]/g, '\\$&')} `));
  });

  it('redraws in place on a terminal and ends with a newline', () => {
    let out = '';
    const bar = createProgressBar({ write: (t) => (out += t), tty: true });
    bar.update(at(1));
    bar.update(at(10, true));
    bar.end();
    expect(out).toBe(`\r${progressLine(at(1))}\x1b[K\r${progressLine(at(10, true))}\x1b[K\n`);
  });

  it('elsewhere prints at most one line a second, and always the last state', () => {
    let out = '';
    let now = 0;
    const bar = createProgressBar({ write: (t) => (out += t), tty: false, now: () => now });
    bar.update(at(1));
    now = 500;
    bar.update(at(2)); // held back: less than a second after the last line
    now = 900;
    bar.update(at(3));
    bar.end(); // the held-back state is printed
    now = 5000;
    bar.update(at(4));
    bar.update(at(10, true)); // done is never held back
    bar.end();
    expect(
      out
        .trimEnd()
        .split('\n')
        .map((l) => /\d+\/10/.exec(l)?.[0]),
    ).toEqual(['1/10', '3/10', '4/10', '10/10']);
  });
});
