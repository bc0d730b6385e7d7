/** A request as the devcluster's plug-in contract hands it over. */
export interface PluginRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A response for the plug-in contract. */
export interface PluginResponse {
  status: number;
  headers?: Record<string, string>;
  body: string | Buffer;
}
