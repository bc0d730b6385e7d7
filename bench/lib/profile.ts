// Top self-time entries of a V8 CPU profile (.cpuprofile): by function, and by where the code
// comes from (a package under node_modules, Node itself, this project's src), so the question
// "where does the API's time go" has an answer in the bench's own output.
import { readFileSync } from 'node:fs';
import type { ProfileEntry } from './report.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a frame's code lives: `bullmq`, `node:internal`, `src/api`, `(garbage collector)`… */
export function origin(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1]!;
  if (url.startsWith('node:')) return url.split('/').slice(0, 2).join('/');
  const src = /\/(src\/[^/]+)\//.exec(url);
  if (src) return src[1]!;
  return url.split('/').slice(-2).join('/');
}

/** A readable place for a frame: `bullmq/…/job.js`, `src/api/policy/sendable.js`, `node:internal/…`. */
function location(url: string): string {
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?:.*\/)?([^/]+)$/.exec(url);
  if (nm) return `${nm[1]}/…/${nm[2]}`;
  const src = /\/((?:src|bench)\/.*)$/.exec(url);
  if (src) return src[1]!;
  return url;
}

/**
 * Self time per profile node, and the busy total: the profile spans the whole scenario, in which
 * the API idles while the references run, so shares are of the time it was not idle.
 */
function selfTimes(file: string) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let total = 0;
  let idle = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    total += dt;
    if (byId.get(id)?.callFrame.functionName === '(idle)') {
      idle += dt;
      return;
    }
    self.set(id, (self.get(id) ?? 0) + dt);
  });
  return { byId, self, busy: total - idle, idleShare: total > 0 ? idle / total : 0 };
}

/** The share of the profile the process was idle (0–1). */
export function idleShare(file: string): number {
  return selfTimes(file).idleShare;
}

/** The `top` functions by self time, with their share of the busy (non-idle) time. */
export function topFunctions(file: string, top = 15): ProfileEntry[] {
  const { byId, self, busy: total } = selfTimes(file);
  const byFunction = new Map<string, number>();
  for (const [id, t] of self) {
    const f = byId.get(id)!.callFrame;
    const where = f.url ? ` ${location(f.url)}:${f.lineNumber + 1}` : '';
    const key = `${f.functionName || '(anonymous)'}${where}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + t);
  }
  return [...byFunction]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, t]) => ({ self: k, percent: (100 * t) / total }));
}

/** Self time summed by {@link origin} (packages, Node, this project's folders, GC), of the busy time. */
export function topOrigins(file: string, top = 15): ProfileEntry[] {
  const { byId, self, busy: total } = selfTimes(file);
  const by = new Map<string, number>();
  for (const [id, t] of self) {
    const f = byId.get(id)!.callFrame;
    const key = origin(f.url, f.functionName);
    by.set(key, (by.get(key) ?? 0) + t);
  }
  return [...by]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, t]) => ({ self: k, percent: (100 * t) / total }));
}
