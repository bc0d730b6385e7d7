/** `/_devcluster/*`: faults, counters and token revocation over HTTP, for the admin token only. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ADMIN_IDENTITY, type TokenRevocations } from './auth.js';
import type { Authenticate } from './authenticate.js';
import type { Counters } from './counters.js';
import type { FaultRule, Faults } from './faults.js';
import { send, sendStatus } from './http-response.js';
import * as S from './status.js';

/** What the admin endpoint controls. */
export interface AdminDeps {
  authenticate: Authenticate;
  faults: Faults;
  counters: Counters;
  revocations: TokenRevocations;
}

/** Serves one `/_devcluster/…` request (the caller checked that the endpoint is enabled). */
export async function serveAdmin(
  deps: AdminDeps,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  body: Buffer,
): Promise<void> {
  const who = await deps.authenticate(req.headers.authorization);
  if (!('identity' in who) || who.identity !== ADMIN_IDENTITY) return sendStatus(res, S.unauthorized());
  const parsed: unknown = body.length > 0 ? JSON.parse(body.toString('utf8')) : {};
  const sub = path.slice('/_devcluster/'.length);
  try {
    if (sub === 'faults' && req.method === 'GET') return send(res, 200, { faults: deps.faults.list() });
    if (sub === 'faults' && req.method === 'POST') {
      const rules = (Array.isArray(parsed) ? parsed : [parsed]) as FaultRule[];
      return send(res, 201, { ids: deps.faults.addAll(rules) });
    }
    if (sub === 'faults' && req.method === 'DELETE') {
      deps.faults.clear();
      return send(res, 200, { cleared: true });
    }
    if (sub === 'counters' && req.method === 'GET') return send(res, 200, deps.counters.snapshot());
    if (sub === 'counters' && req.method === 'DELETE') {
      deps.counters.reset();
      return send(res, 200, { reset: true });
    }
    if (sub === 'revoke-tokens' && req.method === 'POST') {
      const p = (parsed ?? {}) as { identity?: string; permanent?: boolean };
      return send(res, 200, { revoked: deps.revocations.revoke(p) });
    }
  } catch (err) {
    return sendStatus(res, S.badRequest(err instanceof Error ? err.message : String(err)));
  }
  sendStatus(res, S.resourceNotFound());
}
