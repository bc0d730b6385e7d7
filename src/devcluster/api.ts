/**
 * Kubernetes API semantics for namespaces, jobs and pods, one method per verb: create with
 * defaulting, validation and NamespaceLifecycle admission, get, list, update, patch, delete with
 * propagation policies, and pod logs. Each verb lives in its own module; this class binds them
 * to one cluster's store and controllers.
 */
import type { ApiResult } from './api-result.js';
import { createObject } from './create.js';
import { type DeleteDeps, deleteCollection, deleteObject } from './delete.js';
import type { JobController } from './job-controller.js';
import { managerOf } from './managed-fields.js';
import type { NamespaceController } from './namespace-controller.js';
import { logTarget, logText } from './pod-logs.js';
import { getObject, listObjects } from './read.js';
import type { Route } from './route.js';
import type { Store } from './store.js';
import type { KObject, Pod } from './types.js';
import { patchObject, updateObject } from './update.js';

/** The Kubernetes API of one devcluster, as the HTTPS front calls it. */
export class KubeApi {
  private readonly deleteDeps: DeleteDeps;

  constructor(
    private readonly store: Store,
    private readonly jobs: JobController,
    private readonly namespaces: NamespaceController,
  ) {
    this.deleteDeps = { store, jobs, namespaces };
  }

  /** POST: creates a namespace or a Job; `userAgent` names its field manager when the query does not. */
  create(route: Route, rawBody: unknown, query: URLSearchParams, userAgent = ''): ApiResult {
    return createObject(this.store, route, rawBody, query, {
      operation: 'Update',
      manager: managerOf(query, userAgent),
    });
  }

  /** GET of one object. */
  get(route: Route): KObject {
    return getObject(this.store, route);
  }

  /** GET of a collection, with selectors and paging. */
  list(route: Route, query: URLSearchParams): { items: KObject[]; metadata: Record<string, unknown> } {
    return listObjects(this.store, route, query);
  }

  /** Replaces an object (or its status / finalize subresource) from a full body. */
  update(route: Route, rawBody: unknown, query: URLSearchParams, userAgent = ''): ApiResult {
    return updateObject(this.store, this.namespaces, route, rawBody, query, {
      operation: 'Update',
      manager: managerOf(query, userAgent),
    });
  }

  /** PATCH with a JSON, merge or strategic merge patch, or server-side apply (the body as text). */
  patch(
    route: Route,
    contentType: string,
    rawBody: unknown,
    query: URLSearchParams,
    userAgent = '',
  ): ApiResult {
    return patchObject(
      this.store,
      this.namespaces,
      route,
      contentType,
      rawBody,
      query,
      managerOf(query, userAgent),
    );
  }

  /** DELETE of one object. */
  delete(route: Route, rawBody: unknown, query: URLSearchParams): ApiResult {
    return deleteObject(this.deleteDeps, route, rawBody, query);
  }

  /** DELETE of a collection. */
  deleteCollection(route: Route, rawBody: unknown, query: URLSearchParams): ApiResult {
    return deleteCollection(this.deleteDeps, route, rawBody, query);
  }

  /** Resolves the container a log request is for, with the API server's error messages. */
  logTarget(route: Route, query: URLSearchParams): { pod: Pod; container: string } {
    return logTarget(this.store, route, query);
  }

  /** The log text of a container, or an error while it cannot have any. */
  logText(pod: Pod, container: string, query: URLSearchParams): { text: string; done: boolean } {
    return logText(this.jobs, pod, container, query);
  }
}
