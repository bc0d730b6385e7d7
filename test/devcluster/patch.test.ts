/** Strategic merge patch over the lists eks-jobs manifests carry (pure; table-driven). */
import { describe, expect, it } from 'vitest';
import { strategicMergePatch } from '../../src/devcluster/patch.js';

const pod = (containers: unknown[]) => ({ spec: { template: { spec: { containers } } } });

describe('strategicMergePatch', () => {
  it.each([
    {
      what: 'containers merge on name; a new one is appended',
      target: pod([{ name: 'a', image: 'x' }]),
      patch: pod([
        { name: 'a', image: 'y' },
        { name: 'b', image: 'z' },
      ]),
      want: pod([
        { name: 'a', image: 'y' },
        { name: 'b', image: 'z' },
      ]),
    },
    {
      what: 'env merges on name inside a container',
      target: pod([{ name: 'a', env: [{ name: 'A', value: '1' }] }]),
      patch: pod([{ name: 'a', env: [{ name: 'B', value: '2' }] }]),
      want: pod([
        {
          name: 'a',
          env: [
            { name: 'A', value: '1' },
            { name: 'B', value: '2' },
          ],
        },
      ]),
    },
    {
      what: '$patch: delete removes one list element',
      target: pod([{ name: 'a' }, { name: 'b' }]),
      patch: pod([{ name: 'a', $patch: 'delete' }]),
      want: pod([{ name: 'b' }]),
    },
    {
      what: 'a list without a merge key (command) is replaced',
      target: pod([{ name: 'a', command: ['sh', '-c', 'x'] }]),
      patch: pod([{ name: 'a', command: ['true'] }]),
      want: pod([{ name: 'a', command: ['true'] }]),
    },
    {
      what: 'finalizers merge as a set; $deleteFromPrimitiveList removes',
      target: { metadata: { finalizers: ['a', 'b'] } },
      patch: { metadata: { finalizers: ['c'], '$deleteFromPrimitiveList/finalizers': ['a'] } },
      want: { metadata: { finalizers: ['b', 'c'] } },
    },
    {
      what: 'null deletes a key; $patch: replace replaces a map',
      target: { metadata: { labels: { a: '1', b: '2' }, annotations: { x: '1' } } },
      patch: { metadata: { labels: { $patch: 'replace', c: '3' }, annotations: null } },
      want: { metadata: { labels: { c: '3' } } },
    },
    {
      what: '$setElementOrder is an ordering hint only',
      target: { metadata: { finalizers: ['a'] } },
      patch: { metadata: { '$setElementOrder/finalizers': ['a'] } },
      want: { metadata: { finalizers: ['a'] } },
    },
  ])('$what', ({ target, patch, want }) => {
    expect(strategicMergePatch(target, patch)).toEqual(want);
  });
});
