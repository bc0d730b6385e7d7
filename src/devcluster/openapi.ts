/**
 * A minimal OpenAPI v3 surface. kubectl (cli-runtime's query_param_verifier_v3.go) decides that
 * the server supports server-side field validation when the PATCH operation for a kind, tagged
 * with `x-kubernetes-group-version-kind`, declares the `fieldValidation` query parameter; it
 * then sends `fieldValidation=Strict` and leaves validation to the server.
 */
import { createHash } from 'node:crypto';

interface Gvk {
  group: string;
  version: string;
  kind: string;
}

const QUERY_PARAMS = ['dryRun', 'fieldManager', 'fieldValidation', 'force', 'pretty'];

function patchOperation(gvk: Gvk, id: string): unknown {
  return {
    operationId: id,
    parameters: QUERY_PARAMS.map((name) => ({
      name,
      in: 'query',
      schema: { type: name === 'force' ? 'boolean' : 'string', uniqueItems: true },
    })),
    responses: { '200': { description: 'OK' }, '201': { description: 'Created' } },
    'x-kubernetes-action': 'patch',
    'x-kubernetes-group-version-kind': gvk,
  };
}

function objectSchema(gvk: Gvk, description: string): unknown {
  return {
    description,
    type: 'object',
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { type: 'object' },
      spec: { type: 'object' },
      status: { type: 'object' },
    },
    'x-kubernetes-group-version-kind': [gvk],
  };
}

function document(paths: Record<string, unknown>, schemas: Record<string, unknown>): unknown {
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.32.3' },
    paths,
    components: { schemas },
  };
}

const NAMESPACE: Gvk = { group: '', version: 'v1', kind: 'Namespace' };
const POD: Gvk = { group: '', version: 'v1', kind: 'Pod' };
const JOB: Gvk = { group: 'batch', version: 'v1', kind: 'Job' };
const EVENT: Gvk = { group: '', version: 'v1', kind: 'Event' };
const EVENT_V1: Gvk = { group: 'events.k8s.io', version: 'v1', kind: 'Event' };
const EVENT_DESCRIPTION =
  'Event is a report of an event somewhere in the cluster.  Events have a limited retention time and triggers and messages may evolve with time.  Event consumers should not rely on the timing of an event with a given Reason reflecting a consistent underlying trigger, or the continued existence of events with that Reason.  Events should be treated as informative, best-effort, supplemental data.';

/** The group-version documents by path under /openapi/v3/. */
export function openApiDocuments(): Map<string, string> {
  const docs = new Map<string, string>();
  docs.set(
    'api/v1',
    JSON.stringify(
      document(
        {
          '/api/v1/namespaces/{name}': { patch: patchOperation(NAMESPACE, 'patchCoreV1Namespace') },
          '/api/v1/namespaces/{namespace}/pods/{name}': {
            patch: patchOperation(POD, 'patchCoreV1NamespacedPod'),
          },
          '/api/v1/namespaces/{namespace}/events/{name}': {
            patch: patchOperation(EVENT, 'patchCoreV1NamespacedEvent'),
          },
        },
        {
          'io.k8s.api.core.v1.Event': objectSchema(EVENT, EVENT_DESCRIPTION),
          'io.k8s.api.core.v1.Namespace': objectSchema(NAMESPACE, 'Namespace provides a scope for Names.'),
          'io.k8s.api.core.v1.Pod': objectSchema(
            POD,
            'Pod is a collection of containers that can run on a host.',
          ),
        },
      ),
    ),
  );
  docs.set(
    'apis/batch/v1',
    JSON.stringify(
      document(
        {
          '/apis/batch/v1/namespaces/{namespace}/jobs/{name}': {
            patch: patchOperation(JOB, 'patchBatchV1NamespacedJob'),
          },
        },
        { 'io.k8s.api.batch.v1.Job': objectSchema(JOB, 'Job represents the configuration of a single job.') },
      ),
    ),
  );
  docs.set(
    'apis/events.k8s.io/v1',
    JSON.stringify(
      document(
        {
          '/apis/events.k8s.io/v1/namespaces/{namespace}/events/{name}': {
            patch: patchOperation(EVENT_V1, 'patchEventsV1NamespacedEvent'),
          },
        },
        { 'io.k8s.api.events.v1.Event': objectSchema(EVENT_V1, EVENT_DESCRIPTION) },
      ),
    ),
  );
  return docs;
}

/** The /openapi/v3 index pointing at each document with a content hash. */
export function openApiIndex(docs: Map<string, string>): unknown {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const [path, body] of docs) {
    const hash = createHash('sha512').update(body).digest('hex').slice(0, 128).toUpperCase();
    paths[path] = { serverRelativeURL: `/openapi/v3/${path}?hash=${hash}` };
  }
  return { paths };
}
