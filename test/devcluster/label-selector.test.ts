import { describe, expect, it } from 'vitest';
import {
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
  SelectorParseError,
} from '../../src/devcluster/label-selector.js';

const labels = { app: 'web', tier: 'front', 'batch.kubernetes.io/job-name': 'j1', n: '5' };

describe('parseLabelSelector + matchesLabels', () => {
  it.each([
    ['', true],
    ['app=web', true],
    ['app==web', true],
    ['app!=web', false],
    ['app=db', false],
    ['app in (web,db)', true],
    ['app notin (web,db)', false],
    ['tier', true],
    ['!tier', false],
    ['!missing', true],
    ['missing', false],
    ['missing!=x', true],
    ['app=web,tier=front', true],
    ['app=web,tier=back', false],
    ['batch.kubernetes.io/job-name=j1', true],
    ['app in (web), tier notin (back)', true],
    ['n>4', true],
    ['n<5', false],
  ])('%j matches: %s', (selector, expected) => {
    expect(matchesLabels(parseLabelSelector(selector), labels)).toBe(expected);
  });

  it.each(['app=', 'a b c', 'app in web', '=x', 'n>x', 'bad key!=x=y'])('rejects %j', (selector) => {
    if (selector === 'app=') {
      // An empty value is valid for equality: it matches an empty label.
      expect(matchesLabels(parseLabelSelector(selector), { app: '' })).toBe(true);
      return;
    }
    expect(() => parseLabelSelector(selector)).toThrow(SelectorParseError);
  });
});

describe('parseFieldSelector', () => {
  const fields = (f: string) => ({ 'metadata.name': 'j1', 'metadata.namespace': 'ns' })[f] ?? '';
  it.each([
    ['metadata.name=j1', true],
    ['metadata.name==j1', true],
    ['metadata.name!=j1', false],
    ['metadata.name=j2', false],
    ['metadata.name=j1,metadata.namespace=ns', true],
  ])('%j matches: %s', (selector, expected) => {
    expect(matchesFields(parseFieldSelector(selector, ['metadata.name', 'metadata.namespace']), fields)).toBe(
      expected,
    );
  });

  it('refuses fields the resource does not index, with the server message', () => {
    expect(() => parseFieldSelector('spec.foo=1', ['metadata.name'])).toThrow(
      'field label not supported: spec.foo',
    );
  });
});
