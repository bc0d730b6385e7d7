/**
 * Third-party clients driven against the devcluster as their users run them: the real kubectl,
 * the official Python client (Debian's `python3-kubernetes`, run by Debian's `/usr/bin/python3`)
 * and the AWS CLI v2 (Debian's `awscli`, `/usr/bin/aws`). Each runs as its own process with its
 * own HOME holding a kubeconfig for the cluster (verified HTTPS, bearer token). `.ci/run`
 * installs the Debian packages; a missing client fails the test that needs it, never skips it.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DevCluster } from './devcluster.js';

/** What a client process printed and how it ended. */
export interface ClientRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Debian's interpreter (the one `python3-kubernetes` installs for), not whatever `python3` is first on PATH. */
export const PYTHON = '/usr/bin/python3';
/** Debian's AWS CLI v2 (a pip-installed v1 may come first on PATH). */
export const AWS_CLI = '/usr/bin/aws';

/** A private HOME with `~/.kube/config` for one devcluster; `remove()` when done. */
export interface ClientHome {
  readonly dir: string;
  readonly kubeconfig: string;
  /** Writes `text` to `name` in the home and returns its path. */
  file(name: string, text: string): string;
  remove(): void;
}

/** The kubeconfig text for `cluster` with `token` (the admin token by default). */
export function kubeconfigText(
  cluster: Pick<DevCluster, 'url' | 'caFile' | 'token'>,
  token = cluster.token,
): string {
  return `apiVersion: v1
kind: Config
clusters:
- name: dev
  cluster:
    server: ${cluster.url}
    certificate-authority: ${cluster.caFile}
users:
- name: dev-user
  user:
    token: ${token}
contexts:
- name: dev
  context:
    cluster: dev
    user: dev-user
current-context: dev
`;
}

/** Makes a private HOME whose kubeconfig points at `cluster` (with `token`, or the admin token). */
export function makeClientHome(
  cluster: Pick<DevCluster, 'url' | 'caFile' | 'token'>,
  token?: string,
): ClientHome {
  const dir = mkdtempSync(join(tmpdir(), 'client-home-'));
  mkdirSync(join(dir, '.kube'));
  const kubeconfig = join(dir, '.kube', 'config');
  writeFileSync(kubeconfig, kubeconfigText(cluster, token), { mode: 0o600 });
  return {
    dir,
    kubeconfig,
    file(name, text) {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

interface RunOptions {
  /** Extra environment (the base is PATH, HOME and KUBECONFIG only). */
  env?: Record<string, string>;
  /** Written to the process's stdin. */
  input?: string;
  /** @defaultValue 60 000 ms: a hung client fails the test with what it printed. */
  timeoutMs?: number;
}

function run(command: string, args: string[], home: ClientHome, opts: RunOptions = {}): Promise<ClientRun> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      command,
      args,
      {
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          HOME: home.dir,
          KUBECONFIG: home.kubeconfig,
          ...opts.env,
        },
        cwd: home.dir,
        timeout: opts.timeoutMs ?? 60_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (err, stdout, stderr) => {
        if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') {
          reject(new Error(`${command} is not installed; this test requires it (.ci/run installs it)`));
          return;
        }
        const code = err ? Number((err as { code?: number }).code ?? 1) : 0;
        resolve({ code: Number.isNaN(code) ? 1 : code, stdout, stderr });
      },
    );
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}

/** Runs kubectl with the home's kubeconfig. */
export function kubectl(home: ClientHome, args: string[], opts?: RunOptions): Promise<ClientRun> {
  return run('kubectl', args, home, opts);
}

/** Runs kubectl and returns its stdout; throws with its stderr when it exits non-zero. */
export async function kubectlOk(home: ClientHome, args: string[], opts?: RunOptions): Promise<string> {
  const r = await kubectl(home, args, opts);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}

/**
 * Runs a Python program (source text) with Debian's python3 and the official client; `KUBECONFIG`
 * is set, so `kubernetes.config.load_kube_config()` finds the cluster. Extra `args` are `sys.argv[1:]`.
 */
export function python(
  home: ClientHome,
  source: string,
  args: string[] = [],
  opts?: RunOptions,
): Promise<ClientRun> {
  const script = home.file(`script-${Date.now()}-${Math.random().toString(36).slice(2)}.py`, source);
  return run(PYTHON, [script, ...args], home, opts);
}

/** Runs a Python program and returns its stdout; throws with its stderr when it exits non-zero. */
export async function pythonOk(
  home: ClientHome,
  source: string,
  args: string[] = [],
  opts?: RunOptions,
): Promise<string> {
  const r = await python(home, source, args, opts);
  if (r.code !== 0) throw new Error(`python exited ${r.code}: ${r.stderr}\n${r.stdout}`);
  return r.stdout;
}

/** Runs the AWS CLI v2 (Debian's) with the home as HOME; pass credentials and endpoints in `env`. */
export function awsCli(home: ClientHome, args: string[], opts?: RunOptions): Promise<ClientRun> {
  return run(AWS_CLI, args, home, {
    ...opts,
    env: { AWS_PAGER: '', AWS_CLI_AUTO_PROMPT: 'off', ...opts?.env },
  });
}

/**
 * Starts a long-running client (`kubectl get jobs -w`, a Python watch) and collects its output
 * as it arrives; `stop()` ends it (SIGTERM) and resolves with everything printed.
 */
export function startClient(
  command: 'kubectl' | 'python',
  home: ClientHome,
  args: string[],
  opts: { env?: Record<string, string> } = {},
): { output(): string; stderr(): string; stop(): Promise<ClientRun> } {
  const cmd = command === 'kubectl' ? 'kubectl' : PYTHON;
  const child = spawn(cmd, args, {
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: home.dir,
      KUBECONFIG: home.kubeconfig,
      ...opts.env,
    },
    cwd: home.dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const ended = new Promise<ClientRun>((resolve) => {
    child.on('error', (e) => {
      err += String(e);
      resolve({ code: 127, stdout: out, stderr: err });
    });
    child.on('close', (code) => resolve({ code: code ?? 143, stdout: out, stderr: err }));
  });
  return {
    output: () => out,
    stderr: () => err,
    stop: () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return ended;
    },
  };
}
