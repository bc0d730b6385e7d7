/** Server-side printing: the meta.k8s.io/v1 Table kubectl asks for in `kubectl get` (pkg/printers/internalversion). */
import type { TableOptions } from './table-options.js';
import { type Job, type KObject, type Namespace, type Pod, type ResourceName, withType } from './types.js';

/** k8s.io/apimachinery/pkg/util/duration.HumanDuration. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const d = Math.floor(hours / 24) % 365;
    return d === 0 ? `${Math.floor(hours / 24 / 365)}y` : `${Math.floor(hours / 24 / 365)}y${d}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}

function age(obj: KObject, now: number): string {
  const ts = obj.metadata.creationTimestamp;
  return ts ? humanDuration(now - Date.parse(ts)) : '<unknown>';
}

interface Column {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

const col = (name: string, type = 'string', format = '', priority = 0): Column => ({
  name,
  type,
  format,
  description: name,
  priority,
});

function jobStatus(job: Job): string {
  const has = (t: string) => job.status?.conditions?.some((c) => c.type === t && c.status === 'True');
  if (job.metadata.deletionTimestamp) return 'Terminating';
  if (has('Complete')) return 'Complete';
  if (has('Failed')) return 'Failed';
  if (has('FailureTarget')) return 'FailureTarget';
  if (has('SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  if (has('Suspended')) return 'Suspended';
  return 'Running';
}

function podStatus(pod: Pod): string {
  if (pod.metadata.deletionTimestamp) return 'Terminating';
  const cs = pod.status?.containerStatuses?.[0];
  const waiting = cs?.state.waiting?.reason;
  if (typeof waiting === 'string') return waiting;
  const terminated = cs?.state.terminated?.reason;
  if (typeof terminated === 'string') return terminated;
  return pod.status?.phase ?? 'Unknown';
}

/** printers.TranslateTimestampSince: `<unknown>` for a zero (null) time. */
function since(ts: unknown, now: number): string {
  return typeof ts === 'string' && ts !== '' ? humanDuration(now - Date.parse(ts)) : '<unknown>';
}

/** printEvent (always Wide on the server; kubectl hides priority-1 columns unless `-o wide`). */
function eventCells(o: KObject, now: number): unknown[] {
  const e = o as KObject & Record<string, unknown>;
  const involved = (e.involvedObject ?? {}) as Record<string, string | undefined>;
  const source = (e.source ?? {}) as Record<string, string | undefined>;
  const first = e.firstTimestamp ? since(e.firstTimestamp, now) : since(e.eventTime, now);
  const series = e.series as { count?: number; lastObservedTime?: string } | undefined;
  const last = series
    ? since(series.lastObservedTime, now)
    : e.lastTimestamp
      ? since(e.lastTimestamp, now)
      : first;
  const count = series ? (series.count ?? 0) : typeof e.count === 'number' && e.count !== 0 ? e.count : 1;
  const kind = (involved.kind ?? '').toLowerCase();
  // formatEventSource: the component (or reporting controller), then the host (or instance).
  const component = source.component || String(e.reportingComponent ?? '');
  const host = source.host || String(e.reportingInstance ?? '');
  return [
    last,
    e.type ?? '',
    e.reason ?? '',
    involved.name ? `${kind}/${involved.name}` : kind,
    involved.fieldPath ?? '',
    host ? `${component}, ${host}` : component,
    String(e.message ?? '').trim(),
    first,
    count,
    e.metadata.name,
  ];
}

function columnsAndCells(
  resource: ResourceName,
  now: number,
): { columns: Column[]; cells: (o: KObject) => unknown[] } {
  if (resource === 'events') {
    return {
      columns: [
        col('Last Seen'),
        col('Type'),
        col('Reason'),
        col('Object'),
        col('Subobject', 'string', '', 1),
        col('Source', 'string', '', 1),
        col('Message'),
        col('First Seen', 'string', '', 1),
        col('Count', 'string', '', 1),
        col('Name', 'string', 'name', 1),
      ],
      cells: (o) => eventCells(o, now),
    };
  }
  if (resource === 'namespaces') {
    return {
      columns: [col('Name', 'string', 'name'), col('Status'), col('Age')],
      cells: (o) => [o.metadata.name, (o as Namespace).status?.phase ?? 'Active', age(o, now)],
    };
  }
  if (resource === 'jobs') {
    return {
      columns: [
        col('Name', 'string', 'name'),
        col('Status'),
        col('Completions'),
        col('Duration'),
        col('Age'),
        col('Containers', 'string', '', 1),
        col('Images', 'string', '', 1),
        col('Selector', 'string', '', 1),
      ],
      cells: (o) => {
        const job = o as Job;
        const start = job.status?.startTime ? Date.parse(job.status.startTime) : undefined;
        const end = job.status?.completionTime ? Date.parse(job.status.completionTime) : now;
        const containers = job.spec.template?.spec?.containers ?? [];
        const selector = Object.entries(job.spec.selector?.matchLabels ?? {})
          .map(([k, v]) => `${k}=${v}`)
          .join(',');
        return [
          job.metadata.name,
          jobStatus(job),
          `${job.status?.succeeded ?? 0}/${job.spec.completions ?? 1}`,
          start === undefined ? '' : humanDuration(end - start),
          age(job, now),
          containers.map((c) => c.name).join(','),
          containers.map((c) => c.image).join(','),
          selector,
        ];
      },
    };
  }
  return {
    columns: [
      col('Name', 'string', 'name'),
      col('Ready'),
      col('Status'),
      col('Restarts', 'string'),
      col('Age'),
      col('IP', 'string', '', 1),
      col('Node', 'string', '', 1),
    ],
    cells: (o) => {
      const pod = o as Pod;
      const statuses = pod.status?.containerStatuses ?? [];
      const ready = statuses.filter((s) => s.ready).length;
      const restarts = statuses.reduce((n, s) => n + s.restartCount, 0);
      return [
        pod.metadata.name,
        `${ready}/${pod.spec.containers?.length ?? 0}`,
        podStatus(pod),
        String(restarts),
        age(pod, now),
        pod.status?.podIP ?? '<none>',
        pod.spec.nodeName ?? '<none>',
      ];
    },
  };
}

/**
 * Renders objects as a Table; each row carries the object as `options.includeObject` asks
 * (`apiserver/pkg/endpoints/handlers/response.go` asTable), and with `noHeaders` the column
 * definitions are left out (`pkg/printers/tablegenerator.go` GenerateTable).
 */
export function toTable(
  resource: ResourceName,
  objects: KObject[],
  listMeta: Record<string, unknown>,
  options: TableOptions = { includeObject: 'Metadata', noHeaders: false },
): unknown {
  const now = Date.now();
  const { columns, cells } = columnsAndCells(resource, now);
  const rowObject = (o: KObject): unknown => {
    if (options.includeObject === 'None') return null;
    if (options.includeObject === 'Object') return withType(resource, o);
    return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata };
  };
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMeta,
    columnDefinitions: options.noHeaders ? null : columns,
    rows: objects.map((o) => ({ cells: cells(o), object: rowObject(o) })),
  };
}
