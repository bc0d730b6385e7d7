import { describe, expect, test } from 'vitest';
import { containerOf, manifest, refused, rendered, shortForm } from './support.js';

/** Every path to a leaf of a JSON value, with the leaf's JSON type: the structure, values aside. */
function shape(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => shape(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => shape(v, `${path}.${JSON.stringify(k)}`));
  }
  return [`${path}:${typeof value}`];
}

const def = manifest(
  {
    command: ['sh', '-c', 'echo "{{ msg }}"'],
    args: ['{{ msg }}'],
    env: [
      { name: 'MSG', value: '{{ msg }}' },
      { name: 'OTHER', value: '{{ other }}' },
    ],
  },
  [
    { name: 'msg', type: 'string', required: true },
    { name: 'other', type: 'string', default: 'safe' },
  ],
  { parallelism: 1 },
);

describe('a value is one JSON string, wherever it lands, whatever it holds', () => {
  const baseline = shape(rendered(def, { msg: 'plain' }));

  test.each([
    ['JSON that closes the string', '", "privileged": true, "x": "'],
    ['a closing brace pair', '"}}'],
    ['JSON structure', '{"securityContext":{"privileged":true}}'],
    ['YAML structure', 'x\nsecurityContext:\n  privileged: true\n- name: EVIL\n  value: 1'],
    ['newlines and tabs', 'line1\nline2\r\n\tend'],
    ['shell metacharacters', '$(rm -rf /); `id` && echo "$HOME" | tee /x > /y'],
    ['backslashes and escapes', '\\", \\u0022 \\n \\\\'],
    ['braces that open nothing', '{{ unclosed'],
    ['a Go template', '{{.metadata.name}}'],
    ['an escape', '{{{{'],
    ['unicode and NUL', 'Zoë 🚀 \u0000 \u2028'],
  ])('%s: the structure is unchanged and the value appears verbatim', (_, value) => {
    const job = rendered(def, { msg: value });
    expect(shape(job)).toEqual(baseline);
    const c = containerOf(job);
    expect(c.command).toEqual(['sh', '-c', `echo "${value}"`]);
    expect(c.args).toEqual([value]);
    expect(c.env).toEqual([
      { name: 'MSG', value },
      { name: 'OTHER', value: 'safe' },
    ]);
    expect(job.spec).toMatchObject({ parallelism: 1 });
  });
});

describe('injected placeholders', () => {
  test.each([
    '{{ other }}',
    '{{other}}',
    'prefix {{ secret }} suffix',
    '{{ msg | string }}',
    '{{{{ other }}',
  ])('a value holding %j is refused, naming its parameter', (value) => {
    const issues = refused(def, { msg: value });
    expect(issues).toEqual([
      expect.objectContaining({
        path: 'parameters.msg',
        parameter: 'msg',
        message: expect.stringContaining('placeholder'),
      }),
    ]);
  });

  test('an array item holding one is refused at its index', () => {
    const files = manifest({ args: '{{ files }}' }, [{ name: 'files', type: 'array', required: true }]);
    expect(refused(files, { files: ['ok', '{{ secret }}'] })).toEqual([
      expect.objectContaining({ path: 'parameters.files[1]', parameter: 'files' }),
    ]);
  });

  test('a value "{{ secret }}" never reaches another parameter: values are not expanded', () => {
    // Two values that only make a placeholder side by side, after rendering.
    const joined = shortForm({ command: ['{{ a }}{{ b }}', '{{ b }}{{ a }}'] }, [
      { name: 'a', type: 'string', required: true },
      { name: 'b', type: 'string', required: true },
      { name: 'secret', type: 'string', default: 'TOP-SECRET' },
    ]);
    (joined.job as Record<string, unknown>).env = { S: '{{ secret }}' };
    const job = rendered(joined, { a: '{{', b: ' secret }}' });
    expect(job.command).toEqual(['{{ secret }}', ' secret }}{{']);
    expect(JSON.stringify(job.command)).not.toContain('TOP-SECRET');
  });

  test('a default holding a placeholder is a definition error', () => {
    const bad = shortForm({ command: ['{{ a }}'] }, [{ name: 'a', type: 'string', default: '{{ a }}' }]);
    expect(() => rendered(bad, {})).toThrow(/parameters\[0\]\.default/);
  });
});

describe('names that mean something to JavaScript are only names', () => {
  test('"__proto__" and "constructor" as parameters are unknown parameters, and change nothing', () => {
    const values = JSON.parse('{"msg": "x", "__proto__": {"polluted": true}, "constructor": 1}');
    const issues = refused(def, values);
    expect(issues.map((i) => i.path).sort()).toEqual(['parameters.__proto__', 'parameters.constructor']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('a "__proto__" key in the template cannot give a rendered object another prototype', () => {
    // As a request body arrives: JSON.parse makes "__proto__" an own key.
    const body = JSON.stringify(
      manifest({ args: ['{{ v }}'] }, [{ name: 'v', type: 'string', default: 'b' }]),
    )
      .replace('"restartPolicy"', '"__proto__": {"hostNetwork": true}, "restartPolicy"')
      .replace('"name":"main"', '"__proto__": {"securityContext": {"privileged": true}}, "name":"main"');
    const job = rendered(JSON.parse(body), {});
    const pod = (job.spec as { template: { spec: Record<string, unknown> } }).template.spec;
    expect(Object.getPrototypeOf(pod)).toBe(Object.prototype);
    expect(pod.hostNetwork).toBeUndefined();
    expect(Object.getPrototypeOf(containerOf(job))).toBe(Object.prototype);
    expect(containerOf(job).securityContext).toBeUndefined();
    expect(containerOf(job).args).toEqual(['b']);
  });
});
