/**
 * The OpenAPI v3 documents of the served group-versions, and their index.
 *
 * - Schemas (built in `openapi-schema.ts` from the `openapi-*.ts` packages) describe Job,
 *   Namespace, Pod and Event (both groups) with types, required fields and descriptions, for `kubectl explain`
 *   (`kubectl/pkg/explain/v2`: it fetches the document of the resource's group-version, finds the
 *   kind through an operation's `x-kubernetes-group-version-kind` and walks the schemas).
 * - The PATCH operations declare the `fieldValidation` query parameter: kubectl (cli-runtime's
 *   `query_param_verifier_v3.go`) then sends `fieldValidation=Strict` and leaves validation to
 *   the server. They declare no request body on purpose: kubectl apply computes a strategic merge
 *   patch from the v3 schemas only when the PATCH operation lists the strategic-merge-patch
 *   content type (`kubectl/pkg/cmd/apply/patcher.go` gvkSupportsPatchOpenAPIV3); otherwise it uses
 *   its built-in types, whose merge keys are complete, where our schemas carry none.
 */
import { createHash } from 'node:crypto';
import { BATCH_PACKAGE } from './openapi-batch.js';
import { CORE_CONTAINER_PACKAGE } from './openapi-core-container.js';
import { CORE_POD_PACKAGE } from './openapi-core-pod.js';
import { CORE_VOLUME_PACKAGE } from './openapi-core-volume.js';
import { CORE_EVENT_DOCUMENT_PACKAGES, EVENTS_DOCUMENT_PACKAGES } from './openapi-events.js';
import { META_PACKAGES } from './openapi-meta.js';
import { SchemaCatalog } from './openapi-schema.js';

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

/**
 * The group-version documents by path under /openapi/v3/. As on a real server, each carries the
 * schemas of its kinds and of every type they reach (the batch/v1 document includes the core/v1
 * pod template types): kubectl explain resolves `$ref`s within the one document it fetched.
 */
export function openApiDocuments(): Map<string, string> {
  const catalog = new SchemaCatalog([
    ...META_PACKAGES,
    BATCH_PACKAGE,
    CORE_POD_PACKAGE,
    CORE_CONTAINER_PACKAGE,
    CORE_VOLUME_PACKAGE,
    ...CORE_EVENT_DOCUMENT_PACKAGES,
  ]);
  // events.k8s.io/v1 Event shares its name with core/v1 Event: its own catalog.
  const eventsCatalog = new SchemaCatalog([...META_PACKAGES, ...EVENTS_DOCUMENT_PACKAGES]);
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
        catalog.components(['Event', 'Namespace', 'Pod']),
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
        catalog.components(['Job']),
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
        eventsCatalog.components(['Event']),
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
