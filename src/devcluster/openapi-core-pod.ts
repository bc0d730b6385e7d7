/**
 * OpenAPI schemas of core/v1 Namespace and Pod: the pod spec and status and the smaller types
 * they use. Field lists, types, enums and required fields follow `k8s.io/api/core/v1/types.go`
 * (v0.32; some feature-gated fields left out); the descriptions are our own. Types listed
 * without fields are described by name only (see `openapi-core-container.ts` for containers).
 */
import { OBJECT_HEADER } from './openapi-meta.js';
import type { Package } from './openapi-schema.js';

export const CORE_POD_PACKAGE: Package = {
  prefix: 'io.k8s.api.core.v1',
  schemas: {
    Namespace: {
      description: 'A Namespace is a scope for names: objects of one kind must have unique names within it.',
      groupVersion: ['', 'v1'],
      fields: {
        ...OBJECT_HEADER,
        spec: ['NamespaceSpec', 'What the namespace needs before it can be removed.'],
        status: ['NamespaceStatus', 'The lifecycle state of the namespace. Set by the system.'],
      },
    },
    NamespaceSpec: {
      description: 'The desired state of a Namespace.',
      fields: {
        finalizers: [
          '[]string',
          'Values that must all be gone before a deleted namespace is removed from storage; "kubernetes" stands for deleting its content.',
        ],
      },
    },
    NamespaceStatus: {
      description: 'The observed state of a Namespace.',
      fields: {
        conditions: [
          '[]NamespaceCondition',
          'The latest observations of the namespace, mostly about its deletion.',
        ],
        phase: [
          'Active|Terminating',
          'Active, or Terminating once a deletion was requested and its content is being removed.',
        ],
      },
    },
    NamespaceCondition: {
      description: 'One observation of the state of a Namespace.',
      fields: {
        lastTransitionTime: ['Time', 'When the condition last changed status.'],
        message: ['string', 'A human-readable account of the last transition.'],
        reason: ['string', 'A one-word CamelCase reason for the last transition.'],
        status: ['string!', 'True, False or Unknown.'],
        type: ['string!', 'The kind of condition, for example NamespaceDeletionContentFailure.'],
      },
    },
    Pod: {
      description:
        'A Pod is a group of containers that run together on one node, sharing its network and volumes.',
      groupVersion: ['', 'v1'],
      fields: {
        ...OBJECT_HEADER,
        spec: ['PodSpec', 'What the pod runs and how.'],
        status: ['PodStatus', 'What the node last reported about the pod; may lag behind. Read-only.'],
      },
    },
    PodTemplateSpec: {
      description: 'The pod a controller creates: its metadata (labels, annotations) and its spec.',
      fields: {
        metadata: ['ObjectMeta', 'Labels and annotations the created pods get.'],
        spec: ['PodSpec', 'The spec of the created pods.'],
      },
    },
    PodSpec: {
      description: 'What a pod runs (its containers and volumes) and how it is placed and restarted.',
      fields: {
        activeDeadlineSeconds: [
          'int64',
          'Seconds the pod may stay active on its node, counted from its start, before it is failed. Must be positive.',
        ],
        affinity: [
          'Affinity',
          'Scheduling constraints: affinity to nodes, and affinity or anti-affinity to other pods.',
        ],
        automountServiceAccountToken: [
          'boolean',
          "Whether an API token of the pod's service account is mounted into it automatically.",
        ],
        containers: [
          '[]Container!',
          'The containers of the pod: at least one. They cannot be added or removed once the pod exists.',
        ],
        dnsConfig: ['PodDNSConfig', 'Extra DNS settings merged with those dnsPolicy produces.'],
        dnsPolicy: [
          'ClusterFirst|ClusterFirstWithHostNet|Default|None',
          "How the pod's DNS is set up: ClusterFirst (the default) uses cluster DNS, ClusterFirstWithHostNet does so with hostNetwork, Default takes the node's settings, None only dnsConfig.",
        ],
        enableServiceLinks: [
          'boolean',
          'Whether variables describing the services of the namespace are put into the environment of the containers. Defaults to true.',
        ],
        ephemeralContainers: [
          '[]EphemeralContainer',
          'Debugging containers added to a running pod through its ephemeralcontainers subresource.',
        ],
        hostAliases: ['[]HostAlias', "Extra entries for the pod's /etc/hosts."],
        hostIPC: ['boolean', "Use the node's IPC namespace. Defaults to false."],
        hostNetwork: [
          'boolean',
          "Use the node's network namespace: container ports are then ports of the node. Defaults to false.",
        ],
        hostPID: ['boolean', "Use the node's process ID namespace. Defaults to false."],
        hostUsers: [
          'boolean',
          "Run in the node's user namespace (true, the default) or in a user namespace of the pod's own.",
        ],
        hostname: ['string', "The pod's hostname; defaults to the pod name."],
        imagePullSecrets: [
          '[]LocalObjectReference',
          "Secrets in the pod's namespace with registry credentials for pulling its images.",
        ],
        initContainers: [
          '[]Container',
          'Containers that run one after another, each to success, before the main containers start; a failure is handled by restartPolicy. One with restartPolicy Always is a sidecar that keeps running.',
        ],
        nodeName: [
          'string',
          'The node the pod is bound to. Normally set by the scheduler; setting it yourself skips scheduling.',
        ],
        nodeSelector: ['map[string]string', 'Labels a node must have for the pod to be scheduled there.'],
        os: ['PodOS', 'The operating system the containers need; it limits which other fields may be set.'],
        overhead: [
          'map[string]Quantity',
          "Resources the pod's sandbox uses on top of its containers; set at admission from the RuntimeClass.",
        ],
        preemptionPolicy: [
          'Never|PreemptLowerPriority',
          'Whether the pod may evict pods of lower priority to be scheduled. Defaults to PreemptLowerPriority.',
        ],
        priority: [
          'int32',
          'The priority of the pod, filled in at admission from priorityClassName; higher wins.',
        ],
        priorityClassName: [
          'string',
          'The PriorityClass that gives the pod its priority; system-node-critical and system-cluster-critical are the highest.',
        ],
        readinessGates: [
          '[]PodReadinessGate',
          'Extra pod conditions that must be true for the pod to be ready.',
        ],
        restartPolicy: [
          'Always|Never|OnFailure',
          "Whether containers that exit are restarted: Always (the default), OnFailure or Never. A Job's pods must use Never or OnFailure.",
        ],
        runtimeClassName: [
          'string',
          "The RuntimeClass whose handler runs the pod; unset uses the node's default runtime.",
        ],
        schedulerName: ['string', 'The scheduler that places the pod; defaults to the default scheduler.'],
        schedulingGates: [
          '[]PodSchedulingGate',
          'While this list is not empty the pod is not scheduled. Gates can only be removed.',
        ],
        securityContext: [
          'PodSecurityContext',
          "Security settings of the whole pod, and defaults for the containers' own security contexts.",
        ],
        serviceAccount: ['string', 'Deprecated alias of serviceAccountName.'],
        serviceAccountName: ['string', 'The ServiceAccount the pod runs as.'],
        setHostnameAsFQDN: [
          'boolean',
          'Use the fully qualified domain name as the hostname instead of the short name. Defaults to false.',
        ],
        shareProcessNamespace: [
          'boolean',
          "Put all containers of the pod in one process namespace, so they see each other's processes. Defaults to false.",
        ],
        subdomain: [
          'string',
          'With hostname, gives the pod the name <hostname>.<subdomain>.<namespace>.svc.<cluster domain>.',
        ],
        terminationGracePeriodSeconds: [
          'int64',
          'Seconds the pod gets to stop after the termination signal before its processes are killed. Defaults to 30.',
        ],
        tolerations: ['[]Toleration', 'Node taints the pod tolerates.'],
        topologySpreadConstraints: [
          '[]TopologySpreadConstraint',
          'How a group of pods is spread over zones, nodes or other topology domains.',
        ],
        volumes: ['[]Volume', 'Volumes the containers of the pod can mount.'],
      },
    },
    PodStatus: {
      description: 'The observed state of a pod, reported by its node.',
      fields: {
        conditions: [
          '[]PodCondition',
          'The latest observations of the pod: PodScheduled, Initialized, Ready and others.',
        ],
        containerStatuses: ['[]ContainerStatus', 'One entry per container of the spec.'],
        ephemeralContainerStatuses: ['[]ContainerStatus', 'One entry per ephemeral container that has run.'],
        hostIP: ['string', 'The IP address of the node; empty until the pod is assigned one.'],
        hostIPs: ['[]HostIP', 'The IP addresses of the node; the first is hostIP.'],
        initContainerStatuses: ['[]ContainerStatus', 'One entry per init container of the spec.'],
        message: ['string', 'A human-readable account of why the pod is in its state.'],
        nominatedNodeName: [
          'string',
          'The node on which the pod will be scheduled once the pods it preempted are gone.',
        ],
        phase: [
          'Failed|Pending|Running|Succeeded|Unknown',
          'Where the pod is in its life: Pending (accepted, not all containers started), Running, Succeeded or Failed (every container ended, with or without failure), or Unknown.',
        ],
        podIP: ['string', 'The IP address of the pod; empty until one is allocated.'],
        podIPs: [
          '[]PodIP',
          'The IP addresses of the pod, at most one per address family; the first is podIP.',
        ],
        qosClass: [
          'BestEffort|Burstable|Guaranteed',
          'The quality of service class the resource requests and limits of the containers put the pod in.',
        ],
        reason: ['string', 'A brief CamelCase reason for the state of the pod, such as Evicted.'],
        startTime: ['Time', 'When the kubelet accepted the pod, before pulling any image.'],
      },
    },
    PodCondition: {
      description: 'One observation of the state of a pod.',
      fields: {
        lastProbeTime: ['Time', 'When the condition was last checked.'],
        lastTransitionTime: ['Time', 'When the condition last changed status.'],
        message: ['string', 'A human-readable account of the last transition.'],
        reason: ['string', 'A one-word CamelCase reason for the last transition.'],
        status: ['string!', 'True, False or Unknown.'],
        type: ['string!', 'The kind of condition, for example Ready or DisruptionTarget.'],
      },
    },
    ContainerStatus: {
      description: 'The state of one container of a pod.',
      fields: {
        containerID: ['string', 'The ID of the container, as <runtime>://<id>.'],
        image: ['string!', 'The image the container runs.'],
        imageID: ['string!', 'The ID of that image, which may differ from the image field.'],
        lastState: ['ContainerState', 'How the previous run of the container ended, to debug restarts.'],
        name: ['string!', 'The name of the container, as in the spec.'],
        ready: [
          'boolean!',
          'Whether the container passes its readiness probe (true when it has none and runs).',
        ],
        restartCount: ['int32!', 'How many times the container has been restarted.'],
        started: ['boolean', 'Whether the container has started and passed its startup probe.'],
        state: ['ContainerState', 'What the container is doing now.'],
      },
    },
    ContainerState: {
      description: 'What a container is doing; one of the three fields is set.',
      fields: {
        running: ['ContainerStateRunning', 'Set while the container runs.'],
        terminated: ['ContainerStateTerminated', 'Set once the container has ended.'],
        waiting: ['ContainerStateWaiting', 'Set while the container waits to start.'],
      },
    },
    ContainerStateRunning: {
      description: 'A running container.',
      fields: { startedAt: ['Time', 'When the container last started.'] },
    },
    ContainerStateTerminated: {
      description: 'A container that has ended.',
      fields: {
        containerID: ['string', 'The ID of the container, as <runtime>://<id>.'],
        exitCode: ['int32!', 'The exit status of the container.'],
        finishedAt: ['Time', 'When the container ended.'],
        message: ['string', 'A message about how it ended.'],
        reason: ['string', 'A brief reason, such as Completed, Error or OOMKilled.'],
        signal: ['int32', 'The signal that ended it, if any.'],
        startedAt: ['Time', 'When that run started.'],
      },
    },
    ContainerStateWaiting: {
      description: 'A container that has not started yet.',
      fields: {
        message: ['string', 'Why the container is not running yet.'],
        reason: ['string', 'A brief reason, such as ContainerCreating or CrashLoopBackOff.'],
      },
    },
    HostIP: { description: 'An IP address of the node.', fields: { ip: ['string!', 'The address.'] } },
    PodIP: { description: 'An IP address of the pod.', fields: { ip: ['string!', 'The address.'] } },
    Toleration: {
      description: 'Lets the pod be scheduled (or stay) on nodes with a matching taint.',
      fields: {
        effect: [
          'NoExecute|NoSchedule|PreferNoSchedule',
          'The taint effect to match; empty matches every effect.',
        ],
        key: ['string', 'The taint key to match; empty with operator Exists matches every taint.'],
        operator: ['Equal|Exists', 'Equal (the default) compares value; Exists matches any value.'],
        tolerationSeconds: [
          'int64',
          'With effect NoExecute: how long the pod stays on a node after the taint appears; unset means for ever.',
        ],
        value: ['string', 'The taint value to match with operator Equal.'],
      },
    },
    LocalObjectReference: {
      description: 'Names an object in the same namespace.',
      fields: { name: ['string', 'The name of the object.'] },
    },
    Affinity: { description: 'Node affinity, pod affinity and pod anti-affinity rules for scheduling.' },
    EphemeralContainer: {
      description:
        'A container added to a running pod for debugging; it has the fields of a container but no ports, probes or resources.',
    },
    HostAlias: { description: 'An IP address and the hostnames to map to it in /etc/hosts.' },
    PodDNSConfig: { description: 'Nameservers, search domains and resolver options for the pod.' },
    PodOS: { description: 'The operating system of the pod: linux or windows.' },
    PodReadinessGate: { description: 'A pod condition type that must be true for the pod to be ready.' },
    PodSchedulingGate: { description: 'A named gate that holds the pod back from scheduling.' },
    TopologySpreadConstraint: {
      description: 'How far the number of matching pods may differ between topology domains.',
    },
  },
};
