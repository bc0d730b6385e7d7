import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { ConfigError } from './config.js';

/**
 * Reads and parses a JSON file named by a config variable, with an error that names the variable.
 * `secret`: the file must not be readable or writable by every user (as ssh refuses a private key
 * or an authorized_keys file others can touch): a world-writable key file lets anyone on the
 * host add a key, a world-readable one hands out the key ids, scopes and hashes. Checked on the
 * opened file, so a swap between check and read changes nothing.
 */
export function readJsonFile(variable: string, path: string, options: { secret?: boolean } = {}): unknown {
  let text: string;
  try {
    const fd = openSync(path, 'r');
    try {
      const mode = fstatSync(fd).mode;
      if (options.secret && mode & 0o006) {
        const octal = (mode & 0o777).toString(8).padStart(4, '0');
        const who = mode & 0o002 ? 'writable' : 'readable';
        throw new ConfigError([
          `${variable}: ${path} is ${who} by every user (mode ${octal}); refusing to load it. ` +
            `Make it readable by the service only: chmod 600 ${path} (on Kubernetes: defaultMode: 0440 ` +
            "and the pod's fsGroup on the secret volume)",
        ]);
      }
      text = readFileSync(fd, 'utf8');
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError([
      `${variable}: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
    ]);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ConfigError([`${variable}: ${path} is not valid JSON`]);
  }
}
