import { describe, expect, test } from 'vitest';
import { renderTemplate } from '../../src/api/templates/index.js';
import { compiled, manifest, refused, rendered, shortForm } from './support.js';

const def = shortForm(
  {
    name: '{{ job }}',
    generateName: undefined,
    command: ['run', '--date={{ date }}', '--shards={{ shards }}', '--ratio={{ ratio }}', '--dry={{ dry }}'],
    args: '{{ files }}',
    labels: { tier: '{{ tier }}' },
  },
  [
    { name: 'job', type: 'string', required: true },
    { name: 'date', type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', required: true },
    { name: 'shards', type: 'integer', minimum: 1, maximum: 64, default: 4 },
    { name: 'ratio', type: 'number', minimum: 0, maximum: 1, default: 0.5 },
    { name: 'dry', type: 'boolean', default: false },
    { name: 'tier', type: 'string', enum: ['gold', 'silver'], default: 'silver' },
    { name: 'files', type: 'array', pattern: '\\.csv$', default: [] },
  ],
);
const good = { job: 'report', date: '2025-01-31' };

/** The one issue of a render, which must name `parameter`. */
function onlyIssue(values: Record<string, unknown>) {
  const issues = refused(def, values);
  expect(issues).toHaveLength(1);
  return issues[0]!;
}

test('good values render; defaults fill the rest', () => {
  const result = compiled(def).render(good);
  expect(result).toMatchObject({
    ok: true,
    job: {
      name: 'report',
      command: ['run', '--date=2025-01-31', '--shards=4', '--ratio=0.5', '--dry=false'],
      args: [],
    },
    values: {
      job: 'report',
      date: '2025-01-31',
      shards: 4,
      ratio: 0.5,
      dry: false,
      tier: 'silver',
      files: [],
    },
  });
});

describe('every refused value is a 422 issue at parameters.<name>, naming the parameter', () => {
  test.each([
    ['a missing required parameter', { date: undefined }, 'date', /required parameter "date" is missing/],
    [
      'an integer as a string ("3" is not coerced)',
      { shards: '3' },
      'shards',
      /expected an integer, got string "3"/,
    ],
    ['a fraction for an integer', { shards: 1.5 }, 'shards', /expected an integer, got number 1.5/],
    ['null', { shards: null }, 'shards', /expected an integer, got null/],
    ['a boolean as a string', { dry: 'true' }, 'dry', /expected a boolean, got string "true"/],
    ['a number as a string', { ratio: '0.5' }, 'ratio', /expected a number/],
    ['a string as a number', { date: 20250131 }, 'date', /expected a string, got number/],
    ['an object for a string', { date: { $gt: '' } }, 'date', /expected a string, got an object/],
    ['an array for a string', { date: ['2025-01-31'] }, 'date', /expected a string, got an array/],
    ['below the minimum', { shards: 0 }, 'shards', /at least 1 \(got 0\)/],
    ['above the maximum', { ratio: 1.01 }, 'ratio', /at most 1 \(got 1.01\)/],
    ['not in the enum', { tier: 'bronze' }, 'tier', /one of "gold", "silver" \(got string "bronze"\)/],
    ['not matching the pattern', { date: '31/01/2025' }, 'date', /must match the pattern/],
    [
      'a pattern that matches only a part is no match when anchored',
      { date: '2025-01-31x' },
      'date',
      /pattern/,
    ],
    ['a string for an array', { files: 'a.csv' }, 'files', /expected an array of strings/],
    [
      'an injected placeholder',
      { job: '{{ date }}' },
      'job',
      /must not contain a placeholder \("\{\{ date \}\}"\)/,
    ],
  ])('%s', (_, values, parameter, message) => {
    const issue = onlyIssue({ ...good, ...values });
    expect(issue).toMatchObject({ path: `parameters.${parameter}`, parameter });
    expect(issue.message).toMatch(message);
    expect(issue.message).toContain(`"${parameter}"`);
  });

  test('array items are checked one by one, at their index', () => {
    const issues = refused(def, { ...good, files: ['a.csv', 3, 'b.txt'] });
    expect(issues).toEqual([
      expect.objectContaining({
        path: 'parameters.files[1]',
        message: expect.stringMatching(/expected a string/),
      }),
      expect.objectContaining({ path: 'parameters.files[2]', message: expect.stringMatching(/pattern/) }),
    ]);
  });

  test('an unknown parameter, and every problem at once', () => {
    const issues = refused(def, { date: 'soon', shards: 100, colour: 'red' });
    expect(issues.map((i) => i.path).sort()).toEqual([
      'parameters.colour',
      'parameters.date',
      'parameters.job',
      'parameters.shards',
    ]);
    expect(issues.find((i) => i.path === 'parameters.colour')!.message).toMatch(
      /unknown parameter "colour" \(the template's parameters: "job", "date", /,
    );
  });

  test.each([[[]], ['x'], [3]])('parameters that are not an object (%j)', (values) => {
    expect(refused(def, values)).toEqual([expect.objectContaining({ path: 'parameters' })]);
  });

  test('no parameters at all: every required one is missing', () => {
    expect(refused(def, undefined).map((i) => i.parameter)).toEqual(['job', 'date']);
  });
});

describe('a value that makes the rendered Job invalid is blamed on that parameter', () => {
  test('a Job name that Kubernetes refuses', () => {
    const issue = onlyIssue({ ...good, job: 'Report_1' });
    expect(issue).toMatchObject({ path: 'parameters.job', parameter: 'job' });
    expect(issue.message).toMatch(/parameter "job" makes job\.name invalid: a Job name must consist/);
  });

  test('a label value that Kubernetes refuses, from a string in a longer one', () => {
    const labels = shortForm({ labels: { owner: 'team-{{ team }}' } }, [
      { name: 'team', type: 'string', required: true },
    ]);
    expect(rendered(labels, { team: 'a' }).labels).toEqual({ owner: 'team-a' });
    expect(refused(labels, { team: 'a b' })).toEqual([
      expect.objectContaining({
        path: 'parameters.team',
        message: expect.stringMatching(/makes job\.labels\.owner invalid: label values/),
      }),
    ]);
  });

  test('a value out of what the job-create schema allows (backoffLimit ≥ 0)', () => {
    const retries = shortForm({ backoffLimit: '{{ retries }}' }, [
      { name: 'retries', type: 'integer', default: 1 },
    ]);
    expect(refused(retries, { retries: -1 })).toEqual([
      expect.objectContaining({
        path: 'parameters.retries',
        message: expect.stringMatching(/job\.backoffLimit/),
      }),
    ]);
  });

  test('two parameters in one string are both named', () => {
    const two = shortForm({ name: '{{ a }}-{{ b }}', generateName: undefined }, [
      { name: 'a', type: 'string', required: true },
      { name: 'b', type: 'string', required: true },
    ]);
    expect(refused(two, { a: 'x'.repeat(40), b: 'y'.repeat(40) }).map((i) => [i.path, i.parameter])).toEqual([
      ['parameters.a', 'a'],
      ['parameters.b', 'b'],
    ]);
  });

  test('a manifest for another namespace than the one submitted to is the template’s fault', () => {
    const ns = manifest({}, []);
    (ns.job as { metadata: Record<string, unknown> }).metadata.namespace = 'team-a';
    expect(compiled(ns).render({}, { namespace: 'team-a' }).ok).toBe(true);
    expect(refused(ns, {}, { namespace: 'team-b' })).toEqual([
      { path: 'template', message: expect.stringMatching(/metadata\.namespace: must be "team-b"/) },
    ]);
  });

  test('the namespace itself can be a parameter', () => {
    const ns = manifest({}, [{ name: 'ns', type: 'string', required: true }]);
    (ns.job as { metadata: Record<string, unknown> }).metadata.namespace = '{{ ns }}';
    expect(compiled(ns).render({ ns: 'team-a' }, { namespace: 'team-a' }).ok).toBe(true);
    expect(refused(ns, { ns: 'team-a' }, { namespace: 'team-b' })).toEqual([
      expect.objectContaining({ path: 'parameters.ns', parameter: 'ns' }),
    ]);
  });
});

describe('one template, many parameter sets', () => {
  test('a batch of 1,000 renders: each its own values, no object shared between Jobs', () => {
    const template = compiled(
      manifest(
        { args: ['--shard={{ shard }}', '{{ input }}'], env: [{ name: 'S', value: '{{ shard | string }}' }] },
        [
          { name: 'shard', type: 'integer', minimum: 0, required: true },
          { name: 'input', type: 'string', required: true },
        ],
      ),
    );
    const jobs = Array.from({ length: 1000 }, (_, shard) => {
      const result = template.render({ shard, input: `s3://bucket/part-${shard}` }, { namespace: 'default' });
      if (!result.ok) throw new Error(JSON.stringify(result.issues));
      return result.job as unknown as {
        spec: { template: { spec: { containers: Array<Record<string, unknown>> } } };
      };
    });
    jobs.forEach((job, shard) => {
      expect(job.spec.template.spec.containers[0]).toMatchObject({
        args: [`--shard=${shard}`, `s3://bucket/part-${shard}`],
        env: [{ name: 'S', value: String(shard) }],
      });
    });
    // Policy defaults are applied to each Job: changing one must not change another.
    (jobs[0]!.spec.template.spec.containers[0]!.env as Array<Record<string, string>>)[0]!.value = 'changed';
    expect(jobs[1]!.spec.template.spec.containers[0]!.env).toEqual([{ name: 'S', value: '1' }]);
  });

  test('renderTemplate compiles and renders in one call, and answers the definition’s issues if it has any', () => {
    expect(renderTemplate(def, good)).toMatchObject({ ok: true, job: { name: 'report' } });
    expect(renderTemplate({ ...def, name: 'Bad' }, good)).toMatchObject({
      ok: false,
      issues: [{ path: 'name' }],
    });
  });
});
