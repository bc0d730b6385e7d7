/**
 * A tiny `sh -c` interpreter deciding what a simulated container does: `echo`, `sleep N`,
 * `exit N`, `true`, `false`, joined by `;`, `&&`, `||` or newlines. Its output becomes the pod log.
 */

/** One chunk of log output and when (seconds after container start) it is written. */
export interface OutputChunk {
  atSeconds: number;
  text: string;
}

export interface ContainerRun {
  exitCode: number;
  /** Seconds the container runs before exiting. */
  durationSeconds: number;
  output: OutputChunk[];
}

const SHELLS = new Set([
  'sh',
  '/bin/sh',
  'bash',
  '/bin/bash',
  '/usr/bin/sh',
  '/usr/bin/bash',
  'ash',
  '/bin/ash',
]);

type Token = { kind: 'word'; text: string } | { kind: 'op'; op: ';' | '&&' | '||' };

/** Splits a script into words and operators, honouring single and double quotes and backslashes. */
export function tokenize(script: string): Token[] {
  const tokens: Token[] = [];
  let word = '';
  let inWord = false;
  const flush = () => {
    if (inWord) tokens.push({ kind: 'word', text: word });
    word = '';
    inWord = false;
  };
  for (let i = 0; i < script.length; i++) {
    const ch = script[i] as string;
    if (ch === "'") {
      const end = script.indexOf("'", i + 1);
      const stop = end === -1 ? script.length : end;
      word += script.slice(i + 1, stop);
      inWord = true;
      i = stop;
    } else if (ch === '"') {
      inWord = true;
      i++;
      while (i < script.length && script[i] !== '"') {
        if (script[i] === '\\' && i + 1 < script.length && '"\\$`'.includes(script[i + 1] as string)) i++;
        word += script[i];
        i++;
      }
    } else if (ch === '\\' && i + 1 < script.length) {
      word += script[i + 1];
      inWord = true;
      i++;
    } else if (ch === '#' && !inWord) {
      while (i < script.length && script[i] !== '\n') i++;
      i--;
    } else if (ch === ';' || ch === '\n') {
      flush();
      tokens.push({ kind: 'op', op: ';' });
    } else if (ch === '&' && script[i + 1] === '&') {
      flush();
      tokens.push({ kind: 'op', op: '&&' });
      i++;
    } else if (ch === '|' && script[i + 1] === '|') {
      flush();
      tokens.push({ kind: 'op', op: '||' });
      i++;
    } else if (ch === ' ' || ch === '\t') {
      flush();
    } else {
      word += ch;
      inWord = true;
    }
  }
  flush();
  return tokens;
}

function parseSleep(arg: string | undefined): number | undefined {
  if (arg === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg);
  if (!m?.[1]) return undefined;
  const mult = m[2] === 'm' ? 60 : m[2] === 'h' ? 3600 : m[2] === 'd' ? 86400 : 1;
  return Number(m[1]) * mult;
}

/** Runs a shell script; commands it does not know succeed after `defaultSeconds`. */
export function runScript(script: string, defaultSeconds: number): ContainerRun {
  const tokens = tokenize(script);
  const output: OutputChunk[] = [];
  let t = 0;
  let status = 0;
  let skip = false;
  let words: string[] = [];
  let exited: number | undefined;

  const execute = (argv: string[]) => {
    const [cmd, ...args] = argv;
    if (cmd === undefined) return;
    switch (cmd) {
      case 'echo': {
        let newline = true;
        let rest = args;
        if (rest[0] === '-n') {
          newline = false;
          rest = rest.slice(1);
        }
        output.push({ atSeconds: t, text: rest.join(' ') + (newline ? '\n' : '') });
        status = 0;
        return;
      }
      case 'sleep': {
        const secs = parseSleep(args[0]);
        if (secs === undefined) {
          output.push({ atSeconds: t, text: `sleep: invalid time interval '${args[0] ?? ''}'\n` });
          status = 1;
        } else {
          t += secs;
          status = 0;
        }
        return;
      }
      case 'true':
      case ':':
        status = 0;
        return;
      case 'false':
        status = 1;
        return;
      case 'exit': {
        const code = args[0] === undefined ? status : Number.parseInt(args[0], 10);
        exited = Number.isNaN(code) ? 2 : ((code % 256) + 256) % 256;
        return;
      }
      default:
        t += defaultSeconds;
        status = 0;
    }
  };

  for (const tok of tokens) {
    if (exited !== undefined) break;
    if (tok.kind === 'word') {
      words.push(tok.text);
      continue;
    }
    if (!skip) execute(words);
    words = [];
    if (exited !== undefined) break;
    skip = tok.op === '&&' ? status !== 0 : tok.op === '||' ? status === 0 : false;
  }
  if (exited === undefined && !skip) execute(words);
  return { exitCode: exited ?? status, durationSeconds: t, output };
}

/**
 * Decides what a container with this command and args does: `sh -c SCRIPT` is interpreted,
 * a bare `echo`/`sleep`/`true`/`false` runs as one command, anything else succeeds after `defaultSeconds`.
 */
export function simulateContainer(
  command: readonly string[] | undefined,
  args: readonly string[] | undefined,
  defaultSeconds: number,
): ContainerRun {
  const argv = [...(command ?? []), ...(args ?? [])];
  const [first, second, third] = argv;
  if (first !== undefined && SHELLS.has(first) && second === '-c' && third !== undefined) {
    return runScript(third, defaultSeconds);
  }
  if (
    first !== undefined &&
    ['echo', 'sleep', 'true', 'false', '/bin/echo', '/bin/sleep', '/bin/true', '/bin/false'].includes(first)
  ) {
    const quoted = [first.replace(/^\/bin\//, ''), ...argv.slice(1)].map(
      (w) => `'${w.replaceAll("'", "'\\''")}'`,
    );
    return runScript(quoted.join(' '), defaultSeconds);
  }
  return { exitCode: 0, durationSeconds: defaultSeconds, output: [] };
}
