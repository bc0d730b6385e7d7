import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/errors.js';
import { isDatabaseUnavailable } from '../../src/shared/db/errors.js';

// The one "is PostgreSQL down" predicate: 503 with Retry-After for these, the error itself otherwise.
describe('isDatabaseUnavailable', () => {
  it.each([
    [
      'a refused connection',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ],
    ['a lost connection', new Error('Connection terminated unexpectedly')],
    ['a pool that could not connect in time', new Error('timeout exceeded when trying to connect')],
    [
      'a server shutting down (57P01)',
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    ],
    [
      'too many connections (53300)',
      Object.assign(new Error('sorry, too many clients already'), { code: '53300' }),
    ],
    ['a deadlock (40P01)', Object.assign(new Error('deadlock detected'), { code: '40P01' })],
  ])('%s: unavailable', (_what, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it.each([
    [
      'a 404 whose code merely contains "eNotFound"',
      new ApiError('TemplateNotFound', 'no template named "x"'),
    ],
    ['a unique violation (23505)', Object.assign(new Error('duplicate key value'), { code: '23505' })],
    ['a syntax error (42601)', Object.assign(new Error('syntax error at or near "x"'), { code: '42601' })],
    ['not an error', 'ECONNREFUSED'],
  ])('%s: not unavailable', (_what, err) => {
    expect(isDatabaseUnavailable(err)).toBe(false);
  });
});
