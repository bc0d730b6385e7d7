import { describe, expect, test } from 'vitest';
import { authorizeAction, decideAction } from '../../src/api/auth/authorize-action.js';
import { ApiError } from '../../src/api/errors.js';
import type { KeyScopes, Principal } from '../../src/shared/api-keys/scopes.js';

const scopes: KeyScopes = {
  clusters: ['main'],
  namespaces: ['team-*'],
  namespaceCreate: true,
  namespaceDelete: false,
  systemNamespaces: false,
  admin: false,
};

describe('handler authorization', () => {
  test.each([
    ['job.create', 'main', 'team-a', true, undefined],
    ['job.read', 'main', 'team-a', true, undefined],
    ['job.delete', 'main', 'prod', false, 'namespaces'],
    ['job.create', 'other', 'team-a', false, 'clusters'],
    ['job.create', 'main', 'kube-system', false, 'systemNamespaces'],
    ['namespace.create', 'main', 'team-new', true, undefined],
    ['namespace.create', 'main', 'prod', false, 'namespaces'],
    ['namespace.delete', 'main', 'team-a', false, 'namespaceDelete'],
    ['operation.read', 'main', undefined, true, undefined],
    ['operation.write', 'main', 'prod', false, 'namespaces'],
    ['something.else', 'main', 'team-a', false, 'admin'],
  ] as const)('%s on %s/%s → %s', (action, cluster, namespace, ok, scope) => {
    const d = decideAction(scopes, { action, cluster, ...(namespace ? { namespace } : {}) });
    expect(d.ok).toBe(ok);
    if (!d.ok) expect(d.scope).toBe(scope);
  });

  test('authorizeAction throws a 403 ApiError naming the scope, also for a principal without scopes', () => {
    const principal: Principal = { id: 'k', scopes };
    const call = () =>
      authorizeAction(principal, { action: 'job.create', cluster: 'main', namespace: 'prod' });
    expect(call).toThrow(ApiError);
    expect(call).toThrow(`namespace "prod" is not in this key's namespaces`);
    try {
      call();
    } catch (err) {
      expect(err).toMatchObject({ status: 403, code: 'Forbidden', details: { scope: 'namespaces' } });
    }
    expect(() => authorizeAction({ id: 'anonymous' }, { action: 'job.read', cluster: 'main' })).toThrow(
      ApiError,
    );
  });
});
