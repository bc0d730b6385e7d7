/**
 * Where the CLI connects: `--url`/`--key`/`--cluster` flags, else `EKS_JOBS_URL`/`EKS_JOBS_KEY`,
 * else a profile of the config file (`$EKS_JOBS_CONFIG` or `~/.config/eks-jobs/config.yaml`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { CliUsageError } from './exit-codes.js';

const profileSchema = z.object({
  url: z.string().url().optional(),
  key: z.string().min(1).optional(),
  cluster: z.string().min(1).optional(),
});

const configFileSchema = z.object({
  current: z.string().optional(),
  profiles: z.record(z.string(), profileSchema).default({}),
});

/** The connection flags every command takes. */
export interface ConnectionFlags {
  url?: string;
  key?: string;
  cluster?: string;
  profile?: string;
}

/** What the client is built from. */
export interface Connection {
  url: string;
  key?: string;
  cluster?: string;
}

/** The config file's path: `$EKS_JOBS_CONFIG`, else `$HOME/.config/eks-jobs/config.yaml`. */
export function configPath(env: NodeJS.ProcessEnv): { path: string; explicit: boolean } | undefined {
  if (env.EKS_JOBS_CONFIG) return { path: env.EKS_JOBS_CONFIG, explicit: true };
  if (env.HOME) return { path: join(env.HOME, '.config', 'eks-jobs', 'config.yaml'), explicit: false };
  return undefined;
}

/** Reads the profile to use: `--profile`, else the file's `current`; none without a file. */
function readProfile(flags: ConnectionFlags, env: NodeJS.ProcessEnv): z.infer<typeof profileSchema> {
  const where = configPath(env);
  if (!where || (!where.explicit && !existsSync(where.path))) {
    if (flags.profile) throw new CliUsageError(`--profile ${flags.profile}: no config file found`);
    return {};
  }
  let text: string;
  try {
    text = readFileSync(where.path, 'utf8');
  } catch (err) {
    throw new CliUsageError(`cannot read the config file ${where.path}: ${(err as Error).message}`);
  }
  let parsed: z.infer<typeof configFileSchema>;
  try {
    parsed = configFileSchema.parse(parse(text) ?? {});
  } catch (err) {
    throw new CliUsageError(`invalid config file ${where.path}: ${(err as Error).message}`);
  }
  const name = flags.profile ?? parsed.current;
  if (name === undefined) return {};
  const profile = parsed.profiles[name];
  if (!profile) throw new CliUsageError(`profile "${name}" is not in ${where.path}`);
  return profile;
}

/** Resolves the connection; a missing URL is a usage error (exit 2). */
export function resolveConnection(flags: ConnectionFlags, env: NodeJS.ProcessEnv): Connection {
  const profile = readProfile(flags, env);
  const url = flags.url ?? env.EKS_JOBS_URL ?? profile.url;
  if (!url) {
    throw new CliUsageError(
      'no API URL: pass --url, set EKS_JOBS_URL, or add a profile to ~/.config/eks-jobs/config.yaml',
    );
  }
  const key = flags.key ?? env.EKS_JOBS_KEY ?? profile.key;
  const cluster = flags.cluster ?? profile.cluster;
  return { url, ...(key ? { key } : {}), ...(cluster ? { cluster } : {}) };
}
