import { ConfigError, parseConfig } from '../shared/config.js';
import { createDatabase, folderMigrationProvider, migrateToLatest } from '../shared/db/index.js';
import { runMain } from '../shared/lifecycle.js';
import { createLogger } from '../shared/logger.js';

const USAGE = `Usage: npm run db:migrate (node dist/src/cli/db-migrate.js)

Brings the PostgreSQL schema of DATABASE_URL to the newest migration and says which ran. The API
and the worker do the same at start; this runs it ahead of a deploy. Safe while they run.`;

runMain(async () => {
  const config = parseConfig();
  if (!config.database) throw new ConfigError(['DATABASE_URL: not set, so there is no database to migrate']);
  const logger = createLogger({
    level: config.logLevel,
    pretty: config.logPretty,
    base: { service: 'db-migrate' },
  });
  const database = createDatabase(config.database, { applicationName: 'eks-jobs-migrate', logger });
  try {
    const ran = await migrateToLatest(database.db);
    const all = Object.keys(await folderMigrationProvider().getMigrations());
    process.stdout.write(
      ran.length > 0
        ? `ran ${ran.join(', ')}; the schema is at ${all.at(-1)}\n`
        : `nothing to run; the schema is at ${all.at(-1)}\n`,
    );
  } finally {
    await database.close();
  }
}, USAGE);
