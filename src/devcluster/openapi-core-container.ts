/**
 * OpenAPI schemas of core/v1 containers: Container and what it uses (environment, ports,
 * resources, security contexts; volume mounts are in `openapi-core-volume.ts`).
 * Field lists, types, enums and required fields follow `k8s.io/api/core/v1/types.go` (v0.32;
 * some feature-gated fields left out); the descriptions are our own. Types listed without
 * fields (probes, lifecycle hooks) are described by name only.
 */
import type { Package } from './openapi-schema.js';

const SECURITY_PROFILE = {
  localhostProfile: [
    'string',
    'With type Localhost: the profile on the node to use (for seccomp, a path relative to the kubelet seccomp directory).',
  ],
} as const;

export const CORE_CONTAINER_PACKAGE: Package = {
  prefix: 'io.k8s.api.core.v1',
  schemas: {
    Container: {
      description:
        'One container of a pod: the image it runs, its command, environment, resources and mounts.',
      fields: {
        args: [
          '[]string',
          "Arguments to the entrypoint; the image's CMD when unset. $(VAR) references to the container's variables are expanded, $$(VAR) is kept literally. Not run in a shell.",
        ],
        command: [
          '[]string',
          "The entrypoint; the image's ENTRYPOINT when unset. $(VAR) references are expanded as in args. Not run in a shell.",
        ],
        env: ['[]EnvVar', 'Environment variables to set in the container.'],
        envFrom: [
          '[]EnvFromSource',
          'ConfigMaps and Secrets whose keys all become environment variables; env wins when a name appears in both.',
        ],
        image: [
          'string',
          'The container image to run, as a registry reference (for example busybox:1.36 or an ECR repository URI with a tag or digest).',
        ],
        imagePullPolicy: [
          'Always|IfNotPresent|Never',
          'When the kubelet pulls the image: Always, IfNotPresent or Never. Defaults to Always for the :latest tag or no tag, otherwise IfNotPresent.',
        ],
        lifecycle: ['Lifecycle', 'Hooks run right after the container starts and before it is stopped.'],
        livenessProbe: ['Probe', 'A periodic check; the container is restarted when it fails.'],
        name: ['string!', 'The name of the container, a DNS label unique within the pod. Cannot be changed.'],
        ports: [
          '[]ContainerPort',
          'Ports the container exposes. Informational: a port not listed can still be reached.',
        ],
        readinessProbe: [
          'Probe',
          'A periodic check; the pod is taken out of service endpoints while it fails.',
        ],
        resizePolicy: [
          '[]ContainerResizePolicy',
          'Whether a resource change needs a restart of the container.',
        ],
        resources: [
          'ResourceRequirements',
          'The compute resources (cpu, memory, ephemeral-storage) the container requests and may use at most.',
        ],
        restartPolicy: [
          'string',
          'Only for init containers: Always makes it a sidecar that starts before the main containers and keeps running.',
        ],
        securityContext: [
          'SecurityContext',
          "Security settings of this container; they override the pod's securityContext where both are set.",
        ],
        startupProbe: [
          'Probe',
          'A check run until it first succeeds; the other probes wait for it, and the container is restarted if it keeps failing.',
        ],
        stdin: [
          'boolean',
          'Keep a stdin buffer for the container; otherwise reads from stdin get EOF. Defaults to false.',
        ],
        stdinOnce: ['boolean', 'Close stdin after the first attach ends. Defaults to false.'],
        terminationMessagePath: [
          'string',
          'The file whose content becomes the termination message of the container. Defaults to /dev/termination-log.',
        ],
        terminationMessagePolicy: [
          'FallbackToLogsOnError|File',
          'File (the default) reads the termination message file only; FallbackToLogsOnError uses the end of the log when the file is empty and the container failed.',
        ],
        tty: ['boolean', 'Allocate a terminal for the container (needs stdin). Defaults to false.'],
        volumeDevices: ['[]VolumeDevice', 'Raw block volumes to expose to the container as devices.'],
        volumeMounts: ['[]VolumeMount', "Volumes of the pod to mount into the container's filesystem."],
        workingDir: ['string', "The working directory; the image's when unset."],
      },
    },
    EnvVar: {
      description: 'One environment variable of a container.',
      fields: {
        name: ['string!', 'The name of the variable.'],
        value: [
          'string',
          'The value. $(VAR) references to variables defined earlier are expanded, $$(VAR) is kept literally. Defaults to "".',
        ],
        valueFrom: ['EnvVarSource', 'Where to read the value from; not allowed together with value.'],
      },
    },
    EnvVarSource: {
      description: 'Where an environment variable takes its value from; exactly one field is set.',
      fields: {
        configMapKeyRef: ['ConfigMapKeySelector', 'A key of a ConfigMap in the namespace of the pod.'],
        fieldRef: [
          'ObjectFieldSelector',
          'A field of the pod: metadata.name, metadata.namespace, metadata.uid, a label or annotation, spec.nodeName, spec.serviceAccountName, status.hostIP, status.podIP and the like.',
        ],
        resourceFieldRef: [
          'ResourceFieldSelector',
          'A limit or request of a container (limits.cpu, requests.memory and so on).',
        ],
        secretKeyRef: ['SecretKeySelector', 'A key of a Secret in the namespace of the pod.'],
      },
    },
    ConfigMapKeySelector: {
      description: 'A key of a ConfigMap.',
      fields: {
        key: ['string!', 'The key to read.'],
        name: ['string', 'The name of the ConfigMap.'],
        optional: ['boolean', 'Whether the ConfigMap or the key may be missing.'],
      },
    },
    SecretKeySelector: {
      description: 'A key of a Secret.',
      fields: {
        key: ['string!', 'The key to read.'],
        name: ['string', 'The name of the Secret.'],
        optional: ['boolean', 'Whether the Secret or the key may be missing.'],
      },
    },
    ObjectFieldSelector: {
      description: 'A field of the pod, by path.',
      fields: {
        apiVersion: ['string', 'The version the path is written against. Defaults to v1.'],
        fieldPath: ['string!', 'The path of the field, such as metadata.name.'],
      },
    },
    ResourceFieldSelector: {
      description: 'A resource limit or request of a container.',
      fields: {
        containerName: ['string', 'The container; required in volumes, optional for variables.'],
        divisor: ['Quantity', 'The unit the value is expressed in. Defaults to 1.'],
        resource: ['string!', 'The resource to read, such as limits.memory.'],
      },
    },
    EnvFromSource: {
      description: 'A ConfigMap or Secret whose keys all become environment variables.',
      fields: {
        configMapRef: ['ConfigMapEnvSource', 'The ConfigMap to read.'],
        prefix: ['string', 'A prefix added to every variable name.'],
        secretRef: ['SecretEnvSource', 'The Secret to read.'],
      },
    },
    ConfigMapEnvSource: {
      description: 'A ConfigMap read as environment variables.',
      fields: {
        name: ['string', 'The name of the ConfigMap.'],
        optional: ['boolean', 'Whether it may be missing.'],
      },
    },
    SecretEnvSource: {
      description: 'A Secret read as environment variables.',
      fields: {
        name: ['string', 'The name of the Secret.'],
        optional: ['boolean', 'Whether it may be missing.'],
      },
    },
    ContainerPort: {
      description: 'A network port of a container.',
      fields: {
        containerPort: ['int32!', 'The port number on the IP address of the pod, 1 to 65535.'],
        hostIP: ['string', 'The node IP address to bind hostPort to.'],
        hostPort: [
          'int32',
          'A port of the node to expose as well; with hostNetwork it must equal containerPort.',
        ],
        name: [
          'string',
          'A name for the port (an IANA service name), unique in the pod, that services can refer to.',
        ],
        protocol: ['SCTP|TCP|UDP', 'The protocol. Defaults to TCP.'],
      },
    },
    ResourceRequirements: {
      description: 'The compute resources a container asks for and may use at most.',
      fields: {
        claims: [
          '[]ResourceClaim',
          'Resource claims of the pod this container uses (dynamic resource allocation).',
        ],
        limits: [
          'map[string]Quantity',
          'The most of each resource the container may use, such as cpu: 500m or memory: 256Mi.',
        ],
        requests: [
          'map[string]Quantity',
          'The amount of each resource the scheduler reserves for the container; defaults to the limit when only a limit is set.',
        ],
      },
    },
    ResourceClaim: { description: 'A reference to one entry of the resourceClaims of the pod.' },
    SecurityContext: {
      description: 'Security settings of one container.',
      fields: {
        allowPrivilegeEscalation: [
          'boolean',
          'Whether a process may gain more privileges than its parent (the no_new_privs flag). Always true when privileged or with CAP_SYS_ADMIN.',
        ],
        appArmorProfile: ['AppArmorProfile', "The AppArmor profile of the container; overrides the pod's."],
        capabilities: ['Capabilities', 'Linux capabilities to add to or drop from the runtime defaults.'],
        privileged: [
          'boolean',
          'Run as privileged: the processes are nearly equivalent to root on the node. Defaults to false.',
        ],
        procMount: [
          'Default|Unmasked',
          'Which /proc mount to use: Default masks and read-only paths as the runtime does, Unmasked does not.',
        ],
        readOnlyRootFilesystem: [
          'boolean',
          'Mount the root filesystem of the container read-only. Defaults to false.',
        ],
        runAsGroup: ['int64', 'The GID of the entrypoint process; the runtime default when unset.'],
        runAsNonRoot: [
          'boolean',
          'Require a non-root user: the kubelet refuses to start the container if it would run as UID 0.',
        ],
        runAsUser: ['int64', 'The UID of the entrypoint process; the user of the image when unset.'],
        seLinuxOptions: ['SELinuxOptions', 'The SELinux context of the container.'],
        seccompProfile: ['SeccompProfile', "The seccomp profile of the container; overrides the pod's."],
        windowsOptions: ['WindowsSecurityContextOptions', 'Settings for Windows containers.'],
      },
    },
    PodSecurityContext: {
      description: "Security settings of a pod, and defaults for its containers' security contexts.",
      fields: {
        appArmorProfile: ['AppArmorProfile', 'The AppArmor profile of the containers.'],
        fsGroup: [
          'int64',
          'A supplementary group of every container; volumes that support it are made owned by and writable for it.',
        ],
        fsGroupChangePolicy: [
          'Always|OnRootMismatch',
          'When volume ownership is changed to fsGroup: Always, or OnRootMismatch (only when the root of the volume does not match already).',
        ],
        runAsGroup: ['int64', 'The GID of the entrypoint process of every container.'],
        runAsNonRoot: ['boolean', 'Require every container to run as a non-root user.'],
        runAsUser: ['int64', 'The UID of the entrypoint process of every container.'],
        seLinuxOptions: ['SELinuxOptions', 'The SELinux context of every container.'],
        seccompProfile: ['SeccompProfile', 'The seccomp profile of every container.'],
        supplementalGroups: [
          '[]int64',
          'Groups added to the first process of every container, besides its primary group and fsGroup.',
        ],
        sysctls: ['[]Sysctl', 'Namespaced kernel parameters set for the pod.'],
        windowsOptions: ['WindowsSecurityContextOptions', 'Settings for Windows containers.'],
      },
    },
    Capabilities: {
      description: 'Linux capabilities to add and drop.',
      fields: {
        add: ['[]string', 'Capabilities to add, such as NET_BIND_SERVICE.'],
        drop: ['[]string', 'Capabilities to drop, such as ALL.'],
      },
    },
    SeccompProfile: {
      description: 'Which seccomp profile to apply.',
      fields: {
        ...SECURITY_PROFILE,
        type: [
          'Localhost|RuntimeDefault|Unconfined!',
          'RuntimeDefault: the profile of the container runtime; Localhost: a profile file on the node; Unconfined: none.',
        ],
      },
    },
    AppArmorProfile: {
      description: 'Which AppArmor profile to apply.',
      fields: {
        ...SECURITY_PROFILE,
        type: [
          'Localhost|RuntimeDefault|Unconfined!',
          'RuntimeDefault: the default profile of the runtime; Localhost: a profile loaded on the node; Unconfined: none.',
        ],
      },
    },
    Sysctl: {
      description: 'A kernel parameter to set.',
      fields: { name: ['string!', 'The parameter.'], value: ['string!', 'Its value.'] },
    },
    SELinuxOptions: { description: 'SELinux user, role, type and level labels.' },
    WindowsSecurityContextOptions: {
      description: 'GMSA credential spec, user name and host-process settings for Windows.',
    },
    Probe: {
      description:
        'A check of a container (a command, an HTTP GET, a TCP connection or a gRPC call) and how often to run it.',
    },
    Lifecycle: {
      description: 'Hooks run after a container starts (postStart) and before it stops (preStop).',
    },
    ContainerResizePolicy: { description: 'Whether changing a resource needs a restart of the container.' },
  },
};
