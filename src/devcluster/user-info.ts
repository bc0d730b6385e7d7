/**
 * Who a request authenticated as, in the shape of the API server's user.Info: what the
 * authorizer is asked about and what SelfSubjectReview reports.
 */
import { ADMIN_IDENTITY } from './auth.js';

/** A token's user as an authenticator (static tokens, a plug-in) reports it. */
export interface TokenUser {
  /** The username; the policy's `identity`. */
  identity: string;
  uid?: string;
  groups?: string[];
  extra?: Record<string, string[]>;
}

/** user.Info of an authenticated request. */
export interface UserInfo {
  username: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

/** The group of cluster administrators; the admin token's user is in it (kubeadm's admin.conf is too). */
export const MASTERS_GROUP = 'system:masters';
/** The group the API server adds to every authenticated user. */
export const AUTHENTICATED_GROUP = 'system:authenticated';

/**
 * The user.Info of a token's user: the admin in `system:masters`, and every user in
 * `system:authenticated`, which the API server adds after any authenticator
 * (apiserver/pkg/authentication/group/authenticated_group_adder.go).
 */
export function userInfoOf(user: TokenUser): UserInfo {
  const groups = [...(user.groups ?? [])];
  if (user.identity === ADMIN_IDENTITY && !groups.includes(MASTERS_GROUP)) groups.push(MASTERS_GROUP);
  if (!groups.includes(AUTHENTICATED_GROUP)) groups.push(AUTHENTICATED_GROUP);
  return {
    username: user.identity,
    ...(user.uid ? { uid: user.uid } : {}),
    groups,
    ...(user.extra ? { extra: user.extra } : {}),
  };
}
