import { describe, expect, test } from 'vitest';
import {
  compileTemplate,
  MAX_DEPTH,
  type TemplateDefinitionInput,
  validateTemplate,
} from '../../src/api/templates/index.js';
import { compiled, manifest, shortForm } from './support.js';

type Parameters = NonNullable<TemplateDefinitionInput['parameters']>;
const s = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  type: 'string' as const,
  ...extra,
});

/** The issues of a definition that must be refused. */
function issuesOf(def: unknown) {
  const issues = validateTemplate(def);
  expect(issues.length, 'the definition should be refused').toBeGreaterThan(0);
  return issues;
}

test('a valid definition has no issues, and compiles', () => {
  const def = shortForm({ command: ['echo', '{{ a }}'] }, [
    s('a', { default: 'x', description: 'what to say' }),
  ]);
  expect(validateTemplate(def)).toEqual([]);
  expect(compileTemplate(def)).toMatchObject({ ok: true, template: { definition: { name: 'test' } } });
  expect(validateTemplate({ name: 'no-params', job: { generateName: 'x-', image: 'busybox' } })).toEqual([]);
});

describe('the shape: schema errors at their path', () => {
  test.each([
    ['a name that is not a DNS label', { name: 'Nightly_Report' }, 'name'],
    ['a name too long', { name: 'a'.repeat(64) }, 'name'],
    ['an unknown field', { owner: 'me' }, 'owner'],
    ['no job', { job: undefined }, 'job'],
    ['a job that is not an object', { job: ['image'] }, 'job'],
    ['a parameter name with a dash', { parameters: [s('my-param')] }, 'parameters[0].name'],
    ['a parameter name starting with a digit', { parameters: [s('1x')] }, 'parameters[0].name'],
    ['an unknown type', { parameters: [{ name: 'a', type: 'object' }] }, 'parameters[0].type'],
    ['an unknown parameter field', { parameters: [s('a', { secret: true })] }, 'parameters[0].secret'],
    [
      'a default of no parameter type',
      { parameters: [s('a', { default: { x: 1 } })] },
      'parameters[0].default',
    ],
    [
      'a default array with a number',
      { parameters: [s('a', { default: ['ok', 1] })] },
      'parameters[0].default[1]',
    ],
  ])('%s', (_, change, path) => {
    const def = { ...shortForm({ command: ['{{ a }}'] }, [s('a', { default: 'x' })]), ...change };
    expect(issuesOf(def).map((i) => i.path)).toContain(path);
  });
});

describe('parameters: each issue at parameters[i].<field>, naming the parameter', () => {
  test.each<[string, Parameters[number], string, RegExp]>([
    [
      'a default of another type',
      { name: 'n', type: 'integer', default: '3' },
      '.default',
      /expected an integer, got string "3"/,
    ],
    ['a default outside the enum', s('a', { enum: ['x', 'y'], default: 'z' }), '.default', /one of "x", "y"/],
    [
      'a default not matching the pattern',
      s('a', { pattern: '^[a-z]+$', default: 'A1' }),
      '.default',
      /pattern/,
    ],
    [
      'a default below the minimum',
      { name: 'n', type: 'integer', minimum: 1, default: 0 },
      '.default',
      /at least 1/,
    ],
    [
      'a string default for an array',
      { name: 'l', type: 'array', default: 'a' },
      '.default',
      /expected an array of strings/,
    ],
    [
      'required with a default',
      s('a', { required: true, default: 'x' }),
      '.required',
      /required parameter has no default/,
    ],
    [
      'optional without a default',
      s('a', { required: false }),
      '.required',
      /optional parameter needs a default/,
    ],
    [
      'a pattern on an integer',
      { name: 'n', type: 'integer', pattern: '^1$', default: 1 },
      '.pattern',
      /does not apply/,
    ],
    ['a minimum on a string', s('a', { minimum: 1, default: 'x' }), '.minimum', /does not apply/],
    [
      'an enum on a boolean',
      { name: 'b', type: 'boolean', enum: ['true'], default: true },
      '.enum',
      /does not apply/,
    ],
    [
      'minimum above maximum',
      { name: 'n', type: 'number', minimum: 2, maximum: 1, default: 1 },
      '.minimum',
      /greater/,
    ],
    [
      'a fractional bound for an integer',
      { name: 'n', type: 'integer', maximum: 2.5, default: 1 },
      '.maximum',
      /integer/,
    ],
    [
      'an enum value of another type',
      { name: 'n', type: 'integer', enum: [1, 'two'], default: 1 },
      '.enum[1]',
      /expected an integer/,
    ],
    ['an enum value repeated', s('a', { enum: ['x', 'x'], default: 'x' }), '.enum[1]', /repeated/],
    [
      'a backreference',
      s('a', { pattern: '^(a)\\1$', default: 'aa' }),
      '.pattern',
      /not a valid pattern.*RE2/,
    ],
    [
      'a lookahead',
      s('a', { pattern: '^(?=a)', default: 'a' }),
      '.pattern',
      /no backreferences or lookaround/,
    ],
    ['an unclosed class', s('a', { pattern: '[a-z', default: 'a' }), '.pattern', /missing closing \]/],
    [
      'a huge repeat',
      s('a', { pattern: '(x{1,1000}){1,1000}', default: 'x' }),
      '.pattern',
      /not a valid pattern/,
    ],
  ])('%s', (_, parameter, field, message) => {
    const def = shortForm({ command: [`{{ ${parameter.name} }}`] }, [parameter]);
    if (parameter.type === 'array') (def.job as Record<string, unknown>).command = `{{ ${parameter.name} }}`;
    const issues = issuesOf(def);
    const issue = issues.find((i) => i.path === `parameters[0]${field}`);
    expect(issue, JSON.stringify(issues)).toBeDefined();
    expect(issue!.message).toMatch(message);
    expect(issue).toMatchObject({
      parameter: parameter.name,
      message: expect.stringContaining(`"${parameter.name}"`),
    });
  });

  test('a pattern longer than 256 characters', () => {
    const def = shortForm({ command: ['{{ a }}'] }, [s('a', { pattern: 'a'.repeat(257), default: 'a' })]);
    expect(issuesOf(def)).toEqual([expect.objectContaining({ path: 'parameters[0].pattern' })]);
  });

  test('a pattern that backtracks catastrophically elsewhere matches in linear time here', () => {
    const def = shortForm({ command: ['{{ a }}'] }, [s('a', { pattern: '^(a+)+$', default: 'aaa' })]);
    const template = compiled(def);
    // 2^40 steps for a backtracking engine; RE2 answers at once.
    expect(template.render({ a: `${'a'.repeat(40)}!` })).toMatchObject({
      ok: false,
      issues: [{ path: 'parameters.a', message: expect.stringMatching(/pattern/) }],
    });
    expect(template.render({ a: 'a'.repeat(40) }).ok).toBe(true);
  });

  test('a name declared twice', () => {
    const def = shortForm({ command: ['{{ a }}'] }, [s('a', { default: 'x' }), s('a', { default: 'y' })]);
    expect(issuesOf(def)).toEqual([expect.objectContaining({ path: 'parameters[1].name', parameter: 'a' })]);
  });

  test('every issue at once: of a parameter, of a placeholder, of an unused parameter', () => {
    const def = shortForm({ command: ['{{ a }}', '{{ nope }}'] }, [
      { name: 'a', type: 'integer', default: 'x' },
      s('unused', { default: 'y' }),
    ]);
    expect(issuesOf(def).map((i) => i.path)).toEqual([
      'parameters[0].default',
      'job.command[1]',
      'parameters[1].name',
    ]);
  });

  test('a declared parameter no placeholder uses is an error', () => {
    const def = shortForm({ command: ['{{ a }}'] }, [
      s('a', { default: 'x' }),
      s('unused', { default: 'y' }),
    ]);
    expect(issuesOf(def)).toEqual([
      {
        path: 'parameters[1].name',
        parameter: 'unused',
        message: expect.stringMatching(/"unused" is declared but no placeholder uses it/),
      },
    ]);
  });
});

describe('placeholders: each issue at job.<path>', () => {
  test.each([
    [
      'an unknown name',
      { command: ['echo {{ nope }}'] },
      'job.command[0]',
      /\{\{ nope \}\} names no declared parameter \(declared: a\)/,
    ],
    ['an unclosed placeholder', { command: ['{{ a }}', 'echo {{ a'] }, 'job.command[1]', /never closed/],
    [
      'a malformed placeholder',
      { command: ['{{ a }}', '{{ a b }}'] },
      'job.command[1]',
      /is not a placeholder/,
    ],
    [
      'a filter other than string',
      { command: ['{{ a | upper }}'] },
      'job.command[0]',
      /is not a placeholder/,
    ],
    ['three braces', { command: ['{{{ a }}}'] }, 'job.command[0]', /is not a placeholder/],
    ['an empty placeholder', { command: ['{{ a }}', '{{}}'] }, 'job.command[1]', /is not a placeholder/],
    [
      'a placeholder in a label key',
      { command: ['{{ a }}'], labels: { '{{ a }}': 'x' } },
      'job.labels.{{ a }}',
      /only in string values/,
    ],
    [
      'an escape in an env key',
      { command: ['{{ a }}'], env: { '{{{{': 'x' } },
      'job.env.{{{{',
      /keys are literal/,
    ],
  ])('%s', (_, job, path, message) => {
    const issues = issuesOf(shortForm(job, [s('a', { default: 'x' })]));
    const issue = issues.find((i) => i.path === path);
    expect(issue, JSON.stringify(issues)).toBeDefined();
    expect(issue!.message).toMatch(message);
  });

  test('an array parameter inside a longer string, or with | string', () => {
    const files = { name: 'files', type: 'array' as const, default: ['a'] };
    for (const arg of ['--in={{ files }}', '{{ files | string }}']) {
      const issues = issuesOf(shortForm({ command: [arg] }, [files]));
      expect(issues).toEqual([
        expect.objectContaining({
          path: 'job.command[0]',
          parameter: 'files',
          message: expect.stringMatching(/whole string/),
        }),
      ]);
    }
  });

  test(`nesting deeper than ${MAX_DEPTH} levels`, () => {
    let deep: unknown = '{{ a }}';
    for (let i = 0; i < MAX_DEPTH + 5; i++) deep = { x: deep };
    const issues = issuesOf(manifest({}, [s('a', { default: 'x' })], { deep }));
    expect(issues[0]!.message).toMatch(/nests deeper than 64 levels/);
  });
});

describe('rendered with its defaults, the template must be a valid Job', () => {
  test('a short form without an image', () => {
    const def = shortForm({ image: undefined, command: ['{{ a }}'] }, [s('a', { default: 'x' })]);
    expect(issuesOf(def)).toEqual([expect.objectContaining({ path: 'job.image' })]);
  });

  test('a manifest without restartPolicy', () => {
    const def = manifest({ args: ['{{ a }}'] }, [s('a', { default: 'x' })]);
    delete (def.job as { spec: { template: { spec: Record<string, unknown> } } }).spec.template.spec
      .restartPolicy;
    expect(issuesOf(def).map((i) => i.path)).toEqual(['job.spec.template.spec.restartPolicy']);
  });

  test('a default that makes the Job name invalid, named with the value it rendered', () => {
    const def = shortForm({ name: 'job-{{ a }}', generateName: undefined }, [s('a', { default: 'X' })]);
    expect(issuesOf(def)).toEqual([
      {
        path: 'job.name',
        parameter: 'a',
        message: expect.stringMatching(/a Job name must consist.*\(rendered with a="X"\)/),
      },
    ]);
  });

  test('a literal that is wrong is not blamed on a parameter whose path it starts with', () => {
    const def = shortForm({ labels: { app: '{{ a }}', 'app.kubernetes.io/name': 'not valid!' } }, [
      s('a', { default: 'x' }),
    ]);
    expect(issuesOf(def)).toEqual([
      { path: 'job.labels.app.kubernetes.io/name', message: expect.stringMatching(/^label values/) },
    ]);
  });

  test('required parameters are rendered with a harmless sample value', () => {
    const def = shortForm(
      { name: '{{ a }}', generateName: undefined, backoffLimit: '{{ n }}', args: '{{ l }}' },
      [
        s('a', { required: true }),
        { name: 'n', type: 'integer', required: true, minimum: 3 },
        { name: 'l', type: 'array', required: true },
      ],
    );
    expect(validateTemplate(def)).toEqual([]);
  });

  test('an integer where the short form takes a string: the fix is "| string"', () => {
    const def = shortForm({ env: { N: '{{ n }}' } }, [{ name: 'n', type: 'integer', default: 1 }]);
    expect(issuesOf(def)).toEqual([
      expect.objectContaining({
        path: 'job.env.N',
        parameter: 'n',
        message: expect.stringContaining('"{{ n | string }}"'),
      }),
    ]);
  });

  test.each([
    [
      'an integer in args',
      { args: ['{{ n }}'] },
      {},
      'job.spec.template.spec.containers[0].args[0]',
      /"\{\{ n \| string \}\}"/,
    ],
    [
      'an integer as an env value',
      { env: [{ name: 'N', value: '{{ n }}' }] },
      {},
      'job.spec.template.spec.containers[0].env[0].value',
      /\| string/,
    ],
    [
      'a string in parallelism',
      {},
      { parallelism: '{{ s }}' },
      'job.spec.parallelism',
      /expects a number: declare "s" as an integer/,
    ],
    [
      'text in parallelism',
      {},
      { parallelism: '{{ n }}0' },
      'job.spec.parallelism',
      /make the string exactly "\{\{ n \}\}"/,
    ],
    [
      'a boolean in a string field',
      { workingDir: '{{ b }}' },
      {},
      'job.spec.template.spec.containers[0].workingDir',
      /\| string/,
    ],
    ['a string in suspend', {}, { suspend: '{{ s }}' }, 'job.spec.suspend', /expects a boolean/],
    [
      'an array in a string field',
      { image: '{{ l }}' },
      {},
      'job.spec.template.spec.containers[0].image',
      /declare "l" as a string/,
    ],
    [
      'a string where args is a list',
      { args: '{{ s }}' },
      {},
      'job.spec.template.spec.containers[0].args',
      /array of strings/,
    ],
  ])(
    'a manifest puts the wrong JSON type into a Kubernetes field: %s',
    (_, container, spec, path, message) => {
      const parameters: Parameters = [
        { name: 'n', type: 'integer', default: 1 },
        s('s', { default: 'x' }),
        { name: 'b', type: 'boolean', default: true },
        { name: 'l', type: 'array', default: ['x'] },
      ];
      const def = manifest(container, parameters, spec);
      // Use every parameter, so that only the field in question is wrong.
      (def.job as { metadata: Record<string, unknown> }).metadata.annotations = {
        n: '{{ n | string }}',
        s: '{{ s }}',
        b: '{{ b | string }}',
      };
      (def.job as { spec: { template: Record<string, unknown> } }).spec.template.metadata = { labels: {} };
      const c = (def.job as { spec: { template: { spec: { containers: Array<Record<string, unknown>> } } } })
        .spec.template.spec.containers;
      if (!JSON.stringify(def.job).includes('{{ l }}'))
        c.push({ name: 'l', image: 'busybox', args: '{{ l }}' });
      const issues = issuesOf(def);
      expect(issues).toEqual([expect.objectContaining({ path })]);
      expect(issues[0]!.message).toMatch(message);
    },
  );

  test('the right JSON types in a manifest: int-or-string ports, integer fields, lists, strings', () => {
    const def = manifest(
      {
        args: '{{ l }}',
        env: [{ name: 'N', value: '{{ n | string }}' }],
        readinessProbe: { httpGet: { path: '/', port: '{{ port }}' } },
        ports: [{ containerPort: '{{ n }}' }],
      },
      [
        { name: 'n', type: 'integer', default: 8080 },
        { name: 'l', type: 'array', default: ['x'] },
        s('port', { default: 'http' }),
        { name: 'b', type: 'boolean', default: false },
      ],
      { parallelism: '{{ n }}', suspend: '{{ b }}' },
    );
    expect(validateTemplate(def)).toEqual([]);
  });
});
