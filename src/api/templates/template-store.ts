import type { TemplateDefinition } from './schemas.js';

/**
 * Where templates are kept (docs/templates.md): a name with its namespace patterns and its
 * immutable, numbered revisions. `store.ts` keeps them in PostgreSQL; the routes and the
 * submission path see only this interface.
 */

/** A template as stored: its newest revision's number and who made it, when. */
export interface StoredTemplate {
  name: string;
  /** Namespace glob patterns it may be submitted into (the syntax of keys' `namespaces`). */
  namespaces: string[];
  /** The newest revision. */
  revision: number;
  /** The newest revision's description. */
  description?: string;
  /** The key id that created the template (revision 1, or the first after it was deleted). */
  createdBy: string;
  createdAt: Date;
  /** The key id that made the newest revision, and when. */
  updatedBy: string;
  updatedAt: Date;
  /** Set once deleted: its revisions are kept, it answers 404 and cannot be submitted. */
  deletedAt?: Date;
}

/** One immutable revision. */
export interface StoredRevision {
  name: string;
  revision: number;
  /** As accepted (`compileTemplate` passed), `name` the template's. */
  definition: TemplateDefinition;
  createdBy: string;
  createdAt: Date;
}

/** A new template, or a new revision of one. */
export interface TemplateWrite {
  definition: TemplateDefinition;
  namespaces: string[];
  /** The key id writing it. */
  by: string;
}

/**
 * Decides a write against the template as it is, inside the write (its row locked), so no
 * other write can come between the decision and the change. Throws to refuse (an `ApiError`).
 */
export type WriteGuard = (current: StoredTemplate) => void;

/** A page of a listing, in key order; `next` is where the following page starts after. */
export interface StorePage<T, K> {
  items: T[];
  next?: K;
}

export interface TemplateStore {
  /**
   * Creates the template with revision 1. A deleted template of that name is brought back with
   * its next revision, so `name:N` always means one definition. Throws `TemplateExists` (409)
   * when a template of that name exists.
   */
  create(write: TemplateWrite): Promise<{ template: StoredTemplate; revision: StoredRevision }>;
  /** The template, deleted or not; undefined when there never was one. */
  get(name: string): Promise<StoredTemplate | undefined>;
  /**
   * Adds revision N+1 after `guard` accepted the current template (not deleted). Undefined when
   * there is no such template (or it was deleted).
   */
  revise(
    name: string,
    /** `namespaces` left out keeps the template's. */
    write: Omit<TemplateWrite, 'namespaces'> & { namespaces?: string[] },
    guard: WriteGuard,
  ): Promise<{ template: StoredTemplate; revision: StoredRevision } | undefined>;
  /** Marks the template deleted after `guard` accepted it; false when there was none to delete. */
  delete(name: string, by: string, guard: WriteGuard): Promise<boolean>;
  /** One revision; undefined when the template has no such revision. */
  revision(name: string, revision: number): Promise<StoredRevision | undefined>;
  /** Revisions newest first, those below `before` when given. */
  revisions(
    name: string,
    page: { before?: number; limit: number },
  ): Promise<StorePage<StoredRevision, number>>;
  /** Templates not deleted, by name, those after `after` when given. */
  list(page: { after?: string; limit: number }): Promise<StorePage<StoredTemplate, string>>;
}
