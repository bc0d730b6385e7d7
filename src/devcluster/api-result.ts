/** What a KubeApi operation answers: the HTTP status, the body, and headers such as `Warning`. */
export interface ApiResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}
