import { describe, expect, it } from 'vitest';
import { Faults } from '../../src/devcluster/faults.js';
import { jsonPatch, mergePatch, PatchError } from '../../src/devcluster/patch.js';
import { humanDuration } from '../../src/devcluster/table.js';

const req = { verb: 'create' as const, resource: 'jobs', namespace: 'ns', identity: 'x' };

describe('Faults.decide', () => {
  it('splits one draw across rate rules so 20/10/5 % are disjoint', () => {
    const f = new Faults(7);
    f.add({ verb: 'create', resource: 'jobs', rate: 0.2, reset: 'after' });
    f.add({ verb: 'create', resource: 'jobs', rate: 0.1, status: 503 });
    f.add({ verb: 'create', resource: 'jobs', rate: 0.05, status: 429, retryAfterSeconds: 1 });
    const n = 20000;
    const seen = { reset: 0, s503: 0, s429: 0, ok: 0 };
    for (let i = 0; i < n; i++) {
      const d = f.decide(req);
      if (d.reset) seen.reset++;
      else if (d.status?.code === 503) seen.s503++;
      else if (d.status?.code === 429) seen.s429++;
      else seen.ok++;
    }
    expect(seen.reset / n).toBeCloseTo(0.2, 1);
    expect(seen.s503 / n).toBeCloseTo(0.1, 1);
    expect(seen.s429 / n).toBeCloseTo(0.05, 1);
    expect(seen.ok / n).toBeCloseTo(0.65, 1);
  });

  it('is deterministic for a seed', () => {
    const run = () => {
      const f = new Faults(42);
      f.add({ rate: 0.5, status: 500 });
      return Array.from({ length: 50 }, () => f.decide(req).status?.code ?? 0);
    };
    expect(run()).toEqual(run());
  });

  it('fires count rules exactly count times and only for matching requests', () => {
    const f = new Faults();
    const id = f.add({ verb: 'delete', resource: 'jobs', count: 2, status: 500 });
    expect(f.decide(req).status).toBeUndefined();
    const codes = Array.from({ length: 4 }, () => f.decide({ ...req, verb: 'delete' }).status?.code);
    expect(codes).toEqual([500, 500, undefined, undefined]);
    expect(f.fired(id)).toBe(2);
  });

  it('adds latency on top of an outcome', () => {
    const f = new Faults();
    f.add({ latencyMs: 30 });
    f.add({ status: 503, retryAfterSeconds: 2 });
    expect(f.decide(req)).toEqual({ latencyMs: 30, status: { code: 503, retryAfterSeconds: 2 } });
  });

  it.each([{}, { status: 500, reset: 'after' as const }, { status: 200 }, { status: 500, rate: 2 }])(
    'rejects the bad rule %j',
    (rule) => {
      expect(() => new Faults().add(rule)).toThrow();
    },
  );
});

describe('patches', () => {
  it('merge patch deletes with null and merges objects', () => {
    expect(mergePatch({ a: 1, b: { c: 2, d: 3 } }, { a: null, b: { c: 4 } })).toEqual({ b: { c: 4, d: 3 } });
  });
  it.each([
    [[{ op: 'replace', path: '/spec/suspend', value: false }], { spec: { suspend: false, l: [1] } }],
    [[{ op: 'add', path: '/spec/l/-', value: 2 }], { spec: { suspend: true, l: [1, 2] } }],
    [[{ op: 'remove', path: '/spec/l/0' }], { spec: { suspend: true, l: [] } }],
  ])('json patch %j', (ops, expected) => {
    expect(jsonPatch({ spec: { suspend: true, l: [1] } }, ops)).toEqual(expected);
  });
  it('json patch test failure is a PatchError', () => {
    expect(() => jsonPatch({ a: 1 }, [{ op: 'test', path: '/a', value: 2 }])).toThrow(PatchError);
  });
});

describe('humanDuration', () => {
  it.each([
    [5_000, '5s'],
    [119_000, '119s'],
    [150_000, '2m30s'],
    [3 * 3600_000, '3h'],
    [50 * 3600_000, '2d2h'],
  ])('%i ms → %s', (ms, s) => {
    expect(humanDuration(ms)).toBe(s);
  });
});
