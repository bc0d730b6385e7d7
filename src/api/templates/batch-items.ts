import type { RouteContext } from '../context.js';
import type { Principal } from '../deps.js';
import { ApiError } from '../errors.js';
import type { BatchItem, JobCreateBody } from '../schemas.js';
import type { TemplateIssue } from './issues.js';
import { namespaceRefusal, renderInto, resolveRefs } from './submission.js';
import { templateAllows } from './template-access.js';

/** A batch item as a Job to build: its own, or the one its template rendered (with the template's labels). */
export interface BatchJob {
  namespace: string;
  job: JobCreateBody;
  labels?: Record<string, string>;
}

/** An item that cannot be built, with every issue (paths within the item). */
export interface BadBatchItem {
  index: number;
  issues: TemplateIssue[];
}

const isTemplateItem = (item: BatchItem): item is Extract<BatchItem, { template: string }> =>
  'template' in item;

/**
 * The Jobs of a batch's items: a Job item as it is, a template item rendered into its namespace.
 * Each distinct reference is resolved (and each revision compiled) once for the whole batch, so
 * 1,000 items of one template cost one lookup and 1,000 renders. Items whose template does not
 * exist for this key, or whose parameters do not fit, are `bad` (issues at `template` or
 * `parameters.<name>`), to be refused together with the batch's other invalid items. A template
 * item in a namespace its template does not allow is refused at once: 403 listing every such item.
 */
export async function expandBatchItems(
  ctx: RouteContext,
  principal: Principal,
  items: readonly BatchItem[],
): Promise<{ jobs: Array<BatchJob | undefined>; bad: BadBatchItem[] }> {
  const refs = items.flatMap((item) => (isTemplateItem(item) ? [item.template] : []));
  if (refs.length === 0) {
    return { jobs: items.map((item) => item as BatchJob), bad: [] };
  }
  const resolutions = await resolveRefs(ctx.templates, principal, refs);
  const jobs: Array<BatchJob | undefined> = [];
  const bad: BadBatchItem[] = [];
  const denied: Array<{ index: number; scope: string; message: string }> = [];
  for (const [index, item] of items.entries()) {
    if (!isTemplateItem(item)) {
      jobs.push(item);
      continue;
    }
    jobs.push(undefined);
    const resolution = resolutions.get(item.template)!;
    if (!resolution.ok) {
      bad.push({ index, issues: [resolution.issue] });
      continue;
    }
    const { resolved } = resolution;
    if (!templateAllows(resolved.template.namespaces, item.namespace)) {
      denied.push({ index, scope: 'template', message: namespaceRefusal(resolved, item.namespace) });
      continue;
    }
    const rendered = renderInto(resolved, item.parameters, item.namespace);
    if (!rendered.ok) bad.push({ index, issues: rendered.issues });
    else jobs[index] = { namespace: item.namespace, job: rendered.job.job, labels: rendered.job.labels };
  }
  const first = denied[0];
  if (first) {
    const more = denied.length > 1 ? ` (and ${denied.length - 1} more item(s))` : '';
    throw new ApiError('Forbidden', `item ${first.index}: ${first.message}${more}`, {
      scope: 'template',
      items: denied,
    });
  }
  return { jobs, bad };
}
