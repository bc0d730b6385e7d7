import { describe, expect, test } from 'vitest';
import { imageMatches } from '../../src/api/policy/workload-policy.js';

// A key's image globs are a security boundary: a glob meant for one registry must not admit
// another registry whose path spells it.

describe('image globs', () => {
  test.for([
    ['123456789012.dkr.ecr.*.amazonaws.com/*', '123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1', true],
    [
      '123456789012.dkr.ecr.*.amazonaws.com/*',
      '123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app@sha256:ab',
      true,
    ],
    ['123456789012.dkr.ecr.*.amazonaws.com/*', '123456789012.dkr.ecr.x.evil.io/.amazonaws.com/y', false],
    ['123456789012.dkr.ecr.*.amazonaws.com/*', '999999999999.dkr.ecr.eu-west-1.amazonaws.com/app', false],
    [
      '123456789012.dkr.ecr.*.amazonaws.com/*',
      '123456789012.dkr.ecr.eu-west-1.amazonaws.com.evil.io/app',
      false,
    ],
    ['busybox:*', 'busybox:1.36', true],
    ['busybox:*', 'busybox:443/miner', false],
    ['busybox:*', 'busybox', false],
    ['busybox*', 'busybox', true],
    ['registry.k8s.io/pause:3.?', 'registry.k8s.io/pause:3.9', true],
    ['registry.k8s.io/pause:3.?', 'registry.k8s.io/pause:3.10', false],
    ['registry.k8s.io/*', 'registry.k8s.io/a/b/c:1', true],
    ['registry.k8s.io/*', 'registry.k8s.io.evil.io/a', false],
    ['*.example.com/*', 'a.b.example.com/app', true],
    ['*.example.com/*', 'evil.io/.example.com/app', false],
    ['docker.io/library/*', 'busybox', false],
  ] as const)('%s against %s → %s', ([pattern, image, expected]) => {
    expect(imageMatches(pattern, image)).toBe(expected);
  });
});
