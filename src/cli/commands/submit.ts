/** `eks-jobs submit -f FILE|DIR|-`: submits Jobs, optionally waits for them and follows one's log. */
import { type Command, InvalidArgumentError } from 'commander';
import { type EksJobsClient, EksJobsError, type Operation } from '../../sdk/index.js';
import { type CliContext, clientFor } from '../context.js';
import { CliUsageError, EXIT, type ExitCode } from '../exit-codes.js';
import { readSubmissions } from '../manifests.js';
import { followLogs } from './logs.js';

interface SubmitFlags {
  file: string[];
  namespace?: string;
  wait?: boolean;
  follow?: boolean;
  timeout?: number;
}

/** The line that tells how a submitted Job ended. */
async function outcomeOf(
  client: EksJobsClient,
  op: Operation,
  namespace: string,
  o: { cluster?: string; timeoutMs?: number },
): Promise<{ line: string; ok: boolean }> {
  const name = `${namespace}/${op.target.name}`;
  const ended = await client.waitForOperation(op.id, o);
  if (ended.state === 'failed') {
    const error = ended.error ? `${ended.error.code}: ${ended.error.message}` : 'unknown error';
    return { line: `${name}  Failed  operation ${op.id} failed: ${error}`, ok: false };
  }
  const job = await client.waitForJob(namespace, op.target.name, o);
  if (job.phase === 'Succeeded') return { line: `${name}  Succeeded`, ok: true };
  const why = [job.reason, job.message].filter(Boolean).join(': ');
  return { line: `${name}  Failed  ${why || 'no reason given'}`, ok: false };
}

export function registerSubmit(program: Command, ctx: CliContext, setExit: (code: ExitCode) => void): void {
  program
    .command('submit')
    .description('submit Jobs: batch/v1 Job manifests or the API short form, one or many per file')
    .requiredOption(
      '-f, --file <path>',
      'a YAML/JSON file (multi-document), a directory of them, or - for stdin; repeatable',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option('-n, --namespace <ns>', 'namespace of documents that name none (default: default)')
    .option('--wait', 'wait until every Job succeeded or failed; exit 1 if any failed')
    .option('--follow', "stream the Job's log while it runs (one Job only); implies --wait")
    .option('--timeout <seconds>', 'give up waiting after this long (exit 1)', (v) => positive(v))
    .addHelpText(
      'after',
      `
Examples:
  eks-jobs submit -f job.yaml
  eks-jobs submit -f jobs/ -n team-a --wait
  cat job.yaml | eks-jobs submit -f - --follow`,
    )
    .action(async (flags: SubmitFlags, command: Command) => {
      const submissions = await readSubmissions(flags.file, {
        namespace: flags.namespace,
        readStdin: ctx.io.readStdin,
      });
      if (flags.follow && submissions.length !== 1) {
        throw new CliUsageError(`--follow streams one Job's log; ${submissions.length} documents given`);
      }
      const { client, cluster } = clientFor(command, ctx);
      const o = {
        ...(cluster ? { cluster } : {}),
        ...(flags.timeout ? { timeoutMs: flags.timeout * 1000 } : {}),
      };
      const submitted: { op: Operation; namespace: string }[] = [];
      for (const s of submissions) {
        const op = await client.submitJob(s.namespace, s.job, o);
        ctx.io.out(`operation ${op.id}  job ${s.namespace}/${op.target.name}\n`);
        submitted.push({ op, namespace: s.namespace });
      }
      if (!flags.wait && !flags.follow) return;
      const [only] = submitted;
      if (flags.follow && only) {
        const ended = await client.waitForOperation(only.op.id, o);
        if (ended.state === 'succeeded') {
          await followLogs(client, only.namespace, only.op.target.name, ctx.io, o);
        }
      }
      const outcomes = await Promise.all(
        submitted.map(async ({ op, namespace }) => {
          const outcome = await outcomeOf(client, op, namespace, o).catch((err: unknown) => {
            if (err instanceof EksJobsError) {
              return {
                line: `${namespace}/${op.target.name}  Error  ${err.code}: ${err.message}`,
                ok: false,
              };
            }
            throw err;
          });
          ctx.io.out(`${outcome.line}\n`);
          return outcome.ok;
        }),
      );
      setExit(outcomes.every(Boolean) ? EXIT.ok : EXIT.failed);
    });
}

/** A positive number of seconds. */
export function positive(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`not a positive number: ${value}`);
  return n;
}
