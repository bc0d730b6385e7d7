/**
 * The `eks-jobs` CLI as people run it: its own process (`node dist/src/cli/eks-jobs.js` when built, else through tsx)
 * against the API and worker processes on a devcluster, configured through EKS_JOBS_URL and
 * EKS_JOBS_KEY. Asserts what a script sees: printed outcomes and exit codes.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { test as base } from '../support/fixtures.js';
import { entryArgs, repoRoot } from '../support/process.js';
import { type ProcessStack, startProcessStack } from '../support/stack.js';

const test = base.extend(
  'stack',
  { scope: 'file' },
  async ({ redis }, { onCleanup }): Promise<ProcessStack> => {
    const stack = await startProcessStack(redis, { timeScale: 0.02 });
    onCleanup(() => stack.stop());
    return stack;
  },
);

const dir = mkdtempSync(join(tmpdir(), 'eks-jobs-cli-'));
const CLI = entryArgs('src/cli/eks-jobs.ts');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `program` to its end with exactly `env` (plus PATH, and a HOME without a config file). */
function run(program: string, args: string[], env: Record<string, string>): Promise<Run> {
  const child = spawn(program, args, {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => {
    stdout += c.toString();
  });
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** Runs the CLI to its end. */
function cli(args: string[], env: Record<string, string>): Promise<Run> {
  return run(process.execPath, [...CLI, ...args], env);
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const envOf = (stack: ProcessStack) => ({ EKS_JOBS_URL: stack.url, EKS_JOBS_KEY: stack.key });

describe('the eks-jobs CLI against the real API', { timeout: 180_000 }, () => {
  test('submit -f of a two-document YAML with --wait prints both outcomes and exits 0', async ({ stack }) => {
    const path = file(
      'two.yaml',
      `apiVersion: batch/v1
kind: Job
metadata: {generateName: cli-manifest-, namespace: default}
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      containers: [{name: main, image: 'busybox:1.36', command: [sh, -c, 'echo one']}]
---
generateName: cli-short-
image: busybox:1.36
command: [sh, -c, 'echo two']
`,
    );
    const run = await cli(['submit', '-f', path, '--wait'], envOf(stack));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^operation \S+ {2}job default\/cli-manifest-\w+$/m);
    expect(run.stdout).toMatch(/^operation \S+ {2}job default\/cli-short-\w+$/m);
    expect(run.stdout).toMatch(/^default\/cli-manifest-\w+ {2}Succeeded$/m);
    expect(run.stdout).toMatch(/^default\/cli-short-\w+ {2}Succeeded$/m);
  });

  test('a failing Job exits 1 and prints its reason', async ({ stack }) => {
    const path = file(
      'fail.yaml',
      "generateName: cli-fail-\nimage: busybox:1.36\ncommand: ['sh', '-c', 'exit 3']\nbackoffLimit: 0\n",
    );
    const run = await cli(['submit', '-f', path, '--wait'], envOf(stack));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^default\/cli-fail-\w+ {2}Failed {2}BackoffLimitExceeded/m);
  });

  test('usage errors exit 2, an unreachable API 3, an unknown Job 1 with JobNotFound', async ({ stack }) => {
    const env = envOf(stack);
    const bad = file('bad.yaml', 'image: [unclosed\n');
    const usage = await Promise.all([
      cli(['submit', '--no-such-flag', '-f', bad], env),
      cli(['submit', '-f', join(dir, 'missing.yaml')], env),
      cli(['submit', '-f', bad], env),
      cli(['get', 'job', 'x'], { EKS_JOBS_KEY: stack.key }),
      cli(['get', 'job', 'x', '-o', 'xml'], env),
    ]);
    expect(usage.map((r) => r.code)).toEqual([2, 2, 2, 2, 2]);
    expect(usage[2]?.stderr).toContain('invalid YAML');
    expect(usage[3]?.stderr).toContain('no API URL');

    const unreachable = await cli(['get', 'job', 'x'], { ...env, EKS_JOBS_URL: 'http://127.0.0.1:9' });
    expect(unreachable.code).toBe(3);
    expect(unreachable.stderr).toContain('cannot reach the eks-jobs API');

    const missing = await cli(['get', 'job', 'cli-no-such-job'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/JobNotFound: .+ \(\S+\)/);
  });

  test('-o json parses: get job, get op, ops list', async ({ stack }) => {
    const env = envOf(stack);
    const path = file('json.yaml', "name: cli-json-job\nimage: busybox:1.36\ncommand: ['true']\n");
    const submitted = await cli(['submit', '-f', path, '--wait'], env);
    expect(submitted.code).toBe(0);
    const opId = /^operation (\S+)/m.exec(submitted.stdout)?.[1] ?? '';

    const job = await cli(['get', 'job', 'cli-json-job', '-o', 'json'], env);
    expect(job.code).toBe(0);
    expect(JSON.parse(job.stdout)).toMatchObject({ name: 'cli-json-job', phase: 'Succeeded' });

    const op = await cli(['get', 'op', opId, '-o', 'json'], env);
    expect(JSON.parse(op.stdout)).toMatchObject({ id: opId, state: 'succeeded' });

    const list = await cli(['ops', 'list', '-o', 'json'], env);
    expect((JSON.parse(list.stdout) as { items: { id: string }[] }).items.map((o) => o.id)).toContain(opId);

    const table = await cli(['get', 'job', 'cli-json-job'], env);
    expect(table.stdout).toMatch(/^NAMESPACE +NAME +PHASE/);
    expect(table.stdout).toMatch(/^default +cli-json-job +Succeeded/m);
  });

  test('batch -f of 500 jobs under a terminal: a progress bar to 500/500, then exit 0', async ({ stack }) => {
    const docs = Array.from(
      { length: 500 },
      (_, i) => `name: cli-batch-${i}\nimage: busybox:1.36\ncommand: ['true']\n`,
    );
    const path = file('batch.yaml', docs.join('---\n'));
    const command = [process.execPath, ...CLI, 'batch', '-f', path].join(' ');
    // script(1) runs the CLI on a pty, so it draws the bar as on a person's terminal; -e: its exit code.
    const term = await run('script', ['-qec', command, '/dev/null'], envOf(stack));
    expect(term.code, term.stdout).toBe(0);
    const frames = term.stdout
      .split(/[\r\n]+/)
      .map((line) => /\[[#-]+\] (\d+)\/500 /.exec(line)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number);
    expect(new Set(frames).size).toBeGreaterThan(1);
    expect(frames.at(-1)).toBe(500);
    expect(frames).toEqual([...frames].sort((a, b) => a - b));
    // Redrawn in place: frames start with a carriage return and clear the rest of the line.
    expect(term.stdout).toContain('\r[');
    expect(term.stdout).toMatch(/^SUCCEEDED +FAILED +CANCELLED +TOTAL\r?\n500 +0 +0 +500/m);
  });

  test('submit --follow streams the log while the Job runs, then its outcome; logs reads it again', async ({
    stack,
  }) => {
    const env = envOf(stack);
    const path = file(
      'follow.yaml',
      "name: cli-follow\nimage: busybox:1.36\ncommand: ['sh', '-c', 'echo first; sleep 100; echo second']\n",
    );
    const followed = await cli(['submit', '-f', path, '--follow'], env);
    expect(followed.code).toBe(0);
    expect(followed.stdout).toMatch(/^first\nsecond\ndefault\/cli-follow {2}Succeeded\n$/m);

    const logs = await cli(['logs', 'cli-follow'], env);
    expect(logs.stdout).toBe('first\nsecond\n');
    const two = file('two-follow.yaml', 'name: a\nimage: busybox\n---\nname: b\nimage: busybox\n');
    expect((await cli(['submit', '-f', two, '--follow'], env)).code).toBe(2);
  });

  test('ns create/delete, delete job, a failed operation, ops list --state failed, retry and cancel', async ({
    stack,
  }) => {
    const env = envOf(stack);
    const created = await cli(['ns', 'create', 'cli-team', '--wait'], env);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/succeeded$/m);

    const path = file('in-ns.yaml', "name: cli-doomed\nimage: busybox:1.36\ncommand: ['true']\n");
    expect((await cli(['submit', '-f', path, '-n', 'cli-team', '--wait'], env)).code).toBe(0);
    const deleted = await cli(['delete', 'job', 'cli-doomed', '-n', 'cli-team', '--wait'], env);
    expect(deleted.code).toBe(0);
    expect((await cli(['get', 'job', 'cli-doomed', '-n', 'cli-team'], env)).stderr).toContain('JobNotFound');
    expect((await cli(['ns', 'delete', 'cli-team', '--wait'], env)).code).toBe(0);

    // A create in a namespace that does not exist: the operation fails, and --wait says why.
    const failed = await cli(['submit', '-f', path, '-n', 'cli-no-such-ns', '--wait'], env);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/Failed {2}operation \S+ failed: NamespaceNotFound/);
    const opId = /^operation (\S+)/m.exec(failed.stdout)?.[1] ?? '';
    const list = await cli(['ops', 'list', '--state', 'failed'], env);
    expect(list.stdout).toMatch(new RegExp(`^${opId} +job\\.create +cli-no-such-ns/cli-doomed +failed`, 'm'));

    const retried = await cli(['ops', 'retry', opId, '--wait'], env);
    expect(retried.code).toBe(1); // the namespace still does not exist
    expect(retried.stdout).toMatch(/failed {2}NamespaceNotFound/);
    const cancel = await cli(['ops', 'cancel', opId], env);
    expect(cancel.code).toBe(1);
    expect(cancel.stderr).toMatch(/^error: \w+: .+ \(\S+\)$/m);
  });

  test('a profile of the config file, and a batch without a terminal prints progress lines', async ({
    stack,
  }) => {
    const config = file(
      'config.yaml',
      `current: other\nprofiles:\n  other: {url: 'http://127.0.0.1:9'}\n  test: {url: '${stack.url}', key: '${stack.key}', cluster: dev}\n`,
    );
    const path = file('small-batch.yaml', "name: cli-piped\nimage: busybox:1.36\ncommand: ['true']\n");
    const viaCurrent = await cli(['get', 'job', 'x'], { EKS_JOBS_CONFIG: config });
    expect(viaCurrent.code).toBe(3);
    const batch = await cli(['--profile', 'test', 'batch', '-f', path], { EKS_JOBS_CONFIG: config });
    expect(batch.code).toBe(0);
    expect(batch.stderr).not.toContain('\r');
    expect(batch.stderr.trimEnd().split('\n').at(-1)).toMatch(/^\[#+\] 1\/1 /);
    expect(batch.stdout).toMatch(/^1 +0 +0 +1$/m);
  });
});
