import type { Container, PodSpec } from './pod-model.js';

/**
 * All containers of a pod in the order upstream `visitContainers`
 * (`policy/visitor.go`) visits them: init containers, containers, then
 * ephemeral containers. Every container-level message lists names in this order.
 */
export function allContainers(spec: PodSpec): Container[] {
  return [...spec.initContainers, ...spec.containers, ...spec.ephemeralContainers];
}

/** Whether `spec.os.name` is exactly `windows` (upstream compares to `corev1.Windows`). */
export function isWindowsPod(spec: PodSpec): boolean {
  return spec.os !== undefined && spec.os.name === 'windows';
}

/** `relaxPolicyForUserNamespacePod` of `policy/helpers.go` (without its 1.32 opt-in flag). */
export function inUserNamespace(spec: PodSpec): boolean {
  return spec.hostUsers === false;
}
