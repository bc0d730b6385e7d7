/** `eks-jobs batch -f FILE`: every document as one batch, a progress bar until each item ended, a summary. */
import type { Command } from 'commander';
import type { BatchAccepted, BatchProgressUpdate, EksJobsClient, Operation } from '../../sdk/index.js';
import { type CliContext, clientFor } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { readSubmissions } from '../manifests.js';
import { formatTable } from '../output.js';
import { createProgressBar } from '../progress-bar.js';

/** Reads the failed operations (a few at a time: a batch may have a thousand). */
async function failedOperations(
  client: EksJobsClient,
  ids: readonly string[],
  cluster: string,
): Promise<Operation[]> {
  const ops: Operation[] = [];
  const queue = [...ids];
  const reader = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      const op = await client.getOperation(id, { cluster });
      if (op.state === 'failed') ops.push(op);
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, ids.length) }, reader));
  return ops.sort((a, b) => a.id.localeCompare(b.id));
}

/** The summary: counts by outcome, then each failed item with its error. */
export function batchSummary(progress: BatchProgressUpdate, failed: readonly Operation[]): string {
  const counts = formatTable(
    ['SUCCEEDED', 'FAILED', 'CANCELLED', 'TOTAL'],
    [[progress.succeeded, progress.failed, progress.cancelled, progress.total].map(String)],
  );
  if (failed.length === 0) return counts;
  const rows = failed.map((op) => [
    op.id,
    `${op.target.namespace ?? ''}/${op.target.name}`,
    op.error ? `${op.error.code}: ${op.error.message}` : 'unknown error',
  ]);
  return `${counts}\nFailed items:\n${formatTable(['OPERATION', 'JOB', 'ERROR'], rows)}`;
}

export function registerBatch(program: Command, ctx: CliContext, setExit: (code: ExitCode) => void): void {
  program
    .command('batch')
    .description(
      'submit every document as one batch (all or nothing) and show its progress until each item ended',
    )
    .requiredOption(
      '-f, --file <path>',
      'a YAML/JSON file (multi-document), a directory of them, or - for stdin; repeatable',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option('-n, --namespace <ns>', 'namespace of documents that name none (default: default)')
    .addHelpText('after', '\nExamples:\n  eks-jobs batch -f nightly-jobs.yaml -n team-a')
    .action(async (flags: { file: string[]; namespace?: string }, command: Command) => {
      const submissions = await readSubmissions(flags.file, {
        namespace: flags.namespace,
        readStdin: ctx.io.readStdin,
      });
      const { client, cluster } = clientFor(command, ctx);
      const bar = createProgressBar({ write: ctx.io.err, tty: ctx.io.errIsTTY });
      let accepted: BatchAccepted | undefined;
      const { batch, progress } = await client
        .submitBatch(
          submissions.map((s) => ({ namespace: s.namespace, job: s.job })),
          {
            ...(cluster ? { cluster } : {}),
            onAccepted: (b) => {
              accepted = b;
              ctx.io.out(`batch ${b.id}  ${b.total} jobs  cluster ${b.cluster}\n`);
              bar.update({
                id: b.id,
                cluster: b.cluster,
                createdAt: '',
                total: b.total,
                queued: b.total,
                running: 0,
                succeeded: 0,
                failed: 0,
                cancelled: 0,
                done: false,
                operationIds: [],
                ended: 0,
              });
            },
            onProgress: (p) => bar.update(p),
          },
        )
        .finally(() => bar.end());
      const failedIds = (accepted ?? batch).operations.map((op) => op.id);
      const failed = progress.failed > 0 ? await failedOperations(client, failedIds, batch.cluster) : [];
      ctx.io.out(batchSummary(progress, failed));
      setExit(progress.succeeded === progress.total ? EXIT.ok : EXIT.failed);
    });
}
