import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { folderMigrationProvider } from '../../src/shared/db/index.js';
import { expect, test } from '../support/fixtures.js';
import { startService } from '../support/process.js';

test('npm run db:migrate migrates once, then says the schema is current', async ({ postgres }) => {
  const env = { DATABASE_URL: await postgres.createDatabase() };
  const first = startService('src/cli/db-migrate.ts', env);
  expect(await first.exited, first.output()).toBe(0);
  expect(first.output()).toContain('ran 0001_history; the schema is at 0001_history');

  const second = startService('src/cli/db-migrate.ts', env);
  expect(await second.exited, second.output()).toBe(0);
  expect(second.output()).toContain('nothing to run; the schema is at 0001_history');
}, 60_000);

test('npm run db:migrate without DATABASE_URL says so and fails', async () => {
  const run = startService('src/cli/db-migrate.ts', {});
  expect(await run.exited).toBe(1);
  expect(run.output()).toContain('DATABASE_URL: not set, so there is no database to migrate');
}, 60_000);

test('migrations are found as .ts in src and as .js after the build, never .d.ts or source maps', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'eks-jobs-migrations-'));
  try {
    const module = 'export async function up() {}\n';
    writeFileSync(join(dir, '0002_templates.js'), module);
    writeFileSync(join(dir, '0002_templates.d.ts'), 'export declare function up(): Promise<void>;\n');
    writeFileSync(join(dir, '0002_templates.js.map'), '{}');
    writeFileSync(join(dir, '0001_history.js'), module);
    writeFileSync(join(dir, 'README.md'), 'not a migration');
    const found = await folderMigrationProvider(pathToFileURL(`${dir}/`)).getMigrations();
    expect(Object.keys(found)).toEqual(['0001_history', '0002_templates']);

    writeFileSync(join(dir, '0003_broken.js'), 'export const nothing = 1;\n');
    await expect(folderMigrationProvider(pathToFileURL(`${dir}/`)).getMigrations()).rejects.toThrow(
      'migration 0003_broken.js does not export up()',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
