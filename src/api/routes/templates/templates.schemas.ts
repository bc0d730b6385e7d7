import { z } from '@hono/zod-openapi';
import { scopePattern } from '../../../shared/api-keys/key-file.js';
import { NamespaceName } from '../../schemas.js';
import { TemplateDefinition, TemplateName, TemplateParameter } from '../../templates/schemas.js';

/** The namespaces a template may be submitted into: globs as keys' `namespaces` are written. */
export const TemplateNamespaces = z
  .array(scopePattern)
  .min(1)
  .max(100)
  .describe(
    'Namespace names or glob patterns (`*`, `?`) the template may be submitted into, as API keys’ `namespaces` scopes are written; wildcards never match kube-system, kube-public or kube-node-lease. Each must lie within the writing key’s own `namespaces`. Default: the writing key’s `namespaces`',
  )
  .openapi({ example: ['team-a-*'] });

const namespacesField = { namespaces: TemplateNamespaces.optional() };

/** Body of `POST /v1/templates`: a definition and where it may be used. */
// Fresh objects, not `.extend()`: the document would otherwise say allOf a strict TemplateDefinition.
export const TemplateCreateBody = z
  .strictObject({ ...TemplateDefinition.shape, ...namespacesField })
  .openapi('TemplateCreate', {
    example: {
      name: 'nightly-report',
      description: 'The report of one day',
      namespaces: ['team-a-*'],
      parameters: [{ name: 'date', type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', required: true }],
      job: {
        generateName: 'report-',
        image: 'busybox:1.36',
        command: ['sh', '-c', 'echo report of "$DAY"'],
        env: { DAY: '{{ date }}' },
      },
    },
  });
export type TemplateCreateBody = z.infer<typeof TemplateCreateBody>;

/** Body of `PUT /v1/templates/{name}`: the next revision's definition (the name is the path's). */
export const TemplateReviseBody = z
  .strictObject({
    ...TemplateDefinition.shape,
    name: TemplateName.optional().describe('The path’s name, if given'),
    namespaces: TemplateNamespaces.optional().describe(
      'New namespace patterns; the template’s current ones when left out',
    ),
  })
  .openapi('TemplateRevise');
export type TemplateReviseBody = z.infer<typeof TemplateReviseBody>;

const who = {
  createdBy: z.string().describe('API key id that made it'),
  createdAt: z.string().describe('ISO 8601'),
};

const definitionFields = {
  description: z.string().optional(),
  parameters: z.array(TemplateParameter),
  job: z.record(z.string(), z.unknown()),
};

/** A template: its newest revision's definition, its namespaces and who changed it last. */
export const TemplateView = z
  .object({
    name: z.string(),
    revision: z.number().int().describe('The newest revision (also the ETag)'),
    namespaces: z.array(z.string()),
    ...definitionFields,
    ...who,
    updatedBy: z.string().describe('API key id that made the newest revision'),
    updatedAt: z.string().describe('ISO 8601'),
  })
  .openapi('Template');
export type TemplateView = z.infer<typeof TemplateView>;

/** One immutable revision, whole. */
export const TemplateRevisionView = z
  .object({ name: z.string(), revision: z.number().int(), ...definitionFields, ...who })
  .openapi('TemplateRevision');

const { parameters: _p, job: _j, ...summaryFields } = TemplateView.shape;

export const TemplateList = z
  .object({
    items: z.array(z.object(summaryFields).openapi('TemplateSummary')),
    nextCursor: z
      .string()
      .optional()
      .describe('Pass as cursor for the next page; a page may be short while more follow'),
  })
  .openapi('TemplateList');

export const TemplateRevisionList = z
  .object({
    items: z.array(
      z
        .object({ name: z.string(), revision: z.number().int(), description: z.string().optional(), ...who })
        .openapi('TemplateRevisionSummary'),
    ),
    nextCursor: z.string().optional().describe('Pass as cursor for the next page'),
  })
  .openapi('TemplateRevisionList');

const limit = z.coerce.number().int().min(1).max(500).default(50);
const cursor = z.string().max(200).optional().describe('nextCursor of the previous page');

export const TemplateListQuery = z.object({
  limit,
  cursor,
  namespace: NamespaceName.optional().describe('Only templates that may be submitted into this namespace'),
});

export const TemplateRevisionListQuery = z.object({ limit, cursor });

export const TemplateParams = z.object({
  name: TemplateName.openapi({ param: { name: 'name', in: 'path' } }),
});

export const TemplateRevisionParams = TemplateParams.extend({
  rev: z
    .string()
    .regex(/^[1-9][0-9]{0,8}$/, 'must be a revision number (1, 2, …)')
    .transform(Number)
    .openapi({ param: { name: 'rev', in: 'path' }, type: 'integer', example: 3 }),
});

/** `If-Match` of a write: the revision the writer read (its ETag), or `*`. */
export const IfMatchHeaders = z.object({
  'if-match': z
    .string()
    .max(200)
    .optional()
    .openapi({
      param: { name: 'if-match', in: 'header' },
      description:
        'The ETag read (`"3"`): the write happens only if that is still the newest revision, else 412 PreconditionFailed',
    }),
});
