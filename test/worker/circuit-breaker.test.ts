import { describe, expect, test } from 'vitest';
import { createCircuitBreaker } from '../../src/worker/circuit-breaker.js';

type Step = 'f' | 's';

/** Runs outcomes through a breaker and returns the pause answered for each failure (0 while closed). */
function run(steps: string, options = {}) {
  const b = createCircuitBreaker({
    window: 10,
    failureRatio: 0.9,
    initialPauseMs: 100,
    maxPauseMs: 800,
    ...options,
  });
  return [...steps].map((s) => {
    if ((s as Step) === 's') {
      b.success();
      return '.';
    }
    return b.failure();
  });
}

describe('circuit breaker', () => {
  test.each([
    // A cluster down: closed until half the window is seen, then pauses doubling to the cap.
    ['ffffffffff', [0, 0, 0, 0, 100, 200, 400, 800, 800, 800]],
    // Flaky but up (one success in every three): never opens.
    ['ffsffsffsffsffsffs', [0, 0, '.', 0, 0, '.', 0, 0, '.', 0, 0, '.', 0, 0, '.', 0, 0, '.']],
    // Recovers: successes close it and the pause starts small again at the next outage.
    [
      'fffffsssssssssffffffffff',
      [0, 0, 0, 0, 100, ...'.........'.split(''), 0, 0, 0, 0, 0, 0, 0, 0, 100, 200],
    ],
  ] as const)('%s', (steps, pauses) => {
    expect(run(steps)).toEqual(pauses);
  });
});
