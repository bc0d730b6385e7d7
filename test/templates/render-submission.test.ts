import { describe, expect, test } from 'vitest';
import type { RouteContext } from '../../src/api/context.js';
import { ApiError } from '../../src/api/errors.js';
import { buildJobOrThrow } from '../../src/api/job-manifest.js';
import { JobSubmitBody } from '../../src/api/schemas.js';
import { renderInto, templateServiceOf } from '../../src/api/templates/submission.js';
import type { ResolvedTemplate } from '../../src/api/templates/template-service.js';
import { withLabels } from '../../src/shared/commands/labels.js';
import { compiled, manifest, shortForm } from './support.js';

// The seam between the pure core and job creation: what a rendered submission hands on to the
// path every Job takes (buildJob, labels, policy), without storage.

function resolved(def: unknown, revision = 3): ResolvedTemplate {
  const template = compiled(def);
  const now = new Date();
  return {
    template: {
      name: template.definition.name,
      namespaces: ['team-*'],
      revision,
      createdBy: 'k',
      createdAt: now,
      updatedBy: 'k',
      updatedAt: now,
    },
    revision,
    compiled: template,
  };
}

const dated = shortForm({ generateName: 'report-{{ date }}-', args: ['--date', '{{ date }}'] }, [
  { name: 'date', type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', required: true },
]);

describe('a rendered submission', () => {
  test('builds into a Job with the rendered values and the template labels', () => {
    const out = renderInto(resolved(dated), { date: '2025-01-31' }, 'team-a', {
      callback: { url: 'https://ci.example.com/hook' },
    });
    if (!out.ok) throw new Error(JSON.stringify(out.issues));
    expect(out.job.ref).toBe('test:3');
    expect(out.job.labels).toEqual({ 'eks-jobs/template': 'test', 'eks-jobs/template-revision': '3' });
    // The callback is the submission's; the Job body keeps it as a Job body does.
    expect((out.job.job as { callback?: unknown }).callback).toEqual({ url: 'https://ci.example.com/hook' });
    const built = buildJobOrThrow(out.job.job, 'team-a', 'op-1');
    const job = withLabels(built.job as never, out.job.labels) as typeof built.job;
    expect(built.name).toMatch(/^report-2025-01-31-[a-z0-9]{5}$/);
    expect(job.metadata?.labels).toMatchObject(out.job.labels);
    expect(job.spec?.template.spec?.containers[0]?.args).toEqual(['--date', '2025-01-31']);
  });

  test('issues name the parameter at parameters.<name>', () => {
    const out = renderInto(resolved(dated), { date: 20250131 }, 'team-a');
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.issues).toEqual([expect.objectContaining({ path: 'parameters.date', parameter: 'date' })]);
  });

  test('a manifest that fixes another namespace is refused at template, for no parameter', () => {
    const def = manifest({ args: ['{{ a }}'] }, [{ name: 'a', type: 'string', default: 'x' }]);
    (def.job as { metadata: Record<string, unknown> }).metadata.namespace = 'team-b';
    const out = renderInto(resolved(def), {}, 'team-a');
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.issues.map((i) => i.path)).toEqual(['template']);
  });

  test('the job-create body tells a template submission from a Job', () => {
    expect(JobSubmitBody.safeParse({ template: 'report:2', parameters: { a: 1 } }).success).toBe(true);
    const bad = JobSubmitBody.safeParse({ template: 'Report', parameters: {} });
    expect(bad.success).toBe(false);
    expect(JobSubmitBody.safeParse({ template: 'report', image: 'x' }).success).toBe(false);
  });

  test('without a database the template routes are 404 TemplatesNotConfigured, never a 5xx', () => {
    let err: unknown;
    try {
      templateServiceOf({} as RouteContext);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(404);
    expect((err as ApiError).code).toBe('TemplatesNotConfigured');
    expect((err as ApiError).message).toMatch(/DATABASE_URL/);
  });
});
