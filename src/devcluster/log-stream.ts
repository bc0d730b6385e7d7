/** Log streaming: a log answered whole, or followed (`follow=true`) until the container ends. */
import type { ServerResponse } from 'node:http';
import type { KubeApi } from './api.js';
import { send } from './http-response.js';
import type { JobController } from './job-controller.js';
import { queryBool } from './query-bool.js';
import type { Route } from './route.js';

/** What a log request needs: the API (to resolve the container), the pod simulation, the open-stream registry. */
export interface LogDeps {
  api: KubeApi;
  jobs: JobController;
  /** Open streams' end functions; a stream adds itself and removes itself when it ends. */
  streams: Set<() => void>;
}

/** Serves a pod log request, following it while the container runs when asked. */
export function serveLogs(deps: LogDeps, res: ServerResponse, route: Route, query: URLSearchParams): void {
  const { pod, container } = deps.api.logTarget(route, query);
  const first = deps.api.logText(pod, container, query);
  if (!queryBool(query, 'follow') || first.done) {
    send(res, 200, first.text);
    return;
  }
  res.writeHead(200, {
    'Content-Type': 'text/plain',
    'Transfer-Encoding': 'chunked',
    'Cache-Control': 'no-cache, private',
  });
  let sent = first.text.length;
  res.write(first.text);
  const ns = pod.metadata.namespace ?? '';
  const name = pod.metadata.name ?? '';
  const poll = () => {
    const out = deps.jobs.logs(ns, name, container, false);
    if (!out) return end();
    if (out.text.length > sent) {
      res.write(out.text.slice(sent));
      sent = out.text.length;
    }
    if (out.done) end();
  };
  const timer = setInterval(poll, 20);
  const unfollow = deps.jobs.followPod(ns, name, poll);
  const end = () => {
    clearInterval(timer);
    unfollow();
    deps.streams.delete(end);
    if (!res.writableEnded) res.end();
  };
  deps.streams.add(end);
  res.on('close', end);
}
