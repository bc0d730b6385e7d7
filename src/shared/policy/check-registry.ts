/**
 * Which checks run at which level, in which order — reproducing upstream
 * `policy/registry.go` (`populate`) for version 1.32 (= `latest` here):
 *
 * - baseline runs every baseline check;
 * - restricted runs every baseline check except those a restricted check
 *   overrides (`OverrideCheckIDs`), plus every restricted check;
 * - order: baseline check IDs sorted (Go byte order), then restricted IDs sorted.
 *
 * Checks registered upstream only for later versions (`hostProbesAndHostLifecycle`
 * from 1.34, `procMount_restricted` from 1.35) are not part of 1.32 and are absent.
 */
import {
  checkAppArmorProfile,
  checkCapabilitiesBaseline,
  checkHostNamespaces,
  checkHostPathVolumes,
  checkHostPorts,
  checkPrivileged,
  checkProcMount,
  checkSELinuxOptions,
  checkSeccompProfileBaseline,
  checkSysctls,
  checkWindowsHostProcess,
} from './baseline-checks.js';
import type { CheckPodFn } from './check-result.js';
import { compareGo } from './go-format.js';
import {
  checkAllowPrivilegeEscalation,
  checkCapabilitiesRestricted,
  checkRestrictedVolumes,
  checkRunAsNonRoot,
  checkRunAsUser,
  checkSeccompProfileRestricted,
} from './restricted-checks.js';

/** A registered check: upstream `Check` reduced to the 1.32 `VersionedCheck`. */
export interface RegisteredCheck {
  /** Upstream `CheckID`. */
  id: string;
  level: 'baseline' | 'restricted';
  run: CheckPodFn;
  /** Baseline check IDs this restricted check replaces at restricted level. */
  overrides: readonly string[];
}

/** Every check upstream registers for 1.32, with the file it comes from. */
export const REGISTERED_CHECKS: readonly RegisteredCheck[] = [
  // policy/check_privileged.go
  { id: 'privileged', level: 'baseline', run: checkPrivileged, overrides: [] },
  // policy/check_hostNamespaces.go
  { id: 'hostNamespaces', level: 'baseline', run: checkHostNamespaces, overrides: [] },
  // policy/check_hostPathVolumes.go
  { id: 'hostPathVolumes', level: 'baseline', run: checkHostPathVolumes, overrides: [] },
  // policy/check_hostPorts.go
  { id: 'hostPorts', level: 'baseline', run: checkHostPorts, overrides: [] },
  // policy/check_capabilities_baseline.go
  { id: 'capabilities_baseline', level: 'baseline', run: checkCapabilitiesBaseline, overrides: [] },
  // policy/check_appArmorProfile.go
  { id: 'appArmorProfile', level: 'baseline', run: checkAppArmorProfile, overrides: [] },
  // policy/check_seLinuxOptions.go
  { id: 'seLinuxOptions', level: 'baseline', run: checkSELinuxOptions, overrides: [] },
  // policy/check_procMount.go (1.32 name)
  { id: 'procMount', level: 'baseline', run: checkProcMount, overrides: [] },
  // policy/check_seccompProfile_baseline.go
  { id: 'seccompProfile_baseline', level: 'baseline', run: checkSeccompProfileBaseline, overrides: [] },
  // policy/check_sysctls.go
  { id: 'sysctls', level: 'baseline', run: checkSysctls, overrides: [] },
  // policy/check_windowsHostProcess.go
  { id: 'windowsHostProcess', level: 'baseline', run: checkWindowsHostProcess, overrides: [] },
  // policy/check_restrictedVolumes.go
  {
    id: 'restrictedVolumes',
    level: 'restricted',
    run: checkRestrictedVolumes,
    overrides: ['hostPathVolumes'],
  },
  // policy/check_allowPrivilegeEscalation.go
  { id: 'allowPrivilegeEscalation', level: 'restricted', run: checkAllowPrivilegeEscalation, overrides: [] },
  // policy/check_capabilities_restricted.go
  {
    id: 'capabilities_restricted',
    level: 'restricted',
    run: checkCapabilitiesRestricted,
    overrides: ['capabilities_baseline'],
  },
  // policy/check_runAsNonRoot.go
  { id: 'runAsNonRoot', level: 'restricted', run: checkRunAsNonRoot, overrides: [] },
  // policy/check_runAsUser.go
  { id: 'runAsUser', level: 'restricted', run: checkRunAsUser, overrides: [] },
  // policy/check_seccompProfile_restricted.go
  {
    id: 'seccompProfile_restricted',
    level: 'restricted',
    run: checkSeccompProfileRestricted,
    overrides: ['seccompProfile_baseline'],
  },
];

function ordered(checks: readonly RegisteredCheck[]): RegisteredCheck[] {
  const byId = (a: RegisteredCheck, b: RegisteredCheck) => compareGo(a.id, b.id);
  return [
    ...checks.filter((c) => c.level === 'baseline').sort(byId),
    ...checks.filter((c) => c.level === 'restricted').sort(byId),
  ];
}

const overridden = new Set(REGISTERED_CHECKS.flatMap((c) => c.overrides));

/** The checks run at baseline, in upstream order. */
export const BASELINE_CHECKS: readonly RegisteredCheck[] = ordered(
  REGISTERED_CHECKS.filter((c) => c.level === 'baseline'),
);

/** The checks run at restricted, in upstream order. */
export const RESTRICTED_CHECKS: readonly RegisteredCheck[] = ordered(
  REGISTERED_CHECKS.filter((c) => c.level === 'restricted' || !overridden.has(c.id)),
);
