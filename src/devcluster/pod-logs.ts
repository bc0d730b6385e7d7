/** Pod logs: which container a log request is for, and its text with `tailLines` / `limitBytes`. */
import type { JobController } from './job-controller.js';
import { queryBool } from './query-bool.js';
import { getObject } from './read.js';
import type { Route } from './route.js';
import * as S from './status.js';
import type { Store } from './store.js';
import type { Pod } from './types.js';

/** Resolves the container a log request is for, with the API server's error messages. */
export function logTarget(
  store: Store,
  route: Route,
  query: URLSearchParams,
): { pod: Pod; container: string } {
  const pod = getObject(store, route) as Pod;
  const names = (pod.spec.containers ?? []).map((c) => c.name ?? '');
  const name = pod.metadata.name ?? '';
  let container = query.get('container') ?? undefined;
  if (container === undefined) {
    const defaulted = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
    if (names.length === 1 || defaulted) container = defaulted ?? names[0];
    else
      throw new S.StatusError(
        S.badRequest(
          `a container name must be specified for pod ${name}, choose one of: [${names.join(' ')}]`,
        ),
      );
  }
  if (!container || !names.includes(container))
    throw new S.StatusError(S.badRequest(`container ${container ?? ''} is not valid for pod ${name}`));
  return { pod, container };
}

/** The log text of a container, or an error while it cannot have any. */
export function logText(
  jobs: JobController,
  pod: Pod,
  container: string,
  query: URLSearchParams,
): { text: string; done: boolean } {
  const name = pod.metadata.name ?? '';
  const previous = queryBool(query, 'previous');
  const status = pod.status?.containerStatuses?.find((s) => s.name === container);
  if (previous) {
    if (!status || status.restartCount === 0) {
      throw new S.StatusError(
        S.badRequest(`previous terminated container "${container}" in pod "${name}" not found`),
      );
    }
  } else if (status?.state.waiting) {
    const reason = String(status.state.waiting.reason ?? 'ContainerCreating');
    if (reason === 'ContainerCreating' || status.restartCount === 0) {
      throw new S.StatusError(
        S.badRequest(`container "${container}" in pod "${name}" is waiting to start: ${reason}`),
      );
    }
  }
  const out = jobs.logs(pod.metadata.namespace ?? '', name, container, previous) ?? {
    text: '',
    done: true,
  };
  return { text: tailAndLimit(out.text, query), done: out.done };
}

/** Applies `tailLines` and `limitBytes`. */
export function tailAndLimit(text: string, query: URLSearchParams): string {
  let out = text;
  const tail = query.get('tailLines');
  if (tail !== null && /^\d+$/.test(tail)) {
    const lines = out.split('\n');
    const trailingNewline = out.endsWith('\n');
    if (trailingNewline) lines.pop();
    const kept = Number(tail) === 0 ? [] : lines.slice(-Number(tail));
    out = kept.join('\n') + (trailingNewline && kept.length > 0 ? '\n' : '');
  }
  const limit = query.get('limitBytes');
  if (limit !== null && /^\d+$/.test(limit))
    out = Buffer.from(out).subarray(0, Number(limit)).toString('utf8');
  return out;
}
