import { describe, expect } from 'vitest';
import { parseApiKeys } from '../../src/shared/api-keys/key-file.js';
import { makeKey } from '../security/support/security-app.js';
import { waitFor } from '../support/wait-for.js';
import { type ApiStack, body, startApiStack, apiTest as test } from './support.js';

// Policy at submission through the shipped app, real keys, the devcluster over HTTPS and real
// workers: Pod Security (the stricter of the key's level and the namespace's enforce label) and
// the key's own rules. A refused Job answers 422 PolicyViolation and nothing is enqueued.

const privilegedPod = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { generateName: 'root-' },
  spec: {
    template: {
      spec: {
        restartPolicy: 'Never',
        hostNetwork: true,
        volumes: [{ name: 'host', hostPath: { path: '/' } }],
        containers: [
          {
            name: 'c',
            image: 'busybox:1.36',
            securityContext: { privileged: true, capabilities: { add: ['SYS_ADMIN'] } },
            volumeMounts: [{ name: 'host', mountPath: '/host' }],
          },
        ],
      },
    },
  },
};

const plain = { generateName: 'plain-', image: 'busybox:1.36', command: ['true'] };

async function stackWithKeys(redis: Parameters<typeof startApiStack>[0]['redis'], shared: ApiStack) {
  const admin = makeKey('admin', {
    scopes: { clusters: ['*'], namespaces: ['*'], namespaceCreate: true, admin: true },
    policy: { podSecurity: 'privileged', namespaceMetadata: true, allow: { nodeName: true } },
  });
  const team = makeKey('team', {
    scopes: { clusters: ['*'], namespaces: ['pol-*', 'default'], namespaceCreate: true },
    policy: {
      images: ['busybox:*', '123456789012.dkr.ecr.*.amazonaws.com/*'],
      defaultResources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } },
      maxResources: { memory: '1Gi' },
    },
  });
  const stack = await startApiStack({
    redis,
    devcluster: shared.devcluster,
    keys: parseApiKeys({ keys: [admin.entry, team.entry] }),
  });
  const as = (key: { key: string }) => ({ authorization: `Bearer ${key.key}` });
  return { stack, admin, team, as };
}

describe('policy at submission', () => {
  test('a baseline key cannot run a privileged pod anywhere; a privileged key in a privileged namespace can', async ({
    redis,
    stack: shared,
  }) => {
    const { stack, admin, team, as } = await stackWithKeys(redis, shared);
    try {
      const before = await stack.operations.depth('dev');
      const refused = await stack.call('POST', '/v1/namespaces/default/jobs', {
        json: privilegedPod,
        headers: as(team),
      });
      expect(refused.status).toBe(422);
      const err = (await body(refused)).error;
      expect(err.code).toBe('PolicyViolation');
      expect(err.details.level).toBe('baseline');
      const checks = err.details.violations.map((v: { check: string }) => v.check);
      expect(checks).toEqual(
        expect.arrayContaining(['privileged', 'hostNamespaces', 'hostPathVolumes', 'capabilities_baseline']),
      );
      expect(err.details.violations).toContainEqual({
        check: 'privileged',
        message: 'privileged (container "c" must not set securityContext.privileged=true)',
      });
      // The dry run runs the same policy; nothing of either was enqueued.
      const dry = await stack.call('POST', '/v1/namespaces/default/jobs?dryRun=true', {
        json: privilegedPod,
        headers: as(team),
      });
      expect(dry.status).toBe(422);
      expect(await stack.operations.depth('dev')).toBe(before);

      // The admin makes a privileged namespace; the privileged key may run the pod there.
      const ns = await stack.call('POST', '/v1/namespaces', {
        json: { name: 'pol-open', labels: { 'pod-security.kubernetes.io/enforce': 'privileged' } },
        headers: { ...as(admin), prefer: 'wait=30' },
      });
      expect(ns.status).toBe(201);
      const accepted = await stack.call('POST', '/v1/namespaces/pol-open/jobs', {
        json: privilegedPod,
        headers: as(admin),
      });
      expect(accepted.status).toBe(202);
      expect((await stack.operations.waitForEnd((await body(accepted)).id, 30_000)).state).toBe('succeeded');
      // The baseline key is still refused in that privileged namespace: the stricter level applies.
      const escapeAttempt = await stack.call('POST', '/v1/namespaces/pol-open/jobs', {
        json: privilegedPod,
        headers: as(team),
      });
      expect(escapeAttempt.status).toBe(422);
      expect((await body(escapeAttempt)).error.details.level).toBe('baseline');
    } finally {
      await stack.close();
    }
  });

  test('a namespace labelled enforce=restricted refuses what restricted forbids, listing each violation', async ({
    redis,
    stack: shared,
  }) => {
    const { stack, admin, team, as } = await stackWithKeys(redis, shared);
    try {
      const ns = await stack.call('POST', '/v1/namespaces', {
        json: { name: 'pol-strict', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } },
        headers: { ...as(admin), prefer: 'wait=30' },
      });
      expect(ns.status).toBe(201);
      const refused = await stack.call('POST', '/v1/namespaces/pol-strict/jobs', {
        json: plain,
        headers: as(team),
      });
      expect(refused.status).toBe(422);
      const err = (await body(refused)).error;
      expect(err.details.level).toBe('restricted');
      expect(err.details.violations.map((v: { check: string }) => v.check)).toEqual(
        expect.arrayContaining([
          'allowPrivilegeEscalation',
          'capabilities_restricted',
          'runAsNonRoot',
          'seccompProfile_restricted',
        ]),
      );
      const hardened = {
        ...plain,
        // The short form has no securityContext: a full manifest that restricted accepts.
      };
      const ok = await stack.call('POST', '/v1/namespaces/pol-strict/jobs', {
        json: {
          apiVersion: 'batch/v1',
          kind: 'Job',
          metadata: { generateName: hardened.generateName },
          spec: {
            template: {
              spec: {
                restartPolicy: 'Never',
                securityContext: {
                  runAsNonRoot: true,
                  runAsUser: 1000,
                  seccompProfile: { type: 'RuntimeDefault' },
                },
                containers: [
                  {
                    name: 'c',
                    image: 'busybox:1.36',
                    command: ['true'],
                    securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
                  },
                ],
              },
            },
          },
        },
        headers: as(team),
      });
      expect(ok.status).toBe(202);
    } finally {
      await stack.close();
    }
  });

  test('the key’s own rules: images, service accounts, node fields, resource defaults and maxima, reserved namespace labels', async ({
    redis,
    stack: shared,
  }) => {
    const { stack, team, as } = await stackWithKeys(redis, shared);
    try {
      const violations = async (json: unknown, path = '/v1/namespaces/default/jobs') => {
        const res = await stack.call('POST', path, { json, headers: as(team) });
        expect(res.status).toBe(422);
        return (await body(res)).error.details.violations.map((v: { check: string }) => v.check);
      };
      expect(await violations({ ...plain, image: 'evil.example/miner:latest' })).toEqual(['images']);
      expect(await violations({ ...plain, serviceAccountName: 'cluster-admin' })).toEqual([
        'serviceAccounts',
      ]);
      const withSpec = (extra: object) => ({
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { generateName: 'x-' },
        spec: {
          template: {
            spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.36' }], ...extra },
          },
        },
      });
      expect(await violations(withSpec({ nodeName: 'node-1' }))).toEqual(['nodeName']);
      expect(await violations(withSpec({ tolerations: [{ operator: 'Exists' }] }))).toEqual(['tolerations']);
      expect(await violations(withSpec({ priorityClassName: 'system-node-critical' }))).toEqual([
        'priorityClassName',
      ]);
      expect(await violations({ ...plain, resources: { limits: { memory: '64Gi' } } })).toEqual([
        'maxResources',
      ]);
      // A container asking for nothing gets the key's defaults, and the Job is stored with them.
      const ok = await stack.call('POST', '/v1/namespaces/default/jobs', {
        json: { ...plain, generateName: 'defaults-' },
        headers: { ...as(team), prefer: 'wait=30' },
      });
      expect(ok.status).toBe(201);
      const name = (await body(ok)).target.name;
      const stored = await waitFor(
        () =>
          stack.devcluster.store.get('jobs', 'default', name) as
            | { spec: { template: { spec: { containers: Array<{ resources: unknown }> } } } }
            | undefined,
      );
      expect(stored.spec.template.spec.containers[0]!.resources).toEqual({
        requests: { cpu: '100m', memory: '64Mi' },
        limits: { memory: '128Mi' },
      });
      // Reserved namespace labels need namespaceMetadata: nothing is enqueued.
      const ns = await stack.call('POST', '/v1/namespaces', {
        json: { name: 'pol-escape', labels: { 'pod-security.kubernetes.io/enforce': 'privileged' } },
        headers: as(team),
      });
      expect(ns.status).toBe(422);
      expect((await body(ns)).error.details.violations[0].check).toBe('namespaceMetadata');
      // A batch lists each violating item.
      const batch = await stack.call('POST', '/v1/batches', {
        json: {
          items: [
            { namespace: 'default', job: plain },
            { namespace: 'default', job: privilegedPod },
            { namespace: 'default', job: { ...plain, image: 'nginx' } },
          ],
        },
        headers: as(team),
      });
      expect(batch.status).toBe(422);
      expect((await body(batch)).error.details.items.map((i: { index: number }) => i.index)).toEqual([1, 2]);
    } finally {
      await stack.close();
    }
  });
});
