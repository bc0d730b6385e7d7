/**
 * How a route's group serves stored objects: each resource in its own group, and core Events
 * also through events.k8s.io/v1 in that group's representation.
 */
import { EVENTS_GROUP, toEventsV1 } from './events.js';
import type { Route } from './route.js';
import { type KObject, type ResourceInfo, resourceInfo, withType } from './types.js';

type Served = Pick<Route, 'resource' | 'group'>;

/** The resource as the route's group names it (`events.events.k8s.io`, `Event` in `events.k8s.io/v1`). */
export function servedInfo(route: Served): ResourceInfo {
  return resourceInfo(route.resource, route.group);
}

/** A stored object as the route's group serves it, with apiVersion and kind; lists and Status pass as they are. */
export function served(route: Served, obj: KObject): KObject {
  if (route.resource === 'events' && route.group === EVENTS_GROUP && (obj.kind ?? 'Event') === 'Event')
    return toEventsV1(obj);
  return withType(route.resource, obj);
}
