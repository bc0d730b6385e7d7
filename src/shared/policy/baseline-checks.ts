/**
 * The baseline-level checks of `k8s.io/pod-security-admission` as they stand
 * for version 1.32 (module tag v0.32.x, file `policy/<name>.go` cited per
 * check). Reasons and details are the upstream strings.
 */
import { ALLOWED, type CheckOptions, type CheckResult, forbidden } from './check-result.js';
import { goQuote, joinQuote, pluralize, sortedSet } from './go-format.js';
import type { Container, PodMetadata, PodSpec, SecurityContext } from './pod-model.js';
import { allContainers, inUserNamespace } from './visit-containers.js';

function containers(names: readonly string[]): string {
  return `${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`;
}

function namesWhere(spec: PodSpec, bad: (c: Container) => boolean): string[] {
  return allContainers(spec)
    .filter(bad)
    .map((c) => c.name);
}

/** `policy/check_privileged.go` (`privileged_1_0`): no container may set `securityContext.privileged=true`. */
export function checkPrivileged(_meta: PodMetadata, spec: PodSpec): CheckResult {
  const bad = namesWhere(spec, (c) => c.securityContext?.privileged === true);
  if (bad.length === 0) return ALLOWED;
  return forbidden('privileged', `${containers(bad)} must not set securityContext.privileged=true`);
}

/** `policy/check_hostNamespaces.go` (`hostNamespaces_1_0`): no hostNetwork, hostPID or hostIPC. */
export function checkHostNamespaces(_meta: PodMetadata, spec: PodSpec): CheckResult {
  const set: string[] = [];
  if (spec.hostNetwork) set.push('hostNetwork=true');
  if (spec.hostPID) set.push('hostPID=true');
  if (spec.hostIPC) set.push('hostIPC=true');
  if (set.length === 0) return ALLOWED;
  return forbidden('host namespaces', set.join(', '));
}

/** `policy/check_hostPathVolumes.go` (`hostPathVolumes_1_0`): no `hostPath` volume. */
export function checkHostPathVolumes(_meta: PodMetadata, spec: PodSpec): CheckResult {
  const bad = spec.volumes.filter((v) => v.sources.has('hostPath')).map((v) => v.name);
  if (bad.length === 0) return ALLOWED;
  return forbidden('hostPath volumes', `${pluralize('volume', 'volumes', bad.length)} ${joinQuote(bad)}`);
}

/** `policy/check_hostPorts.go` (`hostPorts_1_0`): every `ports[*].hostPort` must be 0/unset. */
export function checkHostPorts(_meta: PodMetadata, spec: PodSpec): CheckResult {
  const bad: string[] = [];
  const ports: string[] = [];
  for (const c of allContainers(spec)) {
    const used = c.ports.filter((p) => p.hostPort !== 0).map((p) => String(p.hostPort));
    if (used.length > 0) {
      bad.push(c.name);
      ports.push(...used);
    }
  }
  if (bad.length === 0) return ALLOWED;
  // Upstream sorts the port numbers as strings (sets.String), so "10" < "9".
  const list = sortedSet(ports);
  return forbidden(
    'hostPort',
    `${containers(bad)} ${pluralize('uses', 'use', bad.length)} ${pluralize('hostPort', 'hostPorts', list.length)} ${list.join(', ')}`,
  );
}

/** Capabilities containers may add at baseline (`capabilities_allowed_1_0`). */
export const BASELINE_ALLOWED_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

/** `policy/check_capabilities_baseline.go` (`capabilitiesBaseline_1_0`): `capabilities.add` only from the default set. */
export function checkCapabilitiesBaseline(_meta: PodMetadata, spec: PodSpec): CheckResult {
  const bad: string[] = [];
  const caps: string[] = [];
  for (const c of allContainers(spec)) {
    const extra = (c.securityContext?.capabilities?.add ?? []).filter(
      (a) => !BASELINE_ALLOWED_CAPABILITIES.has(a),
    );
    if (extra.length > 0) {
      bad.push(c.name);
      caps.push(...extra);
    }
  }
  if (bad.length === 0) return ALLOWED;
  return forbidden(
    'non-default capabilities',
    `${containers(bad)} must not include ${joinQuote(sortedSet(caps))} in securityContext.capabilities.add`,
  );
}

const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

function allowedAppArmorType(type: string): boolean {
  return type === 'RuntimeDefault' || type === 'Localhost';
}

function allowedAppArmorAnnotation(value: string): boolean {
  return value === '' || value === 'runtime/default' || value.startsWith('localhost/');
}

/**
 * `policy/check_appArmorProfile.go` (`appArmorProfile_1_0`): `appArmorProfile.type`
 * (pod and containers) must be `RuntimeDefault`/`Localhost`/unset, and every
 * `container.apparmor.security.beta.kubernetes.io/*` annotation (whether or not
 * the container exists) must be empty, `runtime/default` or `localhost/*`.
 */
export function checkAppArmorProfile(meta: PodMetadata, spec: PodSpec): CheckResult {
  const setters: string[] = [];
  const values: string[] = [];
  const podType = spec.securityContext?.appArmorProfile?.type;
  if (podType !== undefined && !allowedAppArmorType(podType)) {
    setters.push('pod');
    values.push(podType);
  }
  const bad: string[] = [];
  for (const c of allContainers(spec)) {
    const type = c.securityContext?.appArmorProfile?.type;
    if (type !== undefined && !allowedAppArmorType(type)) {
      bad.push(c.name);
      values.push(type);
    }
  }
  if (bad.length > 0) setters.push(containers(bad));
  const annotations: string[] = [];
  for (const [key, value] of meta.annotations) {
    if (key.startsWith(APPARMOR_ANNOTATION_PREFIX) && !allowedAppArmorAnnotation(value)) {
      annotations.push(`${key}=${goQuote(value)}`);
    }
  }
  const list = sortedSet(values);
  if (annotations.length > 0) {
    list.push(...sortedSet(annotations));
    setters.push(pluralize('annotation', 'annotations', annotations.length));
  }
  if (setters.length === 0) return ALLOWED;
  return forbidden(
    pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', list.length),
    `${setters.join(' and ')} must not set AppArmor profile type to ${joinQuote(list)}`,
  );
}

/** SELinux types allowed from 1.31 on (`selinuxAllowedTypes1_31`). */
export const SELINUX_ALLOWED_TYPES: ReadonlySet<string> = new Set([
  '',
  'container_t',
  'container_init_t',
  'container_kvm_t',
  'container_engine_t',
]);

/**
 * `policy/check_seLinuxOptions.go` (`seLinuxOptions1_31`): `seLinuxOptions.type`
 * from the allowed list; `user` and `role` must be empty — pod and containers.
 */
export function checkSELinuxOptions(_meta: PodMetadata, spec: PodSpec): CheckResult {
  const types: string[] = [];
  let setUser = false;
  let setRole = false;
  const valid = (sc: SecurityContext | undefined): boolean => {
    const opts = sc?.seLinuxOptions;
    if (opts === undefined) return true;
    let ok = true;
    if (!SELINUX_ALLOWED_TYPES.has(opts.type)) {
      ok = false;
      types.push(opts.type);
    }
    if (opts.user.length > 0) {
      ok = false;
      setUser = true;
    }
    if (opts.role.length > 0) {
      ok = false;
      setRole = true;
    }
    return ok;
  };
  const setters: string[] = [];
  if (!valid(spec.securityContext)) setters.push('pod');
  const bad = namesWhere(spec, (c) => !valid(c.securityContext));
  if (bad.length > 0) setters.push(containers(bad));
  if (setters.length === 0) return ALLOWED;
  const data: string[] = [];
  const typeList = sortedSet(types);
  if (typeList.length > 0) data.push(`${pluralize('type', 'types', typeList.length)} ${joinQuote(typeList)}`);
  if (setUser) data.push('user may not be set');
  if (setRole) data.push('role may not be set');
  return forbidden(
    'seLinuxOptions',
    `${setters.join(' and ')} set forbidden securityContext.seLinuxOptions: ${data.join('; ')}`,
  );
}

/**
 * `policy/check_procMount.go` (`procMount_1_0`; renamed `check_procMount_baseline.go`
 * after 1.32): `procMount` must be unset or `Default`.
 */
export function checkProcMount(_meta: PodMetadata, spec: PodSpec, options: CheckOptions): CheckResult {
  if (options.relaxForUserNamespacePods && inUserNamespace(spec)) return ALLOWED;
  const bad: string[] = [];
  const types: string[] = [];
  for (const c of allContainers(spec)) {
    const pm = c.securityContext?.procMount;
    if (pm !== undefined && pm !== 'Default') {
      bad.push(c.name);
      types.push(pm);
    }
  }
  if (bad.length === 0) return ALLOWED;
  return forbidden(
    'procMount',
    `${containers(bad)} must not set securityContext.procMount to ${joinQuote(sortedSet(types))}`,
  );
}

/** Whether a seccomp profile type is allowed (`validSeccomp`). */
export function validSeccomp(type: string): boolean {
  return type === 'Localhost' || type === 'RuntimeDefault';
}

/**
 * `policy/check_seccompProfile_baseline.go` (`seccompProfileBaseline_1_19`):
 * an explicitly set `seccompProfile.type` (pod or container) must be
 * `RuntimeDefault` or `Localhost`. From 1.19 on upstream no longer reads the
 * legacy `seccomp.security.alpha.kubernetes.io/pod` and
 * `container.seccomp.security.alpha.kubernetes.io/*` annotations (only the
 * 1.0–1.18 policy did), so at `latest` they are ignored here too.
 */
export function checkSeccompProfileBaseline(_meta: PodMetadata, spec: PodSpec): CheckResult {
  const setters: string[] = [];
  const values: string[] = [];
  const podType = spec.securityContext?.seccompProfile?.type;
  if (podType !== undefined && !validSeccomp(podType)) {
    setters.push('pod');
    values.push(podType);
  }
  const bad: string[] = [];
  for (const c of allContainers(spec)) {
    const type = c.securityContext?.seccompProfile?.type;
    if (type !== undefined && !validSeccomp(type)) {
      bad.push(c.name);
      values.push(type);
    }
  }
  if (bad.length > 0) setters.push(containers(bad));
  if (setters.length === 0) return ALLOWED;
  return forbidden(
    'seccompProfile',
    `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(values))}`,
  );
}

/** The "safe" sysctls of Kubernetes 1.32 (`sysctlsAllowedV1Dot32`). */
export const SAFE_SYSCTLS: ReadonlySet<string> = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
]);

/**
 * `policy/check_sysctls.go` (`sysctlsV1Dot32`): `spec.securityContext.sysctls[*].name`
 * from the safe list. Upstream lists offenders in order, unsorted and not deduplicated.
 */
export function checkSysctls(_meta: PodMetadata, spec: PodSpec): CheckResult {
  const bad = (spec.securityContext?.sysctls ?? []).map((s) => s.name).filter((n) => !SAFE_SYSCTLS.has(n));
  if (bad.length === 0) return ALLOWED;
  return forbidden('forbidden sysctls', bad.join(', '));
}

/**
 * `policy/check_windowsHostProcess.go` (`windowsHostProcess_1_0`): neither the pod
 * nor any container may set `windowsOptions.hostProcess=true`.
 */
export function checkWindowsHostProcess(_meta: PodMetadata, spec: PodSpec): CheckResult {
  const bad = namesWhere(spec, (c) => c.securityContext?.windowsOptions?.hostProcess === true);
  const setters: string[] = [];
  if (spec.securityContext?.windowsOptions?.hostProcess === true) setters.push('pod');
  if (bad.length > 0) setters.push(containers(bad));
  if (setters.length === 0) return ALLOWED;
  return forbidden(
    'hostProcess',
    `${setters.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true`,
  );
}
