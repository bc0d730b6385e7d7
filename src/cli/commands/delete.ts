/** `eks-jobs delete job NAME` and `eks-jobs ns create|delete NAME`. */
import type { Command } from 'commander';
import { type CliContext, clientFor } from '../context.js';
import type { ExitCode } from '../exit-codes.js';
import { reportOperation } from '../operation-result.js';

export function registerDelete(program: Command, ctx: CliContext, setExit: (code: ExitCode) => void): void {
  program
    .command('delete')
    .description('delete a resource')
    .command('job')
    .description('delete a Job and its pods')
    .argument('<name>', 'the Job')
    .option('-n, --namespace <ns>', 'namespace', 'default')
    .option('--wait', 'wait until the deletion ended; exit 1 if it failed')
    .addHelpText('after', '\nExamples:\n  eks-jobs delete job report-x7k2p -n team-a --wait')
    .action(async (name: string, flags: { namespace: string; wait?: boolean }, command) => {
      const { client, cluster } = clientFor(command as Command, ctx);
      const op = await client.deleteJob(flags.namespace, name, cluster ? { cluster } : {});
      setExit(
        await reportOperation(client, op, ctx.io, { wait: flags.wait, ...(cluster ? { cluster } : {}) }),
      );
    });
}

export function registerNamespaces(
  program: Command,
  ctx: CliContext,
  setExit: (code: ExitCode) => void,
): void {
  const ns = program.command('ns').alias('namespace').description('create or delete namespaces');
  for (const verb of ['create', 'delete'] as const) {
    ns.command(verb)
      .description(`${verb} a namespace${verb === 'delete' ? ' and everything in it' : ''}`)
      .argument('<name>', 'the namespace')
      .option('--wait', 'wait until it ended; exit 1 if it failed')
      .addHelpText('after', `\nExamples:\n  eks-jobs ns ${verb} team-a --wait`)
      .action(async (name: string, flags: { wait?: boolean }, command) => {
        const { client, cluster } = clientFor(command as Command, ctx);
        const o = cluster ? { cluster } : {};
        const op =
          verb === 'create' ? await client.createNamespace(name, o) : await client.deleteNamespace(name, o);
        setExit(await reportOperation(client, op, ctx.io, { wait: flags.wait, ...o }));
      });
  }
}
