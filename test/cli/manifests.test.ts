import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliUsageError } from '../../src/cli/exit-codes.js';
import { readSubmissions, toSubmission } from '../../src/cli/manifests.js';

const manifest = (namespace?: string) => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'm', ...(namespace ? { namespace } : {}) },
  spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox' }] } } },
});

describe('toSubmission', () => {
  it.each([
    ['a manifest with metadata.namespace', manifest('team-a'), 'flag-ns', 'team-a'],
    ['a manifest without one: -n', manifest(), 'flag-ns', 'flag-ns'],
    ['a manifest without one, no -n: default', manifest(), undefined, 'default'],
    ['a short form with namespace', { namespace: 'team-b', image: 'busybox' }, 'flag-ns', 'team-b'],
    ['a short form without: -n', { image: 'busybox' }, 'flag-ns', 'flag-ns'],
  ])('%s', (_what, doc, flag, namespace) => {
    const s = toSubmission(doc, 'f#1', flag);
    expect(s.namespace).toBe(namespace);
    expect(s.job).not.toHaveProperty('namespace');
  });

  it.each([
    ['a list', [1, 2]],
    ['a Deployment', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: {} }],
  ])('rejects %s as a usage error', (_what, doc) => {
    expect(() => toSubmission(doc, 'f#1')).toThrow(CliUsageError);
  });
});

describe('readSubmissions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'eks-jobs-cli-manifests-'));
  const jobs = join(dir, 'jobs');
  mkdirSync(jobs);
  writeFileSync(join(jobs, 'a.yaml'), 'name: a\nimage: busybox\n---\n---\nname: b\nimage: busybox\n');
  writeFileSync(join(jobs, 'c.json'), '{"name": "c", "image": "busybox"}');
  writeFileSync(join(jobs, 'notes.txt'), 'not a manifest');
  const readStdin = async () => 'name: s\nimage: busybox\n';

  it('reads a directory (.yaml/.yml/.json, empty documents skipped) and stdin, in order', async () => {
    const s = await readSubmissions([jobs, '-'], { readStdin });
    expect(s.map((x) => (x.job as { name: string }).name)).toEqual(['a', 'b', 'c', 's']);
  });

  it('unreadable paths and invalid YAML are usage errors', async () => {
    await expect(readSubmissions([join(dir, 'none.yaml')], { readStdin })).rejects.toThrow(CliUsageError);
    writeFileSync(join(dir, 'bad.yaml'), 'a: [b\n');
    await expect(readSubmissions([join(dir, 'bad.yaml')], { readStdin })).rejects.toThrow(/invalid YAML/);
  });
});
