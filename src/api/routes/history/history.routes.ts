import { createRoute } from '@hono/zod-openapi';
import { COMMON_ERRORS, errorResponses, json, security } from '../openapi-helpers.js';
import {
  HistoryJobList,
  HistoryJobListQuery,
  HistoryJobParams,
  HistoryJobSchema,
} from './history.schemas.js';

const tags = ['History'];

const DISABLED =
  'Served only when the server has a database (DATABASE_URL): otherwise 404 HistoryDisabled. 503 DatabaseUnavailable with Retry-After while the database does not answer.';

export const listHistoryJobs = createRoute({
  method: 'get',
  path: '/history/jobs',
  operationId: 'listHistoryJobs',
  summary: 'The history of the Jobs eks-jobs created, newest submission first',
  description: `Every Job's last recorded state, kept for HISTORY_RETENTION after it was submitted, also after its operation expired and the Job was deleted. Only namespaces the key may read. Filters combine (AND). Keyset pages: pass nextCursor as cursor with the same filters; 422 InvalidCursor for a cursor of other filters. ${DISABLED}`,
  tags,
  security,
  request: { query: HistoryJobListQuery },
  responses: {
    200: json(HistoryJobList, 'A page of Jobs'),
    ...errorResponses(422, ...COMMON_ERRORS),
  },
});

export const getHistoryJob = createRoute({
  method: 'get',
  path: '/history/jobs/{uid}',
  operationId: 'getHistoryJob',
  summary: "One Job's history, by its uid",
  description: `404 HistoryJobNotFound when there is none, or it is in a namespace the key may not read. ${DISABLED}`,
  tags,
  security,
  request: { params: HistoryJobParams },
  responses: { 200: json(HistoryJobSchema, "The Job's history"), ...errorResponses(422, ...COMMON_ERRORS) },
});
