import { type ServiceProcess, startService } from '../support/process.js';
import { freePort } from '../support/redis.js';
import { waitFor } from '../support/wait-for.js';

/**
 * Starts `npm run dev` (src/dev/main.ts) on free ports at time scale 0.05, as the dev tests run
 * it, and waits for its banner (or its exit). `args` come after the ports.
 */
export async function startDev(
  env: Record<string, string>,
  args: string[] = [],
  bannerTimeoutMs = 45_000,
): Promise<{ dev: ServiceProcess; apiPort: number; redisPort: number }> {
  const [apiPort, workerPort, redisPort] = [await freePort(), await freePort(), await freePort()];
  const dev = startService('src/dev/main.ts', env, [
    '--port',
    String(apiPort),
    '--worker-port',
    String(workerPort),
    '--redis-port',
    String(redisPort),
    '--time-scale',
    '0.05',
    ...args,
  ]);
  await waitFor(() => dev.output().includes('eks-jobs is running') || dev.child.exitCode !== null, {
    timeoutMs: bannerTimeoutMs,
    message: 'the dev banner',
  });
  return { dev, apiPort, redisPort };
}

/**
 * Stops `npm run dev` as a user does, with Ctrl-C (it then stops its API, worker, devcluster and
 * Redis; a SIGKILL would leave those running, orphaned), killing it only if it hangs.
 */
export async function stopDev(dev: ServiceProcess | undefined): Promise<void> {
  if (dev && dev.child.exitCode === null && dev.child.signalCode === null) {
    dev.child.kill('SIGINT');
    await Promise.race([dev.exited, new Promise((r) => setTimeout(r, 30_000))]);
  }
  await dev?.kill();
}
