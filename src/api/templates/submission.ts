import { ALL_SCOPES, type KeyScopes } from '../../shared/api-keys/scopes.js';
import { templateLabels } from '../../shared/commands/labels.js';
import type { RouteContext } from '../context.js';
import type { Principal } from '../deps.js';
import { ApiError } from '../errors.js';
import type { JobCreateBody } from '../schemas.js';
import type { TemplateIssue } from './issues.js';
import { parseTemplateRef } from './schemas.js';
import { templateAllows, templateVisible } from './template-access.js';
import { type ResolvedTemplate, refOf, type TemplateService } from './template-service.js';

/**
 * Submitting a template (docs/templates.md, "Submitting"): `{"template", "parameters"}` in place
 * of a Job, on `POST …/jobs` and as batch items. The reference is resolved, the key's and the
 * template's namespaces decided, and the parameters rendered into the Job that then goes the way
 * every Job goes (policy, names, enqueue).
 */

/** The scopes of a principal; one without (authentication off) may do everything. */
export function scopesOf(principal: Principal): KeyScopes {
  return (principal as { scopes?: KeyScopes }).scopes ?? ALL_SCOPES;
}

/** Why templates cannot be used on a server without a database. */
export const TEMPLATES_NEED_A_DATABASE =
  'job templates need a database, and this server runs without one (DATABASE_URL is not set)';

/**
 * The template service of the template routes, or 404 `TemplatesNotConfigured` when the server
 * has no database: the routes are not there to use. Never a 5xx: nothing failed.
 */
export function templateServiceOf(ctx: RouteContext): TemplateService {
  if (!ctx.templates) throw new ApiError('TemplatesNotConfigured', TEMPLATES_NEED_A_DATABASE);
  return ctx.templates;
}

/** A rendered submission: the Job body and the labels naming its template and revision. */
export interface TemplatedJob {
  job: JobCreateBody;
  labels: Record<string, string>;
  /** `name:revision` rendered. */
  ref: string;
}

/** A reference resolved for one key: the template it may use, or the issue at `template`. */
type KeyResolution = { ok: true; resolved: ResolvedTemplate } | { ok: false; issue: TemplateIssue };

/**
 * Resolves each distinct reference once for `principal`. A template the key may not use
 * anywhere reads as one that does not exist (as its `GET` answers 404); without a database no
 * reference resolves.
 */
export async function resolveRefs(
  service: TemplateService | undefined,
  principal: Principal,
  refs: Iterable<string>,
): Promise<Map<string, KeyResolution>> {
  const scopes = scopesOf(principal);
  const out = new Map<string, KeyResolution>();
  for (const ref of refs) {
    if (out.has(ref)) continue;
    if (!service) {
      out.set(ref, { ok: false, issue: { path: 'template', message: TEMPLATES_NEED_A_DATABASE } });
      continue;
    }
    const parsed = parseTemplateRef(ref);
    if (!parsed) {
      out.set(ref, { ok: false, issue: { path: 'template', message: `not a template reference: ${ref}` } });
      continue;
    }
    const found = await service.resolve(parsed);
    if (found.ok && !templateVisible(scopes, found.resolved.template.namespaces)) {
      out.set(ref, { ok: false, issue: { path: 'template', message: `no template "${parsed.name}"` } });
    } else if (found.ok) {
      out.set(ref, found);
    } else {
      const message = {
        missing: `no template "${parsed.name}"`,
        deleted: `template "${parsed.name}" was deleted`,
        'no-revision': `template "${parsed.name}" has no revision ${parsed.revision}`,
        invalid: `template "${ref}" is no longer valid; revise it`,
      }[found.reason];
      out.set(ref, { ok: false, issue: { path: 'template', message } });
    }
  }
  return out;
}

/**
 * Renders a resolved template into `namespace`: the Job body, or the issues, each naming its
 * parameter (`parameters.<name>`). `extra` is kept on the Job body (a submission's `callback`).
 */
export function renderInto(
  resolved: ResolvedTemplate,
  parameters: unknown,
  namespace: string,
  extra: Record<string, unknown> = {},
): { ok: true; job: TemplatedJob } | { ok: false; issues: TemplateIssue[] } {
  const rendered = resolved.compiled.render(parameters, { namespace });
  if (!rendered.ok) return rendered;
  return {
    ok: true,
    job: {
      job: { ...rendered.job, ...extra } as JobCreateBody,
      labels: templateLabels(resolved.template.name, resolved.revision),
      ref: refOf(resolved),
    },
  };
}

/** The 403 of a template submitted into a namespace its patterns do not include. */
export function namespaceRefusal(resolved: ResolvedTemplate, namespace: string): string {
  return `template "${resolved.template.name}" may not be used in namespace "${namespace}" (its namespaces: ${resolved.template.namespaces.join(', ')})`;
}

/**
 * One `POST …/jobs` submission of a template into `namespace`: 422 at `template` for a template
 * that does not exist for this key (or at all, without a database), 403 for a namespace the
 * template does not allow, 422 naming each bad parameter. The key's own right to create Jobs in
 * `namespace` is decided before, as for any Job.
 */
export async function renderSubmission(
  ctx: RouteContext,
  principal: Principal,
  body: { template: string; parameters?: Record<string, unknown>; callback?: unknown },
  namespace: string,
): Promise<TemplatedJob> {
  const resolution = (await resolveRefs(ctx.templates, principal, [body.template])).get(body.template)!;
  if (!resolution.ok) {
    throw new ApiError('ValidationFailed', resolution.issue.message, { issues: [resolution.issue] });
  }
  const { resolved } = resolution;
  if (!templateAllows(resolved.template.namespaces, namespace)) {
    throw new ApiError('Forbidden', namespaceRefusal(resolved, namespace), { scope: 'template' });
  }
  const result = renderInto(
    resolved,
    body.parameters ?? {},
    namespace,
    body.callback === undefined ? {} : { callback: body.callback },
  );
  if (!result.ok) {
    throw new ApiError('ValidationFailed', `the parameters do not fit template "${refOf(resolved)}"`, {
      template: refOf(resolved),
      issues: result.issues,
    });
  }
  return result.job;
}
