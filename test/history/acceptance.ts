import { createDatabase } from '../../src/shared/db/index.js';
import type { TestPostgres } from '../support/postgres.js';
import type { TestRedis } from '../support/redis.js';
import { startProcessStack } from '../support/stack.js';
import { waitFor } from '../support/wait-for.js';
import { startWorkerProcess, writeClustersFile } from '../worker/worker-process.js';

/**
 * Issue 19, acceptance 1, with real processes (API, workers, redis-server, PostgreSQL, the
 * devcluster): `jobs` Jobs submitted through `POST /v1/batches`, a worker killed with kill -9 while
 * they run and another started; then, once every operation has expired from Redis
 * (OPERATION_RETENTION) and every Job has been deleted by its ttlSecondsAfterFinished, the
 * history read through `GET /v1/history/jobs` holds exactly one row per Job with its outcome.
 * Used by test/history/e2e.test.ts.
 */
export interface HistoryAcceptance {
  jobs: number;
  rows: number;
  /** Jobs whose row is missing or wrong (phase, reason, submitter, batch, labels, image), by name. */
  wrong: string[];
  /** Rows of Jobs not submitted here, or a second row of one. */
  extra: number;
  /** How many operations were still running when the worker was killed. */
  inFlightAtKill: number;
  seconds: number;
}

/** Every third Job fails (`exit 3`, backoffLimit 0); the others succeed, some after a while. */
const COMMANDS = [
  ['sh', '-c', 'true'],
  ['sh', '-c', 'sleep 30'],
  ['sh', '-c', 'exit 3'],
] as const;
const BATCH = 500;

export async function runHistoryAcceptance(
  redis: TestRedis,
  postgres: TestPostgres,
  options: { jobs: number; log?: (line: string) => void },
): Promise<HistoryAcceptance> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const databaseUrl = await postgres.createDatabase();
  const env = {
    DATABASE_URL: databaseUrl,
    OPERATION_RETENTION: '3s',
    WORKER_LOCK_DURATION: '2s',
    WORKER_STALLED_INTERVAL: '1s',
    JOB_WATCH_LEASE: '2s',
  };
  const stack = await startProcessStack(redis, { timeScale: 0.02, env });
  const clusters = writeClustersFile([
    {
      name: 'dev',
      provider: 'static',
      server: stack.devcluster.url,
      caData: Buffer.from(stack.devcluster.caPem).toString('base64'),
      token: stack.devcluster.token,
      default: true,
    },
  ]);
  const workerEnv = {
    ...env,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: stack.prefix,
    CLUSTERS_FILE: clusters.path,
  };
  const extra: Array<{ kill(): Promise<void> }> = [];
  const database = createDatabase({ url: databaseUrl, poolSize: 1 });
  const headers = { authorization: `Bearer ${stack.key}`, 'content-type': 'application/json' };
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${stack.url}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };
  try {
    // A second worker from the start, so the kill leaves one running.
    extra.push(await startWorkerProcess(workerEnv));
    const expected = new Map<string, { phase: string; batch: string; image: string }>();
    const operationIds: string[] = [];
    for (let from = 0; from < options.jobs; from += BATCH) {
      const items = Array.from({ length: Math.min(BATCH, options.jobs - from) }, (_, k) => {
        const i = from + k;
        return {
          namespace: 'default',
          job: {
            name: `hist-e2e-${i}`,
            image: `busybox:1.${i % 3}`,
            command: [...COMMANDS[i % 3]!],
            backoffLimit: 0,
            // 50 s at the devcluster's 1/50 time: deleted 1 s after it ends, before a killed
            // worker's commands are taken over (lock 2 s + stall check 1 s). A create run again
            // after its Job was deleted must find that Job (src/worker/earlier-job.ts), not make
            // it a second time: the history would have two rows for it.
            ttlSecondsAfterFinished: 50,
            labels: { suite: 'history', index: String(i) },
          },
        };
      });
      const res = await api('POST', '/v1/batches', { items });
      if (res.status !== 202) throw new Error(`batch refused: ${res.status} ${JSON.stringify(res.json)}`);
      const batch = String(res.json.id);
      for (const [k, op] of (res.json.operations as Array<{ id: string }>).entries()) {
        const i = from + k;
        operationIds.push(op.id);
        expected.set(`hist-e2e-${i}`, {
          phase: i % 3 === 2 ? 'Failed' : 'Succeeded',
          batch,
          image: `busybox:1.${i % 3}`,
        });
      }
    }
    log(`submitted ${options.jobs} Jobs`);
    // kill -9 the stack's worker while operations and Jobs are in flight, and start another.
    const running = await waitFor(
      async () => {
        const r = await api('GET', '/v1/operations?state=running&limit=100');
        const n = (r.json.items as unknown[] | undefined)?.length ?? 0;
        return n > 0 ? n : undefined;
      },
      { timeoutMs: 60_000, message: 'operations in flight' },
    );
    stack.worker.child.kill('SIGKILL');
    await stack.worker.exited;
    extra.push(await startWorkerProcess(workerEnv));
    log(`killed a worker with ${running} operations running`);

    // Every Job ended, then deleted by its TTL; every operation expired from Redis.
    const rows = () => database.db.selectFrom('history_jobs').select(['phase']).execute();
    await waitFor(
      async () =>
        (await rows()).filter((r) => r.phase === 'Succeeded' || r.phase === 'Failed').length >= options.jobs,
      {
        timeoutMs: 120_000 + options.jobs * 200,
        intervalMs: 500,
        message: `${options.jobs} finished Jobs in the history`,
      },
    );
    await waitFor(() => stack.devcluster.store.count('jobs', 'default') === 0, {
      timeoutMs: 60_000,
      intervalMs: 200,
      message: 'every Job to be deleted by its TTL',
    });
    // BullMQ removes expired operations as later ones finish: a few more, until the first are gone.
    await waitFor(
      async () => {
        await api('POST', '/v1/namespaces/default/jobs', {
          generateName: 'tick-',
          image: 'busybox',
          command: ['true'],
          ttlSecondsAfterFinished: 0,
        });
        const probes = [operationIds[0]!, operationIds[operationIds.length - 1]!];
        const gone = await Promise.all(
          probes.map(async (id) => (await api('GET', `/v1/operations/${id}`)).status === 404),
        );
        return gone.every(Boolean);
      },
      { timeoutMs: 60_000, intervalMs: 1000, message: 'the operations to expire from Redis' },
    );
    log('operations expired, Jobs deleted');

    // The history, read through the API, page by page.
    const seen = new Map<string, Record<string, unknown>[]>();
    let cursor: string | undefined;
    let total = 0;
    do {
      const query = `label=suite%3Dhistory&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await api('GET', `/v1/history/jobs?${query}`);
      if (page.status !== 200)
        throw new Error(`history answered ${page.status}: ${JSON.stringify(page.json)}`);
      for (const item of page.json.items as Record<string, unknown>[]) {
        total++;
        const name = String(item.name);
        seen.set(name, [...(seen.get(name) ?? []), item]);
      }
      cursor = page.json.nextCursor as string | undefined;
    } while (cursor);
    const wrong: string[] = [];
    for (const [name, want] of expected) {
      const got = seen.get(name);
      const row = got?.[0];
      const ok =
        got?.length === 1 &&
        row!.phase === want.phase &&
        (want.phase === 'Failed'
          ? row!.reason === 'BackoffLimitExceeded'
          : row!.reason === 'CompletionsReached') &&
        row!.submittedBy === 'e2e' &&
        row!.batchId === want.batch &&
        (row!.images as string[])[0] === want.image &&
        (row!.labels as Record<string, string>).suite === 'history';
      if (!ok) wrong.push(`${name}: ${JSON.stringify(got)}`);
    }
    const extraRows = total - [...expected.keys()].filter((n) => seen.has(n)).length;
    return {
      jobs: options.jobs,
      rows: total,
      wrong,
      extra: extraRows,
      inFlightAtKill: running,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await database.close();
    for (const w of extra) await w.kill();
    await stack.stop();
    clusters.remove();
  }
}
