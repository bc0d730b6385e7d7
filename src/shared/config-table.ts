import { envSchema } from './config.js';

interface ZodFieldDef {
  type: string;
  defaultValue?: unknown;
}

/**
 * Renders the configuration table of the README from the config schema itself, so the two
 * cannot drift apart (a test compares them). Run `npm run docs:config` to print it.
 */
export function renderConfigTable(): string {
  const rows = Object.entries(envSchema.shape).map(([name, field]) => {
    const def = (field as unknown as { _zod: { def: ZodFieldDef } })._zod.def;
    const hasDefault = def.type === 'default' || def.type === 'prefault';
    // A default that depends on other variables is given as `shownDefault` in the field's meta.
    const documented = (field.meta() as { shownDefault?: string } | undefined)?.shownDefault;
    const shown = documented
      ? documented.replace(/^([^(]*?)( \(.*)?$/, (_m, value: string, note = '') => `\`${value}\`${note}`)
      : hasDefault
        ? `\`${String(def.defaultValue)}\``
        : '—';
    return `| \`${name}\` | ${shown} | ${field.description ?? ''} |`;
  });
  return ['| Variable | Default | Meaning |', '|---|---|---|', ...rows].join('\n');
}

const TABLE_BLOCK = /(<!-- config-table:start[^\n]*-->\n)[\s\S]*?(<!-- config-table:end -->)/;

/** Returns `readme` with the generated table between its `config-table` markers. */
export function replaceConfigTable(readme: string): string {
  if (!TABLE_BLOCK.test(readme)) throw new Error('README has no config-table markers');
  return readme.replace(
    TABLE_BLOCK,
    (_m, start: string, end: string) => `${start}${renderConfigTable()}\n${end}`,
  );
}
