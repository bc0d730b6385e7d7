/**
 * List and watch filters: `labelSelector` and `fieldSelector` compiled once per request and
 * matched against objects, with the field selectors each resource supports.
 */

import { EVENT_FIELD_LABELS, EVENTS_GROUP, EVENTS_V1_FIELD_LABELS, eventFieldValue } from './events.js';
import {
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
  type Requirement,
  SelectorParseError,
} from './label-selector.js';
import * as S from './status.js';
import type { Job, KObject, ResourceName } from './types.js';

const FIELD_SELECTORS: Record<ResourceName, string[]> = {
  namespaces: ['metadata.name', 'status.phase'],
  jobs: ['metadata.name', 'metadata.namespace', 'status.successful'],
  pods: [
    'metadata.name',
    'metadata.namespace',
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'status.phase',
    'status.podIP',
    'status.nominatedNodeName',
  ],
  events: EVENT_FIELD_LABELS,
};

function fieldValue(obj: KObject, field: string): string {
  const special = obj.kind === 'Event' ? eventFieldValue(obj, field) : undefined;
  if (special !== undefined) return special;
  switch (field) {
    case 'metadata.name':
      return obj.metadata.name ?? '';
    case 'metadata.namespace':
      return obj.metadata.namespace ?? '';
    case 'status.successful':
      return String((obj as Job).status?.succeeded ?? 0);
    default: {
      let cur: unknown = obj;
      for (const part of field.split('.'))
        cur = typeof cur === 'object' && cur !== null ? (cur as Record<string, unknown>)[part] : undefined;
      return cur === undefined || cur === null ? '' : String(cur);
    }
  }
}

/** A compiled list/watch filter. */
export interface Filter {
  labels: Requirement[];
  fields: ReturnType<typeof parseFieldSelector>;
}

/**
 * Compiles the selectors of a list or watch request; 400 when one does not parse. `group` is the
 * group of the request: events.k8s.io/v1 takes its own field names for the same fields.
 */
export function parseFilter(resource: ResourceName, query: URLSearchParams, group?: string): Filter {
  const eventsV1 = resource === 'events' && group === EVENTS_GROUP;
  try {
    const fields = parseFieldSelector(
      query.get('fieldSelector') ?? '',
      eventsV1 ? Object.keys(EVENTS_V1_FIELD_LABELS) : FIELD_SELECTORS[resource],
    );
    return {
      labels: parseLabelSelector(query.get('labelSelector') ?? ''),
      fields: eventsV1
        ? fields.map((f) => ({ ...f, field: EVENTS_V1_FIELD_LABELS[f.field] ?? f.field }))
        : fields,
    };
  } catch (err) {
    if (err instanceof SelectorParseError) throw new S.StatusError(S.badRequest(err.message));
    throw err;
  }
}

/** True when the object passes both selectors. */
export function matchesFilter(filter: Filter, obj: KObject): boolean {
  return (
    matchesLabels(filter.labels, obj.metadata.labels) &&
    matchesFields(filter.fields, (f) => fieldValue(obj, f))
  );
}
