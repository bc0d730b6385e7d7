import { type ColumnType, type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import { isDatabaseUnavailable } from '../../shared/db/errors.js';
import { ApiError } from '../errors.js';
import type { TemplateDefinition } from './schemas.js';
import type {
  StoredRevision,
  StoredTemplate,
  TemplateStore,
  TemplateWrite,
  WriteGuard,
} from './template-store.js';

/** The tables of migration `0002_templates`, as Kysely sees them. */
type TemplatesTable = {
  name: string;
  namespaces: string[];
  latest_revision: number;
  created_by: string;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_by: string;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  deleted_by: ColumnType<string | null, string | null | undefined, string | null>;
  deleted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
};

type TemplateRevisionsTable = {
  name: string;
  revision: number;
  /** node-postgres parses jsonb; it is written as JSON text. */
  definition: ColumnType<TemplateDefinition, string, never>;
  created_by: string;
  created_at: ColumnType<Date, Date | string | undefined, never>;
};

/** The template tables; `Kysely.withTables` adds them to the database's own. */
export type TemplateTables = {
  templates: TemplatesTable;
  template_revisions: TemplateRevisionsTable;
};

type TemplateRow = Selectable<TemplatesTable> & { description?: string | null };
type Db = Kysely<TemplateTables>;

/** Runs a database call; an unreachable database (`isDatabaseUnavailable`) becomes 503 DatabaseUnavailable. */
async function onDatabase<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isDatabaseUnavailable(err)) {
      throw new ApiError(
        'DatabaseUnavailable',
        'the template database is unavailable; retry shortly',
        undefined,
        { 'Retry-After': '1' },
        { cause: err },
      );
    }
    throw err;
  }
}

function storedTemplate(row: TemplateRow): StoredTemplate {
  return {
    name: row.name,
    namespaces: row.namespaces,
    revision: row.latest_revision,
    ...(row.description != null ? { description: row.description } : {}),
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
    ...(row.deleted_at ? { deletedAt: row.deleted_at } : {}),
  };
}

function storedRevision(row: Selectable<TemplateRevisionsTable>): StoredRevision {
  return {
    name: row.name,
    revision: row.revision,
    definition: row.definition,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

/** The template row locked for the rest of the transaction, or undefined. */
function lockedRow(trx: Transaction<TemplateTables>, name: string) {
  return trx.selectFrom('templates').selectAll().where('name', '=', name).forUpdate().executeTakeFirst();
}

function insertRevision(
  trx: Transaction<TemplateTables>,
  name: string,
  revision: number,
  write: TemplateWrite,
) {
  return trx
    .insertInto('template_revisions')
    .values({ name, revision, definition: JSON.stringify(write.definition), created_by: write.by })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * The {@link TemplateStore} on PostgreSQL (migration `0002_templates`), over the service's Kysely
 * instance. Every write is one transaction that locks the template's row first, so concurrent
 * revisions of one template are numbered one after the other and a guard decides on the row as
 * it is written.
 */
export function createTemplateStore<DB>(database: Kysely<DB>): TemplateStore {
  const db = database.withTables<TemplateTables>() as unknown as Db;

  /** Template rows with their newest revision's description. */
  const withDescription = () =>
    db
      .selectFrom('templates as t')
      .leftJoin('template_revisions as r', (join) =>
        join.onRef('r.name', '=', 't.name').onRef('r.revision', '=', 't.latest_revision'),
      )
      .selectAll('t')
      .select(sql<string | null>`r.definition->>'description'`.as('description'));

  return {
    create: (write) =>
      onDatabase(() =>
        db.transaction().execute(async (trx) => {
          const name = write.definition.name;
          const existing = await lockedRow(trx, name);
          if (existing && !existing.deleted_at) {
            throw new ApiError('TemplateExists', `template "${name}" exists; revise it with PUT`);
          }
          const revision = existing ? existing.latest_revision + 1 : 1;
          const fields = {
            namespaces: write.namespaces,
            latest_revision: revision,
            created_by: write.by,
            created_at: sql<Date>`now()`,
            updated_by: write.by,
            updated_at: sql<Date>`now()`,
            deleted_by: null,
            deleted_at: null,
          };
          const row = existing
            ? await trx
                .updateTable('templates')
                .set(fields)
                .where('name', '=', name)
                .returningAll()
                .executeTakeFirst()
            : // A create racing this one waits on the name's unique index, then inserts nothing.
              await trx
                .insertInto('templates')
                .values({ name, ...fields })
                .onConflict((oc) => oc.column('name').doNothing())
                .returningAll()
                .executeTakeFirst();
          if (!row) throw new ApiError('TemplateExists', `template "${name}" exists; revise it with PUT`);
          const stored = await insertRevision(trx, name, revision, write);
          return {
            template: storedTemplate({ ...row, description: write.definition.description ?? null }),
            revision: storedRevision(stored),
          };
        }),
      ),

    get: (name) =>
      onDatabase(async () => {
        const row = await withDescription().where('t.name', '=', name).executeTakeFirst();
        return row ? storedTemplate(row) : undefined;
      }),

    revise: (name, write, guard: WriteGuard) =>
      onDatabase(() =>
        db.transaction().execute(async (trx) => {
          const current = await lockedRow(trx, name);
          if (!current || current.deleted_at) return undefined;
          guard(storedTemplate(current));
          const revision = current.latest_revision + 1;
          const row = await trx
            .updateTable('templates')
            .set({
              latest_revision: revision,
              namespaces: write.namespaces ?? current.namespaces,
              updated_by: write.by,
              updated_at: sql<Date>`now()`,
            })
            .where('name', '=', name)
            .returningAll()
            .executeTakeFirstOrThrow();
          const stored = await insertRevision(trx, name, revision, {
            ...write,
            namespaces: row.namespaces,
          });
          return {
            template: storedTemplate({ ...row, description: write.definition.description ?? null }),
            revision: storedRevision(stored),
          };
        }),
      ),

    delete: (name, by, guard) =>
      onDatabase(() =>
        db.transaction().execute(async (trx) => {
          const current = await lockedRow(trx, name);
          if (!current || current.deleted_at) return false;
          guard(storedTemplate(current));
          await trx
            .updateTable('templates')
            .set({ deleted_by: by, deleted_at: sql<Date>`now()` })
            .where('name', '=', name)
            .execute();
          return true;
        }),
      ),

    revision: (name, revision) =>
      onDatabase(async () => {
        const row = await db
          .selectFrom('template_revisions')
          .selectAll()
          .where('name', '=', name)
          .where('revision', '=', revision)
          .executeTakeFirst();
        return row ? storedRevision(row) : undefined;
      }),

    revisions: (name, { before, limit }) =>
      onDatabase(async () => {
        let query = db.selectFrom('template_revisions').selectAll().where('name', '=', name);
        if (before !== undefined) query = query.where('revision', '<', before);
        const rows = await query
          .orderBy('revision', 'desc')
          .limit(limit + 1)
          .execute();
        const items = rows.slice(0, limit).map(storedRevision);
        return rows.length > limit ? { items, next: items.at(-1)!.revision } : { items };
      }),

    list: ({ after, limit }) =>
      onDatabase(async () => {
        let query = withDescription().where('t.deleted_at', 'is', null);
        if (after !== undefined) query = query.where('t.name', '>', after);
        const rows = await query
          .orderBy('t.name')
          .limit(limit + 1)
          .execute();
        const items = rows.slice(0, limit).map(storedTemplate);
        return rows.length > limit ? { items, next: items.at(-1)!.name } : { items };
      }),
  };
}
