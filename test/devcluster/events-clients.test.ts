/**
 * Events in the devcluster, seen through real clients: kubectl (`describe job`, `get events`,
 * `events --for`, `api-resources`) and the official Python client (CoreV1Api, EventsV1Api and a
 * watch). The Job controller records what pkg/controller/job/job_controller.go and
 * pkg/controller/controller_utils.go record (source `job-controller`), the recorder counts and
 * combines repeats as client-go's EventCorrelator does, and events expire after their TTL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DevCluster, startTestDevCluster } from '../support/devcluster.js';
import {
  type ClientHome,
  kubectl,
  kubectlOk,
  makeClientHome,
  python,
  pythonOk,
  startClient,
} from '../support/real-clients.js';
import { waitFor } from '../support/wait-for.js';

let cluster: DevCluster;
let home: ClientHome;
let seq = 0;

beforeAll(async () => {
  cluster = await startTestDevCluster({ timeScale: 0.02 });
  home = makeClientHome(cluster);
});
afterAll(async () => {
  await cluster?.stop();
  home?.remove();
});

/** A Job manifest whose one container `main` runs `script`. */
function jobYaml(name: string, script: string, spec: Record<string, unknown> = {}): string {
  const extra = Object.entries(spec)
    .map(([k, v]) => `  ${k}: ${JSON.stringify(v)}\n`)
    .join('');
  return `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
spec:
${extra}  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox
        command: ["sh", "-c", ${JSON.stringify(script)}]
`;
}

async function namespace(h: ClientHome, labels: Record<string, string> = {}): Promise<string> {
  const name = `ev-${++seq}`;
  await kubectlOk(h, ['create', 'namespace', name]);
  const pairs = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
  if (pairs.length > 0) await kubectlOk(h, ['label', 'namespace', name, ...pairs]);
  return name;
}

async function createJob(
  h: ClientHome,
  ns: string,
  name: string,
  script: string,
  spec?: Record<string, unknown>,
): Promise<void> {
  const file = h.file(`${ns}-${name}.yaml`, jobYaml(name, script, spec));
  await kubectlOk(h, ['create', '-n', ns, '-f', file]);
}

async function condition(h: ClientHome, ns: string, name: string, type: string): Promise<void> {
  await waitFor(
    async () =>
      (
        await kubectlOk(h, [
          'get',
          'job',
          name,
          '-n',
          ns,
          '-o',
          `jsonpath={.status.conditions[?(@.type=="${type}")].status}`,
        ])
      ).trim() === 'True',
    { message: `job ${ns}/${name} condition ${type}`, timeoutMs: 20_000 },
  );
}

async function podNames(h: ClientHome, ns: string, job: string): Promise<string[]> {
  const out = await kubectlOk(h, [
    'get',
    'pods',
    '-n',
    ns,
    '-l',
    `job-name=${job}`,
    '-o',
    'jsonpath={.items[*].metadata.name}',
  ]);
  return out.split(/\s+/).filter((s) => s.length > 0);
}

/** `kubectl describe job` once its Events section shows `reason` (what a user waits for). */
async function describeWith(h: ClientHome, ns: string, job: string, reason: string): Promise<string> {
  let last = '';
  try {
    return await waitFor(
      async () => {
        last = await kubectlOk(h, ['describe', 'job', job, '-n', ns]);
        return new RegExp(`^\\s+(Normal|Warning)\\s+${reason}\\s`, 'm').test(last) ? last : undefined;
      },
      { message: `describe job ${ns}/${job} to show ${reason}`, timeoutMs: 20_000 },
    );
  } catch (err) {
    throw new Error(`${String(err)}\nlast describe output:\n${last}`);
  }
}

describe('kubectl describe job shows the Job controller events', () => {
  it('a Job that succeeds: SuccessfulCreate for its pod, then Completed', async () => {
    const ns = await namespace(home);
    await createJob(home, ns, 'ok', 'echo hi');
    await condition(home, ns, 'ok', 'Complete');
    const out = await describeWith(home, ns, 'ok', 'Completed');
    const [pod] = await podNames(home, ns, 'ok');
    expect(out).toMatch(/^Events:\n\s+Type\s+Reason\s+Age\s+From\s+Message\n/m);
    expect(out).toMatch(
      new RegExp(`^\\s+Normal\\s+SuccessfulCreate\\s+\\S+\\s+job-controller\\s+Created pod: ${pod}$`, 'm'),
    );
    expect(out).toMatch(/^\s+Normal\s+Completed\s+\S+\s+job-controller\s+Job completed$/m);
  });

  it('a Job that keeps failing: one SuccessfulCreate per pod, then BackoffLimitExceeded', async () => {
    const ns = await namespace(home);
    await createJob(home, ns, 'fails', 'exit 1', { backoffLimit: 1 });
    await condition(home, ns, 'fails', 'Failed');
    const out = await describeWith(home, ns, 'fails', 'BackoffLimitExceeded');
    expect(out).toMatch(
      /^\s+Warning\s+BackoffLimitExceeded\s+\S+\s+job-controller\s+Job has reached the specified backoff limit$/m,
    );
    expect(
      out.match(/^\s+Normal\s+SuccessfulCreate\s+\S+\s+job-controller\s+Created pod: fails-\w{5}$/gm),
    ).toHaveLength(2);
  });

  it('a Job past its deadline: its running pod deleted (SuccessfulDelete), then DeadlineExceeded', async () => {
    const ns = await namespace(home);
    await createJob(home, ns, 'slow', 'sleep 600', { activeDeadlineSeconds: 5 });
    await condition(home, ns, 'slow', 'Failed');
    const out = await describeWith(home, ns, 'slow', 'DeadlineExceeded');
    expect(out).toMatch(
      /^\s+Warning\s+DeadlineExceeded\s+\S+\s+job-controller\s+Job was active longer than specified deadline$/m,
    );
    const created = /Created pod: (slow-\w{5})$/m.exec(out)?.[1];
    expect(created).toBeDefined();
    expect(out).toMatch(
      new RegExp(
        `^\\s+Normal\\s+SuccessfulDelete\\s+\\S+\\s+job-controller\\s+Deleted pod: ${created}$`,
        'm',
      ),
    );
  });

  it('a Job whose pods PodSecurity refuses: FailedCreate with the 403 message', async () => {
    const ns = await namespace(home, { 'pod-security.kubernetes.io/enforce': 'restricted' });
    await createJob(home, ns, 'refused', 'echo hi');
    const out = await describeWith(home, ns, 'refused', 'FailedCreate');
    expect(out).toMatch(
      /^\s+Warning\s+FailedCreate\s+.+\s+job-controller\s+Error creating: pods "refused-\w{5}" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false \(container "main" must set securityContext\.allowPrivilegeEscalation=false\), unrestricted capabilities \(container "main" must set securityContext\.capabilities\.drop=\["ALL"\]\), runAsNonRoot != true \(pod or container "main" must set securityContext\.runAsNonRoot=true\), seccompProfile \(pod or container "main" must set securityContext\.seccompProfile\.type to "RuntimeDefault" or "Localhost"\)$/m,
    );
    expect(out).not.toMatch(/SuccessfulCreate/);
  });

  it('a suspended Job: Suspended, then Resumed and its pod created once resumed', async () => {
    const ns = await namespace(home);
    await createJob(home, ns, 'later', 'echo hi', { suspend: true });
    await describeWith(home, ns, 'later', 'Suspended');
    await kubectlOk(home, ['patch', 'job', 'later', '-n', ns, '-p', '{"spec":{"suspend":false}}']);
    await condition(home, ns, 'later', 'Complete');
    const out = await describeWith(home, ns, 'later', 'Completed');
    expect(out).toMatch(/^\s+Normal\s+Suspended\s+\S+\s+job-controller\s+Job suspended$/m);
    expect(out).toMatch(/^\s+Normal\s+Resumed\s+\S+\s+job-controller\s+Job resumed$/m);
    expect(out).toMatch(/^\s+Normal\s+SuccessfulCreate\s+\S+\s+job-controller\s+Created pod: later-\w{5}$/m);
  });
});

describe('kubectl lists events', () => {
  let ns: string;
  beforeAll(async () => {
    ns = await namespace(home);
    await createJob(home, ns, 'first', 'echo one');
    await createJob(home, ns, 'second', 'echo two');
    await condition(home, ns, 'first', 'Complete');
    await condition(home, ns, 'second', 'Complete');
    await describeWith(home, ns, 'first', 'Completed');
    await describeWith(home, ns, 'second', 'Completed');
  });

  it('kubectl get events: LAST SEEN, TYPE, REASON, OBJECT, MESSAGE; -o wide adds the source, count and name', async () => {
    const out = await kubectlOk(home, ['get', 'events', '-n', ns]);
    const [header, ...rows] = out.trimEnd().split('\n');
    expect(header).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/);
    expect(rows).toHaveLength(4);
    expect(out).toMatch(/^\d+m?s\s+Normal\s+SuccessfulCreate\s+job\/first\s+Created pod: first-\w{5}$/m);
    expect(out).toMatch(/^\d+m?s\s+Normal\s+Completed\s+job\/second\s+Job completed$/m);

    const wide = await kubectlOk(home, ['get', 'events', '-n', ns, '-o', 'wide']);
    expect(wide.split('\n')[0]).toMatch(
      /^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+SUBOBJECT\s+SOURCE\s+MESSAGE\s+FIRST SEEN\s+COUNT\s+NAME$/,
    );
    expect(wide).toMatch(
      /^\S+\s+Normal\s+Completed\s+job\/first\s+job-controller\s+Job completed\s+\S+\s+1\s+first\.[0-9a-f]{16}$/m,
    );
  });

  it('kubectl events --for job/NAME lists that Job only', async () => {
    const out = await kubectlOk(home, ['events', '-n', ns, '--for', 'job/first']);
    const [header, ...rows] = out.trimEnd().split('\n');
    expect(header).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/);
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toMatch(/\sJob\/first\s/);
    expect(out).toMatch(/\sNormal\s+SuccessfulCreate\s+Job\/first\s+Created pod: first-\w{5}$/m);
    expect(out).toMatch(/\sNormal\s+Completed\s+Job\/first\s+Job completed$/m);
  });

  it('kubectl api-resources lists events in the core group and in events.k8s.io, and both serve the same events', async () => {
    const out = await kubectlOk(home, ['api-resources']);
    expect(out).toMatch(/^events\s+ev\s+v1\s+true\s+Event$/m);
    expect(out).toMatch(/^events\s+ev\s+events\.k8s\.io\/v1\s+true\s+Event$/m);
    const viaGroup = await kubectlOk(home, ['get', 'events.events.k8s.io', '-n', ns, '-o', 'name']);
    const viaCore = await kubectlOk(home, ['get', 'events', '-n', ns, '-o', 'name']);
    expect(viaGroup.replaceAll('event.events.k8s.io/', '')).toBe(viaCore.replaceAll('event/', ''));
    expect(viaCore.trim().split('\n')).toHaveLength(4);
  });

  it('the Python client: CoreV1Api with an involvedObject.name field selector', async () => {
    const out = await pythonOk(
      home,
      `
import json, sys
from kubernetes import client, config
config.load_kube_config()
evs = client.CoreV1Api().list_namespaced_event(sys.argv[1], field_selector='involvedObject.name=first')
print(json.dumps([{
  'reason': e.reason, 'type': e.type, 'message': e.message, 'count': e.count,
  'kind': e.involved_object.kind, 'name': e.involved_object.name, 'apiVersion': e.involved_object.api_version,
  'uid': e.involved_object.uid, 'source': e.source.component, 'reportingComponent': e.reporting_component,
  'first': e.first_timestamp is not None, 'last': e.last_timestamp is not None, 'eventTime': e.event_time,
} for e in evs.items]))
`,
      [ns],
    );
    const items = JSON.parse(out) as Record<string, unknown>[];
    const uid = (
      await kubectlOk(home, ['get', 'job', 'first', '-n', ns, '-o', 'jsonpath={.metadata.uid}'])
    ).trim();
    const common = {
      type: 'Normal',
      count: 1,
      kind: 'Job',
      name: 'first',
      apiVersion: 'batch/v1',
      uid,
      source: 'job-controller',
      reportingComponent: 'job-controller',
      first: true,
      last: true,
      eventTime: null,
    };
    expect(items).toEqual([
      { ...common, reason: 'SuccessfulCreate', message: expect.stringMatching(/^Created pod: first-\w{5}$/) },
      { ...common, reason: 'Completed', message: 'Job completed' },
    ]);
  });

  it('the Python client: EventsV1Api cannot read eventTime null, as against a real cluster; the raw answer has the v1 fields', async () => {
    // EventsV1Event requires event_time, which legacy events (every controller's) leave null:
    // kubernetes-client/python#1616; users read the raw answer instead.
    const strict = await python(
      home,
      `
import sys
from kubernetes import client, config
config.load_kube_config()
client.EventsV1Api().list_namespaced_event(sys.argv[1])
`,
      [ns],
    );
    expect(strict.code).not.toBe(0);
    expect(strict.stderr).toContain('ValueError: Invalid value for `event_time`, must not be `None`');

    const out = await pythonOk(
      home,
      `
import json, sys
from kubernetes import client, config
config.load_kube_config()
api = client.EventsV1Api()
raw = api.list_namespaced_event(sys.argv[1], field_selector='regarding.name=second', _preload_content=False)
print(raw.data.decode())
try:
  api.list_namespaced_event(sys.argv[1], field_selector='involvedObject.name=second', _preload_content=False)
except client.exceptions.ApiException as err:
  print(err.status, json.loads(err.body)['message'])
`,
      [ns],
    );
    const [list, refused] = out.trim().split('\n');
    const parsed = JSON.parse(list ?? '') as {
      kind: string;
      apiVersion: string;
      items: Record<string, unknown>[];
    };
    expect(parsed).toMatchObject({ kind: 'EventList', apiVersion: 'events.k8s.io/v1' });
    const common = {
      metadata: expect.objectContaining({
        name: expect.stringMatching(/^second\.[0-9a-f]{16}$/),
        namespace: ns,
      }),
      eventTime: null,
      reportingController: 'job-controller',
      regarding: expect.objectContaining({
        kind: 'Job',
        name: 'second',
        namespace: ns,
        apiVersion: 'batch/v1',
      }),
      type: 'Normal',
      deprecatedSource: { component: 'job-controller' },
      deprecatedFirstTimestamp: expect.stringMatching(/Z$/),
      deprecatedLastTimestamp: expect.stringMatching(/Z$/),
      deprecatedCount: 1,
    };
    expect(parsed.items).toEqual([
      { ...common, reason: 'SuccessfulCreate', note: expect.stringMatching(/^Created pod: second-\w{5}$/) },
      { ...common, reason: 'Completed', note: 'Job completed' },
    ]);
    expect(refused).toBe('400 field label not supported: involvedObject.name');
  });

  it('deleting the namespace deletes its events', async () => {
    const gone = await namespace(home);
    await createJob(home, gone, 'job', 'echo hi');
    await describeWith(home, gone, 'job', 'Completed');
    expect(await kubectlOk(home, ['get', 'events', '-A'])).toContain(`${gone} `);
    await kubectlOk(home, ['delete', 'namespace', gone]);
    await waitFor(async () => !(await kubectlOk(home, ['get', 'events', '-A'])).includes(`${gone} `), {
      message: `events of ${gone} to go`,
    });
  });
});

describe('clients write events', () => {
  it('kubectl creates, patches and deletes core/v1 events; the Python client creates through events.k8s.io/v1', async () => {
    const ns = await namespace(home);
    const manual = home.file(
      `${ns}-event.yaml`,
      `apiVersion: v1
kind: Event
metadata:
  name: manual.1
involvedObject: {kind: Job, name: j, namespace: ${ns}}
reason: Custom
message: hello
type: Warning
source: {component: my-tool}
firstTimestamp: "2025-01-01T00:00:00Z"
lastTimestamp: "2025-01-01T00:00:00Z"
count: 1
`,
    );
    expect(await kubectlOk(home, ['create', '-n', ns, '-f', manual])).toBe('event/manual.1 created\n');
    const created = await pythonOk(
      home,
      `
import sys
from datetime import datetime, timezone
from kubernetes import client, config
config.load_kube_config()
ev = client.EventsV1Api().create_namespaced_event(sys.argv[1], client.EventsV1Event(
  metadata=client.V1ObjectMeta(name='checked.1'), event_time=datetime.now(timezone.utc),
  reporting_controller='example.com/checker', reporting_instance='checker-1', action='Check',
  reason='Checked', note='all good', type='Normal',
  regarding=client.V1ObjectReference(kind='Job', name='j', namespace=sys.argv[1])))
print(ev.reporting_controller, ev.regarding.name, ev.event_time is not None, ev.deprecated_count)
`,
      [ns],
    );
    expect(created.trim()).toBe('example.com/checker j True None');
    const core = JSON.parse(
      await kubectlOk(home, ['get', 'event', 'checked.1', '-n', ns, '-o', 'json']),
    ) as Record<string, unknown>;
    expect(core).toMatchObject({
      involvedObject: { kind: 'Job', name: 'j', namespace: ns },
      reason: 'Checked',
      message: 'all good',
      action: 'Check',
      source: {},
      firstTimestamp: null,
      lastTimestamp: null,
      eventTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/),
      reportingComponent: 'example.com/checker',
      reportingInstance: 'checker-1',
    });
    expect(core).not.toHaveProperty('count');

    const listed = await kubectlOk(home, ['get', 'events', '-n', ns]);
    expect(listed).toMatch(/^\d+m?s\s+Normal\s+Checked\s+job\/j\s+all good$/m);
    expect(listed).toMatch(/^\S+\s+Warning\s+Custom\s+job\/j\s+hello$/m);

    const bad = home.file(
      `${ns}-bad.yaml`,
      `apiVersion: events.k8s.io/v1
kind: Event
metadata: {name: bad}
regarding: {kind: Job, name: j, namespace: ${ns}}
note: hi
type: Normal
`,
    );
    const refused = await kubectl(home, ['create', '-n', ns, '-f', bad]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toBe('The Event "bad" is invalid: eventTime: Required value\n');

    await kubectlOk(home, ['patch', 'event', 'manual.1', '-n', ns, '-p', '{"count":3}']);
    expect(await kubectlOk(home, ['get', 'event', 'manual.1', '-n', ns, '-o', 'jsonpath={.count}'])).toBe(
      '3',
    );
    expect(await kubectlOk(home, ['delete', 'event', 'manual.1', '-n', ns])).toBe(
      'event "manual.1" deleted\n',
    );
    expect(await kubectlOk(home, ['delete', 'events', '--all', '-n', ns])).toBe(
      'event "checked.1" deleted\n',
    );
    expect((await kubectl(home, ['get', 'events', '-n', ns])).stderr).toBe(
      `No resources found in ${ns} namespace.\n`,
    );
  });
});

describe('the recorder counts repeats and combines similar events, as client-go does', () => {
  let fast: DevCluster;
  let h: ClientHome;
  beforeAll(async () => {
    // The controller retries a refused create after 1 s doubling to 60 s: scaled down so the
    // eleventh attempt comes within seconds.
    fast = await startTestDevCluster({ timeScale: 0.005 });
    h = makeClientHome(fast);
  });
  afterAll(async () => {
    await fast?.stop();
    h?.remove();
  });

  it('from the tenth FailedCreate with a new message on, one "(combined from similar events): …" event counts them', async () => {
    const ns = await namespace(h, { 'pod-security.kubernetes.io/enforce': 'restricted' });
    await createJob(h, ns, 'refused', 'echo hi');
    const wide = await waitFor(
      async () => {
        const out = await kubectlOk(h, ['get', 'events', '-n', ns, '-o', 'wide']);
        const m =
          /\(combined from similar events\): Error creating: pods "refused-\w{5}" is forbidden: .*\s(\d+)\s+refused\.[0-9a-f]+$/m.exec(
            out,
          );
        return m && Number(m[1]) >= 2 ? out : undefined;
      },
      { message: 'a combined FailedCreate event counted twice', timeoutMs: 25_000 },
    );
    const single = wide
      .split('\n')
      .filter((l) => /\sError creating: pods/.test(l) && !l.includes('(combined'));
    expect(single).toHaveLength(9);
    for (const line of single) expect(line).toMatch(/\s1\s+refused\.[0-9a-f]{16}$/);
  });
});

describe('events expire', () => {
  let short: DevCluster;
  let h: ClientHome;
  beforeAll(async () => {
    // --event-ttl of 25 s, scaled to half a second.
    short = await startTestDevCluster({ timeScale: 0.02, eventTtlSeconds: 25 });
    h = makeClientHome(short);
  });
  afterAll(async () => {
    await short?.stop();
    h?.remove();
  });

  it('an event is deleted once its TTL has passed since it was last written (a watch sees DELETED)', async () => {
    const ns = await namespace(h);
    const watch = startClient('kubectl', h, ['get', '--raw', `/api/v1/namespaces/${ns}/events?watch=true`]);
    const seen = () =>
      watch
        .output()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as { type: string; object: { reason?: string } })
        .map((e) => `${e.type} ${e.object.reason}`);
    try {
      // An empty namespace sends nothing yet: the watch is up once the server has taken it.
      await waitFor(() => short.counters.requests({ verb: 'watch', resource: 'events', code: 200 }) > 0, {
        message: 'the watch to reach the server',
      });
      await createJob(h, ns, 'brief', 'echo hi');
      await waitFor(
        () => seen().includes('DELETED SuccessfulCreate') && seen().includes('DELETED Completed'),
        {
          message: 'both events to expire',
          timeoutMs: 15_000,
        },
      );
    } catch (err) {
      throw new Error(`${String(err)}\nthe watch printed:\n${watch.output()}${watch.stderr()}`);
    } finally {
      await watch.stop();
    }
    expect(seen()).toEqual([
      'ADDED SuccessfulCreate',
      'ADDED Completed',
      'DELETED SuccessfulCreate',
      'DELETED Completed',
    ]);
    const left = await kubectl(h, ['get', 'events', '-n', ns]);
    expect(left.stderr).toContain(`No resources found in ${ns} namespace.`);
  });
});
