/** What every command gets: where to write, the environment, and a client built from the flags. */
import type { Command } from 'commander';
import { createEksJobsClient, type EksJobsClient } from '../sdk/index.js';
import { type ConnectionFlags, resolveConnection } from './config.js';

/** Where the CLI writes and reads; tests and the entry point pass their own. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Whether stderr is a terminal (progress bars redraw in place only there). */
  errIsTTY: boolean;
  /** Reads all of standard input (`-f -`). */
  readStdin: () => Promise<string>;
}

export interface CliContext {
  io: CliIo;
  /** The environment, read here and nowhere else. */
  env: NodeJS.ProcessEnv;
}

/** A client for the command's connection flags (its own and the program's). */
export function clientFor(command: Command, ctx: CliContext): { client: EksJobsClient; cluster?: string } {
  const connection = resolveConnection(command.optsWithGlobals<ConnectionFlags>(), ctx.env);
  const client = createEksJobsClient({
    url: connection.url,
    userAgent: 'eks-jobs-cli',
    ...(connection.key ? { key: connection.key } : {}),
    ...(connection.cluster ? { cluster: connection.cluster } : {}),
  });
  return connection.cluster ? { client, cluster: connection.cluster } : { client };
}
