/**
 * A directory of JSON state files, each written atomically (a temporary file in the same
 * directory, fsynced, then renamed over the old one) so a reader finds the old or the new file,
 * never half of one. Files hold keys and tokens: the directory is 0700 and files 0600.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';

/** One state directory. */
export class StateDir {
  constructor(readonly path: string) {
    mkdirSync(path, { recursive: true, mode: 0o700 });
  }

  /** The parsed content of `name`, or undefined when the file does not exist. */
  read<T>(name: string): T | undefined {
    let text: string;
    try {
      text = readFileSync(join(this.path, name), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
    try {
      return JSON.parse(text) as T;
    } catch (err) {
      throw new Error(`state file ${join(this.path, name)} is not valid JSON: ${String(err)}`);
    }
  }

  /** Replaces `name` with `value` as JSON, atomically. */
  write(name: string, value: unknown): void {
    const target = join(this.path, name);
    const tmp = join(this.path, `.${name}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      const fd = openSync(tmp, 'w', 0o600);
      try {
        writeSync(fd, JSON.stringify(value));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, target);
    } catch (err) {
      rmSync(tmp, { force: true });
      throw err;
    }
  }
}
