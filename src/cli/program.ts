/** The `eks-jobs` command tree, built on commander; `runCli` runs it and answers the exit code. */
import { Command, CommanderError } from 'commander';
import { registerBatch } from './commands/batch.js';
import { registerCompletion } from './commands/completion.js';
import { registerDelete, registerNamespaces } from './commands/delete.js';
import { registerGet } from './commands/get.js';
import { registerLogs } from './commands/logs.js';
import { registerOps } from './commands/ops.js';
import { registerSubmit } from './commands/submit.js';
import type { CliContext } from './context.js';
import { describeError, EXIT, type ExitCode, exitCodeOf } from './exit-codes.js';

const EXAMPLES = `
Configuration: --url/--key, else EKS_JOBS_URL/EKS_JOBS_KEY, else the profile --profile (or
"current") of $EKS_JOBS_CONFIG or ~/.config/eks-jobs/config.yaml:
  current: dev
  profiles:
    dev: {url: http://localhost:3000, key: ekj_..., cluster: dev}

Exit codes: 0 succeeded, 1 a Job/operation failed or the API answered an error, 2 usage, 3 the
API could not be reached.

Examples:
  eks-jobs submit -f job.yaml --wait
  eks-jobs batch -f jobs.yaml
  eks-jobs get job report-x7k2p -n team-a -o json
  eks-jobs ops list --state failed`;

/** Builds the program; `setExit` records a command's exit code (0 unless a command says otherwise). */
export function createProgram(ctx: CliContext, setExit: (code: ExitCode) => void): Command {
  const program = new Command('eks-jobs')
    .description('Submit and watch Kubernetes Jobs through the eks-jobs API')
    .option('--url <url>', 'API base URL (env EKS_JOBS_URL)')
    .option('--key <key>', 'API key (env EKS_JOBS_KEY)')
    .option('--cluster <name>', "cluster to act on (default: the profile's, else the API's default)")
    .option('--profile <name>', 'profile of the config file')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: ctx.io.out, writeErr: ctx.io.err })
    .addHelpText('after', EXAMPLES);
  registerSubmit(program, ctx, setExit);
  registerBatch(program, ctx, setExit);
  registerGet(program, ctx);
  registerLogs(program, ctx);
  registerOps(program, ctx, setExit);
  registerDelete(program, ctx, setExit);
  registerNamespaces(program, ctx, setExit);
  registerCompletion(program, ctx);
  // Every subcommand reports its errors like the program does, and exits through runCli.
  const inherit = (command: Command) => {
    for (const sub of command.commands) {
      sub.exitOverride().configureOutput({ writeOut: ctx.io.out, writeErr: ctx.io.err });
      sub.showHelpAfterError('(add --help for usage)');
      inherit(sub);
    }
  };
  inherit(program);
  return program;
}

/** Runs `argv` (without node and the script) and answers the exit code; never exits the process. */
export async function runCli(argv: readonly string[], ctx: CliContext): Promise<ExitCode> {
  let code: ExitCode = EXIT.ok;
  const program = createProgram(ctx, (c) => {
    code = c;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version end with 0; commander has already printed any usage error.
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    ctx.io.err(`error: ${describeError(err)}\n`);
    return exitCodeOf(err);
  }
}
