// A bench helper process (bench/lib/ipc.ts): the devcluster (src/devcluster) as its own process,
// as a remote API server would be, so its CPU does not count against the worker under test.
// `--latency MS` is added to every request (the devcluster's base latency, like a remote EKS
// endpoint). Pods stay Pending for an hour, so the Job controller's simulation does nothing but
// create one pod per Job while the bench creates Jobs. `--port`, `--ca-file` and `--token-file`
// let the API be configured (and started) before the devcluster is up: its static cluster spec
// reads the CA and token files on first use.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startDevCluster } from '../../src/devcluster/index.js';
import { serveHelper } from '../lib/ipc.js';

const { values } = parseArgs({
  options: {
    latency: { type: 'string', default: '0' },
    'time-scale': { type: 'string', default: '1' },
    port: { type: 'string', default: '0' },
    'ca-file': { type: 'string' },
    'token-file': { type: 'string' },
  },
});

await serveHelper(async () => {
  const dc = await startDevCluster({
    baseLatencyMs: Number(values.latency),
    timeScale: Number(values['time-scale']),
    podStartSeconds: 3600,
    port: Number(values.port),
  });
  if (values['ca-file']) writeFileSync(values['ca-file'], dc.caPem, { mode: 0o600 });
  if (values['token-file']) writeFileSync(values['token-file'], dc.token, { mode: 0o600 });
  return {
    ready: { url: dc.url, caPem: dc.caPem, token: dc.token },
    handlers: {
      counters: () => dc.counters.snapshot(),
      resetCounters: () => {
        dc.counters.reset();
        return true;
      },
      jobs: (namespace: unknown) => dc.store.count('jobs', String(namespace)),
    },
    close: () => dc.stop(),
  };
});
