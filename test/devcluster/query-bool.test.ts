/** Boolean query parameters as apimachinery's Convert_Slice_string_To_bool reads them. */
import { describe, expect, it } from 'vitest';
import { queryBool, queryOptionalBool } from '../../src/devcluster/query-bool.js';

describe('queryBool / queryOptionalBool', () => {
  it.each([
    ['', undefined],
    ['watch=true', true],
    ['watch=True', true],
    ['watch=TRUE', true],
    ['watch=1', true],
    ['watch=yes', true],
    ['watch', true],
    ['watch=', true],
    ['watch=false', false],
    ['watch=False', false],
    ['watch=FALSE', false],
    ['watch=0', false],
    ['watch=0&watch=1', false],
    ['watch=1&watch=0', true],
  ])('%j reads as %j', (search, expected) => {
    const query = new URLSearchParams(search);
    expect(queryOptionalBool(query, 'watch')).toBe(expected);
    expect(queryBool(query, 'watch')).toBe(expected ?? false);
  });
});
