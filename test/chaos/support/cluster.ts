/**
 * The cluster side of a chaos scenario: a devcluster the service reaches over HTTPS, its admin
 * endpoint (faults, token revocation) and direct reads of the Jobs it holds.
 *
 * Two shapes: {@link startDevclusterProcess} runs `src/devcluster/main.ts` as its own process
 * (static token), so a scenario can stop it and start it again on the same port and state dir;
 * {@link startEksDevcluster} runs the devcluster with its AWS side (EKS DescribeCluster, STS)
 * so the service uses the `eks` provider and its presigned, cached, 15-minute tokens.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, fetch } from 'undici';
import { startAwsEmulator } from '../../../src/devcluster/aws/index.js';
import { type FaultInfo, type FaultRule, startDevCluster } from '../../../src/devcluster/index.js';
import { type ServiceProcess, startService } from '../../support/process.js';
import { freePort } from '../../support/redis.js';
import { waitFor } from '../../support/wait-for.js';

/** A Job as the devcluster lists it (only what the scenarios read). */
export interface ClusterJob {
  metadata: { name: string; namespace: string; uid: string; labels?: Record<string, string> };
  status?: {
    startTime?: string;
    conditions?: Array<{ type: string; status: string; reason?: string }>;
  };
}

export interface ChaosCluster {
  /** `https://127.0.0.1:PORT` */
  readonly url: string;
  /** The entry of CLUSTERS_FILE the service processes use. */
  clusterSpec(): Record<string, unknown>;
  /** Environment the service processes need besides CLUSTERS_FILE (AWS endpoints and keys). */
  readonly serviceEnv: Record<string, string>;
  /** Identity the devcluster sees for the service's requests (for fault rules). */
  readonly serviceIdentity: string;
  /** Adds fault rules through `/_devcluster/faults`; returns their ids. */
  addFaults(rules: FaultRule[]): Promise<number[]>;
  clearFaults(): Promise<void>;
  /** The fault rules in force, with how often each fired. */
  listFaults(): Promise<FaultInfo[]>;
  /** `/_devcluster/revoke-tokens`: revokes the tokens seen so far of `identity`. */
  revokeTokens(identity: string, permanent: boolean): Promise<number>;
  /** Every Job in the cluster, read with the admin token. */
  listJobs(): Promise<ClusterJob[]>;
  createNamespace(name: string): Promise<void>;
  /** Stops the cluster (SIGTERM for a process; waits for the exit). */
  stop(): Promise<void>;
  /** Starts it again on the same port (and state dir). */
  start(): Promise<void>;
  /** Stops it for good and cleans up; safe to call twice. */
  close(): Promise<void>;
}

interface Connection {
  agent: Agent;
  token: string;
}

function adminClient(url: string, conn: () => Connection) {
  const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const { agent, token } = conn();
    const res = await fetch(`${url}${path}`, {
      method,
      dispatcher: agent,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`devcluster ${method} ${path} answered ${res.status}: ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  return {
    addFaults: async (rules: FaultRule[]) =>
      ((await call('POST', '/_devcluster/faults', rules)) as { ids: number[] }).ids,
    clearFaults: async () => void (await call('DELETE', '/_devcluster/faults')),
    listFaults: async () => ((await call('GET', '/_devcluster/faults')) as { faults: FaultInfo[] }).faults,
    revokeTokens: async (identity: string, permanent: boolean) =>
      ((await call('POST', '/_devcluster/revoke-tokens', { identity, permanent })) as { revoked: number })
        .revoked,
    listJobs: async () => ((await call('GET', '/apis/batch/v1/jobs')) as { items: ClusterJob[] }).items,
    createNamespace: async (name: string) =>
      void (await call('POST', '/api/v1/namespaces', { metadata: { name } })),
  };
}

/** Options of {@link startDevclusterProcess}. */
export interface DevclusterProcessOptions {
  /** @defaultValue 0.01 */
  timeScale?: number;
  /** Passed as `--state-dir`, so a restart finds the same objects. */
  stateDir?: string;
}

/**
 * Runs `src/devcluster/main.ts --admin-endpoint` as a process on a fixed free port. The
 * service authenticates with a static token given by `--token` (identity `developer`), so it
 * stays valid across restarts; the admin token and CA are read from what the process prints.
 */
export async function startDevclusterProcess(options: DevclusterProcessOptions = {}): Promise<ChaosCluster> {
  const port = await freePort();
  const serviceToken = randomBytes(24).toString('base64url');
  const args = [
    '--port',
    String(port),
    '--time-scale',
    String(options.timeScale ?? 0.01),
    // One argument: a base64url token can start with '-', which would read as an option.
    `--token=${serviceToken}`,
    '--admin-endpoint',
    ...(options.stateDir ? ['--state-dir', options.stateDir] : []),
  ];
  const url = `https://127.0.0.1:${port}`;
  let proc: ServiceProcess | undefined;
  let conn: Connection | undefined;
  let firstCa: string | undefined;
  let closed = false;

  const start = async () => {
    if (proc) throw new Error('devcluster is already running');
    const p = startService('src/devcluster/main.ts', {}, args);
    proc = p;
    const printed = await Promise.race([
      waitFor(
        () => {
          const out = p.output();
          const ca = /CA file:\s+(\S+)/.exec(out)?.[1];
          const token = /Token:\s+(\S+)/.exec(out)?.[1];
          return ca && token ? { ca, token } : undefined;
        },
        { timeoutMs: 30_000, intervalMs: 50, message: 'the devcluster to print its URL, CA and token' },
      ),
      p.exited.then((code) => {
        const shown = args.join(' ').replace(serviceToken, '<token>');
        throw new Error(`devcluster ${shown} exited with ${code}:\n${p.output()}`);
      }),
    ]);
    const caPem = readFileSync(printed.ca, 'utf8');
    if (firstCa === undefined) firstCa = caPem;
    else if (caPem !== firstCa) {
      throw new Error('the restarted devcluster serves a different CA: its state dir did not keep it');
    }
    await conn?.agent.close();
    conn = { agent: new Agent({ connect: { ca: caPem } }), token: printed.token };
  };
  const stop = async () => {
    const p = proc;
    proc = undefined;
    if (!p) return;
    p.child.kill('SIGTERM');
    const code = await Promise.race([p.exited, new Promise((r) => setTimeout(() => r('timeout'), 10_000))]);
    if (code === 'timeout') await p.kill();
  };
  await start();
  const client = adminClient(url, () => {
    if (!conn) throw new Error('devcluster not started');
    return conn;
  });
  return {
    url,
    clusterSpec: () => ({
      name: 'dev',
      provider: 'static',
      server: url,
      caData: Buffer.from(firstCa ?? '').toString('base64'),
      token: serviceToken,
    }),
    serviceEnv: {},
    serviceIdentity: 'developer',
    ...client,
    stop,
    start,
    close: async () => {
      if (closed) return;
      closed = true;
      const p = proc;
      proc = undefined;
      await p?.kill();
      await conn?.agent.close();
    },
  };
}

/**
 * The devcluster with its AWS side, in this process: the service processes reach it as they
 * reach EKS (DescribeCluster for endpoint and CA, a token presigned from an access key only
 * this emulator knows). Not restartable.
 */
export async function startEksDevcluster(options: { timeScale?: number } = {}): Promise<ChaosCluster> {
  const accessKey = {
    accessKeyId: `AKIACHAOS${randomBytes(6).toString('hex').toUpperCase()}`,
    secretAccessKey: randomBytes(30).toString('base64'),
    arn: 'arn:aws:iam::111122223333:user/eks-jobs-chaos',
  };
  const aws = await startAwsEmulator({ accessKeys: [accessKey], region: 'us-west-2' });
  const cluster = await startDevCluster({
    clusterName: 'dev',
    timeScale: options.timeScale ?? 0.01,
    adminEndpoint: true,
    plugins: [aws.plugin('dev')],
  });
  aws.registerCluster('dev', { endpoint: cluster.url, caPem: cluster.caPem });
  const conn: Connection = { agent: new Agent({ connect: { ca: cluster.caPem } }), token: cluster.token };
  let closed = false;
  const unsupported = async () => {
    throw new Error('the in-process EKS devcluster cannot be stopped and started again');
  };
  return {
    url: cluster.url,
    clusterSpec: () => ({ name: 'dev', provider: 'eks', region: 'us-west-2', eksClusterName: 'dev' }),
    serviceEnv: {
      AWS_REGION: 'us-west-2',
      AWS_ENDPOINT_URL_EKS: aws.url,
      AWS_ENDPOINT_URL_STS: aws.url,
      AWS_ACCESS_KEY_ID: accessKey.accessKeyId,
      AWS_SECRET_ACCESS_KEY: accessKey.secretAccessKey,
    },
    serviceIdentity: accessKey.arn,
    ...adminClient(cluster.url, () => conn),
    stop: unsupported,
    start: unsupported,
    close: async () => {
      if (closed) return;
      closed = true;
      await conn.agent.close();
      await cluster.stop();
      await aws.stop();
    },
  };
}
