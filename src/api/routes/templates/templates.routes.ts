import { createRoute } from '@hono/zod-openapi';
import { COMMON_ERRORS, errorResponses, json, responseHeaders, security } from '../openapi-helpers.js';
import {
  IfMatchHeaders,
  TemplateCreateBody,
  TemplateList,
  TemplateListQuery,
  TemplateParams,
  TemplateReviseBody,
  TemplateRevisionList,
  TemplateRevisionListQuery,
  TemplateRevisionParams,
  TemplateRevisionView,
  TemplateView,
} from './templates.schemas.js';

const tags = ['Templates'];

/** Every template route answers 404 TemplatesNotConfigured without a database, 503 while it cannot be reached. */
const TEMPLATE_ERRORS = COMMON_ERRORS;

const SCOPES =
  'A key sees a template when some namespace is in both its own `namespaces` and the template’s; any other template is 404 to it. Writing needs the key scope `templateWrite`, and every namespace pattern of the template (old and new) within the key’s `namespaces`.';

export const createTemplate = createRoute({
  method: 'post',
  path: '/',
  operationId: 'createTemplate',
  summary: 'Create a Job template (revision 1)',
  description: `The definition is checked whole (every issue at once, 422 with paths in the body): parameters, placeholders, and the Job it renders with its defaults. 409 TemplateExists when the name is taken. A deleted template's name may be created again: it continues at its next revision, so \`name:N\` always means one definition. ${SCOPES}`,
  tags,
  security,
  request: { body: { required: true, content: { 'application/json': { schema: TemplateCreateBody } } } },
  responses: {
    201: json(TemplateView, 'Created; Location: the template; ETag: its revision', ['Location', 'ETag']),
    ...errorResponses(400, 409, 413, 415, 422, ...TEMPLATE_ERRORS),
  },
});

export const listTemplates = createRoute({
  method: 'get',
  path: '/',
  operationId: 'listTemplates',
  summary: 'List the templates this key may use',
  description: `By name. A page looks at up to max(4 × limit, 200) templates, so it may be short while nextCursor is present. ${SCOPES}`,
  tags,
  security,
  request: { query: TemplateListQuery },
  responses: {
    200: json(TemplateList, 'A page of templates; pass nextCursor as cursor for the next'),
    ...errorResponses(422, ...TEMPLATE_ERRORS),
  },
});

export const getTemplate = createRoute({
  method: 'get',
  path: '/{name}',
  operationId: 'getTemplate',
  summary: 'A template: its newest revision',
  tags,
  security,
  request: { params: TemplateParams },
  responses: {
    200: json(TemplateView, 'The template; ETag: its newest revision', ['ETag']),
    ...errorResponses(422, ...TEMPLATE_ERRORS),
  },
});

export const reviseTemplate = createRoute({
  method: 'put',
  path: '/{name}',
  operationId: 'reviseTemplate',
  summary: 'Revise a template (revision N+1)',
  description: `The definition becomes revision N+1; earlier revisions never change and stay submittable as \`name:rev\`. With \`If-Match\` (the ETag read), only if N is still the newest revision: else 412 PreconditionFailed. ${SCOPES}`,
  tags,
  security,
  request: {
    params: TemplateParams,
    headers: IfMatchHeaders,
    body: { required: true, content: { 'application/json': { schema: TemplateReviseBody } } },
  },
  responses: {
    200: json(TemplateView, 'The template at its new revision; ETag: that revision', [
      'ETag',
      'Content-Location',
    ]),
    ...errorResponses(400, 412, 413, 415, 422, ...TEMPLATE_ERRORS),
  },
});

export const deleteTemplate = createRoute({
  method: 'delete',
  path: '/{name}',
  operationId: 'deleteTemplate',
  summary: 'Delete a template',
  description: `A soft delete: the template answers 404 and cannot be submitted, its revisions are kept (readable under /revisions, for the history of the Jobs they made). With \`If-Match\`, only if that is still the newest revision (else 412). ${SCOPES}`,
  tags,
  security,
  request: { params: TemplateParams, headers: IfMatchHeaders },
  responses: {
    204: { description: 'Deleted', headers: responseHeaders() },
    ...errorResponses(412, 422, ...TEMPLATE_ERRORS),
  },
});

export const listTemplateRevisions = createRoute({
  method: 'get',
  path: '/{name}/revisions',
  operationId: 'listTemplateRevisions',
  summary: 'The revisions of a template, newest first',
  description: 'Also of a deleted template, whose revisions are kept.',
  tags,
  security,
  request: { params: TemplateParams, query: TemplateRevisionListQuery },
  responses: {
    200: json(TemplateRevisionList, 'A page of revisions; pass nextCursor as cursor for the next'),
    ...errorResponses(422, ...TEMPLATE_ERRORS),
  },
});

export const getTemplateRevision = createRoute({
  method: 'get',
  path: '/{name}/revisions/{rev}',
  operationId: 'getTemplateRevision',
  summary: 'One revision of a template',
  tags,
  security,
  request: { params: TemplateRevisionParams },
  responses: {
    200: json(TemplateRevisionView, 'The revision; ETag: its number', ['ETag']),
    ...errorResponses(422, ...TEMPLATE_ERRORS),
  },
});
