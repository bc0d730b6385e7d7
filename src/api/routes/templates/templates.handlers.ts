import type { Context } from 'hono';
import { checkNamespace, type KeyScopes } from '../../../shared/api-keys/scopes.js';
import { setAuditInfo } from '../../auth/context.js';
import type { AppEnv, RouteContext } from '../../context.js';
import { ApiError } from '../../errors.js';
import type { TemplateIssue } from '../../templates/issues.js';
import type { TemplateDefinition } from '../../templates/schemas.js';
import { scopesOf, templateServiceOf } from '../../templates/submission.js';
import { compileTemplate } from '../../templates/template.js';
import { templateAllows, templateVisible, uncoveredPatterns } from '../../templates/template-access.js';
import type { StoredRevision, StoredTemplate, WriteGuard } from '../../templates/template-store.js';
import type { AppRouteHandler } from '../router.js';
import type * as routes from './templates.routes.js';
import type { TemplateView } from './templates.schemas.js';

const etag = (revision: number) => `"${revision}"`;

/** Whether an `If-Match` value names the current revision (`"3"`, a list of tags, or `*`). */
function ifMatches(header: string, revision: number): boolean {
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag(revision));
}

function summary(template: StoredTemplate) {
  return {
    name: template.name,
    revision: template.revision,
    namespaces: template.namespaces,
    ...(template.description !== undefined ? { description: template.description } : {}),
    createdBy: template.createdBy,
    createdAt: template.createdAt.toISOString(),
    updatedBy: template.updatedBy,
    updatedAt: template.updatedAt.toISOString(),
  };
}
type TemplateSummary = ReturnType<typeof summary>;

function view(template: StoredTemplate, revision: StoredRevision): TemplateView {
  const { name: _name, ...definition } = revision.definition;
  return {
    name: template.name,
    revision: template.revision,
    namespaces: template.namespaces,
    ...definition,
    createdBy: template.createdBy,
    createdAt: template.createdAt.toISOString(),
    updatedBy: template.updatedBy,
    updatedAt: template.updatedAt.toISOString(),
  };
}

function revisionView(revision: StoredRevision) {
  const { name: _name, ...definition } = revision.definition;
  return {
    name: revision.name,
    revision: revision.revision,
    ...definition,
    createdBy: revision.createdBy,
    createdAt: revision.createdAt.toISOString(),
  };
}

const notFound = (name: string) => new ApiError('TemplateNotFound', `no template "${name}"`);

/** 403 unless the key may write templates at all. */
function requireWrite(scopes: KeyScopes): void {
  if (!scopes.templateWrite) {
    throw new ApiError('Forbidden', 'this key may not create, revise or delete templates (templateWrite)', {
      scope: 'templateWrite',
    });
  }
}

/** 403 naming the template patterns outside the key's `namespaces`. */
function requireCovered(scopes: KeyScopes, patterns: readonly string[]): void {
  const outside = uncoveredPatterns(scopes, patterns);
  if (outside.length > 0) {
    throw new ApiError(
      'Forbidden',
      `the template's namespaces ${outside.map((p) => JSON.stringify(p)).join(', ')} are not within this key's namespaces`,
      { scope: 'namespaces', patterns: outside },
    );
  }
}

/** Where a JSON document holds U+0000, which PostgreSQL cannot store in jsonb (nor Kubernetes use). */
function nulAt(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const at = nulAt(item, `${path}[${i}]`);
      if (at) return at;
    }
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\u0000')) return path;
      const at = nulAt(item, path ? `${path}.${key}` : key);
      if (at) return at;
    }
  }
  return undefined;
}

/** The definition checked whole: 422 with every issue, paths as in the request body. */
function checkedDefinition(definition: unknown): TemplateDefinition {
  const compiled = compileTemplate(definition);
  const issues: TemplateIssue[] = compiled.ok ? [] : compiled.issues;
  const nul = compiled.ok ? nulAt(compiled.template.definition, '') : undefined;
  if (nul !== undefined) issues.push({ path: nul, message: 'must not contain the character U+0000' });
  if (!compiled.ok || issues.length > 0) {
    throw new ApiError('ValidationFailed', 'the template is not valid', { issues });
  }
  return compiled.template.definition;
}

/** The template routes' handlers (docs/templates.md). */
export function templateHandlers(ctx: RouteContext) {
  const store = () => templateServiceOf(ctx).store;

  /** A template the key may see, or 404 — also for one it may not, so as not to tell it exists. */
  async function visible(c: Context<AppEnv>, name: string, options: { deleted?: boolean } = {}) {
    const template = await store().get(name);
    if (!template || !templateVisible(scopesOf(c.var.principal), template.namespaces)) throw notFound(name);
    if (template.deletedAt && !options.deleted) {
      throw new ApiError('TemplateNotFound', `template "${name}" was deleted`);
    }
    return template;
  }

  /** The decision on the current template that a revise or delete takes inside its write. */
  function writeGuard(c: Context<AppEnv>, name: string, ifMatch: string | undefined): WriteGuard {
    const scopes = scopesOf(c.var.principal);
    return (current) => {
      if (!templateVisible(scopes, current.namespaces)) throw notFound(name);
      requireCovered(scopes, current.namespaces);
      if (ifMatch !== undefined && !ifMatches(ifMatch, current.revision)) {
        throw new ApiError(
          'PreconditionFailed',
          `If-Match ${ifMatch} is not the newest revision of template "${name}" (${etag(current.revision)})`,
          { revision: current.revision },
        );
      }
    };
  }

  const create: AppRouteHandler<typeof routes.createTemplate> = async (c) => {
    const templates = store();
    const { namespaces: given, ...body } = c.req.valid('json');
    setAuditInfo(c, { target: { kind: 'template', name: body.name } });
    const scopes = scopesOf(c.var.principal);
    requireWrite(scopes);
    const namespaces = given ?? scopes.namespaces;
    requireCovered(scopes, namespaces);
    const definition = checkedDefinition(body);
    const { template, revision } = await templates.create({ definition, namespaces, by: c.var.principal.id });
    c.header('Location', `/v1/templates/${template.name}`);
    c.header('ETag', etag(template.revision));
    return c.json(view(template, revision), 201);
  };

  const revise: AppRouteHandler<typeof routes.reviseTemplate> = async (c) => {
    const templates = store();
    const { name } = c.req.valid('param');
    const { namespaces, name: named, ...body } = c.req.valid('json');
    const scopes = scopesOf(c.var.principal);
    requireWrite(scopes);
    if (named !== undefined && named !== name) {
      throw new ApiError('ValidationFailed', 'the body names another template than the path', {
        issues: [{ path: 'name', message: `must be "${name}", the name in the path (or left out)` }],
      });
    }
    if (namespaces) requireCovered(scopes, namespaces);
    const definition = checkedDefinition({ ...body, name });
    const revised = await templates.revise(
      name,
      { definition, ...(namespaces ? { namespaces } : {}), by: c.var.principal.id },
      writeGuard(c, name, c.req.valid('header')['if-match']),
    );
    if (!revised) throw notFound(name);
    c.header('ETag', etag(revised.template.revision));
    c.header('Content-Location', `/v1/templates/${name}/revisions/${revised.revision.revision}`);
    return c.json(view(revised.template, revised.revision), 200);
  };

  const remove: AppRouteHandler<typeof routes.deleteTemplate> = async (c) => {
    const templates = store();
    const { name } = c.req.valid('param');
    requireWrite(scopesOf(c.var.principal));
    const guard = writeGuard(c, name, c.req.valid('header')['if-match']);
    if (!(await templates.delete(name, c.var.principal.id, guard))) throw notFound(name);
    return c.body(null, 204);
  };

  const get: AppRouteHandler<typeof routes.getTemplate> = async (c) => {
    const { name } = c.req.valid('param');
    const template = await visible(c, name);
    const revision = await store().revision(name, template.revision);
    if (!revision) throw notFound(name);
    c.header('ETag', etag(template.revision));
    return c.json(view(template, revision), 200);
  };

  const list: AppRouteHandler<typeof routes.listTemplates> = async (c) => {
    const templates = store();
    const { limit, cursor, namespace } = c.req.valid('query');
    const scopes = scopesOf(c.var.principal);
    const usable = (template: StoredTemplate) =>
      namespace === undefined
        ? templateVisible(scopes, template.namespaces)
        : templateAllows(template.namespaces, namespace);
    let after = cursor === undefined ? undefined : decodeCursor(cursor);
    const items: TemplateSummary[] = [];
    // Templates this key may not use are skipped: a page looks at a bounded number of them.
    let budget = Math.max(4 * limit, 200);
    let exhausted = namespace !== undefined && !checkNamespace(scopes, namespace).ok;
    while (!exhausted && items.length < limit && budget > 0) {
      const page = await templates.list({ ...(after ? { after } : {}), limit: Math.min(budget, 500) });
      let looked = 0;
      for (const template of page.items) {
        if (items.length === limit || budget === 0) break;
        looked++;
        budget--;
        after = template.name;
        if (usable(template)) items.push(summary(template));
      }
      exhausted = page.next === undefined && looked === page.items.length;
    }
    return c.json({ items, ...(!exhausted && after ? { nextCursor: encodeCursor(after) } : {}) }, 200);
  };

  const revisions: AppRouteHandler<typeof routes.listTemplateRevisions> = async (c) => {
    const { name } = c.req.valid('param');
    const { limit, cursor } = c.req.valid('query');
    await visible(c, name, { deleted: true });
    const before = cursor === undefined ? undefined : Number(decodeCursor(cursor, /^[1-9][0-9]{0,8}$/));
    const page = await store().revisions(name, { ...(before ? { before } : {}), limit });
    return c.json(
      {
        items: page.items.map(({ definition, ...r }) => ({
          ...r,
          ...(definition.description !== undefined ? { description: definition.description } : {}),
          createdAt: r.createdAt.toISOString(),
        })),
        ...(page.next !== undefined ? { nextCursor: encodeCursor(String(page.next)) } : {}),
      },
      200,
    );
  };

  const revision: AppRouteHandler<typeof routes.getTemplateRevision> = async (c) => {
    const { name, rev } = c.req.valid('param');
    await visible(c, name, { deleted: true });
    const found = await store().revision(name, rev);
    if (!found) throw new ApiError('TemplateNotFound', `template "${name}" has no revision ${rev}`);
    c.header('ETag', etag(rev));
    return c.json(revisionView(found), 200);
  };

  return { create, revise, remove, get, list, revisions, revision };
}

function encodeCursor(value: string): string {
  return Buffer.from(value).toString('base64url');
}

/** The value of a cursor this API made, or 422 InvalidCursor. */
function decodeCursor(cursor: string, shape = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/): string {
  const value = Buffer.from(cursor, 'base64url').toString();
  if (!shape.test(value) || encodeCursor(value) !== cursor) {
    throw new ApiError('InvalidCursor', 'cursor is not one this listing made');
  }
  return value;
}
