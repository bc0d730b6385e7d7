// Prints the README's configuration table, generated from src/shared/config.ts;
// with --write, replaces the table in README.md instead.
import { readFileSync, writeFileSync } from 'node:fs';
import { renderConfigTable, replaceConfigTable } from '../src/shared/config-table.js';

if (process.argv.includes('--write')) {
  writeFileSync('README.md', replaceConfigTable(readFileSync('README.md', 'utf8')));
} else {
  process.stdout.write(`${renderConfigTable()}\n`);
}
