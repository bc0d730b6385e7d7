import type { Client } from 'openapi-fetch';
import { unwrap } from './fetch-result.js';
import type { paths } from './generated/api.js';
import type {
  Template,
  TemplateCreate,
  TemplateList,
  TemplateRevise,
  TemplateRevision,
  TemplateRevisionList,
} from './types.js';

/** Options of the template reads. */
export interface TemplateCallOptions {
  signal?: AbortSignal;
}

/** Options of a revise or delete. */
export interface TemplateWriteOptions extends TemplateCallOptions {
  /**
   * The revision read (`template.revision`): the write happens only while it is still the newest,
   * else `EksJobsError` 412 `PreconditionFailed`. Without it a call retried after a lost
   * connection may revise twice (two equal revisions).
   */
  ifMatch?: number;
}

const ifMatch = (o: TemplateWriteOptions) =>
  o.ifMatch === undefined ? {} : { 'if-match': `"${o.ifMatch}"` };

/**
 * The template helpers of the client (docs/templates.md): create, read, list, revise and delete
 * templates, read their revisions. Submitting one is `submitJob(ns, {template, parameters})`, or
 * batch items `{namespace, template, parameters}`.
 */
export function templateMethods(raw: Client<paths>) {
  return {
    /** Creates a template (revision 1); 409 `TemplateExists` when the name is taken. */
    async createTemplate(template: TemplateCreate, o: TemplateCallOptions = {}): Promise<Template> {
      return unwrap(await raw.POST('/v1/templates', { body: template, signal: o.signal }));
    },

    /** A template at its newest revision. */
    async getTemplate(name: string, o: TemplateCallOptions = {}): Promise<Template> {
      return unwrap(await raw.GET('/v1/templates/{name}', { params: { path: { name } }, signal: o.signal }));
    },

    /** One page of the templates this key may use, by name. */
    async listTemplates(
      o: TemplateCallOptions & { limit?: number; cursor?: string; namespace?: string } = {},
    ): Promise<TemplateList> {
      const { signal, ...query } = o;
      return unwrap(await raw.GET('/v1/templates', { params: { query }, signal }));
    },

    /** Makes `definition` the template's next revision; resolves with the template at it. */
    async reviseTemplate(
      name: string,
      definition: TemplateRevise,
      o: TemplateWriteOptions = {},
    ): Promise<Template> {
      return unwrap(
        await raw.PUT('/v1/templates/{name}', {
          params: { path: { name }, header: ifMatch(o) },
          body: definition,
          signal: o.signal,
        }),
      );
    },

    /** Deletes a template (its revisions are kept and stay readable). */
    async deleteTemplate(name: string, o: TemplateWriteOptions = {}): Promise<void> {
      unwrap(
        await raw.DELETE('/v1/templates/{name}', {
          params: { path: { name }, header: ifMatch(o) },
          signal: o.signal,
        }),
      );
    },

    /** One page of a template's revisions, newest first. */
    async listTemplateRevisions(
      name: string,
      o: TemplateCallOptions & { limit?: number; cursor?: string } = {},
    ): Promise<TemplateRevisionList> {
      const { signal, ...query } = o;
      return unwrap(
        await raw.GET('/v1/templates/{name}/revisions', { params: { path: { name }, query }, signal }),
      );
    },

    /** One revision of a template, whole. */
    async getTemplateRevision(
      name: string,
      revision: number,
      o: TemplateCallOptions = {},
    ): Promise<TemplateRevision> {
      return unwrap(
        await raw.GET('/v1/templates/{name}/revisions/{rev}', {
          params: { path: { name, rev: revision } },
          signal: o.signal,
        }),
      );
    },
  };
}
