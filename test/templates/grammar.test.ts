import { describe, expect, test } from 'vitest';
import { containerOf, manifest, rendered, shortForm } from './support.js';

const str = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  type: 'string' as const,
  ...extra,
});

describe('a string that is exactly one placeholder takes the typed value', () => {
  test.each([
    ['integer', 3],
    ['number', 2.5],
    ['boolean', true],
  ] as const)('%s', (type, value) => {
    const field = type === 'boolean' ? 'suspend' : type === 'integer' ? 'parallelism' : 'completions';
    const def = manifest({}, [{ name: 'v', type, required: true }], { [field]: '{{ v }}' });
    expect((rendered(def, { v: value }).spec as Record<string, unknown>)[field]).toBe(value);
  });

  test('an array of strings replaces the whole string: args as a list', () => {
    const def = manifest({ args: '{{ files }}' }, [{ name: 'files', type: 'array', required: true }]);
    expect(containerOf(rendered(def, { files: ['a.csv', 'b c.csv'] })).args).toEqual(['a.csv', 'b c.csv']);
    expect(containerOf(rendered(def, { files: [] })).args).toEqual([]);
  });

  test('short form fields: backoffLimit from an integer, the image from a string', () => {
    const def = shortForm({ image: '{{ image }}', backoffLimit: '{{ retries }}' }, [
      str('image', { default: 'busybox:1.36' }),
      { name: 'retries', type: 'integer', default: 2 },
    ]);
    expect(rendered(def, {})).toMatchObject({ image: 'busybox:1.36', backoffLimit: 2 });
    expect(rendered(def, { retries: 0, image: 'alpine:3' })).toMatchObject({
      image: 'alpine:3',
      backoffLimit: 0,
    });
  });

  test('spaces inside the braces are optional', () => {
    const def = shortForm({ command: ['{{a}}', '{{ a }}', '{{   a   }}'] }, [str('a', { default: 'x' })]);
    expect(rendered(def, { a: 'v' }).command).toEqual(['v', 'v', 'v']);
  });
});

describe('placeholders inside longer strings take the string form', () => {
  const def = shortForm(
    {
      command: ['sh', '-c', 'echo {{ greeting }} {{n}} times, done={{ done }}; echo {{ greeting }}'],
      args: ['--ratio={{ ratio }}'],
    },
    [
      str('greeting', { default: 'hi' }),
      { name: 'n', type: 'integer', default: 3 },
      { name: 'done', type: 'boolean', default: false },
      { name: 'ratio', type: 'number', default: 0.25 },
    ],
  );

  test('integers, numbers and booleans as JSON writes them; one parameter used twice', () => {
    expect(rendered(def, {})).toMatchObject({
      command: ['sh', '-c', 'echo hi 3 times, done=false; echo hi'],
      args: ['--ratio=0.25'],
    });
    expect(rendered(def, { greeting: 'héllo wörld ✓', n: -7, done: true, ratio: 1e-7 }).command).toEqual([
      'sh',
      '-c',
      'echo héllo wörld ✓ -7 times, done=true; echo héllo wörld ✓',
    ]);
  });

  test('"{{ n | string }}" is the string form even as the whole string: an env value, a label, an arg', () => {
    const env = manifest({ env: [{ name: 'N', value: '{{ n | string }}' }], args: ['{{n|string}}'] }, [
      { name: 'n', type: 'integer', default: 3 },
    ]);
    const container = containerOf(rendered(env, { n: 42 }));
    expect(container.env).toEqual([{ name: 'N', value: '42' }]);
    expect(container.args).toEqual(['42']);
    const labels = shortForm(
      { labels: { shard: '{{ shard | string }}' }, env: { SHARD: '{{ shard | string }}' } },
      [{ name: 'shard', type: 'integer', default: 0 }],
    );
    expect(rendered(labels, { shard: 12 })).toMatchObject({ labels: { shard: '12' }, env: { SHARD: '12' } });
  });
});

describe('escapes', () => {
  test.each([
    ['{{{{', '{{'],
    ['{{{{ a }}', '{{ a }}'],
    ['x {{{{a}} {{ a }}', 'x {{a}} V'],
    ['{{{{{{{{', '{{{{'],
    ['{{{{{ a }}', '{{{ a }}'],
    ['}}', '}}'],
    ['{"k":{"j":1}}', '{"k":{"j":1}}'],
    ['{ a }', '{ a }'],
  ])('%j renders as %j', (template, out) => {
    const def = shortForm({ command: [template, '{{ a }}'] }, [str('a', { default: 'V' })]);
    expect((rendered(def, {}).command as string[])[0]).toBe(out);
  });

  test('an escaped string without any placeholder is unescaped too', () => {
    const def = shortForm({ command: ['{{ a }}'], args: ['{{{{.Values.x}}'] }, [str('a', { default: 'V' })]);
    expect(rendered(def, {}).args).toEqual(['{{.Values.x}}']);
  });
});

describe('structure is kept as written around the placeholders', () => {
  test('nested objects and arrays, literal numbers, booleans and nulls, unicode keys and values', () => {
    const def = manifest(
      {
        env: [
          { name: 'PLAIN', value: 'ü–∑' },
          { name: 'FROM', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          { name: 'WHO', value: 'hello {{ who }}' },
        ],
        volumeMounts: [{ name: 'data', mountPath: '/data/{{ who }}', readOnly: true }],
      },
      [str('who', { default: 'world' })],
      {
        backoffLimit: 0,
        podFailurePolicy: { rules: [{ action: 'Ignore', onExitCodes: { operator: 'In', values: [1, 2] } }] },
      },
    );
    (def.job as { metadata: Record<string, unknown> }).metadata.annotations = { 'ünïcode/ключ': '{{ who }}' };
    const job = rendered(def, { who: 'Zoë 🚀' });
    expect(containerOf(job)).toMatchObject({
      env: [
        { name: 'PLAIN', value: 'ü–∑' },
        { name: 'FROM', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
        { name: 'WHO', value: 'hello Zoë 🚀' },
      ],
      volumeMounts: [{ name: 'data', mountPath: '/data/Zoë 🚀', readOnly: true }],
    });
    expect(job.spec).toMatchObject({
      backoffLimit: 0,
      podFailurePolicy: { rules: [{ action: 'Ignore', onExitCodes: { operator: 'In', values: [1, 2] } }] },
    });
    expect((job.metadata as Record<string, unknown>).annotations).toEqual({ 'ünïcode/ключ': 'Zoë 🚀' });
  });

  test('the short form env map and command args', () => {
    const def = shortForm(
      {
        command: ['python', 'train.py', '--epochs', '{{ epochs | string }}', '--lr={{ lr }}'],
        env: { DATA: 's3://{{ bucket }}/in' },
      },
      [
        { name: 'epochs', type: 'integer', minimum: 1, default: 10 },
        { name: 'lr', type: 'number', default: 0.001 },
        str('bucket', { required: true }),
      ],
    );
    expect(rendered(def, { bucket: 'my-data', epochs: 5 })).toMatchObject({
      command: ['python', 'train.py', '--epochs', '5', '--lr=0.001'],
      env: { DATA: 's3://my-data/in' },
    });
  });
});
