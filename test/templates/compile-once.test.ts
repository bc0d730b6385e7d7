import { expect, test, vi } from 'vitest';
import * as grammar from '../../src/api/templates/grammar.js';
import { compileTemplate } from '../../src/api/templates/index.js';
import { manifest } from './support.js';

vi.mock('../../src/api/templates/grammar.js', async (importOriginal) => {
  const original = await importOriginal<typeof grammar>();
  return { ...original, parseTemplateString: vi.fn(original.parseTemplateString) };
});

test('a template is parsed when it is compiled, never again when it is rendered', () => {
  const def = manifest({ args: ['--shard={{ shard }}', '{{ input }}'] }, [
    { name: 'shard', type: 'integer', required: true },
    { name: 'input', type: 'string', required: true },
  ]);
  const result = compileTemplate(def);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  const parses = vi.mocked(grammar.parseTemplateString).mock.calls.length;
  expect(parses).toBeGreaterThan(0);
  for (let shard = 0; shard < 1000; shard++) {
    expect(result.template.render({ shard, input: `part-${shard}` }).ok).toBe(true);
  }
  expect(vi.mocked(grammar.parseTemplateString).mock.calls.length).toBe(parses);
});
