/**
 * Watches, followed logs and boolean query parameters as third-party clients send them: the
 * official Python client (which writes booleans as `True`/`False`) and kubectl's `get -w`
 * (server-side printed Tables in watch events), and both carrying on across a devcluster restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DevCluster, startTestDevCluster } from '../support/devcluster.js';
import {
  type ClientHome,
  kubectlOk,
  makeClientHome,
  pythonOk,
  startClient,
} from '../support/real-clients.js';
import { waitFor } from '../support/wait-for.js';

// A short watch history, so a test can push a resourceVersion out of it.
const WATCH_HISTORY = 50;

let cluster: DevCluster;
let home: ClientHome;
let seq = 0;

beforeAll(async () => {
  cluster = await startTestDevCluster({ timeScale: 0.01, watchHistory: WATCH_HISTORY });
  home = makeClientHome(cluster);
});
afterAll(async () => {
  await cluster?.stop();
  home?.remove();
});

async function namespace(h: ClientHome = home): Promise<string> {
  const name = `wc-${++seq}`;
  await kubectlOk(h, ['create', 'namespace', name]);
  return name;
}

/** Python prelude: the client configured from the home's kubeconfig, and a Job body. */
const PY = `
import sys, time
from kubernetes import client, config, watch
from kubernetes.client.rest import ApiException
config.load_kube_config()
batch = client.BatchV1Api()
core = client.CoreV1Api()

def job(name, script, restart='Never'):
    return {'apiVersion': 'batch/v1', 'kind': 'Job', 'metadata': {'name': name},
            'spec': {'backoffLimit': 0, 'template': {'spec': {'restartPolicy': restart,
            'containers': [{'name': 'c', 'image': 'busybox', 'command': ['sh', '-c', script]}]}}}}

def conditions(j):
    return ','.join(c.type for c in (j.status.conditions or []) if c.status == 'True')

def pods_of(ns, name):
    return core.list_namespaced_pod(ns, label_selector='job-name=' + name).items
`;

/** Resolves once one more watch on `resource` has been established than `before`. */
async function watchStarted(resource: string, before: number): Promise<void> {
  await waitFor(() => cluster.counters.requests({ verb: 'watch', resource }) > before, {
    message: `kubectl's watch on ${resource}`,
  });
}

const lines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');
const cells = (line: string) => line.trim().split(/\s+/);

describe('the Python client (booleans sent as True/False)', () => {
  it('Watch().stream(list_namespaced_job) sees a Job ADDED and MODIFIED to completion, and timeout_seconds ends each stream', async () => {
    const ns = await namespace();
    const out = await pythonOk(
      home,
      `${PY}
ns = sys.argv[1]
# Watch from before the create, so the stream sees every change however fast the Job runs.
w = watch.Watch()
w.resource_version = batch.list_namespaced_job(ns).metadata.resource_version
batch.create_namespaced_job(ns, job('once', 'echo hi'))
done = False
for _ in range(20):
    for e in w.stream(batch.list_namespaced_job, ns, resource_version=w.resource_version, timeout_seconds=1):
        j = e['object']
        print(e['type'], j.metadata.name, j.status.succeeded or 0, conditions(j) or '-', flush=True)
        done = done or 'Complete' in conditions(j)
    print('stream ended', flush=True)
    if done:
        break
`,
      [ns],
    );
    const events = lines(out).filter((l) => l !== 'stream ended');
    expect(events[0]).toBe('ADDED once 0 -');
    for (const e of events.slice(1)) expect(e).toMatch(/^MODIFIED once /);
    expect(events.at(-1)).toBe('MODIFIED once 1 SuccessCriteriaMet,Complete');
    // The stream that saw the Job complete ended on its own: timeout_seconds, not an error.
    expect(lines(out).at(-1)).toBe('stream ended');
  });

  it('a watch from a compacted resourceVersion raises ApiException 410 Expired (with or without timeout_seconds); relisting recovers', async () => {
    const ns = await namespace();
    const listRv = async () =>
      Number(
        (
          JSON.parse(
            await kubectlOk(home, ['get', '--raw', `/apis/batch/v1/namespaces/${ns}/jobs?limit=1`]),
          ) as {
            metadata: { resourceVersion: string };
          }
        ).metadata.resourceVersion,
      );
    const old = await listRv();
    // Push `old` out of the Jobs' watch history (kept per resource): each Job that runs to
    // completion writes at least three Job events (ADDED, started, Complete), 20 of them > 50.
    for (let i = 0; i < 20; i++)
      await kubectlOk(home, ['create', 'job', `churn-${i}`, '-n', ns, '--image=busybox', '--', 'true']);
    await waitFor(
      async () => {
        const jobs = JSON.parse(await kubectlOk(home, ['get', 'jobs', '-n', ns, '-o', 'json'])) as {
          items: { status?: { conditions?: { type: string }[] } }[];
        };
        return (
          jobs.items.filter((j) => j.status?.conditions?.some((c) => c.type === 'Complete')).length === 20
        );
      },
      {
        message: 'the 20 churn Jobs to complete (more Job events than the watch history keeps)',
        timeoutMs: 30_000,
      },
    );
    expect((await listRv()) - old).toBeGreaterThan(WATCH_HISTORY);
    const out = await pythonOk(
      home,
      `${PY}
ns, old = sys.argv[1], sys.argv[2]
for kwargs in ({'timeout_seconds': 5}, {}):
    try:
        for e in watch.Watch().stream(batch.list_namespaced_job, ns, resource_version=old, **kwargs):
            print('event', e['type'], flush=True)
        print('no error', flush=True)
    except ApiException as ex:
        print('ApiException', ex.status, ex.reason, flush=True)
# What the client's docs say to do on 410: list again, then watch from the list's resourceVersion.
lst = batch.list_namespaced_job(ns)
print('relisted', len(lst.items), flush=True)
batch.create_namespaced_job(ns, job('after-relist', 'echo hi'))
for e in watch.Watch().stream(batch.list_namespaced_job, ns, resource_version=lst.metadata.resource_version, timeout_seconds=1):
    print('event', e['type'], e['object'].metadata.name, flush=True)
`,
      [ns, String(old)],
      // Without the 410 the client re-requests forever: fail with what it printed instead.
      { timeoutMs: 20_000 },
    );
    const out1 = lines(out);
    expect(out1[0]).toMatch(/^ApiException 410 Expired: too old resource version: \d+ \(\d+\)$/);
    expect(out1[1]).toMatch(/^ApiException 410 Expired: too old resource version: \d+ \(\d+\)$/);
    expect(out1[2]).toBe('relisted 20');
    expect(out1[3]).toBe('event ADDED after-relist');
  }, 60_000);

  it('allow_watch_bookmarks=True gets BOOKMARK events', async () => {
    const ns = await namespace();
    const out = await pythonOk(
      home,
      `${PY}
w = watch.Watch()
seen = False
for _ in range(10):
    for e in w.stream(batch.list_namespaced_job, sys.argv[1], allow_watch_bookmarks=True, timeout_seconds=2):
        if e['type'] == 'BOOKMARK':
            print('BOOKMARK', e['raw_object']['kind'], e['raw_object']['metadata']['resourceVersion'], flush=True)
            seen = True
            w.stop()
    if seen:
        break
print('done', flush=True)
`,
      [ns],
    );
    expect(lines(out)[0]).toMatch(/^BOOKMARK Job \d+$/);
  });

  it('follows a running container log with follow=True (Watch().stream(read_namespaced_pod_log))', async () => {
    const ns = await namespace();
    const out = await pythonOk(
      home,
      `${PY}
ns = sys.argv[1]
batch.create_namespaced_job(ns, job('follow', 'echo one; sleep 100; echo two'))
while not any(p.status.phase == 'Running' for p in pods_of(ns, 'follow')):
    time.sleep(0.02)
pod = pods_of(ns, 'follow')[0].metadata.name
for line in watch.Watch().stream(core.read_namespaced_pod_log, pod, ns):
    print('log', line, flush=True)
`,
      [ns],
    );
    expect(lines(out)).toEqual(['log one', 'log two']);
  });

  it('previous=True on a container that never restarted is a 400, as on a real kubelet', async () => {
    const ns = await namespace();
    const out = await pythonOk(
      home,
      `${PY}
ns = sys.argv[1]
batch.create_namespaced_job(ns, job('prev', 'echo hi'))
while not any(p.status.phase == 'Succeeded' for p in pods_of(ns, 'prev')):
    time.sleep(0.02)
pod = pods_of(ns, 'prev')[0].metadata.name
print('current', repr(core.read_namespaced_pod_log(pod, ns, previous=False)), flush=True)
try:
    print('previous', repr(core.read_namespaced_pod_log(pod, ns, previous=True)), flush=True)
except ApiException as ex:
    print('ApiException', ex.status, flush=True)
`,
      [ns],
    );
    expect(lines(out)).toEqual(["current 'hi\\n'", 'ApiException 400']);
  });

  it('delete_namespaced_job(orphan_dependents=True) orphans the pods instead of collecting them', async () => {
    const ns = await namespace();
    const out = await pythonOk(
      home,
      `${PY}
ns = sys.argv[1]
batch.create_namespaced_job(ns, job('orphans', 'sleep 1000'))
while not pods_of(ns, 'orphans'):
    time.sleep(0.02)
batch.delete_namespaced_job('orphans', ns, orphan_dependents=True)
for _ in range(500):
    pods = pods_of(ns, 'orphans')
    if not pods:
        print('pods collected', flush=True)
        break
    if not pods[0].metadata.owner_references:
        print('pods orphaned', flush=True)
        break
    time.sleep(0.02)
`,
      [ns],
    );
    expect(lines(out)).toEqual(['pods orphaned']);
  });
});

describe('boolean query parameters read like the API server reads them', () => {
  it('?watch=true on a named object is a get, not a watch (kubectl get --raw)', async () => {
    const ns = await namespace();
    await kubectlOk(home, ['create', 'job', 'named', '-n', ns, '--image=busybox', '--', 'true']);
    const out = await kubectlOk(home, [
      'get',
      '--raw',
      `/apis/batch/v1/namespaces/${ns}/jobs/named?watch=true&timeoutSeconds=1`,
    ]);
    expect(JSON.parse(out)).toMatchObject({ kind: 'Job', metadata: { name: 'named', namespace: ns } });
  });

  it('sendInitialEvents=false starts the watch at the current state without sending it (kubectl get --raw)', async () => {
    const ns = await namespace();
    await kubectlOk(home, ['create', 'job', 'existing', '-n', ns, '--image=busybox', '--', 'true']);
    const watches = cluster.counters.requests({ verb: 'watch', resource: 'jobs' });
    const raw = startClient('kubectl', home, [
      'get',
      '--raw',
      `/apis/batch/v1/namespaces/${ns}/jobs?watch=1&sendInitialEvents=false&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=false`,
    ]);
    try {
      await watchStarted('jobs', watches);
      await kubectlOk(home, ['create', 'job', 'new', '-n', ns, '--image=busybox', '--', 'true']);
      await waitFor(() => raw.output().includes('"name":"new"'), { message: 'the new Job in the stream' });
    } finally {
      await raw.stop();
    }
    const events = lines(raw.output()).map((l) => {
      const e = JSON.parse(l) as { type: string; object: { metadata: { name: string } } };
      return `${e.type} ${e.object.metadata.name}`;
    });
    expect(events[0]).toBe('ADDED new');
    expect(events.filter((e) => e.endsWith(' existing'))).toEqual([]);
  });
});

describe('kubectl get -w (server-side printed Tables in watch events)', () => {
  it('kubectl get jobs -w prints every event with the STATUS/COMPLETIONS/DURATION columns, under one header', async () => {
    const ns = await namespace();
    await kubectlOk(home, ['create', 'job', 'before', '-n', ns, '--image=busybox', '--', 'true']);
    await kubectlOk(home, ['wait', '--for=condition=complete', 'job/before', '-n', ns, '--timeout=20s']);
    const watches = cluster.counters.requests({ verb: 'watch', resource: 'jobs' });
    const watcher = startClient('kubectl', home, ['get', 'jobs', '-n', ns, '-w']);
    try {
      await watchStarted('jobs', watches);
      await kubectlOk(home, ['create', 'job', 'during', '-n', ns, '--image=busybox', '--', 'true']);
      await waitFor(() => /^during\s+Complete\s+1\/1\s/m.test(watcher.output()), {
        message: `a completed row for the Job, got:\n${watcher.output()}`,
        timeoutMs: 20_000,
      });
    } finally {
      await watcher.stop();
    }
    const out = lines(watcher.output());
    expect(out.filter((l) => l.startsWith('NAME'))).toEqual([
      expect.stringMatching(/^NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE$/),
    ]);
    expect(cells(out[1] ?? '').slice(0, 3)).toEqual(['before', 'Complete', '1/1']);
    // Every event's row has the STATUS and COMPLETIONS columns (DURATION is empty until the Job starts).
    const during = out.filter((l) => l.startsWith('during'));
    expect(during.length).toBeGreaterThan(1);
    for (const row of during)
      expect(row).toMatch(/^during\s+(Running|SuccessCriteriaMet|Complete)\s+[01]\/1\s+(\d+m?s\s+)?\d+m?s$/);
    expect(cells(during[0] ?? '').slice(0, 3)).toEqual(['during', 'Running', '0/1']);
  });

  it('kubectl get jobs -w --output-watch-events shows each event type', async () => {
    const ns = await namespace();
    const watches = cluster.counters.requests({ verb: 'watch', resource: 'jobs' });
    const watcher = startClient('kubectl', home, ['get', 'jobs', '-n', ns, '-w', '--output-watch-events']);
    try {
      await watchStarted('jobs', watches);
      await kubectlOk(home, ['create', 'job', 'evented', '-n', ns, '--image=busybox', '--', 'true']);
      await waitFor(() => /^MODIFIED\s+evented\s+Complete\s+1\/1\s/m.test(watcher.output()), {
        message: `a completed row for the Job, got:\n${watcher.output()}`,
        timeoutMs: 20_000,
      });
    } finally {
      await watcher.stop();
    }
    const out = lines(watcher.output());
    expect(out[0]).toMatch(/^EVENT\s+NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE$/);
    expect(cells(out[1] ?? '').slice(0, 4)).toEqual(['ADDED', 'evented', 'Running', '0/1']);
    for (const row of out.slice(2))
      expect(row).toMatch(
        /^MODIFIED\s+evented\s+(Running|SuccessCriteriaMet|Complete)\s+[01]\/1\s+(\d+m?s\s+)?\d+m?s$/,
      );
  });

  it('kubectl get pods -w prints READY/STATUS/RESTARTS for every event', async () => {
    const ns = await namespace();
    const watches = cluster.counters.requests({ verb: 'watch', resource: 'pods' });
    const watcher = startClient('kubectl', home, ['get', 'pods', '-n', ns, '-w']);
    try {
      await watchStarted('pods', watches);
      await kubectlOk(home, ['create', 'job', 'podded', '-n', ns, '--image=busybox', '--', 'true']);
      await waitFor(() => /^podded-\S+\s+0\/1\s+Completed\s+0\s/m.test(watcher.output()), {
        message: `a Completed row for the pod, got:\n${watcher.output()}`,
        timeoutMs: 20_000,
      });
    } finally {
      await watcher.stop();
    }
    const out = lines(watcher.output());
    expect(out[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    // Every event's row has the READY, STATUS and RESTARTS columns.
    for (const row of out.slice(1)) expect(row).toMatch(/^podded-\S+\s+[01]\/1\s+\S+\s+0\s+\d+m?s$/);
  });
});

describe('kubectl get --sort-by (rows carrying the whole object: includeObject=Object)', () => {
  it('sorts by a field outside metadata', async () => {
    const ns = await namespace();
    await kubectlOk(home, ['create', 'job', 'first', '-n', ns, '--image=zzz.example/img', '--', 'true']);
    await kubectlOk(home, ['create', 'job', 'second', '-n', ns, '--image=aaa.example/img', '--', 'true']);
    const out = await kubectlOk(home, [
      'get',
      'jobs',
      '-n',
      ns,
      '--sort-by=.spec.template.spec.containers[0].image',
      '-o',
      'wide',
    ]);
    const rows = lines(out).slice(1).map(cells);
    expect(rows.map((r) => [r[0], r.find((c) => c.endsWith('.example/img'))])).toEqual([
      ['second', 'aaa.example/img'],
      ['first', 'zzz.example/img'],
    ]);
  });
});

describe('real clients across a restart on the same state directory and port', () => {
  it('kubectl and the Python client carry on with the same kubeconfig; a pre-restart watch resourceVersion gets 410 and a relist', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'devcluster-state-'));
    let first: DevCluster | undefined = await startTestDevCluster({ timeScale: 0.01, stateDir });
    let second: DevCluster | undefined;
    const h = makeClientHome(first);
    try {
      const ns = await namespace(h);
      await kubectlOk(h, ['create', 'job', 'kept', '-n', ns, '--image=busybox', '--', 'true']);
      const uid = await kubectlOk(h, ['get', 'job', 'kept', '-n', ns, '-o', 'jsonpath={.metadata.uid}']);
      const rvBefore = (
        await pythonOk(h, `${PY}\nprint(batch.list_namespaced_job(sys.argv[1]).metadata.resource_version)`, [
          ns,
        ])
      ).trim();
      // A change after the resourceVersion the watch resumes from.
      await kubectlOk(h, ['create', 'job', 'later', '-n', ns, '--image=busybox', '--', 'true']);
      const { url, caPem, token } = first;
      await first.stop();
      first = undefined;

      second = await startTestDevCluster({ timeScale: 0.01, stateDir, port: Number(new URL(url).port) });
      // The kubeconfig written before the stop is still right: same URL, CA and token.
      expect([second.url, second.caPem, second.token]).toEqual([url, caPem, token]);
      const again = await kubectlOk(h, ['get', 'job', 'kept', '-n', ns, '-o', 'jsonpath={.metadata.uid}']);
      expect(again).toBe(uid);
      const out = await pythonOk(
        h,
        `${PY}
ns, rv = sys.argv[1], sys.argv[2]
try:
    for e in watch.Watch().stream(batch.list_namespaced_job, ns, resource_version=rv, timeout_seconds=5):
        print('event', e['type'], flush=True)
    print('no error', flush=True)
except ApiException as ex:
    print('ApiException', ex.status, ex.reason, flush=True)
lst = batch.list_namespaced_job(ns)
print('relisted', lst.metadata.resource_version, ' '.join(sorted(j.metadata.name for j in lst.items)), flush=True)
for e in watch.Watch().stream(batch.list_namespaced_job, ns, timeout_seconds=1):
    print('event', e['type'], e['object'].metadata.name, e['object'].metadata.uid, flush=True)
`,
        [ns, rvBefore],
      );
      const got = lines(out);
      const expired = /^ApiException 410 Expired: too old resource version: (\d+) \((\d+)\)$/.exec(
        got[0] ?? '',
      );
      expect(expired, got[0]).not.toBeNull();
      expect(expired?.[1]).toBe(rvBefore);
      const [, relistRv, names] = /^relisted (\d+) (.*)$/.exec(got[1] ?? '') ?? [];
      expect(names).toBe('kept later');
      // The message names the oldest resourceVersion a watch can start from: one that exists.
      expect(Number(expired?.[2])).toBeLessThanOrEqual(Number(relistRv));
      expect(got).toContain(`event ADDED kept ${uid}`);
    } finally {
      await first?.stop();
      await second?.stop();
      h.remove();
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});
