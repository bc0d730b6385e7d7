/**
 * `npm run devcluster`: runs a standalone devcluster and prints how to point kubectl and the
 * service at it. Stops on SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { startDevCluster } from './index.js';

const HELP = `Usage: npm run devcluster -- [options]

Runs a local Kubernetes API stand-in (namespaces, batch/v1 Jobs, pods, logs) over HTTPS.

Options:
  --host H            listen address (default 127.0.0.1)
  --port N            port (default 6443; 0 picks a free one)
  --cluster-name S    cluster name (default dev)
  --time-scale X      speed factor for simulated pods and jobs (default 1)
  --base-latency MS   latency added to every API request (default 0)
  --token T           also accept this static bearer token (as identity "developer")
  --admin-endpoint    serve /_devcluster/* (faults, counters) to the admin token
  --state-dir DIR     keep CA, admin token, objects and running pods in DIR: a restart with
                      the same DIR and --port serves the same cluster (created if missing)
  -h, --help          this text
`;

function number(name: string, raw: string, min: number): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min) {
    process.stderr.write(`--${name} must be a number >= ${min}, got "${raw}"\n`);
    process.exit(2);
  }
  return n;
}

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '6443' },
    'cluster-name': { type: 'string', default: 'dev' },
    'time-scale': { type: 'string', default: '1' },
    'base-latency': { type: 'string', default: '0' },
    token: { type: 'string' },
    'admin-endpoint': { type: 'boolean', default: false },
    'state-dir': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  process.stdout.write(HELP);
  process.exit(0);
}

const cluster = await startDevCluster({
  host: values.host,
  port: number('port', values.port, 0),
  clusterName: values['cluster-name'],
  timeScale: number('time-scale', values['time-scale'], 0),
  baseLatencyMs: number('base-latency', values['base-latency'], 0),
  adminEndpoint: values['admin-endpoint'],
  ...(values.token ? { tokens: { [values.token]: 'developer' } } : {}),
  ...(values['state-dir'] ? { stateDir: values['state-dir'] } : {}),
});

process.stdout.write(`devcluster "${cluster.clusterName}" listening

  URL:      ${cluster.url}
  CA file:  ${cluster.caFile}
  Token:    ${cluster.token}

  kubectl --server=${cluster.url} --certificate-authority=${cluster.caFile} --token=${cluster.token} get namespaces
`);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  process.stdout.write(`\n${signal}: stopping devcluster\n`);
  cluster.stop().then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`${String(err)}\n`);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
