import { type Kysely, sql } from 'kysely';

/**
 * Job templates (issue #19, docs/templates.md).
 *
 * `templates` has one row per name: its namespace patterns, its newest revision and who made it,
 * and `deleted_at` once deleted. A delete only marks the row: the revisions stay (the history of
 * the Jobs they made names them), and a name created again continues at its next revision, so
 * `name:N` always means one definition.
 *
 * `template_revisions` holds each revision's definition, primary key (name, revision). Revisions
 * are immutable: a trigger refuses every UPDATE and DELETE of a row, so not even a bug or a
 * hand-written statement can change what `name:N` renders (the API caches compiled revisions by
 * `name:N` for as long as it runs, relying on it).
 *
 * Reads, all by primary key: a templated submission reads its template row (`name`), then its
 * revision (`name, revision`) once per process; the listing walks `templates` by name (the
 * primary key's order) from a cursor; a template's revisions are read newest first, the primary
 * key scanned backwards.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table templates (
      name text primary key
        constraint templates_name check (name ~ '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$'),
      namespaces text[] not null
        constraint templates_namespaces check (cardinality(namespaces) > 0),
      latest_revision integer not null
        constraint templates_latest_revision check (latest_revision > 0),
      created_by text not null,
      created_at timestamptz not null default now(),
      updated_by text not null,
      updated_at timestamptz not null default now(),
      deleted_by text,
      deleted_at timestamptz
    )
  `.execute(db);
  await sql`
    create table template_revisions (
      name text not null references templates (name),
      revision integer not null
        constraint template_revisions_revision check (revision > 0),
      definition jsonb not null,
      created_by text not null,
      created_at timestamptz not null default now(),
      primary key (name, revision)
    )
  `.execute(db);
  await sql`
    create function template_revisions_immutable() returns trigger language plpgsql as $$
    begin
      raise exception 'template revisions are immutable (%:%)', old.name, old.revision
        using errcode = 'integrity_constraint_violation';
    end
    $$
  `.execute(db);
  await sql`
    create trigger template_revisions_immutable
      before update or delete on template_revisions
      for each row execute function template_revisions_immutable()
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table template_revisions`.execute(db);
  await sql`drop function template_revisions_immutable()`.execute(db);
  await sql`drop table templates`.execute(db);
}
