/**
 * OpenAPI schemas of Events in both groups: core/v1 Event (what `kubectl describe` and
 * `kubectl get events` read) and events.k8s.io/v1 Event (the newer representation of the same
 * objects). Field lists follow `k8s.io/api/core/v1/types.go` and `k8s.io/api/events/v1/types.go`
 * (v0.32); the descriptions are our own. The two kinds share a name, so each document builds its
 * catalog from one of the two event packages (`openapi.ts`).
 */
import { OBJECT_HEADER } from './openapi-meta.js';
import type { Field, Package } from './openapi-schema.js';

const MICRO_TIME: Package = {
  prefix: 'io.k8s.apimachinery.pkg.apis.meta.v1',
  schemas: {
    MicroTime: {
      description: 'A point in time with microsecond precision, written as an RFC 3339 string.',
      json: { type: 'string', format: 'date-time' },
    },
  },
};

/** core/v1 ObjectReference: what an event is about (both event kinds point with it). */
export const CORE_REFERENCE_PACKAGE: Package = {
  prefix: 'io.k8s.api.core.v1',
  schemas: {
    ObjectReference: {
      description:
        'Points at one object: its kind, namespace, name and uid, and optionally a field within it.',
      fields: {
        apiVersion: ['string', 'The group/version of the object.'],
        fieldPath: [
          'string',
          'A part of the object, such as spec.containers{main}, when the event is about that part.',
        ],
        kind: ['string', 'The kind of the object.'],
        name: ['string', 'The name of the object.'],
        namespace: ['string', 'The namespace of the object.'],
        resourceVersion: ['string', 'The resourceVersion of the object when the reference was made.'],
        uid: ['string', 'The uid of the object.'],
      },
    },
  },
};

const COMMON: Record<string, Field> = {
  action: [
    'string',
    'What was done, or failed to be done, about the object (for example Binding). At most 128 characters.',
  ],
  reason: [
    'string',
    'A short CamelCase word for why the event happened (SuccessfulCreate, BackoffLimitExceeded). At most 128 characters.',
  ],
  related: ['ObjectReference', 'A second object the event concerns, if any (the pod a Job created, say).'],
  reportingInstance: [
    'string',
    'Which instance of the reporting component recorded the event (for example the host name).',
  ],
  type: ['string', 'Normal or Warning. More types may come later.'],
};

/** core/v1 Event and its parts. */
export const CORE_EVENT_PACKAGE: Package = {
  prefix: 'io.k8s.api.core.v1',
  schemas: {
    Event: {
      description:
        'A report of something that happened to an object, kept for a limited time (an hour by default). Informational and best-effort: do not build logic on an event being there.',
      groupVersion: ['', 'v1'],
      fields: {
        ...OBJECT_HEADER,
        ...COMMON,
        count: ['int32', 'How many times this event has happened (repeats are counted, not stored again).'],
        eventTime: [
          'MicroTime',
          'When the event was first seen, with microseconds (set by newer reporters).',
        ],
        firstTimestamp: ['Time', 'When the event was first recorded.'],
        involvedObject: ['ObjectReference!', 'The object the event is about.'],
        lastTimestamp: ['Time', 'When the event was last recorded.'],
        message: ['string', 'What happened, readable by a person.'],
        metadata: ['ObjectMeta!', OBJECT_HEADER.metadata?.[1] ?? ''],
        reportingComponent: [
          'string',
          'The controller that recorded the event (for example job-controller).',
        ],
        series: ['EventSeries', 'For an event that keeps happening: how often and when last.'],
        source: [
          'EventSource',
          'The component (and host) that reported the event; the older form of reportingComponent.',
        ],
      },
    },
    EventSeries: {
      description: 'A run of one event happening again and again.',
      fields: {
        count: ['int32', 'How many times it happened in this series.'],
        lastObservedTime: ['MicroTime', 'When it last happened.'],
      },
    },
    EventSource: {
      description: 'Where an event came from.',
      fields: {
        component: ['string', 'The component that reported it.'],
        host: ['string', 'The node name the component ran on.'],
      },
    },
  },
};

/** events.k8s.io/v1 Event and its series. */
export const EVENTS_V1_PACKAGE: Package = {
  prefix: 'io.k8s.api.events.v1',
  schemas: {
    Event: {
      description:
        'A report of something that happened to an object, kept for a limited time (an hour by default); the events.k8s.io view of the same objects as core/v1 Event. Informational and best-effort.',
      groupVersion: ['events.k8s.io', 'v1'],
      fields: {
        ...OBJECT_HEADER,
        ...COMMON,
        deprecatedCount: ['int32', 'The core/v1 count, kept for compatibility.'],
        deprecatedFirstTimestamp: ['Time', 'The core/v1 firstTimestamp, kept for compatibility.'],
        deprecatedLastTimestamp: ['Time', 'The core/v1 lastTimestamp, kept for compatibility.'],
        deprecatedSource: ['EventSource', 'The core/v1 source, kept for compatibility.'],
        eventTime: ['MicroTime!', 'When the event was first seen. Required on create.'],
        note: ['string', 'What happened, readable by a person. At most 1 kB.'],
        regarding: ['ObjectReference', 'The object the event is about.'],
        reportingController: [
          'string',
          'The controller that recorded the event, such as kubernetes.io/job-controller. Required on create.',
        ],
        series: ['EventSeries', 'For an event that keeps happening: how often and when last.'],
      },
    },
    EventSeries: {
      description: 'A run of one event happening again and again.',
      fields: {
        count: ['int32!', 'How many times it happened in this series.'],
        lastObservedTime: ['MicroTime!', 'When it last happened.'],
      },
    },
  },
};

/** The packages an events.k8s.io document needs beside the meta types. */
export const EVENTS_DOCUMENT_PACKAGES: Package[] = [
  MICRO_TIME,
  CORE_REFERENCE_PACKAGE,
  EVENTS_V1_PACKAGE,
  { prefix: 'io.k8s.api.core.v1', schemas: { EventSource: CORE_EVENT_PACKAGE.schemas.EventSource! } },
];

/** The packages the core/v1 document needs for Event. */
export const CORE_EVENT_DOCUMENT_PACKAGES: Package[] = [
  MICRO_TIME,
  CORE_REFERENCE_PACKAGE,
  CORE_EVENT_PACKAGE,
];
