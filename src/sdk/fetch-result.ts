import { EksJobsError } from './errors.js';

/** An openapi-fetch answer: its data, or the error body of `response`. */
export interface FetchResult<D, E> {
  data?: D;
  error?: E;
  response: Response;
}

/** The data of a successful answer; an {@link EksJobsError} for any other. */
export function unwrap<D, E>(result: FetchResult<D, E>): D {
  if (result.error !== undefined || !result.response.ok) {
    throw EksJobsError.fromResponse(result.response, result.error);
  }
  return result.data as D;
}
