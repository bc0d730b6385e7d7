/** `eks-jobs ops list|retry|cancel`: the key's operations. */
import { type Command, Option } from 'commander';
import type { OperationState } from '../../sdk/index.js';
import { type CliContext, clientFor } from '../context.js';
import type { ExitCode } from '../exit-codes.js';
import { reportOperation } from '../operation-result.js';
import { type OutputFormat, outputOption, render } from '../output.js';
import { operationTable } from './get.js';

const STATES = ['queued', 'running', 'succeeded', 'failed'] as const;

export function registerOps(program: Command, ctx: CliContext, setExit: (code: ExitCode) => void): void {
  const ops = program.command('ops').description("list, retry and cancel the key's operations");
  ops
    .command('list')
    .description('operations, newest first')
    .addOption(new Option('--state <state>', 'only operations in this state').choices(STATES))
    .option('--limit <n>', 'at most this many', (v) => Number.parseInt(v, 10))
    .addOption(outputOption())
    .addHelpText('after', '\nExamples:\n  eks-jobs ops list --state failed')
    .action(async (flags: { state?: OperationState; limit?: number; output: OutputFormat }, command) => {
      const { client, cluster } = clientFor(command as Command, ctx);
      const page = await client.listOperations({
        ...(cluster ? { cluster } : {}),
        ...(flags.state ? { state: flags.state } : {}),
        ...(flags.limit ? { limit: flags.limit } : {}),
      });
      ctx.io.out(render(flags.output, page, () => operationTable(page.items)));
    });
  ops
    .command('retry')
    .description('re-drive a failed operation')
    .argument('<id>', 'the operation id')
    .option('--wait', 'wait until it ends; exit 1 if it failed again')
    .action(async (id: string, flags: { wait?: boolean }, command) => {
      const { client, cluster } = clientFor(command as Command, ctx);
      const op = await client.retryOperation(id, cluster ? { cluster } : {});
      setExit(
        await reportOperation(client, op, ctx.io, { wait: flags.wait, ...(cluster ? { cluster } : {}) }),
      );
    });
  ops
    .command('cancel')
    .description('cancel a queued operation')
    .argument('<id>', 'the operation id')
    .action(async (id: string, _flags: unknown, command) => {
      const { client, cluster } = clientFor(command as Command, ctx);
      await client.cancelOperation(id, cluster ? { cluster } : {});
      ctx.io.out(`operation ${id}  cancelled\n`);
    });
}
