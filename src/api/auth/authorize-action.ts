import {
  checkCluster,
  checkNamespace,
  checkNamespaceCreate,
  checkNamespaceDelete,
  checkTarget,
  type KeyScopes,
  type Principal,
  type ScopeDecision,
} from '../../shared/api-keys/scopes.js';
import { commandCatalog, isCommandName } from '../../shared/commands/index.js';
import { forbidden } from './authorize.js';

/** What a handler asks before acting: the action and the cluster/namespace it touches. */
export interface ActionRequest {
  /** `job.create`, `job.delete`, `job.read`, `namespace.create`, `namespace.delete`, `operation.read`, `operation.write`. */
  action: string;
  cluster: string;
  namespace?: string;
}

/**
 * The scope decision for one action; unknown actions are denied (fail closed). A command's
 * action is decided by the access its module declares, so a new command needs no case here.
 */
export function decideAction(scopes: KeyScopes, request: ActionRequest): ScopeDecision {
  const { cluster, namespace } = request;
  const onCluster = checkCluster(scopes, cluster);
  if (!onCluster.ok) return onCluster;
  const action = isCommandName(request.action) ? commandCatalog[request.action].access : request.action;
  switch (action) {
    case 'namespaced':
    case 'job.read':
      return namespace === undefined ? onCluster : checkTarget(scopes, cluster, namespace);
    case 'namespace.create':
      if (namespace === undefined) {
        return scopes.namespaceCreate
          ? onCluster
          : {
              ok: false,
              scope: 'namespaceCreate',
              message: 'this key may not create namespaces (namespaceCreate)',
            };
      }
      return checkNamespaceCreate(scopes, namespace);
    case 'namespace.delete':
      if (namespace === undefined) {
        return scopes.namespaceDelete
          ? onCluster
          : {
              ok: false,
              scope: 'namespaceDelete',
              message: 'this key may not delete namespaces (namespaceDelete)',
            };
      }
      return checkNamespaceDelete(scopes, namespace);
    case 'operation.read':
    case 'operation.write':
      return namespace === undefined ? onCluster : checkNamespace(scopes, namespace);
    default:
      return { ok: false, scope: 'admin', message: `unknown action ${JSON.stringify(action)}` };
  }
}

/**
 * Throws 403 (naming the missing scope) unless `principal` may do `request`. A principal
 * without scopes — not set by this module's `authenticate` — is denied.
 */
export function authorizeAction(principal: { id: string }, request: ActionRequest): void {
  const scopes = (principal as Partial<Principal>).scopes;
  if (!scopes)
    throw forbidden({ ok: false, scope: 'clusters', message: 'this request carries no key scopes' });
  const d = decideAction(scopes, request);
  if (!d.ok) throw forbidden(d);
}
