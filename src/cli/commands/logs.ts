/** `eks-jobs logs NAME [-f]`: a Job's log, whole or followed. */
import type { Command } from 'commander';
import { type EksJobsClient, EksJobsError } from '../../sdk/index.js';
import { type CliContext, type CliIo, clientFor } from '../context.js';

/** Before its pod runs a Job's log is 404 PodNotFound or 400 (container not started): worth retrying. */
function notYet(err: unknown): boolean {
  return err instanceof EksJobsError && (err.code === 'PodNotFound' || err.status === 400);
}

/**
 * Streams a Job's log to `io.out` until its container ends, first waiting for the pod to start
 * (polled, up to `timeoutMs`); returns quietly if the Job ends without a readable log.
 */
export async function followLogs(
  client: EksJobsClient,
  namespace: string,
  name: string,
  io: CliIo,
  o: { cluster?: string; timeoutMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + (o.timeoutMs ?? Number.POSITIVE_INFINITY);
  let pauseMs = 250;
  for (;;) {
    try {
      for await (const chunk of client.logs(namespace, name, { ...o, follow: true })) io.out(chunk);
      return;
    } catch (err) {
      if (!notYet(err) || Date.now() > deadline) throw err;
      const job = await client.getJob(namespace, name, o);
      if (job.phase === 'Succeeded' || job.phase === 'Failed') return;
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
      pauseMs = Math.min(2000, pauseMs * 1.5);
    }
  }
}

export function registerLogs(program: Command, ctx: CliContext): void {
  program
    .command('logs')
    .description("print a Job's log (its newest pod's)")
    .argument('<name>', 'the Job')
    .option('-n, --namespace <ns>', 'namespace', 'default')
    .option('-f, --follow', 'stream the log until the container ends')
    .option('--tail <lines>', 'only the last lines', (v) => Number.parseInt(v, 10))
    .addHelpText('after', '\nExamples:\n  eks-jobs logs report-x7k2p -n team-a -f')
    .action(async (name: string, flags: { namespace: string; follow?: boolean; tail?: number }, command) => {
      const { client, cluster } = clientFor(command as Command, ctx);
      const o = cluster ? { cluster } : {};
      if (flags.follow) return followLogs(client, flags.namespace, name, ctx.io, o);
      for await (const chunk of client.logs(flags.namespace, name, {
        ...o,
        ...(flags.tail !== undefined ? { tailLines: flags.tail } : {}),
      })) {
        ctx.io.out(chunk);
      }
    });
}
