import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type Kysely, type Migration, type MigrationProvider, type MigrationResult, Migrator } from 'kysely';
import type { Logger } from '../logger.js';

/**
 * A migration file's name: four digits, an underscore, a lowercase name (`0002_templates.ts`).
 * The digits make the names sort in the order they must run; Kysely runs them by name.
 */
const MIGRATION_FILE = /^(\d{4}_[a-z0-9_]+)\.(ts|js)$/;

/** The folder of the migration modules: `src/…/migrations` under tsx and vitest, `dist/src/…/migrations` once built. */
export const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);

/**
 * Finds the migrations in `dir`: every file named like `0001_history.ts` (or `.js` once built;
 * `.d.ts` and `.js.map` files are not migrations), each a module exporting `up` (and
 * optionally `down`). Adding a migration is adding one such file.
 *
 * The import happens here, not in Kysely's own FileMigrationProvider: from our code it goes
 * through whatever loads our modules (tsx, vitest), so `.ts` migrations load in tests too.
 */
export function folderMigrationProvider(dir: URL = MIGRATIONS_DIR): MigrationProvider {
  return {
    async getMigrations() {
      const migrations: Record<string, Migration> = {};
      for (const file of (await readdir(dir)).sort()) {
        const match = MIGRATION_FILE.exec(file);
        if (!match) continue;
        const name = match[1]!;
        if (migrations[name]) throw new Error(`migration ${name} exists twice in ${fileURLToPath(dir)}`);
        const module = (await import(new URL(file, dir).href)) as Partial<Migration>;
        if (typeof module.up !== 'function') throw new Error(`migration ${file} does not export up()`);
        migrations[name] = module as Migration;
      }
      return migrations;
    },
  };
}

/** Thrown by {@link migrateToLatest}: which migration failed, and why. */
export class MigrationError extends Error {
  override name = 'MigrationError';
  constructor(
    message: string,
    readonly results: readonly MigrationResult[],
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Options of {@link migrateToLatest}. */
export interface MigrateOptions {
  /** Told which migrations ran. */
  logger?: Logger;
  /** Where the migrations are. @defaultValue {@link folderMigrationProvider}() */
  provider?: MigrationProvider;
}

/**
 * Brings the schema to the newest migration and returns the names of those it ran (none when
 * it was current). Safe to run from every process at once: Kysely's Migrator takes a
 * PostgreSQL advisory lock on a connection of its own, then reads which migrations ran and runs
 * the rest in one transaction, so a process that waited finds nothing left to do. A failed
 * migration rolls back with the rest of that run and throws {@link MigrationError}.
 */
export async function migrateToLatest<DB>(db: Kysely<DB>, options: MigrateOptions = {}): Promise<string[]> {
  const migrator = new Migrator({ db, provider: options.provider ?? folderMigrationProvider() });
  const { error, results = [] } = await migrator.migrateToLatest();
  const ran = results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
  if (error) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName;
    const why = error instanceof Error ? error.message : String(error);
    throw new MigrationError(
      failed ? `migration ${failed} failed: ${why}` : `migrations could not run: ${why}`,
      results,
      { cause: error },
    );
  }
  if (ran.length > 0) options.logger?.info({ migrations: ran }, 'database migrated');
  return ran;
}
