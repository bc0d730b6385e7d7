/** Who made a request, as set by the authentication middleware on `c.var.principal`. */
export interface Principal {
  id: string;
  [key: string]: unknown;
}

/** Hono environment of the app: what middleware puts on `c.var`. */
export interface AppEnv {
  Variables: {
    requestId: string;
    principal: Principal;
  };
}
