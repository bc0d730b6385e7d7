import { readFileSync } from 'node:fs';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { describe, expect, test } from 'vitest';
import { JobCreateBody } from '../../src/api/schemas.js';
import {
  parseTemplateRef,
  TemplateDefinition,
  TemplateInvocation,
  TemplateRef,
  validateTemplate,
} from '../../src/api/templates/index.js';
import { shortForm } from './support.js';

describe('template references', () => {
  test.each([
    ['nightly', { name: 'nightly' }],
    ['nightly-report:3', { name: 'nightly-report', revision: 3 }],
    ['a:123456789', { name: 'a', revision: 123456789 }],
  ])('%j', (ref, parsed) => {
    expect(TemplateRef.safeParse(ref).success).toBe(true);
    expect(parseTemplateRef(ref)).toEqual(parsed);
  });

  test.each([
    '',
    'Nightly',
    'nightly:0',
    'nightly:03',
    'nightly:-1',
    'nightly:latest',
    'a:1:2',
    `${'a'.repeat(64)}:1`,
  ])('%j is refused', (ref) => {
    expect(TemplateRef.safeParse(ref).success).toBe(false);
    expect(parseTemplateRef(ref)).toBeUndefined();
  });
});

describe('reuse by the routes', () => {
  test('the definition is an OpenAPI component, and validates a request body', async () => {
    const app = new OpenAPIHono();
    const route = createRoute({
      method: 'post',
      path: '/templates',
      request: { body: { required: true, content: { 'application/json': { schema: TemplateDefinition } } } },
      responses: {
        200: { description: 'ok', content: { 'application/json': { schema: TemplateDefinition } } },
      },
    });
    app.openapi(route, (c) => c.json(c.req.valid('json'), 200));
    const doc = app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 't', version: '1' } });
    expect(Object.keys(doc.components?.schemas ?? {})).toEqual(
      expect.arrayContaining(['TemplateDefinition', 'TemplateParameter']),
    );
    const post = (body: unknown) =>
      app.request('/templates', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const def = shortForm({ command: ['{{ a }}'] }, [{ name: 'a', type: 'string', default: 'x' }]);
    expect(await (await post(def)).json()).toEqual(def);
    expect((await post({ ...def, name: 'Bad Name' })).status).toBe(400);
    // The example the reference shows is a valid template.
    const schemas = (doc.components?.schemas ?? {}) as Record<string, { example?: unknown }>;
    const example = schemas.TemplateDefinition?.example;
    expect(example).toBeDefined();
    expect(validateTemplate(example)).toEqual([]);
  });

  test('the example of docs/templates.md is a valid template', () => {
    const doc = readFileSync(new URL('../../docs/templates.md', import.meta.url), 'utf8');
    const example = /```json\n([\s\S]*?)\n```/.exec(doc)?.[1];
    expect(validateTemplate(JSON.parse(example!))).toEqual([]);
  });

  test('a job-create body is a Job or a template invocation, told apart by the schemas', () => {
    const body = z.union([JobCreateBody, TemplateInvocation]);
    expect(body.parse({ template: 'nightly:2', parameters: { date: '2025-01-31' } })).toEqual({
      template: 'nightly:2',
      parameters: { date: '2025-01-31' },
    });
    expect(body.parse({ template: 'nightly' })).toEqual({ template: 'nightly', parameters: {} });
    expect(body.parse({ generateName: 'x-', image: 'busybox' })).toEqual({
      generateName: 'x-',
      image: 'busybox',
    });
    expect(body.safeParse({ template: 'nightly', image: 'busybox' }).success).toBe(false);
  });
});
