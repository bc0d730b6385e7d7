import { expect } from 'vitest';
import {
  type CompiledTemplate,
  compileTemplate,
  type RenderOptions,
  type TemplateDefinitionInput,
} from '../../src/api/templates/index.js';

/** A short-form template around `job` fields, with `parameters`. */
export function shortForm(
  job: Record<string, unknown>,
  parameters: TemplateDefinitionInput['parameters'] = [],
): TemplateDefinitionInput {
  return { name: 'test', parameters, job: { generateName: 't-', image: 'busybox:1.36', ...job } };
}

/** A manifest template whose one container has `container` fields, and `spec` fields on the Job. */
export function manifest(
  container: Record<string, unknown>,
  parameters: TemplateDefinitionInput['parameters'] = [],
  spec: Record<string, unknown> = {},
): TemplateDefinitionInput {
  return {
    name: 'test',
    parameters,
    job: {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { generateName: 't-' },
      spec: {
        ...spec,
        template: {
          spec: {
            restartPolicy: 'Never',
            containers: [{ name: 'main', image: 'busybox:1.36', ...container }],
          },
        },
      },
    },
  };
}

/** Compiles a definition that must be valid. */
export function compiled(def: unknown): CompiledTemplate {
  const result = compileTemplate(def);
  if (!result.ok) throw new Error(`definition refused: ${JSON.stringify(result.issues, null, 2)}`);
  return result.template;
}

/** Renders values that must be accepted; answers the rendered job body. */
export function rendered(def: unknown, values: unknown, options?: RenderOptions): Record<string, unknown> {
  const result = compiled(def).render(values, options);
  if (!result.ok) throw new Error(`render refused: ${JSON.stringify(result.issues, null, 2)}`);
  return result.job as Record<string, unknown>;
}

/** The issues of a render that must be refused. */
export function refused(def: unknown, values: unknown, options?: RenderOptions) {
  const result = compiled(def).render(values, options);
  expect(result.ok, 'the render should be refused').toBe(false);
  return result.ok ? [] : result.issues;
}

/** The one container of a rendered manifest. */
export function containerOf(job: Record<string, unknown>): Record<string, unknown> {
  const spec = job.spec as { template: { spec: { containers: Array<Record<string, unknown>> } } };
  return spec.template.spec.containers[0]!;
}
