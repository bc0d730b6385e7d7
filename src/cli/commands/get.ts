/** `eks-jobs get job NAME`, `eks-jobs get op ID`: one resource, as a table, JSON or YAML. */
import type { Command } from 'commander';
import type { JobStatus, Operation } from '../../sdk/index.js';
import { type CliContext, clientFor } from '../context.js';
import { age, type OutputFormat, outputOption, render } from '../output.js';

/** Columns of a Job's status summary. */
export function jobTable(jobs: readonly JobStatus[]) {
  return {
    headers: ['NAMESPACE', 'NAME', 'PHASE', 'SUCCEEDED', 'FAILED', 'ACTIVE', 'AGE', 'REASON'],
    rows: jobs.map((j) => [
      j.namespace,
      j.name,
      j.phase,
      String(j.counts.succeeded),
      String(j.counts.failed),
      String(j.counts.active),
      age(j.createdAt),
      j.reason ?? '',
    ]),
  };
}

/** Columns of operations. */
export function operationTable(ops: readonly Operation[]) {
  return {
    headers: ['ID', 'COMMAND', 'TARGET', 'STATE', 'ATTEMPTS', 'AGE', 'ERROR'],
    rows: ops.map((op) => [
      op.id,
      op.command,
      op.target.namespace ? `${op.target.namespace}/${op.target.name}` : op.target.name,
      op.state,
      `${op.attempts.made}/${op.attempts.max}`,
      age(op.createdAt),
      op.error ? `${op.error.code}: ${op.error.message}` : '',
    ]),
  };
}

export function registerGet(program: Command, ctx: CliContext): void {
  const get = program.command('get').description('show one Job or operation');
  get
    .command('job')
    .description("a Job's status summary")
    .argument('<name>', 'the Job')
    .option('-n, --namespace <ns>', 'namespace', 'default')
    .addOption(outputOption())
    .addHelpText('after', '\nExamples:\n  eks-jobs get job report-x7k2p -n team-a -o yaml')
    .action(async (name: string, flags: { namespace: string; output: OutputFormat }, command) => {
      const { client, cluster } = clientFor(command as Command, ctx);
      const job = await client.getJob(flags.namespace, name, cluster ? { cluster } : {});
      ctx.io.out(render(flags.output, job, () => jobTable([job])));
    });
  get
    .command('op')
    .alias('operation')
    .description('an operation: its state, attempts and error')
    .argument('<id>', 'the operation id')
    .addOption(outputOption())
    .addHelpText('after', '\nExamples:\n  eks-jobs get op 01J9Z3… -o json')
    .action(async (id: string, flags: { output: OutputFormat }, command) => {
      const { client, cluster } = clientFor(command as Command, ctx);
      const op = await client.getOperation(id, cluster ? { cluster } : {});
      ctx.io.out(render(flags.output, op, () => operationTable([op])));
    });
}
