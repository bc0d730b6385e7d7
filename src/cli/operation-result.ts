/** How the commands that enqueue one operation (delete, ns, ops retry) report it. */
import type { EksJobsClient, Operation } from '../sdk/index.js';
import type { CliIo } from './context.js';
import { EXIT, type ExitCode } from './exit-codes.js';

/** Prints the operation; with `wait`, waits for it to end and prints its outcome (exit 1 if it failed). */
export async function reportOperation(
  client: EksJobsClient,
  op: Operation,
  io: CliIo,
  o: { wait?: boolean | undefined; cluster?: string },
): Promise<ExitCode> {
  const target = op.target.namespace ? `${op.target.namespace}/${op.target.name}` : op.target.name;
  io.out(`operation ${op.id}  ${op.command} ${target}  ${op.state}\n`);
  if (!o.wait) return EXIT.ok;
  const ended = await client.waitForOperation(op.id, o.cluster ? { cluster: o.cluster } : {});
  if (ended.state === 'succeeded') {
    io.out(`operation ${op.id}  succeeded\n`);
    return EXIT.ok;
  }
  const error = ended.error ? `${ended.error.code}: ${ended.error.message}` : 'unknown error';
  io.out(`operation ${op.id}  failed  ${error}\n`);
  return EXIT.failed;
}
