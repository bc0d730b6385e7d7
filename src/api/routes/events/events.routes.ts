import { createRoute, z } from '@hono/zod-openapi';
import { EVENT_TYPES } from '../../../shared/events/event.js';
import { STREAM_ID } from '../../event-feed.js';
import { ClusterName, NamespaceName } from '../../schemas.js';
import { errorResponses, responseHeaders, security } from '../openapi-helpers.js';

const EVENT_TYPE_LIST = new RegExp(
  `^(${EVENT_TYPES.map((t) => t.replace('.', '\\.')).join('|')})(,(${EVENT_TYPES.map((t) => t.replace('.', '\\.')).join('|')}))*$`,
);

const streamId = (description: string) =>
  z
    .string()
    .max(50)
    .regex(STREAM_ID, 'must be an event stream id, <ms>-<seq> (an SSE `id` this stream sent)')
    .optional()
    .describe(description);

export const EventsQuery = z.object({
  operation: z.string().min(1).max(200).optional().describe('Only events of this operation id'),
  batch: z.string().min(1).max(200).optional().describe('Only events of this batch id'),
  namespace: NamespaceName.optional().describe(
    'Only events of objects in this namespace (and of the namespace itself)',
  ),
  cluster: ClusterName.optional().describe('Only events of this cluster'),
  type: z
    .string()
    .max(500)
    .regex(EVENT_TYPE_LIST, `must be a comma-separated list of: ${EVENT_TYPES.join(', ')}`)
    .optional()
    .describe(`Only these event types, comma-separated: ${EVENT_TYPES.join(', ')}`)
    .openapi({ example: 'job.succeeded,job.failed' }),
  lastEventId: streamId(
    'Resume after this id, for clients that cannot send the Last-Event-ID header (the header wins)',
  ),
});

export const EventsHeaders = z.object({
  'last-event-id': streamId('Resume after this id: the `id` of the last event received').openapi({
    param: { name: 'last-event-id', in: 'header' },
    example: '1718000000000-0',
  }),
});

const STREAM_DESCRIPTION = [
  'Server-Sent Events, open until the client goes away. Each event:',
  '`id: <log id>`, `event: <type>`, `data: <the event as JSON, as a webhook body>`.',
  '`event: gap` (`{"oldestAvailable"}`) when the log was trimmed past the resume point;',
  '`: heartbeat` comments keep proxies from closing a quiet stream;',
  '`event: end` (`{"reason": "overflow"|"closed"|"unavailable"}`) comes last when the server ends',
  'the stream (the client read too slowly, the server is shutting down, Redis failed): reconnect',
  'with Last-Event-ID.',
].join(' ');

export const streamEvents = createRoute({
  method: 'get',
  path: '/v1/events',
  operationId: 'streamEvents',
  summary: "The caller's events, live, as Server-Sent Events",
  description:
    'The events of the operations the calling key submitted (every key’s, for an admin key), only of objects the key may read. Resumes after `Last-Event-ID` from the last EVENTS_HISTORY events (docs/architecture.md §12).',
  tags: ['Events'],
  security,
  request: { query: EventsQuery, headers: EventsHeaders },
  responses: {
    200: {
      description: STREAM_DESCRIPTION,
      headers: responseHeaders('RateLimit-Limit', 'RateLimit-Remaining'),
      content: { 'text/event-stream': { schema: z.string() } },
    },
    ...errorResponses(401, 403, 422, 429, 503),
  },
});
