/** The plug-in contract: extensions that authenticate tokens and answer non-Kubernetes requests (the AWS side in `aws/`). */
import type { TokenUser } from './user-info.js';

/** Authenticates tokens and handles non-Kubernetes requests (the AWS side plugs in here). */
export interface DevClusterPlugin {
  /**
   * Return the user (identity, and optionally uid, groups, extra) for tokens it owns,
   * {reject: reason} to answer 401, or undefined if not its token.
   */
  authenticate?(token: string): Promise<TokenUser | { reject: string } | undefined>;
  /** Handle a non-Kubernetes request (e.g. GET /clusters/{name}, POST / with STS Action). Return undefined if not handled. */
  handle?(req: PluginRequest): Promise<PluginResponse | undefined>;
}

/** A request as the plug-in contract hands it over (the AWS side in `aws/` uses it too). */
export interface PluginRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A plug-in's answer. */
export interface PluginResponse {
  status: number;
  headers?: Record<string, string>;
  body: string | Buffer;
}
