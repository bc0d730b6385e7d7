/** Bearer-token authentication: revocations first, then static tokens, then the plug-ins in order. */
import type { TokenRevocations } from './auth.js';
import type { DevClusterPlugin } from './plugin.js';
import { type UserInfo, userInfoOf } from './user-info.js';

/** Who a request's Authorization header authenticates as (its policy identity and user.Info), or why it does not. */
export type Authenticate = (
  header: string | undefined,
) => Promise<{ identity: string; user: UserInfo } | { reject: string }>;

/** Builds the authenticator over the static `tokens` (token → identity), `revocations` and `plugins`. */
export function createAuthenticator(
  tokens: Map<string, string>,
  revocations: TokenRevocations,
  plugins: DevClusterPlugin[],
): Authenticate {
  return async (header) => {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    if (!m?.[1]) return { reject: 'no bearer token' };
    const token = m[1];
    if (revocations.rejects(token)) return { reject: 'token revoked' };
    const staticIdentity = tokens.get(token);
    if (staticIdentity !== undefined) {
      revocations.noteValid(token, staticIdentity);
      return { identity: staticIdentity, user: userInfoOf({ identity: staticIdentity }) };
    }
    for (const p of plugins) {
      const r = await p.authenticate?.(token);
      if (!r) continue;
      if ('reject' in r) return r;
      revocations.noteValid(token, r.identity);
      return { identity: r.identity, user: userInfoOf(r) };
    }
    return { reject: 'unknown token' };
  };
}
