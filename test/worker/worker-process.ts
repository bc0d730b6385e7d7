import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClusterSpec } from '../../src/shared/cluster/index.js';
import { startService, waitForHttp } from '../support/process.js';
import { freePort } from '../support/redis.js';

/** A real worker process (`node --import tsx src/worker/main.ts`) with its clusters in a CLUSTERS_FILE. */
export interface WorkerProcess {
  child: ChildProcess;
  port: number;
  output(): string;
  exited: Promise<number | string>;
  kill(): Promise<void>;
}

/** Writes `specs` as a CLUSTERS_FILE in a temp dir; returns its path and a cleanup. */
export function writeClustersFile(specs: ClusterSpec[]): { path: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'eks-jobs-clusters-'));
  const path = join(dir, 'clusters.json');
  writeFileSync(path, JSON.stringify({ clusters: specs }));
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Starts a worker and waits until /readyz says its workers run. Tests shorten stall detection
 * with WORKER_LOCK_DURATION and WORKER_STALLED_INTERVAL in `env`.
 */
export async function startWorkerProcess(
  env: Record<string, string>,
  args: string[] = [],
): Promise<WorkerProcess> {
  const port = await freePort();
  const service = startService(
    'src/worker/main.ts',
    { HOST: '127.0.0.1', WORKER_PORT: String(port), LOG_LEVEL: 'warn', ...env },
    args,
  );
  const { exited } = service;
  const proc: WorkerProcess = { ...service, port };
  try {
    await Promise.race([
      waitForHttp(`http://127.0.0.1:${port}/readyz`, 200, 30_000),
      exited.then((code) => {
        throw new Error(`worker exited with ${code} before it was ready:\n${service.output()}`);
      }),
    ]);
  } catch (err) {
    await proc.kill();
    throw err;
  }
  return proc;
}
