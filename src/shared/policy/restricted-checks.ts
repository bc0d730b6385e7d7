/**
 * The restricted-level checks of `k8s.io/pod-security-admission` as they stand
 * for version 1.32 (module tag v0.32.x, file `policy/<name>.go` cited per
 * check). Reasons and details are the upstream strings.
 */
import { validSeccomp } from './baseline-checks.js';
import { ALLOWED, type CheckOptions, type CheckResult, forbidden } from './check-result.js';
import { joinQuote, pluralize, sortedSet } from './go-format.js';
import type { PodMetadata, PodSpec, Volume } from './pod-model.js';
import { allContainers, inUserNamespace, isWindowsPod } from './visit-containers.js';

function containers(names: readonly string[]): string {
  return `${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`;
}

/**
 * `policy/check_allowPrivilegeEscalation.go` (`allowPrivilegeEscalation_1_25`):
 * every container must set `allowPrivilegeEscalation=false`; pods with
 * `spec.os.name: windows` are exempt.
 */
export function checkAllowPrivilegeEscalation(_meta: PodMetadata, spec: PodSpec): CheckResult {
  if (isWindowsPod(spec)) return ALLOWED;
  const bad = allContainers(spec)
    .filter((c) => c.securityContext?.allowPrivilegeEscalation !== false)
    .map((c) => c.name);
  if (bad.length === 0) return ALLOWED;
  return forbidden(
    'allowPrivilegeEscalation != false',
    `${containers(bad)} must set securityContext.allowPrivilegeEscalation=false`,
  );
}

/**
 * `policy/check_capabilities_restricted.go` (`capabilitiesRestricted_1_25`):
 * every container must drop `ALL` and may add only `NET_BIND_SERVICE`; Windows
 * pods are exempt. Overrides `capabilities_baseline`. A container without
 * `securityContext.capabilities` is only reported as missing the drop.
 */
export function checkCapabilitiesRestricted(_meta: PodMetadata, spec: PodSpec): CheckResult {
  if (isWindowsPod(spec)) return ALLOWED;
  const missingDrop: string[] = [];
  const adding: string[] = [];
  const caps: string[] = [];
  for (const c of allContainers(spec)) {
    const cap = c.securityContext?.capabilities;
    if (cap === undefined) {
      missingDrop.push(c.name);
      continue;
    }
    if (!cap.drop.includes('ALL')) missingDrop.push(c.name);
    const extra = cap.add.filter((a) => a !== 'NET_BIND_SERVICE');
    if (extra.length > 0) {
      adding.push(c.name);
      caps.push(...extra);
    }
  }
  const details: string[] = [];
  if (missingDrop.length > 0) {
    details.push(`${containers(missingDrop)} must set securityContext.capabilities.drop=["ALL"]`);
  }
  if (adding.length > 0) {
    details.push(
      `${containers(adding)} must not include ${joinQuote(sortedSet(caps))} in securityContext.capabilities.add`,
    );
  }
  if (details.length === 0) return ALLOWED;
  return forbidden('unrestricted capabilities', details.join('; '));
}

/**
 * Volume sources allowed at restricted in 1.32. (The `image` volume source is
 * only allowed after 1.32; in 1.32 upstream reports it as type "unknown".)
 */
export const RESTRICTED_ALLOWED_VOLUME_SOURCES: ReadonlySet<string> = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);

/** The restricted volume types in upstream's `switch` order; the first set one names the volume's type. */
const RESTRICTED_VOLUME_TYPES = [
  'hostPath',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'nfs',
  'iscsi',
  'glusterfs',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'fc',
  'azureFile',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'portworxVolume',
  'scaleIO',
  'storageos',
] as const;

function restrictedVolumeType(v: Volume): string | undefined {
  for (const key of RESTRICTED_ALLOWED_VOLUME_SOURCES) if (v.sources.has(key)) return undefined;
  return RESTRICTED_VOLUME_TYPES.find((key) => v.sources.has(key)) ?? 'unknown';
}

/**
 * `policy/check_restrictedVolumes.go` (`restrictedVolumes_1_0`, 1.32 text): only
 * configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim,
 * projected and secret volumes. A volume with any allowed source passes, as
 * upstream's `switch` does. Overrides `hostPathVolumes`.
 */
export function checkRestrictedVolumes(_meta: PodMetadata, spec: PodSpec): CheckResult {
  const bad: string[] = [];
  const types: string[] = [];
  for (const v of spec.volumes) {
    const type = restrictedVolumeType(v);
    if (type !== undefined) {
      bad.push(v.name);
      types.push(type);
    }
  }
  if (bad.length === 0) return ALLOWED;
  const list = sortedSet(types);
  return forbidden(
    'restricted volume types',
    `${pluralize('volume', 'volumes', bad.length)} ${joinQuote(bad)} ${pluralize('uses', 'use', bad.length)} ${pluralize('restricted volume type', 'restricted volume types', list.length)} ${joinQuote(list)}`,
  );
}

/**
 * `policy/check_runAsNonRoot.go` (`runAsNonRoot_1_0`): `runAsNonRoot=true` at pod
 * level or on every container; `false` anywhere is forbidden. Not exempt for
 * Windows pods. Explicit `false` is reported before missing values.
 */
export function checkRunAsNonRoot(_meta: PodMetadata, spec: PodSpec, options: CheckOptions): CheckResult {
  if (options.relaxForUserNamespacePods && inUserNamespace(spec)) return ALLOWED;
  const setters: string[] = [];
  const pod = spec.securityContext?.runAsNonRoot;
  if (pod === false) setters.push('pod');
  const explicit: string[] = [];
  const implicit: string[] = [];
  for (const c of allContainers(spec)) {
    const v = c.securityContext?.runAsNonRoot;
    if (v !== undefined) {
      if (!v) explicit.push(c.name);
    } else if (pod !== true) {
      implicit.push(c.name);
    }
  }
  if (explicit.length > 0) setters.push(containers(explicit));
  if (setters.length > 0) {
    return forbidden(
      'runAsNonRoot != true',
      `${setters.join(' and ')} must not set securityContext.runAsNonRoot=false`,
    );
  }
  if (implicit.length > 0) {
    return forbidden(
      'runAsNonRoot != true',
      `pod or ${containers(implicit)} must set securityContext.runAsNonRoot=true`,
    );
  }
  return ALLOWED;
}

/** `policy/check_runAsUser.go` (`runAsUser_1_23`): neither pod nor containers may set `runAsUser=0`. */
export function checkRunAsUser(_meta: PodMetadata, spec: PodSpec, options: CheckOptions): CheckResult {
  if (options.relaxForUserNamespacePods && inUserNamespace(spec)) return ALLOWED;
  const setters: string[] = [];
  if (spec.securityContext?.runAsUser === 0) setters.push('pod');
  const bad = allContainers(spec)
    .filter((c) => c.securityContext?.runAsUser === 0)
    .map((c) => c.name);
  if (bad.length > 0) setters.push(containers(bad));
  if (setters.length === 0) return ALLOWED;
  return forbidden('runAsUser=0', `${setters.join(' and ')} must not set runAsUser=0`);
}

/**
 * `policy/check_seccompProfile_restricted.go` (`seccompProfileRestricted_1_25`):
 * `seccompProfile.type` must be `RuntimeDefault`/`Localhost`, set at pod level
 * or on every container; Windows pods are exempt. Overrides `seccompProfile_baseline`.
 * A container's own (valid) profile wins over the pod's; an invalid pod profile
 * does not cover containers.
 */
export function checkSeccompProfileRestricted(_meta: PodMetadata, spec: PodSpec): CheckResult {
  if (isWindowsPod(spec)) return ALLOWED;
  const setters: string[] = [];
  const values: string[] = [];
  let podSet = false;
  const podType = spec.securityContext?.seccompProfile?.type;
  if (podType !== undefined) {
    if (validSeccomp(podType)) podSet = true;
    else {
      setters.push('pod');
      values.push(podType);
    }
  }
  const explicit: string[] = [];
  const implicit: string[] = [];
  for (const c of allContainers(spec)) {
    const type = c.securityContext?.seccompProfile?.type;
    if (type !== undefined) {
      if (!validSeccomp(type)) {
        explicit.push(c.name);
        values.push(type);
      }
    } else if (!podSet) {
      implicit.push(c.name);
    }
  }
  if (explicit.length > 0) setters.push(containers(explicit));
  if (setters.length > 0) {
    return forbidden(
      'seccompProfile',
      `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(values))}`,
    );
  }
  if (implicit.length > 0) {
    return forbidden(
      'seccompProfile',
      `pod or ${containers(implicit)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
    );
  }
  return ALLOWED;
}
