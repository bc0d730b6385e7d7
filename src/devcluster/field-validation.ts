/**
 * `fieldValidation`: unknown fields in the parts of the schema the devcluster knows (metadata,
 * Job spec, pod template, containers) are a Warning, a 400 (`Strict`) or ignored.
 */
import { EVENTS_GROUP } from './events.js';
import { isObject } from './request-body.js';
import * as S from './status.js';
import type { ResourceName } from './types.js';
import { addWarning } from './warnings.js';

const KNOWN_FIELDS: Record<string, string[]> = {
  '': ['apiVersion', 'kind', 'metadata', 'spec', 'status'],
  metadata: [
    'name',
    'generateName',
    'namespace',
    'uid',
    'resourceVersion',
    'generation',
    'creationTimestamp',
    'deletionTimestamp',
    'deletionGracePeriodSeconds',
    'labels',
    'annotations',
    'finalizers',
    'ownerReferences',
    'managedFields',
    'selfLink',
  ],
  'job.spec': [
    'parallelism',
    'completions',
    'activeDeadlineSeconds',
    'podFailurePolicy',
    'successPolicy',
    'backoffLimit',
    'backoffLimitPerIndex',
    'maxFailedIndexes',
    'selector',
    'manualSelector',
    'template',
    'ttlSecondsAfterFinished',
    'completionMode',
    'suspend',
    'podReplacementPolicy',
    'managedBy',
  ],
  // k8s.io/api core/v1 Event and events.k8s.io/v1 Event (1.32).
  event: [
    'apiVersion',
    'kind',
    'metadata',
    'involvedObject',
    'reason',
    'message',
    'source',
    'firstTimestamp',
    'lastTimestamp',
    'count',
    'type',
    'eventTime',
    'series',
    'action',
    'related',
    'reportingComponent',
    'reportingInstance',
  ],
  'events.k8s.io/event': [
    'apiVersion',
    'kind',
    'metadata',
    'eventTime',
    'series',
    'reportingController',
    'reportingInstance',
    'action',
    'reason',
    'regarding',
    'related',
    'note',
    'type',
    'deprecatedSource',
    'deprecatedFirstTimestamp',
    'deprecatedLastTimestamp',
    'deprecatedCount',
  ],
  'job.spec.template': ['metadata', 'spec'],
  'namespace.spec': ['finalizers'],
  // core/v1 PodSpec, Container and the lists eks-jobs manifests use (k8s.io/api/core/v1/types.go, 1.32).
  'pod.spec': [
    'activeDeadlineSeconds',
    'affinity',
    'automountServiceAccountToken',
    'containers',
    'dnsConfig',
    'dnsPolicy',
    'enableServiceLinks',
    'ephemeralContainers',
    'hostAliases',
    'hostIPC',
    'hostNetwork',
    'hostPID',
    'hostUsers',
    'hostname',
    'imagePullSecrets',
    'initContainers',
    'nodeName',
    'nodeSelector',
    'os',
    'overhead',
    'preemptionPolicy',
    'priority',
    'priorityClassName',
    'readinessGates',
    'resourceClaims',
    'resources',
    'restartPolicy',
    'runtimeClassName',
    'schedulerName',
    'schedulingGates',
    'securityContext',
    'serviceAccount',
    'serviceAccountName',
    'setHostnameAsFQDN',
    'shareProcessNamespace',
    'subdomain',
    'terminationGracePeriodSeconds',
    'tolerations',
    'topologySpreadConstraints',
    'volumes',
  ],
  container: [
    'args',
    'command',
    'env',
    'envFrom',
    'image',
    'imagePullPolicy',
    'lifecycle',
    'livenessProbe',
    'name',
    'ports',
    'readinessProbe',
    'resizePolicy',
    'resources',
    'restartPolicy',
    'securityContext',
    'startupProbe',
    'stdin',
    'stdinOnce',
    'terminationMessagePath',
    'terminationMessagePolicy',
    'tty',
    'volumeDevices',
    'volumeMounts',
    'workingDir',
  ],
  'container.env': ['name', 'value', 'valueFrom'],
  'container.ports': ['containerPort', 'hostIP', 'hostPort', 'name', 'protocol'],
  'container.resources': ['claims', 'limits', 'requests'],
};

/** Unknown fields in the parts of the schema the devcluster knows, for `fieldValidation`. */
function unknownFields(resource: ResourceName, obj: Record<string, unknown>, group: string): string[] {
  const out: string[] = [];
  const check = (value: unknown, known: string[] | undefined, path: string) => {
    if (!known || !isObject(value)) return;
    for (const k of Object.keys(value)) if (!known.includes(k)) out.push(path ? `${path}.${k}` : k);
  };
  const top = resource !== 'events' ? '' : group === EVENTS_GROUP ? 'events.k8s.io/event' : 'event';
  check(obj, KNOWN_FIELDS[top], '');
  check(obj.metadata, KNOWN_FIELDS.metadata, 'metadata');
  if (resource === 'jobs' && isObject(obj.spec)) {
    check(obj.spec, KNOWN_FIELDS['job.spec'], 'spec');
    check(obj.spec.template, KNOWN_FIELDS['job.spec.template'], 'spec.template');
    if (isObject(obj.spec.template)) {
      check(obj.spec.template.metadata, KNOWN_FIELDS.metadata, 'spec.template.metadata');
      const pod = obj.spec.template.spec;
      check(pod, KNOWN_FIELDS['pod.spec'], 'spec.template.spec');
      if (isObject(pod)) {
        for (const list of ['containers', 'initContainers'] as const) {
          const items = pod[list];
          if (!Array.isArray(items)) continue;
          for (const [i, c] of items.entries()) {
            const at = `spec.template.spec.${list}[${i}]`;
            check(c, KNOWN_FIELDS.container, at);
            if (!isObject(c)) continue;
            check(c.resources, KNOWN_FIELDS['container.resources'], `${at}.resources`);
            for (const sub of ['env', 'ports'] as const) {
              const entries = c[sub];
              if (!Array.isArray(entries)) continue;
              for (const [j, e] of entries.entries())
                check(e, KNOWN_FIELDS[`container.${sub}`], `${at}.${sub}[${j}]`);
            }
          }
        }
      }
    }
  }
  if (resource === 'namespaces') check(obj.spec, KNOWN_FIELDS['namespace.spec'], 'spec');
  return out;
}

/** Applies the request's `fieldValidation` mode: adds the Warning header, or throws 400 under `Strict`. */
export function checkFieldValidation(
  resource: ResourceName,
  body: Record<string, unknown>,
  query: URLSearchParams,
  headers: Record<string, string>,
  group = '',
): void {
  const mode = query.get('fieldValidation') ?? 'Warn';
  if (mode === 'Ignore') return;
  const unknown = unknownFields(resource, body, group);
  if (unknown.length === 0) return;
  if (mode === 'Strict') {
    throw new S.StatusError(
      S.badRequest(`strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(', ')}`),
    );
  }
  for (const f of unknown) addWarning(headers, `unknown field "${f}"`);
}
