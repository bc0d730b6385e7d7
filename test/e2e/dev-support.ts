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
  // A deadline, not a speed check: tsx compiles both processes and PGlite starts, on two busy cores.
  bannerTimeoutMs = 75_000,
): Promise<{ dev: ServiceProcess; apiPort: number; redisPort: number; postgresPort: number }> {
  const [apiPort, workerPort, redisPort, postgresPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const dev = startService('src/dev/main.ts', env, [
    '--port',
    String(apiPort),
    '--worker-port',
    String(workerPort),
    '--redis-port',
    String(redisPort),
    '--postgres-port',
    String(postgresPort),
    '--time-scale',
    '0.05',
    ...args,
  ]);
  await waitFor(() => dev.output().includes('eks-jobs is running') || dev.child.exitCode !== null, {
    timeoutMs: bannerTimeoutMs,
    message: 'the dev banner',
  });
  return { dev, apiPort, redisPort, postgresPort };
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
