import { describe, expect, test } from 'vitest';
import { operationInfoOf } from '../../src/worker/operation-events.js';

// What the Job watch and the operation events read out of a queued command's data, which may
// come from an older deploy or be damaged: table-driven, every field checked.
describe('operationInfoOf', () => {
  const callback = { url: 'https://hooks.example.com/eks', events: ['job.failed'] };
  test.each([
    ['no data', undefined, undefined],
    ['no principal', { requestId: 'r1' }, undefined],
    ['a principal that is not a string', { principal: 7 }, undefined],
    ['the principal alone', { principal: 'ci' }, { principal: 'ci' }],
    [
      'everything',
      { principal: 'ci', requestId: 'r1', batchId: 'b1', callback },
      { principal: 'ci', requestId: 'r1', batchId: 'b1', callback },
    ],
    [
      'a callback that does not parse is dropped, the rest kept',
      { principal: 'ci', batchId: 'b1', callback: { url: 'https://x.example', events: ['nope'] } },
      { principal: 'ci', batchId: 'b1' },
    ],
    [
      'ids of the wrong type are dropped',
      { principal: 'ci', requestId: 3, batchId: {} },
      { principal: 'ci' },
    ],
  ])('%s', (_name, data, expected) => {
    expect(operationInfoOf(data)).toEqual(expected);
  });
});
