import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  templateAllows,
  templateVisible,
  uncoveredPatterns,
} from '../../src/api/templates/template-access.js';
import { globCovers, globsOverlap } from '../../src/shared/api-keys/glob-sets.js';
import { type KeyScopes, matchGlob } from '../../src/shared/api-keys/scopes.js';

const scopes = (namespaces: string[], over: Partial<KeyScopes> = {}): KeyScopes => ({
  clusters: ['*'],
  namespaces,
  namespaceCreate: false,
  namespaceDelete: false,
  systemNamespaces: false,
  admin: false,
  ...over,
});

describe('glob relations', () => {
  test.each([
    ['*', 'team-a', true],
    ['*', 'team-*', true],
    ['team-*', 'team-a-*', true],
    ['team-*', 'team-a', true],
    ['team-*', 'team-*', true],
    ['team-a*', 'team-*', false],
    ['team-*', 'team?', false],
    ['team-?', 'team-*', false],
    ['team-?', 'team-?', true],
    ['team-?', 'team-a', true],
    ['*-prod', 'team-*-prod', true],
    ['*-prod', 'team-*', false],
    ['a*b*c', 'a-b-c*c', true],
    ['?*', '*?', true],
    ['*?', 'x', true],
    ['*?', '', false],
    ['team-a', 'team-a', true],
    ['team-a', 'team-*', false],
  ])('%j covers %j: %s', (outer, inner, expected) => {
    expect(globCovers(outer, inner)).toBe(expected);
  });

  test.each([
    ['team-*', '*-prod', true],
    ['team-*', 'data-*', false],
    ['team-?', 'team-ab', false],
    ['team-?', '*-a', true],
    ['a*', '*b', true],
    ['a?c', 'ab?', true],
    ['abc', 'abd', false],
    ['*', '', true],
    ['?', '', false],
  ])('%j and %j overlap: %s', (a, b, expected) => {
    expect(globsOverlap(a, b)).toBe(expected);
    expect(globsOverlap(b, a)).toBe(expected);
  });

  // Checked against matchGlob on names: a relation the patterns claim must hold for every name.
  const pattern = fc.stringMatching(/^[ab*?-]{0,6}$/);
  const name = fc.stringMatching(/^[ab-]{0,7}$/);

  test('covers: whatever the inner pattern matches, the outer matches', () => {
    fc.assert(
      fc.property(pattern, pattern, name, (outer, inner, n) => {
        if (globCovers(outer, inner) && matchGlob(inner, n)) expect(matchGlob(outer, n)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  test('overlap: a name matched by both means they overlap', () => {
    fc.assert(
      fc.property(pattern, pattern, name, (a, b, n) => {
        if (matchGlob(a, n) && matchGlob(b, n)) expect(globsOverlap(a, b)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('template scopes', () => {
  test.each([
    [['team-*'], 'team-a', true],
    [['team-*'], 'data-a', false],
    [['*'], 'kube-system', false],
    [['kube-system'], 'kube-system', true],
    [['team-a', 'data-*'], 'data-x', true],
  ])('a template of %j may be submitted into %j: %s', (patterns, namespace, expected) => {
    expect(templateAllows(patterns, namespace)).toBe(expected);
  });

  test.each([
    [['team-*'], ['team-a-*'], true],
    [['team-a'], ['team-*'], true],
    [['team-*'], ['team-a'], true],
    [['team-*'], ['data-*'], false],
    [['team-*'], ['data-a', 'team-b'], true],
    [['*'], ['kube-system'], false],
    [['*'], ['kube-*'], true],
    [['kube-system'], ['*'], false],
  ])('a key of %j sees a template of %j: %s', (own, patterns, expected) => {
    expect(templateVisible(scopes(own), patterns)).toBe(expected);
  });

  test('a system namespace is visible with its explicit grant', () => {
    expect(templateVisible(scopes(['team-*'], { systemNamespaces: ['kube-system'] }), ['kube-system'])).toBe(
      true,
    );
  });

  test.each([
    [['team-*'], ['team-a-*', 'team-b'], []],
    [['team-*'], ['team-*', 'data-*'], ['data-*']],
    [['team-a'], ['team-*'], ['team-*']],
    [['*'], ['kube-system', 'x-*'], ['kube-system']],
    [['team-a', 'team-b'], ['team-?'], ['team-?']],
  ])('a key of %j writing a template of %j: uncovered %j', (own, patterns, expected) => {
    expect(uncoveredPatterns(scopes(own), patterns)).toEqual(expected);
  });
});
