/**
 * One problem with a template or a submission of one, in the shape of a 422's `details.issues`:
 * `path` is where in the request body (`parameters.date` for a submission's value,
 * `parameters[1].default` or `job.spec.parallelism` for a definition) and `parameter` names the
 * parameter the problem is about, whenever there is one.
 */
export interface TemplateIssue {
  path: string;
  message: string;
  parameter?: string;
}
