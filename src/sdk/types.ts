import type { components, paths } from './generated/api.js';

/** The schemas of the API's OpenAPI document, by name (`Schemas['Operation']`, …). */
export type Schemas = components['schemas'];

/** An asynchronous command: `queued` → `running` → `succeeded` or `failed`. */
export type Operation = Schemas['Operation'];
/** Where an operation is. */
export type OperationState = Operation['state'];
/** A page of operations; pass `nextCursor` as `cursor` for the next. */
export type OperationList = Schemas['OperationList'];
/** A Job's live status summary (`phase`, pod counts, conditions, times). */
export type JobStatus = Schemas['JobStatus'];
/** What a Job can be in. */
export type JobPhase = JobStatus['phase'];
/** A Job to create: the short form (`name`/`generateName`, `image`, …) or a full `batch/v1` manifest. */
export type JobSpec = Schemas['JobCreateBody'];
/** A page of Jobs; pass `continue` back to read the next. */
export type JobList = Schemas['JobList'];
/** Where eks-jobs POSTs a submission's events (Standard Webhooks). */
export type Callback = Schemas['Callback'];
/** One item of a batch: a Job to create in a namespace, or a template to render there. */
export type BatchItem = Schemas['BatchItem'];
/** The answer to a batch submission: its id and its items' operations. */
export type BatchAccepted = Schemas['BatchAccepted'];
/** A batch's items counted by state; `done` once every item has ended. */
export type BatchProgress = Schemas['BatchProgress'];
/** A Job template: its newest revision's definition, namespaces, revision and authors. */
export type Template = Schemas['Template'];
/** A template to create: a definition and its `namespaces`. */
export type TemplateCreate = Schemas['TemplateCreate'];
/** The next revision of a template. */
export type TemplateRevise = Schemas['TemplateRevise'];
/** One immutable revision of a template. */
export type TemplateRevision = Schemas['TemplateRevision'];
/** A page of templates; pass `nextCursor` as `cursor` for the next. */
export type TemplateList = Schemas['TemplateList'];
/** A page of a template's revisions, newest first. */
export type TemplateRevisionList = Schemas['TemplateRevisionList'];
/** A Job submission that names a template: `{template: 'name' | 'name:3', parameters}`. */
export type TemplateSubmission = Schemas['TemplateSubmission'];
/** The one error envelope's body. */
export type ErrorBody = Schemas['Error']['error'];
/** The API's error codes (`JobNotFound`, `ValidationFailed`, …). */
export type ErrorCode = ErrorBody['code'];

export type { components, paths };
