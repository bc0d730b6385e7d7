import { globCovers, globsOverlap } from '../../shared/api-keys/glob-sets.js';
import { checkNamespace, isSystemNamespace, type KeyScopes } from '../../shared/api-keys/scopes.js';

/**
 * Who may use and manage a template (docs/templates.md, "Scopes"). A template carries namespace
 * patterns written as keys' `namespaces` scopes are, with the same rule for the system
 * namespaces: a wildcard never matches them, only a literal name does.
 */

const hasWildcard = (pattern: string) => pattern.includes('*') || pattern.includes('?');

/** The template's patterns as scopes, so its namespaces are decided exactly as a key's are. */
function asScopes(patterns: readonly string[]): KeyScopes {
  return {
    clusters: [],
    namespaces: [...patterns],
    namespaceCreate: false,
    namespaceDelete: false,
    systemNamespaces: false,
    admin: false,
  };
}

/** True when a template of these patterns may be submitted into `namespace`. */
export function templateAllows(patterns: readonly string[], namespace: string): boolean {
  return checkNamespace(asScopes(patterns), namespace).ok;
}

/**
 * True when the key may use the template somewhere: some namespace is both in the key's
 * `namespaces` and in the template's patterns. A template a key may not use is, to that key, a
 * template that does not exist (404): its name, parameters and Job are not the key's to read.
 */
export function templateVisible(scopes: KeyScopes, patterns: readonly string[]): boolean {
  for (const pattern of patterns) {
    if (!hasWildcard(pattern)) {
      if (checkNamespace(scopes, pattern).ok) return true;
      continue;
    }
    for (const own of scopes.namespaces) {
      const overlaps = hasWildcard(own)
        ? globsOverlap(own, pattern)
        : !isSystemNamespace(own) && templateAllows([pattern], own);
      if (overlaps) return true;
    }
  }
  return false;
}

/**
 * The template patterns the key's `namespaces` do not cover, in order; none when the key may
 * write a template of these patterns. A literal is covered as a namespace of the key (a system
 * namespace needs its explicit grant); a pattern with wildcards by one of the key's patterns
 * that matches every name it matches.
 */
export function uncoveredPatterns(scopes: KeyScopes, patterns: readonly string[]): string[] {
  return patterns.filter((pattern) =>
    hasWildcard(pattern)
      ? !scopes.namespaces.some((own) => globCovers(own, pattern))
      : !checkNamespace(scopes, pattern).ok,
  );
}
