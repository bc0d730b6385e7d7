import type { TemplateIssue } from './issues.js';
import { type CompiledTemplate, compileTemplate } from './template.js';
import type { StoredTemplate, TemplateStore } from './template-store.js';

/** A template reference resolved for a submission: the revision to render, compiled. */
export interface ResolvedTemplate {
  template: StoredTemplate;
  /** The revision the reference named, or the newest. */
  revision: number;
  compiled: CompiledTemplate;
}

/** What {@link TemplateService.resolve} finds. */
export type Resolution =
  | { ok: true; resolved: ResolvedTemplate }
  /** No such template, a deleted one, or no such revision. */
  | { ok: false; reason: 'missing' | 'deleted' | 'no-revision' }
  /** The stored revision no longer compiles (the rules grew stricter since it was written). */
  | { ok: false; reason: 'invalid'; issues: TemplateIssue[] };

/** The store, plus the resolution of `name` / `name:rev` every templated submission makes. */
export interface TemplateService {
  store: TemplateStore;
  resolve(ref: { name: string; revision?: number }): Promise<Resolution>;
}

/** Options of {@link createTemplateService}. */
export interface TemplateServiceOptions {
  /** Compiled revisions kept in this process. @defaultValue 256 */
  cacheSize?: number;
}

type Compiled = { ok: true; compiled: CompiledTemplate } | { ok: false; issues: TemplateIssue[] } | undefined;

/**
 * Resolves references over `store`. The template row is read on every resolution — one primary
 * key lookup — so a new revision, new namespace patterns or a delete apply to the next
 * submission on every replica, with no window of staleness. Revisions are immutable, so each is
 * read and compiled once per process and kept by `name:revision` (least recently used first out):
 * a batch of 1,000 items of one template costs one lookup, and a revision already in use costs
 * no compile at all. Concurrent first uses of one revision share its read and compile.
 */
export function createTemplateService(
  store: TemplateStore,
  options: TemplateServiceOptions = {},
): TemplateService {
  const cacheSize = options.cacheSize ?? 256;
  const cache = new Map<string, Promise<Compiled>>();

  function compiledRevision(name: string, revision: number): Promise<Compiled> {
    const key = `${name}:${revision}`;
    const hit = cache.get(key);
    if (hit) {
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    const loading = (async (): Promise<Compiled> => {
      const stored = await store.revision(name, revision);
      if (!stored) return undefined;
      const result = compileTemplate(stored.definition);
      return result.ok ? { ok: true, compiled: result.template } : { ok: false, issues: result.issues };
    })();
    cache.set(key, loading);
    // A failed read is not kept (the next submission reads again); neither is a missing revision.
    loading.then(
      (value) => value === undefined && cache.get(key) === loading && cache.delete(key),
      () => cache.get(key) === loading && cache.delete(key),
    );
    while (cache.size > cacheSize) cache.delete(cache.keys().next().value!);
    return loading;
  }

  return {
    store,
    async resolve({ name, revision }) {
      const template = await store.get(name);
      if (!template) return { ok: false, reason: 'missing' };
      if (template.deletedAt) return { ok: false, reason: 'deleted' };
      const wanted = revision ?? template.revision;
      if (wanted > template.revision) return { ok: false, reason: 'no-revision' };
      const compiled = await compiledRevision(name, wanted);
      if (!compiled) return { ok: false, reason: 'no-revision' };
      if (!compiled.ok) return { ok: false, reason: 'invalid', issues: compiled.issues };
      return { ok: true, resolved: { template, revision: wanted, compiled: compiled.compiled } };
    },
  };
}

/** `name:rev` of a resolved template, as labels, issues and messages show it. */
export function refOf(resolved: Pick<ResolvedTemplate, 'template' | 'revision'>): string {
  return `${resolved.template.name}:${resolved.revision}`;
}
