/**
 * Generated from the API's OpenAPI document by `npm run sdk:types` (scripts/sdk-types.ts).
 * Do not edit: change the routes' schemas and run it again.
 */

export interface paths {
  '/livez': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Liveness */
    get: operations['getLiveness'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/readyz': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Readiness: Redis answers and the server is not shutting down */
    get: operations['getReadiness'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Health with cluster status (compatible with the original service’s /health)
     * @description Checks Redis and asks each configured cluster for its API resources (2 s timeout each); a cluster’s answer is reused for 5 s.
     */
    get: operations['getHealth'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/metrics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Prometheus metrics */
    get: operations['getMetrics'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/namespaces/{ns}/jobs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List Jobs (live)
     * @description Read live from the cluster. `labelSelector`, `operation` and `batch` select in the cluster; `phase` (as the status summary derives it) and `createdAfter`/`createdBefore` (at or after / before) are applied to what it answers, so a page may hold fewer than `limit` Jobs — even none — and still carry `continue`: read on until it is absent. Pass `continue` back with the same filters.
     */
    get: operations['listJobs'];
    put?: never;
    /**
     * Create a Job (asynchronously)
     * @description Validates the Job (a full batch/v1 manifest or the short form), resolves generateName to the final name, adds the management labels and enqueues job.create. Answers 202 with the operation; its target names the Job. With `?dryRun=true` nothing is enqueued: the cluster’s server-side dry run answers.
     *
     *     Instead of a Job the body may name a template, `{"template": "name" | "name:rev", "parameters": {…}}`: the template’s revision is rendered with the parameters (422 naming each bad one at `parameters.<name>`; 422 at `template` when it does not exist for this key; 403 when the template does not allow this namespace; the same 422 without a database) and the Job goes on as any Job, labelled `eks-jobs/template` and `eks-jobs/template-revision`.
     */
    post: operations['createJob'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/namespaces/{ns}/jobs/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Live status of a Job
     * @description Read from the cluster’s Batch API (identical concurrent reads share one upstream call). The summary derives a phase from the conditions and counts; `?view=full` returns the Job object.
     */
    get: operations['getJob'];
    put?: never;
    post?: never;
    /**
     * Delete a Job (asynchronously)
     * @description Enqueues job.delete. `propagationPolicy` defaults to Background, so the Job’s pods are deleted too.
     */
    delete: operations['deleteJob'];
    options?: never;
    head?: never;
    /**
     * Suspend or resume a Job (asynchronously)
     * @description Enqueues job.suspend: `{"suspend": true}` suspends the Job (its running pods are deleted, its progress kept), `{"suspend": false}` resumes it.
     */
    patch: operations['updateJob'];
    trace?: never;
  };
  '/v1/jobs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List eks-jobs’ Jobs across the namespaces the key may read (live)
     * @description The Jobs eks-jobs manages (label `app.kubernetes.io/managed-by=eks-jobs`) in every namespace the API key may read, in namespace then name order; other namespaces' Jobs are never answered. Read live from the cluster. `labelSelector`, `operation` and `batch` select in the cluster; `phase` (as the status summary derives it) and `createdAfter`/`createdBefore` (at or after / before) are applied to what it answers, so a page may hold fewer than `limit` Jobs — even none — and still carry `continue`: read on until it is absent. Pass `continue` back with the same filters.
     */
    get: operations['listAllJobs'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/namespaces/{ns}/jobs/{name}/logs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Log of a Job’s pod, whole or followed
     * @description Plain text, streamed as the cluster sends it (chunked). The pod is the newest of the Job; `index` picks the newest pod of that completion index (Indexed Jobs), `pod` a pod by name; the answer names it in `X-Pod-Name`. With `follow=true` the log is streamed until the container ends or the client leaves. A read without `follow` returns at most 10 MiB (`limitBytes` asks for less). A stream cut by an error ends without its final chunk.
     */
    get: operations['getJobLogs'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/namespaces': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Create a Namespace (asynchronously) */
    post: operations['createNamespace'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/namespaces/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Delete a Namespace (asynchronously)
     * @description Enqueues namespace.delete; the namespace goes through Terminating before it disappears.
     */
    delete: operations['deleteNamespace'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/operations/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** State of an operation */
    get: operations['getOperation'];
    put?: never;
    post?: never;
    /**
     * Cancel a queued operation
     * @description 409 OperationRunning when a worker has already started it; 409 ObjectExists when an earlier attempt of a create already made its object (delete the object instead).
     */
    delete: operations['cancelOperation'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/operations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List operations, newest first, optionally by state */
    get: operations['listOperations'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/operations/{id}/retry': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Re-drive a failed operation */
    post: operations['retryOperation'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/batches': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Create up to 1000 Jobs at once, all or nothing
     * @description Every item is validated first; if any is invalid the answer is 422 listing each bad item by index and nothing is enqueued. Otherwise all job.create commands are enqueued in one transaction. With an Idempotency-Key a retry after any failure (a 503 included) enqueues nothing twice.
     *
     *     An item may name a template instead of carrying a Job: `{"namespace", "template": "name" | "name:rev", "parameters"}`. Each template is resolved once per batch and rendered per item; bad parameters are issues at `items[i].parameters.<name>`, a template that does not exist for this key at `items[i].template`; items whose template does not allow their namespace are refused with 403 listing them. Without a database every template item is refused at `items[i].template`.
     */
    post: operations['createBatch'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/batches/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Progress of a batch */
    get: operations['getBatch'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/history/jobs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The history of the Jobs eks-jobs created, newest submission first
     * @description Every Job's last recorded state, kept for HISTORY_RETENTION after it was submitted, also after its operation expired and the Job was deleted. Only namespaces the key may read. Filters combine (AND). Keyset pages: pass nextCursor as cursor with the same filters; 422 InvalidCursor for a cursor of other filters. Served only when the server has a database (DATABASE_URL): otherwise 404 HistoryDisabled. 503 DatabaseUnavailable with Retry-After while the database does not answer.
     */
    get: operations['listHistoryJobs'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/history/jobs/{uid}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One Job's history, by its uid
     * @description 404 HistoryJobNotFound when there is none, or it is in a namespace the key may not read. Served only when the server has a database (DATABASE_URL): otherwise 404 HistoryDisabled. 503 DatabaseUnavailable with Retry-After while the database does not answer.
     */
    get: operations['getHistoryJob'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/clusters/{cluster}/namespaces/{ns}/jobs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List Jobs (live)
     * @description Read live from the cluster. `labelSelector`, `operation` and `batch` select in the cluster; `phase` (as the status summary derives it) and `createdAfter`/`createdBefore` (at or after / before) are applied to what it answers, so a page may hold fewer than `limit` Jobs — even none — and still carry `continue`: read on until it is absent. Pass `continue` back with the same filters.
     */
    get: operations['listJobsInCluster'];
    put?: never;
    /**
     * Create a Job (asynchronously)
     * @description Validates the Job (a full batch/v1 manifest or the short form), resolves generateName to the final name, adds the management labels and enqueues job.create. Answers 202 with the operation; its target names the Job. With `?dryRun=true` nothing is enqueued: the cluster’s server-side dry run answers.
     *
     *     Instead of a Job the body may name a template, `{"template": "name" | "name:rev", "parameters": {…}}`: the template’s revision is rendered with the parameters (422 naming each bad one at `parameters.<name>`; 422 at `template` when it does not exist for this key; 403 when the template does not allow this namespace; the same 422 without a database) and the Job goes on as any Job, labelled `eks-jobs/template` and `eks-jobs/template-revision`.
     */
    post: operations['createJobInCluster'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/clusters/{cluster}/namespaces/{ns}/jobs/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Live status of a Job
     * @description Read from the cluster’s Batch API (identical concurrent reads share one upstream call). The summary derives a phase from the conditions and counts; `?view=full` returns the Job object.
     */
    get: operations['getJobInCluster'];
    put?: never;
    post?: never;
    /**
     * Delete a Job (asynchronously)
     * @description Enqueues job.delete. `propagationPolicy` defaults to Background, so the Job’s pods are deleted too.
     */
    delete: operations['deleteJobInCluster'];
    options?: never;
    head?: never;
    /**
     * Suspend or resume a Job (asynchronously)
     * @description Enqueues job.suspend: `{"suspend": true}` suspends the Job (its running pods are deleted, its progress kept), `{"suspend": false}` resumes it.
     */
    patch: operations['updateJobInCluster'];
    trace?: never;
  };
  '/v1/clusters/{cluster}/jobs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List eks-jobs’ Jobs across the namespaces the key may read (live)
     * @description The Jobs eks-jobs manages (label `app.kubernetes.io/managed-by=eks-jobs`) in every namespace the API key may read, in namespace then name order; other namespaces' Jobs are never answered. Read live from the cluster. `labelSelector`, `operation` and `batch` select in the cluster; `phase` (as the status summary derives it) and `createdAfter`/`createdBefore` (at or after / before) are applied to what it answers, so a page may hold fewer than `limit` Jobs — even none — and still carry `continue`: read on until it is absent. Pass `continue` back with the same filters.
     */
    get: operations['listAllJobsInCluster'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/clusters/{cluster}/namespaces/{ns}/jobs/{name}/logs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Log of a Job’s pod, whole or followed
     * @description Plain text, streamed as the cluster sends it (chunked). The pod is the newest of the Job; `index` picks the newest pod of that completion index (Indexed Jobs), `pod` a pod by name; the answer names it in `X-Pod-Name`. With `follow=true` the log is streamed until the container ends or the client leaves. A read without `follow` returns at most 10 MiB (`limitBytes` asks for less). A stream cut by an error ends without its final chunk.
     */
    get: operations['getJobLogsInCluster'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/clusters/{cluster}/namespaces': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Create a Namespace (asynchronously) */
    post: operations['createNamespaceInCluster'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/clusters/{cluster}/namespaces/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Delete a Namespace (asynchronously)
     * @description Enqueues namespace.delete; the namespace goes through Terminating before it disappears.
     */
    delete: operations['deleteNamespaceInCluster'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/clusters/{cluster}/operations/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** State of an operation */
    get: operations['getOperationInCluster'];
    put?: never;
    post?: never;
    /**
     * Cancel a queued operation
     * @description 409 OperationRunning when a worker has already started it; 409 ObjectExists when an earlier attempt of a create already made its object (delete the object instead).
     */
    delete: operations['cancelOperationInCluster'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/clusters/{cluster}/operations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List operations, newest first, optionally by state */
    get: operations['listOperationsInCluster'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/clusters/{cluster}/operations/{id}/retry': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Re-drive a failed operation */
    post: operations['retryOperationInCluster'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/clusters/{cluster}/batches': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Create up to 1000 Jobs at once, all or nothing
     * @description Every item is validated first; if any is invalid the answer is 422 listing each bad item by index and nothing is enqueued. Otherwise all job.create commands are enqueued in one transaction. With an Idempotency-Key a retry after any failure (a 503 included) enqueues nothing twice.
     *
     *     An item may name a template instead of carrying a Job: `{"namespace", "template": "name" | "name:rev", "parameters"}`. Each template is resolved once per batch and rendered per item; bad parameters are issues at `items[i].parameters.<name>`, a template that does not exist for this key at `items[i].template`; items whose template does not allow their namespace are refused with 403 listing them. Without a database every template item is refused at `items[i].template`.
     */
    post: operations['createBatchInCluster'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/clusters/{cluster}/batches/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Progress of a batch */
    get: operations['getBatchInCluster'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/clusters/{cluster}/history/jobs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The history of the Jobs eks-jobs created, newest submission first
     * @description Every Job's last recorded state, kept for HISTORY_RETENTION after it was submitted, also after its operation expired and the Job was deleted. Only namespaces the key may read. Filters combine (AND). Keyset pages: pass nextCursor as cursor with the same filters; 422 InvalidCursor for a cursor of other filters. Served only when the server has a database (DATABASE_URL): otherwise 404 HistoryDisabled. 503 DatabaseUnavailable with Retry-After while the database does not answer.
     */
    get: operations['listHistoryJobsInCluster'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/clusters/{cluster}/history/jobs/{uid}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One Job's history, by its uid
     * @description 404 HistoryJobNotFound when there is none, or it is in a namespace the key may not read. Served only when the server has a database (DATABASE_URL): otherwise 404 HistoryDisabled. 503 DatabaseUnavailable with Retry-After while the database does not answer.
     */
    get: operations['getHistoryJobInCluster'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/eks-create-job': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Create a Job — alias of POST /v1/namespaces/{ns}/jobs */
    post: operations['seedCreateJob'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/eks-delete-job': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Delete a Job — alias of DELETE /v1/namespaces/{ns}/jobs/{name} */
    delete: operations['seedDeleteJob'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/eks-job-status': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Live Job status — alias of GET /v1/namespaces/{ns}/jobs/{name} */
    get: operations['seedJobStatus'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/eks-create-namespace': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Create a Namespace — alias of POST /v1/namespaces */
    post: operations['seedCreateNamespace'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/eks-delete-namespace': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Delete a Namespace — alias of DELETE /v1/namespaces/{name} */
    delete: operations['seedDeleteNamespace'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The caller's events, live, as Server-Sent Events
     * @description The events of the operations the calling key submitted (every key’s, for an admin key), only of objects the key may read. Resumes after `Last-Event-ID` from the last EVENTS_HISTORY events (docs/architecture.md §12).
     */
    get: operations['streamEvents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks/deliveries': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List the caller's webhook deliveries, by state, operation or batch
     * @description Newest first when filtered by operation, batch or principal. Admin keys see every key’s deliveries; other keys only their own. 422 InvalidCursor for a cursor this listing did not make.
     */
    get: operations['listWebhookDeliveries'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks/deliveries/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** State of a webhook delivery */
    get: operations['getWebhookDelivery'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks/deliveries/{id}/retry': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Re-drive a failed webhook delivery
     * @description Only a failed delivery (409 DeliveryNotRetryable otherwise). Its retry window (WEBHOOK_RETRY_FOR) and backoff start again.
     */
    post: operations['retryWebhookDelivery'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/templates': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List the templates this key may use
     * @description By name. A page looks at up to max(4 × limit, 200) templates, so it may be short while nextCursor is present. A key sees a template when some namespace is in both its own `namespaces` and the template’s; any other template is 404 to it. Writing needs the key scope `templateWrite`, and every namespace pattern of the template (old and new) within the key’s `namespaces`.
     */
    get: operations['listTemplates'];
    put?: never;
    /**
     * Create a Job template (revision 1)
     * @description The definition is checked whole (every issue at once, 422 with paths in the body): parameters, placeholders, and the Job it renders with its defaults. 409 TemplateExists when the name is taken. A deleted template's name may be created again: it continues at its next revision, so `name:N` always means one definition. A key sees a template when some namespace is in both its own `namespaces` and the template’s; any other template is 404 to it. Writing needs the key scope `templateWrite`, and every namespace pattern of the template (old and new) within the key’s `namespaces`.
     */
    post: operations['createTemplate'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/templates/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A template: its newest revision */
    get: operations['getTemplate'];
    /**
     * Revise a template (revision N+1)
     * @description The definition becomes revision N+1; earlier revisions never change and stay submittable as `name:rev`. With `If-Match` (the ETag read), only if N is still the newest revision: else 412 PreconditionFailed. A key sees a template when some namespace is in both its own `namespaces` and the template’s; any other template is 404 to it. Writing needs the key scope `templateWrite`, and every namespace pattern of the template (old and new) within the key’s `namespaces`.
     */
    put: operations['reviseTemplate'];
    post?: never;
    /**
     * Delete a template
     * @description A soft delete: the template answers 404 and cannot be submitted, its revisions are kept (readable under /revisions, for the history of the Jobs they made). With `If-Match`, only if that is still the newest revision (else 412). A key sees a template when some namespace is in both its own `namespaces` and the template’s; any other template is 404 to it. Writing needs the key scope `templateWrite`, and every namespace pattern of the template (old and new) within the key’s `namespaces`.
     */
    delete: operations['deleteTemplate'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/templates/{name}/revisions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The revisions of a template, newest first
     * @description Also of a deleted template, whose revisions are kept.
     */
    get: operations['listTemplateRevisions'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/templates/{name}/revisions/{rev}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One revision of a template */
    get: operations['getTemplateRevision'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/audit': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Audit trail of every mutation, newest first (admin keys) */
    get: operations['listAuditRecords'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/admin/login': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Browser sign-in form of the queue dashboard (no key needed) */
    get: operations['getAdminLoginForm'];
    put?: never;
    /** Sign in with an admin key: sets the dashboard session cookie */
    post: operations['adminLogin'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/admin/logout': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Sign out: ends the dashboard session */
    post: operations['adminLogout'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/admin/queues': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Queue dashboard (bull-board, read-only) for admin keys */
    get: operations['getQueueDashboard'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/admin/queues/*': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The dashboard's own pages, assets and JSON (bull-board's; not a stable API)
     * @description Not a path template: `*` stands for any path under /admin/queues/, all of it bull-board’s and read-only — the page again for its client-side routes (`queue/{name}`, …), its scripts, styles and images (`static/…`) and the JSON the page reads (`api/queues`, `api/redis/stats`, …). For programs, use /v1/operations.
     */
    get: operations['getQueueDashboardResource'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/openapi.json': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** This OpenAPI 3.1 document */
    get: operations['getOpenApiDocument'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/docs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Interactive API reference (Scalar) */
    get: operations['getApiReference'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/docs/assets/api-reference.js': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The API reference's script (served by the API; cached for a year, versioned by ?v=) */
    get: operations['getApiReferenceScript'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export interface webhooks {
  'operation.succeeded': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * operation.succeeded (to a submission's callback)
     * @description Sent to `callback.url` when the submission’s `callback.events` include this type (all types when absent). At least once: a redelivery has the same `webhook-id`.
     */
    post: operations['on_operation_succeeded'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'operation.failed': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * operation.failed (to a submission's callback)
     * @description Sent to `callback.url` when the submission’s `callback.events` include this type (all types when absent). At least once: a redelivery has the same `webhook-id`.
     */
    post: operations['on_operation_failed'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'operation.retrying': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * operation.retrying (to a submission's callback)
     * @description Sent to `callback.url` when the submission’s `callback.events` include this type (all types when absent). At least once: a redelivery has the same `webhook-id`.
     */
    post: operations['on_operation_retrying'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'job.running': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * job.running (to a submission's callback)
     * @description Sent to `callback.url` when the submission’s `callback.events` include this type (all types when absent). At least once: a redelivery has the same `webhook-id`.
     */
    post: operations['on_job_running'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'job.succeeded': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * job.succeeded (to a submission's callback)
     * @description Sent to `callback.url` when the submission’s `callback.events` include this type (all types when absent). At least once: a redelivery has the same `webhook-id`.
     */
    post: operations['on_job_succeeded'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'job.failed': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * job.failed (to a submission's callback)
     * @description Sent to `callback.url` when the submission’s `callback.events` include this type (all types when absent). At least once: a redelivery has the same `webhook-id`.
     */
    post: operations['on_job_failed'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export interface components {
  schemas: {
    /** @description An operation succeeded; `data.result` says what it left behind. */
    Event_operation_succeeded: {
      /** @description evt_…: the same for the same transition, however often it is sent */
      id: string;
      /** @enum {string} */
      type: 'operation.succeeded';
      /** @description ISO 8601, when the transition was seen */
      timestamp: string;
      data: components['schemas']['EventData'];
    };
    EventData: {
      cluster: string;
      /** @enum {string} */
      kind: 'Job' | 'Namespace';
      /** @description Absent for namespaces */
      namespace?: string;
      name: string;
      /** @description The id of the API key that submitted the operation (never the key) */
      principal: string;
      operationId?: string;
      batchId?: string;
      requestId?: string;
      command?: string;
      /** @description operation.failed and operation.retrying: what went wrong */
      error?: {
        code: string;
        message: string;
      };
      /** @description operation.retrying: the attempt that failed */
      attempt?: number;
      /** @description operation.retrying: when the next attempt runs */
      nextRetryAt?: string;
      /** @description operation.succeeded: what the command left behind (uid, the name drawn) */
      result?: {
        [key: string]: unknown;
      };
      job?: components['schemas']['JobEventState'];
      /** @description When the operation was submitted; on job.* events the Job's creation time once the operation has expired */
      submittedAt?: string;
      /** @description operation.succeeded and operation.failed: attempts the run took */
      attempts?: number;
      /** @description The Job's container images: job.* events and a job.create's operation.succeeded */
      images?: string[];
      /** @description The Job's labels: job.* events and a job.create's operation.succeeded */
      labels?: {
        [key: string]: string;
      };
    };
    /** @description job.* events */
    JobEventState: {
      uid: string;
      /** @enum {string} */
      phase: 'Running' | 'Succeeded' | 'Failed';
      /** @description The reason of the terminal condition: BackoffLimitExceeded, DeadlineExceeded… */
      reason?: string;
      message?: string;
      active: number;
      succeeded: number;
      failed: number;
      startTime?: string;
      completionTime?: string;
      /** @description When the terminal condition became true (a failed Job has no completionTime) */
      finishedAt?: string;
      /** @description The Job's resourceVersion as the watch saw it */
      resourceVersion?: string;
    };
    /** @description An operation failed for good; `data.error` says why. */
    Event_operation_failed: {
      /** @description evt_…: the same for the same transition, however often it is sent */
      id: string;
      /** @enum {string} */
      type: 'operation.failed';
      /** @description ISO 8601, when the transition was seen */
      timestamp: string;
      data: components['schemas']['EventData'];
    };
    /** @description An attempt of an operation failed and another is scheduled: `data.error`, `data.attempt`, `data.nextRetryAt`. */
    Event_operation_retrying: {
      /** @description evt_…: the same for the same transition, however often it is sent */
      id: string;
      /** @enum {string} */
      type: 'operation.retrying';
      /** @description ISO 8601, when the transition was seen */
      timestamp: string;
      data: components['schemas']['EventData'];
    };
    /** @description A Job eks-jobs created has started (`data.job`). */
    Event_job_running: {
      /** @description evt_…: the same for the same transition, however often it is sent */
      id: string;
      /** @enum {string} */
      type: 'job.running';
      /** @description ISO 8601, when the transition was seen */
      timestamp: string;
      data: components['schemas']['EventData'];
    };
    /** @description A Job eks-jobs created completed (`data.job`, with its counts and times). */
    Event_job_succeeded: {
      /** @description evt_…: the same for the same transition, however often it is sent */
      id: string;
      /** @enum {string} */
      type: 'job.succeeded';
      /** @description ISO 8601, when the transition was seen */
      timestamp: string;
      data: components['schemas']['EventData'];
    };
    /** @description A Job eks-jobs created failed (`data.job.reason`: BackoffLimitExceeded, DeadlineExceeded…). */
    Event_job_failed: {
      /** @description evt_…: the same for the same transition, however often it is sent */
      id: string;
      /** @enum {string} */
      type: 'job.failed';
      /** @description ISO 8601, when the transition was seen */
      timestamp: string;
      data: components['schemas']['EventData'];
    };
    Error: {
      error: {
        /** @enum {string} */
        code:
          | 'BadRequest'
          | 'MalformedJson'
          | 'Unauthorized'
          | 'Forbidden'
          | 'NotFound'
          | 'RouteNotFound'
          | 'ClusterNotFound'
          | 'NamespaceNotFound'
          | 'JobNotFound'
          | 'OperationNotFound'
          | 'BatchNotFound'
          | 'PodNotFound'
          | 'DeliveryNotFound'
          | 'TemplateNotFound'
          | 'TemplatesNotConfigured'
          | 'HistoryJobNotFound'
          | 'HistoryDisabled'
          | 'MethodNotAllowed'
          | 'Conflict'
          | 'OperationNotRetryable'
          | 'DeliveryNotRetryable'
          | 'OperationRunning'
          | 'OperationFinished'
          | 'ObjectExists'
          | 'AlreadyExists'
          | 'NamespaceTerminating'
          | 'TemplateExists'
          | 'PreconditionFailed'
          | 'PayloadTooLarge'
          | 'UnsupportedMediaType'
          | 'ValidationFailed'
          | 'Invalid'
          | 'IdempotencyKeyReused'
          | 'PolicyViolation'
          | 'InvalidCommand'
          | 'InvalidCursor'
          | 'RateLimited'
          | 'QueueFull'
          | 'Internal'
          | 'ClusterError'
          | 'QueueUnavailable'
          | 'ReplicationTimeout'
          | 'ServerBusy'
          | 'ClusterUnavailable'
          | 'DatabaseUnavailable'
          | 'Timeout';
        message: string;
        requestId: string;
        details?: unknown;
      };
    };
    Health: {
      /** @enum {string} */
      status: 'healthy' | 'unhealthy';
      /** @enum {string} */
      redis: 'ok' | 'unavailable';
      defaultCluster: string;
      clusters: {
        [key: string]: {
          /** @enum {string} */
          status: 'ok' | 'unreachable';
          latencyMs?: number;
          error?: string;
        };
      };
    };
    /** @description A batch/v1 Job as the cluster stores it */
    JobObject: {
      /** @enum {string} */
      apiVersion?: 'batch/v1';
      /** @enum {string} */
      kind?: 'Job';
      metadata?: components['schemas']['ObjectMeta'];
      spec?: {
        template: {
          metadata?: components['schemas']['ObjectMeta'];
          spec?: {
            containers: ({
              name: string;
              image?: string;
              command?: string[];
              args?: string[];
            } & {
              [key: string]: unknown;
            })[];
            restartPolicy?: string;
            serviceAccountName?: string;
          } & {
            [key: string]: unknown;
          };
        } & {
          [key: string]: unknown;
        };
        parallelism?: number;
        completions?: number;
        completionMode?: string;
        backoffLimit?: number;
        activeDeadlineSeconds?: number;
        ttlSecondsAfterFinished?: number;
        suspend?: boolean;
      } & {
        [key: string]: unknown;
      };
      status?: {
        active?: number;
        ready?: number;
        succeeded?: number;
        failed?: number;
        terminating?: number;
        startTime?: string;
        completionTime?: string;
        conditions?: {
          type: string;
          status: string;
          reason?: string;
          message?: string;
          lastTransitionTime?: string;
        }[];
      } & {
        [key: string]: unknown;
      };
    };
    ObjectMeta: {
      name?: string;
      generateName?: string;
      namespace?: string;
      uid?: string;
      resourceVersion?: string;
      generation?: number;
      creationTimestamp?: string;
      deletionTimestamp?: string;
      labels?: {
        [key: string]: string;
      };
      annotations?: {
        [key: string]: string;
      };
    } & {
      [key: string]: unknown;
    };
    Operation: {
      id: string;
      command: string;
      cluster: string;
      target: {
        namespace?: string;
        name: string;
      };
      /** @enum {string} */
      state: 'queued' | 'running' | 'succeeded' | 'failed';
      attempts: {
        made: number;
        max: number;
      };
      nextRetryAt?: string;
      result?: {
        uid?: string;
        resourceVersion?: string;
        name: string;
        namespace?: string;
        replayed?: boolean;
        alreadyGone?: boolean;
      };
      error?: {
        code: string;
        message: string;
        retryable: boolean;
        httpStatus?: number;
        causes?: {
          reason?: string;
          message?: string;
          field?: string;
        }[];
      };
      createdAt: string;
      startedAt?: string;
      finishedAt?: string;
      requestId: string;
      principal: string;
      batchId?: string;
      callback?: components['schemas']['Callback'];
    };
    /**
     * @example {
     *       "url": "https://ci.example.com/hooks/eks-jobs"
     *     }
     */
    Callback: {
      url: string;
      events?: (
        | 'operation.succeeded'
        | 'operation.failed'
        | 'operation.retrying'
        | 'job.running'
        | 'job.succeeded'
        | 'job.failed'
      )[];
    };
    JobSubmitBody:
      | components['schemas']['JobManifest']
      | components['schemas']['JobShortForm']
      | components['schemas']['TemplateSubmission'];
    JobManifest: {
      /** @enum {string} */
      apiVersion: 'batch/v1';
      /** @enum {string} */
      kind: 'Job';
      metadata: {
        name?: string;
        generateName?: string;
        namespace?: string;
        labels?: {
          [key: string]: string;
        };
        annotations?: {
          [key: string]: string;
        };
      } & {
        [key: string]: unknown;
      };
      spec: {
        template: {
          metadata?: {
            labels?: {
              [key: string]: string;
            };
          } & {
            [key: string]: unknown;
          };
          spec: {
            containers: ({
              name: string;
              image: string;
            } & {
              [key: string]: unknown;
            })[];
            /** @enum {string} */
            restartPolicy: 'Never' | 'OnFailure';
          } & {
            [key: string]: unknown;
          };
        } & {
          [key: string]: unknown;
        };
      } & {
        [key: string]: unknown;
      };
      status?: {
        [key: string]: unknown;
      };
      callback?: components['schemas']['Callback'] & unknown;
    } & {
      [key: string]: unknown;
    };
    /**
     * @example {
     *       "generateName": "report-",
     *       "image": "busybox:1.36",
     *       "command": [
     *         "sh",
     *         "-c",
     *         "echo hello"
     *       ]
     *     }
     */
    JobShortForm: {
      /** @description Final name; give this or generateName */
      name?: string;
      /** @description Prefix; the API appends 5 random characters and answers the final name at once */
      generateName?: string;
      /** @description Container image */
      image: string;
      command?: string[];
      args?: string[];
      env?:
        | {
            [key: string]: string;
          }
        | ({
            name: string;
            value?: string;
          } & {
            [key: string]: unknown;
          })[];
      /**
       * @example {
       *       "requests": {
       *         "cpu": "100m",
       *         "memory": "128Mi"
       *       },
       *       "limits": {
       *         "memory": "256Mi"
       *       }
       *     }
       */
      resources?: {
        requests?: {
          [key: string]: string;
        };
        limits?: {
          [key: string]: string;
        };
      };
      labels?: {
        [key: string]: string;
      };
      annotations?: {
        [key: string]: string;
      };
      backoffLimit?: number;
      activeDeadlineSeconds?: number;
      ttlSecondsAfterFinished?: number;
      serviceAccountName?: string;
      callback?: components['schemas']['Callback'];
    };
    /**
     * @example {
     *       "template": "nightly-report:3",
     *       "parameters": {
     *         "date": "2025-01-31"
     *       }
     *     }
     */
    TemplateSubmission: {
      /** @example nightly-report:3 */
      template: string;
      /**
       * @description Values by parameter name; checked against the template (422 naming the parameter)
       * @default {}
       */
      parameters: {
        [key: string]: unknown;
      };
      callback?: components['schemas']['Callback'];
    };
    /**
     * @example {
     *       "callback": {
     *         "url": "https://ci.example.com/hooks/eks-jobs"
     *       }
     *     }
     */
    DeleteOptions: {
      callback?: components['schemas']['Callback'];
    };
    /**
     * @example {
     *       "suspend": true
     *     }
     */
    JobUpdate: {
      suspend: boolean;
      callback?: components['schemas']['Callback'];
    };
    JobStatus: {
      namespace: string;
      name: string;
      uid?: string;
      /** @enum {string} */
      phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Suspended';
      reason?: string;
      message?: string;
      counts: {
        active: number;
        ready: number;
        succeeded: number;
        failed: number;
        terminating: number;
      };
      completions?: number;
      parallelism?: number;
      createdAt?: string;
      startTime?: string;
      completionTime?: string;
      conditions: {
        type: string;
        status: string;
        reason?: string;
        message?: string;
        lastTransitionTime?: string;
      }[];
      /** @description The operation that created the Job */
      operationId?: string;
      /** @description The batch the Job was created in */
      batchId?: string;
      labels: {
        [key: string]: string;
      };
    };
    JobList: {
      /** @description Status summaries; with `view=full` the Jobs as stored */
      items: (components['schemas']['JobStatus'] | components['schemas']['JobObject'])[];
      /** @description Pass as `continue` to read the next page */
      continue?: string;
    };
    /** @description A v1 Namespace as the cluster stores it */
    NamespaceObject: {
      /** @enum {string} */
      apiVersion?: 'v1';
      /** @enum {string} */
      kind?: 'Namespace';
      metadata?: components['schemas']['ObjectMeta'];
      spec?: {
        finalizers?: string[];
      } & {
        [key: string]: unknown;
      };
      status?: {
        /** @enum {string} */
        phase?: 'Active' | 'Terminating';
      } & {
        [key: string]: unknown;
      };
    };
    /**
     * @example {
     *       "name": "team-a"
     *     }
     */
    NamespaceCreateBody: {
      /** @example team-a */
      name: string;
      labels?: {
        [key: string]: string;
      };
      annotations?: {
        [key: string]: string;
      };
      callback?: components['schemas']['Callback'];
    };
    OperationList: {
      items: components['schemas']['Operation'][];
      nextCursor?: string;
    };
    BatchAccepted: {
      id: string;
      cluster: string;
      total: number;
      operations: {
        id: string;
        namespace: string;
        name: string;
        /** @enum {string} */
        state: 'queued' | 'running' | 'succeeded' | 'failed';
      }[];
    };
    BatchCreateBody: {
      items: components['schemas']['BatchItem'][];
      callback?: components['schemas']['Callback'] & unknown;
    };
    BatchItem: components['schemas']['JobBatchItem'] | components['schemas']['TemplateBatchItem'];
    JobBatchItem: {
      /** @example team-a */
      namespace: string;
      job: components['schemas']['JobCreateBody'];
    };
    JobCreateBody: components['schemas']['JobManifest'] | components['schemas']['JobShortForm'];
    /**
     * @example {
     *       "namespace": "team-a",
     *       "template": "nightly-report",
     *       "parameters": {
     *         "date": "2025-01-31"
     *       }
     *     }
     */
    TemplateBatchItem: {
      /** @example team-a */
      namespace: string;
      /** @example nightly-report:3 */
      template: string;
      /**
       * @description Values by parameter name; checked against the template (422 naming the parameter)
       * @default {}
       */
      parameters: {
        [key: string]: unknown;
      };
    };
    BatchProgress: {
      id: string;
      cluster: string;
      createdAt: string;
      total: number;
      queued: number;
      running: number;
      succeeded: number;
      failed: number;
      /** @description queued items cancelled with DELETE /v1/operations/{id} */
      cancelled: number;
      /** @description true once every operation has succeeded, failed or been cancelled */
      done: boolean;
      operationIds: string[];
    };
    HistoryJobList: {
      /** @description Newest submission first */
      items: components['schemas']['HistoryJob'][];
      /** @description Pass as cursor, with the same filters, for the next page */
      nextCursor?: string;
    };
    HistoryJob: {
      cluster: string;
      /** @description The Job's metadata.uid */
      uid: string;
      namespace: string;
      name: string;
      /**
       * @description The last phase recorded; Deleted: the Job was deleted before it finished
       * @enum {string}
       */
      phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Deleted';
      /** @description Why it failed: BackoffLimitExceeded, DeadlineExceeded… */
      reason?: string;
      counts: {
        active: number;
        succeeded: number;
        failed: number;
      };
      /** @description When its operation was submitted (ISO 8601) */
      submittedAt: string;
      startedAt?: string;
      finishedAt?: string;
      /** @description Container images of its pods (init containers last) */
      images: string[];
      labels: {
        [key: string]: string;
      };
      /** @description The id of the API key that submitted it */
      submittedBy?: string;
      operationId?: string;
      batchId?: string;
      requestId?: string;
      template?: string;
      templateRevision?: number;
      /** @description When this record last changed */
      updatedAt: string;
    };
    /**
     * @example {
     *       "namespace": "team-a",
     *       "job_name": "hello",
     *       "image": "busybox:1.36",
     *       "command": "echo hello"
     *     }
     */
    SeedCreateJob: {
      /** @example team-a */
      namespace: string;
      /**
       * @description Final name; give this or generate_name
       * @example report-7f2kq
       */
      job_name?: string;
      generate_name?: string;
      image: string;
      /** @description A list, or a string run with sh -c */
      command?: string[] | string;
      args?: string[];
      env?: {
        [key: string]: string;
      };
      labels?: {
        [key: string]: string;
      };
      backoff_limit?: number;
      active_deadline_seconds?: number;
      ttl_seconds_after_finished?: number;
    };
    SeedJobStatus: {
      job_name: string;
      namespace: string;
      /** @enum {string} */
      status: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Suspended';
      active: number;
      succeeded: number;
      failed: number;
      start_time: string | null;
      completion_time: string | null;
      reason: string | null;
      operation_id: string | null;
    };
    SeedCreateNamespace: {
      /** @example team-a */
      namespace: string;
    };
    WebhookDeliveryList: {
      items: components['schemas']['WebhookDelivery'][];
      /** @description Pass as cursor for the next page; a page may be short while more follow */
      nextCursor?: string;
    };
    WebhookDelivery: {
      /** @description dlv_…, one per event and callback */
      id: string;
      /**
       * @description pending: waiting, being sent or retrying after a failed attempt; delivered: a 2xx; failed: retried for WEBHOOK_RETRY_FOR (or not deliverable), can be re-driven; disabled: the receiver answered 410 Gone, to this delivery or an earlier one
       * @enum {string}
       */
      state: 'pending' | 'delivered' | 'failed' | 'disabled';
      /** @description The API key id whose callback this is */
      principal: string;
      event: {
        id: string;
        type: string;
        timestamp: string;
        cluster: string;
        kind: string;
        namespace?: string;
        name: string;
        operationId?: string;
        batchId?: string;
      };
      /** @description The callback URL; a query string is shown as ?REDACTED */
      url: string;
      /** @description Attempts made since the delivery was enqueued or last re-driven */
      attempts: number;
      /** @description Why the last failed attempt failed */
      lastError?: string;
      /** @description Pending after a failed attempt: when the next is due */
      nextAttemptAt?: string;
      delivered?: {
        status: number;
        at: string;
      };
      disabled?: {
        /** @enum {string} */
        reason: 'gone' | 'disabled';
        status?: number;
        at: string;
      };
      failedAt?: string;
      createdAt: string;
      redrivenAt?: string;
    };
    Template: {
      name: string;
      /** @description The newest revision (also the ETag) */
      revision: number;
      namespaces: string[];
      description?: string;
      parameters: components['schemas']['TemplateParameter'][];
      job: {
        [key: string]: unknown;
      };
      /** @description API key id that made it */
      createdBy: string;
      /** @description ISO 8601 */
      createdAt: string;
      /** @description API key id that made the newest revision */
      updatedBy: string;
      /** @description ISO 8601 */
      updatedAt: string;
    };
    /**
     * @example {
     *       "name": "date",
     *       "type": "string",
     *       "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
     *       "required": true
     *     }
     */
    TemplateParameter: {
      /** @example date */
      name: string;
      /** @enum {string} */
      type: 'string' | 'integer' | 'number' | 'boolean' | 'array';
      description?: string;
      /** @description A parameter with no `default` is required and one with a default is not; say so or leave it out */
      required?: boolean;
      /** @description Of the declared type; used when a submission gives no value */
      default?: string[] | string | number | boolean;
      /** @description The only values allowed (for an array: for each item); not for booleans */
      enum?: (string | number)[];
      /** @description RE2 regular expression a string (or each item of an array) must match somewhere; anchor it with ^…$. No backreferences or lookaround */
      pattern?: string;
      /** @description For integer and number parameters, inclusive */
      minimum?: number;
      /** @description For integer and number parameters, inclusive */
      maximum?: number;
    };
    /**
     * @example {
     *       "name": "nightly-report",
     *       "description": "The report of one day",
     *       "namespaces": [
     *         "team-a-*"
     *       ],
     *       "parameters": [
     *         {
     *           "name": "date",
     *           "type": "string",
     *           "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
     *           "required": true
     *         }
     *       ],
     *       "job": {
     *         "generateName": "report-",
     *         "image": "busybox:1.36",
     *         "command": [
     *           "sh",
     *           "-c",
     *           "echo report of \"$DAY\""
     *         ],
     *         "env": {
     *           "DAY": "{{ date }}"
     *         }
     *       }
     *     }
     */
    TemplateCreate: {
      /** @example nightly-report */
      name: string;
      description?: string;
      /** @default [] */
      parameters: components['schemas']['TemplateParameter'][];
      /** @description What `POST …/jobs` accepts (`JobCreateBody`: a batch/v1 Job manifest or the short form), in which string values may hold `{{ name }}` placeholders; a string that is exactly one placeholder takes the typed value. Rendered with the defaults it must be a valid Job. */
      job: {
        [key: string]: unknown;
      };
      /**
       * @description Namespace names or glob patterns (`*`, `?`) the template may be submitted into, as API keys’ `namespaces` scopes are written; wildcards never match kube-system, kube-public or kube-node-lease. Each must lie within the writing key’s own `namespaces`. Default: the writing key’s `namespaces`
       * @example [
       *       "team-a-*"
       *     ]
       */
      namespaces?: string[];
    };
    TemplateList: {
      items: components['schemas']['TemplateSummary'][];
      /** @description Pass as cursor for the next page; a page may be short while more follow */
      nextCursor?: string;
    };
    TemplateSummary: {
      name: string;
      /** @description The newest revision (also the ETag) */
      revision: number;
      namespaces: string[];
      description?: string;
      /** @description API key id that made it */
      createdBy: string;
      /** @description ISO 8601 */
      createdAt: string;
      /** @description API key id that made the newest revision */
      updatedBy: string;
      /** @description ISO 8601 */
      updatedAt: string;
    };
    TemplateRevise: {
      /**
       * @description The path’s name, if given
       * @example nightly-report
       */
      name?: string;
      description?: string;
      /** @default [] */
      parameters: components['schemas']['TemplateParameter'][];
      /** @description What `POST …/jobs` accepts (`JobCreateBody`: a batch/v1 Job manifest or the short form), in which string values may hold `{{ name }}` placeholders; a string that is exactly one placeholder takes the typed value. Rendered with the defaults it must be a valid Job. */
      job: {
        [key: string]: unknown;
      };
      /**
       * @description New namespace patterns; the template’s current ones when left out
       * @example [
       *       "team-a-*"
       *     ]
       */
      namespaces?: string[];
    };
    TemplateRevisionList: {
      items: components['schemas']['TemplateRevisionSummary'][];
      /** @description Pass as cursor for the next page */
      nextCursor?: string;
    };
    TemplateRevisionSummary: {
      name: string;
      revision: number;
      description?: string;
      /** @description API key id that made it */
      createdBy: string;
      /** @description ISO 8601 */
      createdAt: string;
    };
    TemplateRevision: {
      name: string;
      revision: number;
      description?: string;
      parameters: components['schemas']['TemplateParameter'][];
      job: {
        [key: string]: unknown;
      };
      /** @description API key id that made it */
      createdBy: string;
      /** @description ISO 8601 */
      createdAt: string;
    };
    AuditPage: {
      items: components['schemas']['AuditRecord'][];
      /** @description Pass as `before` for the next (older) page */
      nextCursor?: string;
    };
    AuditRecord: {
      /** @description Stream entry id; also the paging cursor */
      id: string;
      /** @description When the request was answered (ISO 8601) */
      time: string;
      requestId: string;
      /** @description Key id of the caller; null when no known key was sent */
      principal: string | null;
      /** @example job.create */
      action: string;
      cluster: string | null;
      target: {
        /** @enum {string} */
        kind?: 'job' | 'namespace' | 'batch' | 'operation' | 'template' | 'request';
        namespace?: string;
        name?: string;
        count?: number;
      };
      operationIds: string[];
      /** @enum {string} */
      outcome: 'accepted' | 'denied' | 'throttled' | 'rejected' | 'error';
      status: number;
      errorCode?: string;
      dryRun?: boolean;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: {
    /** @description The request id: the caller’s `X-Request-Id` when it is sane, a new UUID otherwise; also `error.requestId` and in the logs */
    'X-Request-Id': string;
    /** @description Requests the API key may make per window (only for keys with a rate limit) */
    'RateLimit-Limit': number;
    /** @description Requests left in the current window (only for keys with a rate limit) */
    'RateLimit-Remaining': number;
    /** @description Seconds to wait before retrying. Always on 429; on 503 when the condition is passing (QueueUnavailable, ReplicationTimeout, ServerBusy, a cluster rate limiting) */
    'Retry-After': number;
    /** @description The Bearer challenge (RFC 6750): `Bearer realm="eks-jobs"`, with `error="invalid_token"` for an unknown key */
    'WWW-Authenticate': string;
    /** @description Where the answer points. 202 and a `Prefer: wait` 200: the operation, `/v1/operations/{id}` (a batch: `/v1/batches/{id}`); 201: the created object; 303: the page to go to */
    Location: string;
    /** @description The operation this answer shows, `/v1/operations/{id}` */
    'Content-Location': string;
    /** @description `true` when an earlier request with the same `Idempotency-Key` made this operation */
    'Idempotent-Replayed': 'true';
    /** @description With `Prefer: wait=N`: the wait the server applied, `wait=N` */
    'Preference-Applied': string;
    /** @description A template’s newest revision, quoted (`"3"`); send it back in `If-Match` to revise or delete only that one */
    ETag: string;
    /** @description The pod whose log this is */
    'X-Pod-Name': string;
  };
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  getLiveness: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The process is up */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @enum {string} */
            status: 'ok';
          };
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getReadiness: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Ready */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @enum {string} */
            status: 'ok' | 'unavailable';
            checks: {
              redis: boolean;
              /** @description The server is shutting down: finish, then go elsewhere */
              draining: boolean;
            };
          };
        };
      };
      /** @description Not ready */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @enum {string} */
            status: 'ok' | 'unavailable';
            checks: {
              redis: boolean;
              /** @description The server is shutting down: finish, then go elsewhere */
              draining: boolean;
            };
          };
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getHealth: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Healthy */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Health'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Redis or a cluster is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Health'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getMetrics: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Prometheus text format */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'text/plain': string;
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listJobs: {
    parameters: {
      query?: {
        labelSelector?: string;
        /** @description Only Jobs in these phases (as the status summary shows them), comma-separated */
        phase?: string;
        /** @description Only Jobs created at or after this instant (ISO 8601) */
        createdAfter?: string;
        /** @description Only Jobs created before this instant (ISO 8601) */
        createdBefore?: string;
        /** @description Only the Job this operation created (`eks-jobs/operation`) */
        operation?: string;
        /** @description Only the Jobs this batch created (`eks-jobs/batch`) */
        batch?: string;
        limit?: number;
        /** @description `continue` token of the previous page, with the same filters */
        continue?: string;
        view?: 'summary' | 'full';
      };
      header?: never;
      path: {
        ns: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of Jobs; pass `continue` to read the next */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['JobList'];
        };
      };
      /** @description Malformed JSON or a bad query */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Method not allowed */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Validation failed; details.issues lists every problem */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The cluster answered with an error */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  createJob: {
    parameters: {
      query?: {
        /** @description Validate through the cluster’s server-side dry run; nothing is enqueued or created */
        dryRun?: '0' | '1' | 'true' | 'false';
      };
      header?: {
        /** @description Same key + same body → the original operation; same key + other body → 422 */
        'idempotency-key'?: string;
        /** @description `wait=N` (N ≤ 60): hold the answer until the operation ends or N seconds pass. A failure in time answers its error (e.g. 404 NamespaceNotFound, 409 AlreadyExists) with the operation in `details.operation` */
        prefer?: string;
      };
      path: {
        ns: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['JobSubmitBody'];
      };
    };
    responses: {
      /** @description Dry run (`?dryRun=true`): the Job as the cluster would store it */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['JobObject'];
        };
      };
      /** @description With Prefer: wait — the Job was created in time; Location: the Job */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          Location: components['headers']['Location'];
          'Content-Location': components['headers']['Content-Location'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          'Preference-Applied': components['headers']['Preference-Applied'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Operation'];
        };
      };
      /** @description Accepted: the operation; Location: /v1/operations/{id} */
      202: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          Location: components['headers']['Location'];
          'Content-Location': components['headers']['Content-Location'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          'Preference-Applied': components['headers']['Preference-Applied'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Operation'];
        };
      };
      /** @description Malformed JSON or a bad query */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Method not allowed */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Body larger than MAX_BODY_BYTES */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Body is not application/json */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Validation failed; details.issues lists every problem */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The cluster answered with an error */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getJob: {
    parameters: {
      query?: {
        /** @description full returns the Job object as stored */
        view?: 'summary' | 'full';
      };
      header?: never;
      path: {
        ns: string;
        name: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The status summary (`JobStatus`); with `?view=full` the Job as stored (`JobObject`): `'phase' in job` tells them apart */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['JobStatus'] | components['schemas']['JobObject'];
        };
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Method not allowed */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Validation failed; details.issues lists every problem */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The cluster answered with an error */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  deleteJob: {
    parameters: {
      query?: {
        /** @description Background (default) deletes the pods too; Orphan leaves them running */
        propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
      };
      header?: {
        /** @description Same key + same body → the original operation; same key + other body → 422 */
        'idempotency-key'?: string;
        /** @description `wait=N` (N ≤ 60): hold the answer until the operation ends or N seconds pass. A failure in time answers its error (e.g. 404 NamespaceNotFound, 409 AlreadyExists) with the operation in `details.operation` */
        prefer?: string;
      };
      path: {
        ns: string;
        name: string;
      };
      cookie?: never;
    };
    /** @description Optional: a `callback` for the deletion’s events */
    requestBody?: {
      content: {
        'application/json': components['schemas']['DeleteOptions'];
      };
    };
    responses: {
      /** @description With Prefer: wait — the operation ended in time */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          Location: components['headers']['Location'];
          'Content-Location': components['headers']['Content-Location'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          'Preference-Applied': components['headers']['Preference-Applied'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Operation'];
        };
      };
      /** @description Accepted: the operation */
      202: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          Location: components['headers']['Location'];
          'Content-Location': components['headers']['Content-Location'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          'Preference-Applied': components['headers']['Preference-Applied'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Operation'];
        };
      };
      /** @description Malformed JSON or a bad query */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Method not allowed */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Body is not application/json */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Validation failed; details.issues lists every problem */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  updateJob: {
    parameters: {
      query?: never;
      header?: {
        /** @description Same key + same body → the original operation; same key + other body → 422 */
        'idempotency-key'?: string;
        /** @description `wait=N` (N ≤ 60): hold the answer until the operation ends or N seconds pass. A failure in time answers its error (e.g. 404 NamespaceNotFound, 409 AlreadyExists) with the operation in `details.operation` */
        prefer?: string;
      };
      path: {
        ns: string;
        name: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['JobUpdate'];
      };
    };
    responses: {
      /** @description With Prefer: wait — the operation ended in time */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          Location: components['headers']['Location'];
          'Content-Location': components['headers']['Content-Location'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          'Preference-Applied': components['headers']['Preference-Applied'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Operation'];
        };
      };
      /** @description Accepted: the operation */
      202: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          Location: components['headers']['Location'];
          'Content-Location': components['headers']['Content-Location'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          'Preference-Applied': components['headers']['Preference-Applied'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Operation'];
        };
      };
      /** @description Malformed JSON or a bad query */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Method not allowed */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Body larger than MAX_BODY_BYTES */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Body is not application/json */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Validation failed; details.issues lists every problem */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listAllJobs: {
    parameters: {
      query?: {
        labelSelector?: string;
        /** @description Only Jobs in these phases (as the status summary shows them), comma-separated */
        phase?: string;
        /** @description Only Jobs created at or after this instant (ISO 8601) */
        createdAfter?: string;
        /** @description Only Jobs created before this instant (ISO 8601) */
        createdBefore?: string;
        /** @description Only the Job this operation created (`eks-jobs/operation`) */
        operation?: string;
        /** @description Only the Jobs this batch created (`eks-jobs/batch`) */
        batch?: string;
        limit?: number;
        /** @description `continue` token of the previous page, with the same filters */
        continue?: string;
        view?: 'summary' | 'full';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of Jobs; pass `continue` to read the next */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['JobList'];
        };
      };
      /** @description Malformed JSON or a bad query */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Method not allowed */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Validation failed; details.issues lists every problem */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The cluster answered with an error */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getJobLogs: {
    parameters: {
      query?: {
        /** @description A pod of this Job; default the newest */
        pod?: string;
        /** @description Indexed Jobs: the newest pod of this completion index */
        index?: number;
        /** @description Required when the pod has several containers */
        container?: string;
        /** @description Stream the log until the container ends or the client leaves */
        follow?: '0' | '1' | 'true' | 'false';
        /** @description At most this many bytes (up to 10 MiB); a read without follow returns at most that */
        limitBytes?: number;
        /** @description Only lines written in the last N seconds */
        sinceSeconds?: number;
        tailLines?: number;
        /** @description Prefix each line with its RFC 3339 time */
        timestamps?: '0' | '1' | 'true' | 'false';
        /** @description Logs of the previous container instance */
        previous?: '0' | '1' | 'true' | 'false';
      };
      header?: never;
      path: {
        ns: string;
        name: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The log */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'X-Pod-Name': components['headers']['X-Pod-Name'];
          [name: string]: unknown;
        };
        content: {
          'text/plain': string;
        };
      };
      /** @description Malformed JSON or a bad query */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Method not allowed */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Validation failed; details.issues lists every problem */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The cluster answered with an error */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  createNamespace: {
    parameters: {
      query?: {
        /** @description Validate through the cluster’s server-side dry run; nothing is enqueued or created */
        dryRun?: '0' | '1' | 'true' | 'false';
      };
      header?: {
        /** @description Same key + same body → the original operation; same key + other body → 422 */
        'idempotency-key'?: string;
        /** @description `wait=N` (N ≤ 60): hold the answer until the operation ends or N seconds pass. A failure in time answers its error (e.g. 404 NamespaceNotFound, 409 AlreadyExists) with the operation in `details.operation` */
        prefer?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['NamespaceCreateBody'];
      };
    };
    responses: {
      /** @description Dry run (`?dryRun=true`): the Namespace as the cluster would store it */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['NamespaceObject'];
        };
      };
      /** @description With Prefer: wait — the Namespace was created in time; Location: its jobs */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          Location: components['headers']['Location'];
          'Content-Location': components['headers']['Content-Location'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          'Preference-Applied': components['headers']['Preference-Applied'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Operation'];
        };
      };
      /** @description Accepted: the operation; Location: /v1/operations/{id} */
      202: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          Location: components['headers']['Location'];
          'Content-Location': components['headers']['Content-Location'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          'Preference-Applied': components['headers']['Preference-Applied'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Operation'];
        };
      };
      /** @description Malformed JSON or a bad query */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Method not allowed */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Body larger than MAX_BODY_BYTES */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Body is not application/json */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Validation failed; details.issues lists every problem */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The cluster answered with an error */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  deleteNamespace: {
    parameters: {
      query?: never;
      header?: {
        /** @description Same key + same body → the original operation; same key + other body → 422 */
        'idempotency-key'?: string;
        /** @description `wait=N` (N ≤ 60): hold the answer until the operation ends or N seconds pass. A failure in time answers its error (e.g. 404 NamespaceNotFound, 409 AlreadyExists) with the operation in `details.operation` */
        prefer?: string;
      };
      path: {
        name: string;
      };
      cookie?: never;
    };
    /** @description Optional: a `callback` for the deletion’s events */
    requestBody?: {
      content: {
        'application/json': components['schemas']['DeleteOptions'];
      };
    };
    responses: {
      /** @description With Prefer: wait — the operation ended in time */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          Location: components['headers']['Location'];
          'Content-Location': components['headers']['Content-Location'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          'Preference-Applied': components['headers']['Preference-Applied'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Operation'];
        };
      };
      /** @description Accepted: the operation */
      202: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          Location: components['headers']['Location'];
          'Content-Location': components['headers']['Content-Location'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          'Preference-Applied': components['headers']['Preference-Applied'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Operation'];
        };
      };
      /** @description Malformed JSON or a bad query */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Method not allowed */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Body is not application/json */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Validation failed; details.issues lists every problem */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getOperation: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The operation */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Operation'];
        };
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Method not allowed */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  cancelOperation: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Cancelled */
      204: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Method not allowed */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listOperations: {
    parameters: {
      query?: {
        state?: 'queued' | 'running' | 'succeeded' | 'failed';
        limit?: number;
        /** @description nextCursor of the previous page */
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of operations; pass nextCursor as cursor for the next */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OperationList'];
        };
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Method not allowed */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Validation failed; details.issues lists every problem */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  retryOperation: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description With Prefer: wait — it ended in time */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          Location: components['headers']['Location'];
          'Content-Location': components['headers']['Content-Location'];
          'Preference-Applied': components['headers']['Preference-Applied'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Operation'];
        };
      };
      /** @description Queued again */
      202: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          Location: components['headers']['Location'];
          'Content-Location': components['headers']['Content-Location'];
          'Preference-Applied': components['headers']['Preference-Applied'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Operation'];
        };
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Method not allowed */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  createBatch: {
    parameters: {
      query?: never;
      header?: {
        /** @description Same key + same body → the original operation; same key + other body → 422 */
        'idempotency-key'?: string;
        /** @description `wait=N` (N ≤ 60): hold the answer until the operation ends or N seconds pass. A failure in time answers its error (e.g. 404 NamespaceNotFound, 409 AlreadyExists) with the operation in `details.operation` */
        prefer?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['BatchCreateBody'];
      };
    };
    responses: {
      /** @description Accepted: the batch id and its operations; Location: /v1/batches/{id} */
      202: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          Location: components['headers']['Location'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BatchAccepted'];
        };
      };
      /** @description Malformed JSON or a bad query */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Method not allowed */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Body larger than MAX_BODY_BYTES */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Body is not application/json */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Validation failed; details.issues lists every problem */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getBatch: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Counts by state */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BatchProgress'];
        };
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Method not allowed */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listHistoryJobs: {
    parameters: {
      query?: {
        /** @description Only Jobs of this namespace (repeat for several); each must be one the key may read (403 otherwise). Without it: every namespace the key may read */
        namespace?: string[];
        /** @description Only Jobs in this phase (Deleted: removed before they finished) */
        phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Deleted';
        /** @description Only Jobs with this label, `key=value` (repeat: all of them) */
        label?: string[];
        /** @description Only Jobs submitted with this API key id */
        submittedBy?: string;
        /** @description Only Jobs submitted at or after this instant (ISO 8601) */
        since?: string;
        /** @description Only Jobs submitted at or before this instant (ISO 8601) */
        until?: string;
        /** @description nextCursor of the previous page, with the same filters */
        cursor?: string;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of Jobs */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['HistoryJobList'];
        };
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Method not allowed */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Validation failed; details.issues lists every problem */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getHistoryJob: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        uid: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The Job's history */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['HistoryJob'];
        };
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Method not allowed */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Validation failed; details.issues lists every problem */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listJobsInCluster: {
    parameters: {
      query?: {
        labelSelector?: string;
        /** @description Only Jobs in these phases (as the status summary shows them), comma-separated */
        phase?: string;
        /** @description Only Jobs created at or after this instant (ISO 8601) */
        createdAfter?: string;
        /** @description Only Jobs created before this instant (ISO 8601) */
        createdBefore?: string;
        /** @description Only the Job this operation created (`eks-jobs/operation`) */
        operation?: string;
        /** @description Only the Jobs this batch created (`eks-jobs/batch`) */
        batch?: string;
        limit?: number;
        /** @description `continue` token of the previous page, with the same filters */
        continue?: string;
        view?: 'summary' | 'full';
      };
      header?: never;
      path: {
        ns: string;
        cluster: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of Jobs; pass `continue` to read the next */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['JobList'];
        };
      };
      /** @description Malformed JSON or a bad query */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Method not allowed */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Validation failed; details.issues lists every problem */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The cluster answered with an error */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  createJobInCluster: {
    parameters: {
      query?: {
        /** @description Validate through the cluster’s server-side dry run; nothing is enqueued or created */
        dryRun?: '0' | '1' | 'true' | 'false';
      };
      header?: {
        /** @description Same key + same body → the original operation; same key + other body → 422 */
        'idempotency-key'?: string;
        /** @description `wait=N` (N ≤ 60): hold the answer until the operation ends or N seconds pass. A failure in time answers its error (e.g. 404 NamespaceNotFound, 409 AlreadyExists) with the operation in `details.operation` */
        prefer?: string;
      };
      path: {
        ns: string;
        cluster: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['JobSubmitBody'];
      };
    };
    responses: {
      /** @description Dry run (`?dryRun=true`): the Job as the cluster would store it */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['JobObject'];
        };
      };
      /** @description With Prefer: wait — the Job was created in time; Location: the Job */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          Location: components['headers']['Location'];
          'Content-Location': components['headers']['Content-Location'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          'Preference-Applied': components['headers']['Preference-Applied'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Operation'];
        };
      };
      /** @description Accepted: the operation; Location: /v1/operations/{id} */
      202: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          Location: components['headers']['Location'];
          'Content-Location': components['headers']['Content-Location'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          'Preference-Applied': components['headers']['Preference-Applied'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Operation'];
        };
      };
      /** @description Malformed JSON or a bad query */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Method not allowed */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Body larger than MAX_BODY_BYTES */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Body is not application/json */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Validation failed; details.issues lists every problem */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The cluster answered with an error */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getJobInCluster: {
    parameters: {
      query?: {
        /** @description full returns the Job object as stored */
        view?: 'summary' | 'full';
      };
      header?: never;
      path: {
        ns: string;
        name: string;
        cluster: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The status summary (`JobStatus`); with `?view=full` the Job as stored (`JobObject`): `'phase' in job` tells them apart */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['JobStatus'] | components['schemas']['JobObject'];
        };
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Method not allowed */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Validation failed; details.issues lists every problem */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The cluster answered with an error */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  deleteJobInCluster: {
    parameters: {
      query?: {
        /** @description Background (default) deletes the pods too; Orphan leaves them running */
        propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
      };
      header?: {
        /** @description Same key + same body → the original operation; same key + other body → 422 */
        'idempotency-key'?: string;
        /** @description `wait=N` (N ≤ 60): hold the answer until the operation ends or N seconds pass. A failure in time answers its error (e.g. 404 NamespaceNotFound, 409 AlreadyExists) with the operation in `details.operation` */
        prefer?: string;
      };
      path: {
        ns: string;
        name: string;
        cluster: string;
      };
      cookie?: never;
    };
    /** @description Optional: a `callback` for the deletion’s events */
    requestBody?: {
      content: {
        'application/json': components['schemas']['DeleteOptions'];
      };
    };
    responses: {
      /** @description With Prefer: wait — the operation ended in time */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          Location: components['headers']['Location'];
          'Content-Location': components['headers']['Content-Location'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          'Preference-Applied': components['headers']['Preference-Applied'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Operation'];
        };
      };
      /** @description Accepted: the operation */
      202: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          Location: components['headers']['Location'];
          'Content-Location': components['headers']['Content-Location'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          'Preference-Applied': components['headers']['Preference-Applied'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Operation'];
        };
      };
      /** @description Malformed JSON or a bad query */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Method not allowed */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Body is not application/json */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Validation failed; details.issues lists every problem */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  updateJobInCluster: {
    parameters: {
      query?: never;
      header?: {
        /** @description Same key + same body → the original operation; same key + other body → 422 */
        'idempotency-key'?: string;
        /** @description `wait=N` (N ≤ 60): hold the answer until the operation ends or N seconds pass. A failure in time answers its error (e.g. 404 NamespaceNotFound, 409 AlreadyExists) with the operation in `details.operation` */
        prefer?: string;
      };
      path: {
        ns: string;
        name: string;
        cluster: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['JobUpdate'];
      };
    };
    responses: {
      /** @description With Prefer: wait — the operation ended in time */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          Location: components['headers']['Location'];
          'Content-Location': components['headers']['Content-Location'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          'Preference-Applied': components['headers']['Preference-Applied'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Operation'];
        };
      };
      /** @description Accepted: the operation */
      202: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          Location: components['headers']['Location'];
          'Content-Location': components['headers']['Content-Location'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          'Preference-Applied': components['headers']['Preference-Applied'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Operation'];
        };
      };
      /** @description Malformed JSON or a bad query */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Method not allowed */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Body larger than MAX_BODY_BYTES */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Body is not application/json */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Validation failed; details.issues lists every problem */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listAllJobsInCluster: {
    parameters: {
      query?: {
        labelSelector?: string;
        /** @description Only Jobs in these phases (as the status summary shows them), comma-separated */
        phase?: string;
        /** @description Only Jobs created at or after this instant (ISO 8601) */
        createdAfter?: string;
        /** @description Only Jobs created before this instant (ISO 8601) */
        createdBefore?: string;
        /** @description Only the Job this operation created (`eks-jobs/operation`) */
        operation?: string;
        /** @description Only the Jobs this batch created (`eks-jobs/batch`) */
        batch?: string;
        limit?: number;
        /** @description `continue` token of the previous page, with the same filters */
        continue?: string;
        view?: 'summary' | 'full';
      };
      header?: never;
      path: {
        cluster: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of Jobs; pass `continue` to read the next */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['JobList'];
        };
      };
      /** @description Malformed JSON or a bad query */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Method not allowed */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Validation failed; details.issues lists every problem */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The cluster answered with an error */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getJobLogsInCluster: {
    parameters: {
      query?: {
        /** @description A pod of this Job; default the newest */
        pod?: string;
        /** @description Indexed Jobs: the newest pod of this completion index */
        index?: number;
        /** @description Required when the pod has several containers */
        container?: string;
        /** @description Stream the log until the container ends or the client leaves */
        follow?: '0' | '1' | 'true' | 'false';
        /** @description At most this many bytes (up to 10 MiB); a read without follow returns at most that */
        limitBytes?: number;
        /** @description Only lines written in the last N seconds */
        sinceSeconds?: number;
        tailLines?: number;
        /** @description Prefix each line with its RFC 3339 time */
        timestamps?: '0' | '1' | 'true' | 'false';
        /** @description Logs of the previous container instance */
        previous?: '0' | '1' | 'true' | 'false';
      };
      header?: never;
      path: {
        ns: string;
        name: string;
        cluster: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The log */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'X-Pod-Name': components['headers']['X-Pod-Name'];
          [name: string]: unknown;
        };
        content: {
          'text/plain': string;
        };
      };
      /** @description Malformed JSON or a bad query */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Method not allowed */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Validation failed; details.issues lists every problem */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The cluster answered with an error */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  createNamespaceInCluster: {
    parameters: {
      query?: {
        /** @description Validate through the cluster’s server-side dry run; nothing is enqueued or created */
        dryRun?: '0' | '1' | 'true' | 'false';
      };
      header?: {
        /** @description Same key + same body → the original operation; same key + other body → 422 */
        'idempotency-key'?: string;
        /** @description `wait=N` (N ≤ 60): hold the answer until the operation ends or N seconds pass. A failure in time answers its error (e.g. 404 NamespaceNotFound, 409 AlreadyExists) with the operation in `details.operation` */
        prefer?: string;
      };
      path: {
        cluster: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['NamespaceCreateBody'];
      };
    };
    responses: {
      /** @description Dry run (`?dryRun=true`): the Namespace as the cluster would store it */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['NamespaceObject'];
        };
      };
      /** @description With Prefer: wait — the Namespace was created in time; Location: its jobs */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          Location: components['headers']['Location'];
          'Content-Location': components['headers']['Content-Location'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          'Preference-Applied': components['headers']['Preference-Applied'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Operation'];
        };
      };
      /** @description Accepted: the operation; Location: /v1/operations/{id} */
      202: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          Location: components['headers']['Location'];
          'Content-Location': components['headers']['Content-Location'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          'Preference-Applied': components['headers']['Preference-Applied'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Operation'];
        };
      };
      /** @description Malformed JSON or a bad query */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Method not allowed */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Body larger than MAX_BODY_BYTES */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Body is not application/json */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Validation failed; details.issues lists every problem */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The cluster answered with an error */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  deleteNamespaceInCluster: {
    parameters: {
      query?: never;
      header?: {
        /** @description Same key + same body → the original operation; same key + other body → 422 */
        'idempotency-key'?: string;
        /** @description `wait=N` (N ≤ 60): hold the answer until the operation ends or N seconds pass. A failure in time answers its error (e.g. 404 NamespaceNotFound, 409 AlreadyExists) with the operation in `details.operation` */
        prefer?: string;
      };
      path: {
        name: string;
        cluster: string;
      };
      cookie?: never;
    };
    /** @description Optional: a `callback` for the deletion’s events */
    requestBody?: {
      content: {
        'application/json': components['schemas']['DeleteOptions'];
      };
    };
    responses: {
      /** @description With Prefer: wait — the operation ended in time */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          Location: components['headers']['Location'];
          'Content-Location': components['headers']['Content-Location'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          'Preference-Applied': components['headers']['Preference-Applied'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Operation'];
        };
      };
      /** @description Accepted: the operation */
      202: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          Location: components['headers']['Location'];
          'Content-Location': components['headers']['Content-Location'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          'Preference-Applied': components['headers']['Preference-Applied'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Operation'];
        };
      };
      /** @description Malformed JSON or a bad query */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Method not allowed */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Body is not application/json */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Validation failed; details.issues lists every problem */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getOperationInCluster: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        cluster: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The operation */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Operation'];
        };
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Method not allowed */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  cancelOperationInCluster: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        cluster: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Cancelled */
      204: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Method not allowed */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listOperationsInCluster: {
    parameters: {
      query?: {
        state?: 'queued' | 'running' | 'succeeded' | 'failed';
        limit?: number;
        /** @description nextCursor of the previous page */
        cursor?: string;
      };
      header?: never;
      path: {
        cluster: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of operations; pass nextCursor as cursor for the next */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OperationList'];
        };
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Method not allowed */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Validation failed; details.issues lists every problem */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  retryOperationInCluster: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        cluster: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description With Prefer: wait — it ended in time */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          Location: components['headers']['Location'];
          'Content-Location': components['headers']['Content-Location'];
          'Preference-Applied': components['headers']['Preference-Applied'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Operation'];
        };
      };
      /** @description Queued again */
      202: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          Location: components['headers']['Location'];
          'Content-Location': components['headers']['Content-Location'];
          'Preference-Applied': components['headers']['Preference-Applied'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Operation'];
        };
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Method not allowed */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  createBatchInCluster: {
    parameters: {
      query?: never;
      header?: {
        /** @description Same key + same body → the original operation; same key + other body → 422 */
        'idempotency-key'?: string;
        /** @description `wait=N` (N ≤ 60): hold the answer until the operation ends or N seconds pass. A failure in time answers its error (e.g. 404 NamespaceNotFound, 409 AlreadyExists) with the operation in `details.operation` */
        prefer?: string;
      };
      path: {
        cluster: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['BatchCreateBody'];
      };
    };
    responses: {
      /** @description Accepted: the batch id and its operations; Location: /v1/batches/{id} */
      202: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          Location: components['headers']['Location'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BatchAccepted'];
        };
      };
      /** @description Malformed JSON or a bad query */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Method not allowed */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Body larger than MAX_BODY_BYTES */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Body is not application/json */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Validation failed; details.issues lists every problem */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getBatchInCluster: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        cluster: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Counts by state */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BatchProgress'];
        };
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Method not allowed */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listHistoryJobsInCluster: {
    parameters: {
      query?: {
        /** @description Only Jobs of this namespace (repeat for several); each must be one the key may read (403 otherwise). Without it: every namespace the key may read */
        namespace?: string[];
        /** @description Only Jobs in this phase (Deleted: removed before they finished) */
        phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Deleted';
        /** @description Only Jobs with this label, `key=value` (repeat: all of them) */
        label?: string[];
        /** @description Only Jobs submitted with this API key id */
        submittedBy?: string;
        /** @description Only Jobs submitted at or after this instant (ISO 8601) */
        since?: string;
        /** @description Only Jobs submitted at or before this instant (ISO 8601) */
        until?: string;
        /** @description nextCursor of the previous page, with the same filters */
        cursor?: string;
        limit?: number;
      };
      header?: never;
      path: {
        cluster: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of Jobs */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['HistoryJobList'];
        };
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Method not allowed */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Validation failed; details.issues lists every problem */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getHistoryJobInCluster: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        uid: string;
        cluster: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The Job's history */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['HistoryJob'];
        };
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Method not allowed */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Validation failed; details.issues lists every problem */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  seedCreateJob: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SeedCreateJob'];
      };
    };
    responses: {
      /** @description With Prefer: wait — ended in time */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          Location: components['headers']['Location'];
          'Content-Location': components['headers']['Content-Location'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          'Preference-Applied': components['headers']['Preference-Applied'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Operation'];
        };
      };
      /** @description With Prefer: wait — created in time */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          Location: components['headers']['Location'];
          'Content-Location': components['headers']['Content-Location'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          'Preference-Applied': components['headers']['Preference-Applied'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Operation'];
        };
      };
      /** @description Accepted: the operation (as the /v1 route answers) */
      202: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          Location: components['headers']['Location'];
          'Content-Location': components['headers']['Content-Location'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          'Preference-Applied': components['headers']['Preference-Applied'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Operation'];
        };
      };
      /** @description Malformed JSON or a bad query */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Method not allowed */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Body larger than MAX_BODY_BYTES */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Body is not application/json */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Validation failed; details.issues lists every problem */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  seedDeleteJob: {
    parameters: {
      query: {
        namespace: string;
        job_name: string;
        propagation_policy?: 'Background' | 'Foreground' | 'Orphan';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description With Prefer: wait — ended in time */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          Location: components['headers']['Location'];
          'Content-Location': components['headers']['Content-Location'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          'Preference-Applied': components['headers']['Preference-Applied'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Operation'];
        };
      };
      /** @description With Prefer: wait — created in time */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          Location: components['headers']['Location'];
          'Content-Location': components['headers']['Content-Location'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          'Preference-Applied': components['headers']['Preference-Applied'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Operation'];
        };
      };
      /** @description Accepted: the operation (as the /v1 route answers) */
      202: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          Location: components['headers']['Location'];
          'Content-Location': components['headers']['Content-Location'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          'Preference-Applied': components['headers']['Preference-Applied'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Operation'];
        };
      };
      /** @description Malformed JSON or a bad query */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Method not allowed */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Body larger than MAX_BODY_BYTES */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Body is not application/json */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Validation failed; details.issues lists every problem */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  seedJobStatus: {
    parameters: {
      query: {
        namespace: string;
        job_name: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The status */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SeedJobStatus'];
        };
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Method not allowed */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Validation failed; details.issues lists every problem */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The cluster answered with an error */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  seedCreateNamespace: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SeedCreateNamespace'];
      };
    };
    responses: {
      /** @description With Prefer: wait — ended in time */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          Location: components['headers']['Location'];
          'Content-Location': components['headers']['Content-Location'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          'Preference-Applied': components['headers']['Preference-Applied'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Operation'];
        };
      };
      /** @description With Prefer: wait — created in time */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          Location: components['headers']['Location'];
          'Content-Location': components['headers']['Content-Location'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          'Preference-Applied': components['headers']['Preference-Applied'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Operation'];
        };
      };
      /** @description Accepted: the operation (as the /v1 route answers) */
      202: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          Location: components['headers']['Location'];
          'Content-Location': components['headers']['Content-Location'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          'Preference-Applied': components['headers']['Preference-Applied'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Operation'];
        };
      };
      /** @description Malformed JSON or a bad query */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Method not allowed */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Body larger than MAX_BODY_BYTES */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Body is not application/json */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Validation failed; details.issues lists every problem */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  seedDeleteNamespace: {
    parameters: {
      query: {
        namespace: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description With Prefer: wait — ended in time */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          Location: components['headers']['Location'];
          'Content-Location': components['headers']['Content-Location'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          'Preference-Applied': components['headers']['Preference-Applied'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Operation'];
        };
      };
      /** @description With Prefer: wait — created in time */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          Location: components['headers']['Location'];
          'Content-Location': components['headers']['Content-Location'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          'Preference-Applied': components['headers']['Preference-Applied'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Operation'];
        };
      };
      /** @description Accepted: the operation (as the /v1 route answers) */
      202: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          Location: components['headers']['Location'];
          'Content-Location': components['headers']['Content-Location'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          'Preference-Applied': components['headers']['Preference-Applied'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Operation'];
        };
      };
      /** @description Malformed JSON or a bad query */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Method not allowed */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Body larger than MAX_BODY_BYTES */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Body is not application/json */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Validation failed; details.issues lists every problem */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  streamEvents: {
    parameters: {
      query?: {
        /** @description Only events of this operation id */
        operation?: string;
        /** @description Only events of this batch id */
        batch?: string;
        /** @description Only events of objects in this namespace (and of the namespace itself) */
        namespace?: string;
        /** @description Only events of this cluster */
        cluster?: string;
        /** @description Only these event types, comma-separated: operation.succeeded, operation.failed, operation.retrying, job.running, job.succeeded, job.failed */
        type?: string;
        /** @description Resume after this id, for clients that cannot send the Last-Event-ID header (the header wins) */
        lastEventId?: string;
      };
      header?: {
        /** @description Resume after this id: the `id` of the last event received */
        'last-event-id'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Server-Sent Events, open until the client goes away. Each event: `id: <log id>`, `event: <type>`, `data: <the event as JSON, as a webhook body>`. `event: gap` (`{"oldestAvailable"}`) when the log was trimmed past the resume point; `: heartbeat` comments keep proxies from closing a quiet stream; `event: end` (`{"reason": "overflow"|"closed"|"unavailable"}`) comes last when the server ends the stream (the client read too slowly, the server is shutting down, Redis failed): reconnect with Last-Event-ID. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'text/event-stream': string;
        };
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Validation failed; details.issues lists every problem */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listWebhookDeliveries: {
    parameters: {
      query?: {
        /** @description pending: waiting, being sent or retrying after a failed attempt; delivered: a 2xx; failed: retried for WEBHOOK_RETRY_FOR (or not deliverable), can be re-driven; disabled: the receiver answered 410 Gone, to this delivery or an earlier one */
        state?: 'pending' | 'delivered' | 'failed' | 'disabled';
        /** @description Only deliveries of this operation */
        operation?: string;
        /** @description Only deliveries of this batch */
        batch?: string;
        /** @description Only this API key id's deliveries (admin keys; any other key sees only its own) */
        principal?: string;
        /** @description nextCursor of the previous page */
        cursor?: string;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of deliveries; pass nextCursor as cursor for the next */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookDeliveryList'];
        };
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Method not allowed */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Validation failed; details.issues lists every problem */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getWebhookDelivery: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The delivery */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookDelivery'];
        };
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Method not allowed */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  retryWebhookDelivery: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Queued again */
      202: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookDelivery'];
        };
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Method not allowed */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listTemplates: {
    parameters: {
      query?: {
        limit?: number;
        /** @description nextCursor of the previous page */
        cursor?: string;
        /** @description Only templates that may be submitted into this namespace */
        namespace?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of templates; pass nextCursor as cursor for the next */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TemplateList'];
        };
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Method not allowed */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Validation failed; details.issues lists every problem */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  createTemplate: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['TemplateCreate'];
      };
    };
    responses: {
      /** @description Created; Location: the template; ETag: its revision */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          Location: components['headers']['Location'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Template'];
        };
      };
      /** @description Malformed JSON or a bad query */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Method not allowed */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Body larger than MAX_BODY_BYTES */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Body is not application/json */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Validation failed; details.issues lists every problem */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getTemplate: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The template; ETag: its newest revision */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Template'];
        };
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Method not allowed */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Validation failed; details.issues lists every problem */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  reviseTemplate: {
    parameters: {
      query?: never;
      header?: {
        /** @description The ETag read (`"3"`): the write happens only if that is still the newest revision, else 412 PreconditionFailed */
        'if-match'?: string;
      };
      path: {
        name: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['TemplateRevise'];
      };
    };
    responses: {
      /** @description The template at its new revision; ETag: that revision */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          ETag: components['headers']['ETag'];
          'Content-Location': components['headers']['Content-Location'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Template'];
        };
      };
      /** @description Malformed JSON or a bad query */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Method not allowed */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description If-Match names another revision than the current one */
      412: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Body larger than MAX_BODY_BYTES */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Body is not application/json */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Validation failed; details.issues lists every problem */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  deleteTemplate: {
    parameters: {
      query?: never;
      header?: {
        /** @description The ETag read (`"3"`): the write happens only if that is still the newest revision, else 412 PreconditionFailed */
        'if-match'?: string;
      };
      path: {
        name: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Method not allowed */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description If-Match names another revision than the current one */
      412: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Validation failed; details.issues lists every problem */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listTemplateRevisions: {
    parameters: {
      query?: {
        limit?: number;
        /** @description nextCursor of the previous page */
        cursor?: string;
      };
      header?: never;
      path: {
        name: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of revisions; pass nextCursor as cursor for the next */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TemplateRevisionList'];
        };
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Method not allowed */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Validation failed; details.issues lists every problem */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getTemplateRevision: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: string;
        rev: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The revision; ETag: its number */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TemplateRevision'];
        };
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Method not allowed */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Validation failed; details.issues lists every problem */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listAuditRecords: {
    parameters: {
      query?: {
        /** @description Records per page (1–1000) */
        limit?: number;
        /** @description The nextCursor of the previous page */
        before?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of audit records */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuditPage'];
        };
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Validation failed; details.issues lists every problem */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Queue (Redis), database or cluster unavailable; see Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getAdminLoginForm: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The form, or who is signed in and a sign-out button */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'text/html': string;
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  adminLogin: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/x-www-form-urlencoded': {
          /** @description An admin API key */
          key: string;
          /** @description The token of the form served by GET /admin/login */
          csrf: string;
        };
      };
    };
    responses: {
      /** @description Signed in: to /admin/queues, with the session cookie (Path=/admin) */
      303: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          Location: components['headers']['Location'];
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Unknown key: the form again */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'text/html': string;
        };
      };
      /** @description Missing or wrong CSRF token, or a key without the admin scope: the form again */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'text/html': string;
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  adminLogout: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/x-www-form-urlencoded': {
          /** @description The token of the form served by GET /admin/login */
          csrf: string;
        };
      };
    };
    responses: {
      /** @description Signed out: to /admin/login, the cookie cleared and the session revoked */
      303: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          Location: components['headers']['Location'];
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing or wrong CSRF token */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'text/html': string;
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getQueueDashboard: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description HTML */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'text/html': string;
        };
      };
      /** @description A page request (Accept: text/html) without a key or a valid session: to the sign-in form, /admin/login */
      303: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          Location: components['headers']['Location'];
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getQueueDashboardResource: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page, an asset or JSON */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description A page request (Accept: text/html) without a key or a valid session: to the sign-in form, /admin/login */
      303: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          Location: components['headers']['Location'];
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing or unknown API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key may not do this */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL) */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getOpenApiDocument: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OpenAPI 3.1 */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            [key: string]: unknown;
          };
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiReference: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description HTML */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'text/html': string;
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiReferenceScript: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description JavaScript */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'text/javascript': string;
        };
      };
      /** @description Queue full or rate limited; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which */
      '4XX': {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  on_operation_succeeded: {
    parameters: {
      query?: never;
      header: {
        /** @description The event id (evt_…); receivers de-duplicate by it */
        'webhook-id': string;
        /** @description Seconds since the epoch, when this attempt was signed */
        'webhook-timestamp': string;
        /** @description `v1,` + base64 HMAC-SHA256 of `id.timestamp.body` with the API key’s webhook secret (Standard Webhooks); verify with the `standardwebhooks` package */
        'webhook-signature': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['Event_operation_succeeded'];
      };
    };
    responses: {
      /** @description Any 2xx ends the delivery */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: eks-jobs stops sending to this URL for this API key */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Any other answer, a redirect or no answer within WEBHOOK_TIMEOUT: retried with backoff for WEBHOOK_RETRY_FOR (25 h by default) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  on_operation_failed: {
    parameters: {
      query?: never;
      header: {
        /** @description The event id (evt_…); receivers de-duplicate by it */
        'webhook-id': string;
        /** @description Seconds since the epoch, when this attempt was signed */
        'webhook-timestamp': string;
        /** @description `v1,` + base64 HMAC-SHA256 of `id.timestamp.body` with the API key’s webhook secret (Standard Webhooks); verify with the `standardwebhooks` package */
        'webhook-signature': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['Event_operation_failed'];
      };
    };
    responses: {
      /** @description Any 2xx ends the delivery */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: eks-jobs stops sending to this URL for this API key */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Any other answer, a redirect or no answer within WEBHOOK_TIMEOUT: retried with backoff for WEBHOOK_RETRY_FOR (25 h by default) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  on_operation_retrying: {
    parameters: {
      query?: never;
      header: {
        /** @description The event id (evt_…); receivers de-duplicate by it */
        'webhook-id': string;
        /** @description Seconds since the epoch, when this attempt was signed */
        'webhook-timestamp': string;
        /** @description `v1,` + base64 HMAC-SHA256 of `id.timestamp.body` with the API key’s webhook secret (Standard Webhooks); verify with the `standardwebhooks` package */
        'webhook-signature': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['Event_operation_retrying'];
      };
    };
    responses: {
      /** @description Any 2xx ends the delivery */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: eks-jobs stops sending to this URL for this API key */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Any other answer, a redirect or no answer within WEBHOOK_TIMEOUT: retried with backoff for WEBHOOK_RETRY_FOR (25 h by default) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  on_job_running: {
    parameters: {
      query?: never;
      header: {
        /** @description The event id (evt_…); receivers de-duplicate by it */
        'webhook-id': string;
        /** @description Seconds since the epoch, when this attempt was signed */
        'webhook-timestamp': string;
        /** @description `v1,` + base64 HMAC-SHA256 of `id.timestamp.body` with the API key’s webhook secret (Standard Webhooks); verify with the `standardwebhooks` package */
        'webhook-signature': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['Event_job_running'];
      };
    };
    responses: {
      /** @description Any 2xx ends the delivery */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: eks-jobs stops sending to this URL for this API key */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Any other answer, a redirect or no answer within WEBHOOK_TIMEOUT: retried with backoff for WEBHOOK_RETRY_FOR (25 h by default) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  on_job_succeeded: {
    parameters: {
      query?: never;
      header: {
        /** @description The event id (evt_…); receivers de-duplicate by it */
        'webhook-id': string;
        /** @description Seconds since the epoch, when this attempt was signed */
        'webhook-timestamp': string;
        /** @description `v1,` + base64 HMAC-SHA256 of `id.timestamp.body` with the API key’s webhook secret (Standard Webhooks); verify with the `standardwebhooks` package */
        'webhook-signature': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['Event_job_succeeded'];
      };
    };
    responses: {
      /** @description Any 2xx ends the delivery */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: eks-jobs stops sending to this URL for this API key */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Any other answer, a redirect or no answer within WEBHOOK_TIMEOUT: retried with backoff for WEBHOOK_RETRY_FOR (25 h by default) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  on_job_failed: {
    parameters: {
      query?: never;
      header: {
        /** @description The event id (evt_…); receivers de-duplicate by it */
        'webhook-id': string;
        /** @description Seconds since the epoch, when this attempt was signed */
        'webhook-timestamp': string;
        /** @description `v1,` + base64 HMAC-SHA256 of `id.timestamp.body` with the API key’s webhook secret (Standard Webhooks); verify with the `standardwebhooks` package */
        'webhook-signature': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['Event_job_failed'];
      };
    };
    responses: {
      /** @description Any 2xx ends the delivery */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: eks-jobs stops sending to this URL for this API key */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Any other answer, a redirect or no answer within WEBHOOK_TIMEOUT: retried with backoff for WEBHOOK_RETRY_FOR (25 h by default) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
}
