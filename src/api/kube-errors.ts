import { ApiException } from '@kubernetes/client-node';
import { ApiError } from './errors.js';

/** The parts of a Kubernetes `Status` the API passes on. */
interface KubeStatus {
  reason?: string;
  message?: string;
  details?: {
    kind?: string;
    name?: string;
    causes?: Array<{ field?: string; message?: string; reason?: string }>;
  };
}

/** Parses the `Status` body of an `ApiException` (client-node keeps it as a JSON string). */
export function kubeStatus(err: ApiException<unknown>): KubeStatus {
  const body = err.body;
  if (typeof body === 'string') {
    try {
      return JSON.parse(body) as KubeStatus;
    } catch {
      return {};
    }
  }
  return body && typeof body === 'object' ? (body as KubeStatus) : {};
}

/**
 * Translates an error from a live read or dry run into the API's envelope. Kubernetes' own
 * 4xx answers become the matching code; an unreachable or failing cluster becomes 502/503
 * without internal host names (the cluster is named, its address is not).
 */
export function fromKubeError(err: unknown, cluster: string): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof ApiException) {
    const status = kubeStatus(err);
    const message = status.message ?? `the cluster answered ${err.code}`;
    switch (err.code) {
      case 400:
        return new ApiError('BadRequest', message);
      case 404:
        if (status.details?.kind === 'namespaces') return new ApiError('NamespaceNotFound', message);
        if (status.details?.kind === 'pods') return new ApiError('PodNotFound', message);
        if (status.details?.kind === 'jobs') return new ApiError('JobNotFound', message);
        return new ApiError('NotFound', message);
      case 403:
        return new ApiError('Forbidden', message, { cluster });
      case 409:
        return new ApiError('AlreadyExists', message);
      case 422:
        return new ApiError('Invalid', message, { causes: status.details?.causes ?? [] });
      case 429: {
        const retryAfter = err.headers?.['retry-after'] ?? '1';
        return new ApiError('ClusterUnavailable', `cluster "${cluster}" is rate limiting`, undefined, {
          'Retry-After': retryAfter,
        });
      }
      default:
        if (err.code >= 500) {
          return new ApiError('ClusterError', `cluster "${cluster}" answered ${err.code}`, {
            reason: status.reason,
          });
        }
        return new ApiError('ClusterError', `cluster "${cluster}" answered ${err.code}: ${message}`);
    }
  }
  return new ApiError('ClusterUnavailable', `cluster "${cluster}" cannot be reached`);
}
