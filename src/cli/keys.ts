import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import { parseApiKeys } from '../shared/api-keys/key-file.js';
import { hashApiKey, looksLikeApiKey } from '../shared/api-keys/key-format.js';
import { newApiKey } from '../shared/api-keys/new-key.js';
import { ConfigError } from '../shared/config.js';

const HELP = `Manage eks-jobs API keys.

Usage:
  npm run keys -- create --id ID --clusters LIST --namespaces LIST [options]
  npm run keys -- hash < key.txt
  npm run keys -- --help

create: generates a key, prints it ONCE, and prints the entry to add to the
"keys" array of API_KEYS_FILE ({"keys": [ ... ]}). Only the key's SHA-256 is stored.
  --id ID                  name of the key in logs and the audit trail (required)
  --clusters LIST          cluster names or globs, comma-separated or repeated ('*' = all) (required)
  --namespaces LIST        namespace globs, e.g. 'team-*' (required). Wildcards never
                           match kube-system, kube-public or kube-node-lease.
  --namespace-create       may create namespaces (matching --namespaces)
  --namespace-delete       may delete namespaces (matching --namespaces)
  --system-namespaces LIST true, or some of kube-system,kube-public,kube-node-lease
  --admin                  may read GET /v1/audit and use admin routes
  --template-write         may create, revise and delete job templates (within --namespaces)
  --rate-limit N/S         at most N requests per S seconds, e.g. 100/60
  --pod-security LEVEL     Pod Security level of its Jobs' pods: baseline (default), restricted,
                           or privileged (only when given explicitly)
  --images LIST            image globs its containers may use, e.g.
                           '123456789012.dkr.ecr.*.amazonaws.com/*' (default: any image)
  --service-accounts LIST  service accounts its pods may run as (default: default)
  --allow LIST             fields its Jobs may set: nodeName, nodeSelector, affinity, tolerations,
                           priorityClassName, ownerReferences, finalizers (default: none)
  --namespace-metadata     may put reserved labels (pod-security.kubernetes.io/*, *.k8s.io/*, …) on namespaces
  --description TEXT       free text kept with the entry
  --file PATH              also add the entry to this API_KEYS_FILE (created if missing, mode 0600)
  --json                   print {"key": ..., "entry": ...} as one JSON line instead

hash: reads a key on standard input and prints its SHA-256, for writing an entry by hand.

Example:
  npm run keys -- create --id ci-bot --clusters '*' --namespaces 'team-*' --rate-limit 100/60
`;

/** Where the CLI writes; tests pass their own. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Reads all of standard input. */
  readStdin: () => Promise<string>;
}

/** Runs `keys` with `argv` (without node and script); returns the exit code. */
export async function runKeysCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.out(HELP);
    return command === undefined ? 2 : 0;
  }
  try {
    if (command === 'create') return create(rest, io);
    if (command === 'hash') return await hash(io);
    io.err(`unknown command ${JSON.stringify(command)}\n\n${HELP}`);
    return 2;
  } catch (err) {
    if (err instanceof UsageError) io.err(`${err.message}\nSee: npm run keys -- --help\n`);
    else if (err instanceof ConfigError) io.err(`${err.message}\n`);
    else if (err instanceof ZodError) {
      io.err(`${err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n')}\n`);
    } else io.err(`${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

class UsageError extends Error {}

function create(argv: string[], io: CliIo): number {
  let values: ReturnType<typeof parseCreate>;
  try {
    values = parseCreate(argv);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  const id = values.id;
  const clusters = list(values.clusters);
  const namespaces = list(values.namespaces);
  if (!id) throw new UsageError('--id is required');
  if (clusters.length === 0) throw new UsageError("--clusters is required (use '*' for all clusters)");
  if (namespaces.length === 0) throw new UsageError("--namespaces is required, e.g. --namespaces 'team-*'");
  const { key, entry } = newApiKey({
    id,
    scopes: {
      clusters,
      namespaces,
      namespaceCreate: values['namespace-create'] ?? false,
      namespaceDelete: values['namespace-delete'] ?? false,
      systemNamespaces: systemNamespaces(values['system-namespaces']),
      admin: values.admin ?? false,
      templateWrite: values['template-write'] ?? false,
    },
    ...(values['rate-limit'] ? { rateLimit: rateLimit(values['rate-limit']) } : {}),
    ...(values.description ? { description: values.description } : {}),
    policy: {
      ...(values['pod-security'] ? { podSecurity: values['pod-security'] as 'baseline' } : {}),
      ...(values.images ? { images: list(values.images) } : {}),
      ...(values['service-accounts'] ? { serviceAccounts: list(values['service-accounts']) } : {}),
      ...(values.allow
        ? { allow: Object.fromEntries(list(values.allow).map((field) => [field, true])) }
        : {}),
      ...(values['namespace-metadata'] ? { namespaceMetadata: true } : {}),
    },
  });
  if (values.file) addToFile(values.file, entry);
  if (values.json) {
    io.out(`${JSON.stringify({ key, entry })}\n`);
    return 0;
  }
  io.out(
    [
      `API key ${JSON.stringify(id)} — shown only now; put it in your secret store:`,
      '',
      `  ${key}`,
      '',
      values.file
        ? `Added to ${values.file}; restart the API to load it.`
        : 'Add this entry to the "keys" array of API_KEYS_FILE, then restart the API:',
      '',
      `  ${JSON.stringify(entry)}`,
      '',
      'Use it as:  Authorization: Bearer <key>',
      '',
    ].join('\n'),
  );
  return 0;
}

function parseCreate(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      id: { type: 'string' },
      clusters: { type: 'string', multiple: true },
      namespaces: { type: 'string', multiple: true },
      'namespace-create': { type: 'boolean' },
      'namespace-delete': { type: 'boolean' },
      'template-write': { type: 'boolean' },
      'system-namespaces': { type: 'string' },
      admin: { type: 'boolean' },
      'rate-limit': { type: 'string' },
      'pod-security': { type: 'string' },
      images: { type: 'string', multiple: true },
      'service-accounts': { type: 'string', multiple: true },
      allow: { type: 'string', multiple: true },
      'namespace-metadata': { type: 'boolean' },
      description: { type: 'string' },
      file: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values;
}

async function hash(io: CliIo): Promise<number> {
  const key = (await io.readStdin()).trim();
  if (!looksLikeApiKey(key)) throw new UsageError('standard input does not hold an eks-jobs API key (ekj_…)');
  io.out(`${hashApiKey(key)}\n`);
  return 0;
}

function list(values: string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

function systemNamespaces(
  value: string | undefined,
): boolean | Array<'kube-system' | 'kube-public' | 'kube-node-lease'> {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  return list([value]) as Array<'kube-system' | 'kube-public' | 'kube-node-lease'>;
}

function rateLimit(value: string): { requests: number; perSeconds: number } {
  const m = /^(\d+)\/(\d+)$/.exec(value);
  if (!m) throw new UsageError('--rate-limit expects N/S, e.g. 100/60 for 100 requests per 60 seconds');
  return { requests: Number(m[1]), perSeconds: Number(m[2]) };
}

function addToFile(path: string, entry: unknown): void {
  let content: { keys: unknown[] } = { keys: [] };
  if (existsSync(path)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path, 'utf8'));
    } catch {
      throw new UsageError(`${path} is not valid JSON; not changed`);
    }
    parseApiKeys(parsed, path);
    content = parsed as { keys: unknown[] };
  }
  const next = { ...content, keys: [...content.keys, entry] };
  // Validates the result (e.g. a duplicate id) before anything is written.
  parseApiKeys(next, path);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runKeysCli(process.argv.slice(2), {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  }).then((code) => {
    process.exitCode = code;
  });
}
