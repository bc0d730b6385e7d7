/**
 * OpenAPI schemas of core/v1 volumes: Volume with its common sources, and the mounts that put
 * them into containers. Field lists, types, enums and required fields follow
 * `k8s.io/api/core/v1/types.go` (v0.32; the deprecated in-tree sources other than EBS left
 * out); the descriptions are our own. Sources listed without fields are described by name only.
 */
import type { Package } from './openapi-schema.js';

export const CORE_VOLUME_PACKAGE: Package = {
  prefix: 'io.k8s.api.core.v1',
  schemas: {
    VolumeMount: {
      description: 'Where a volume of the pod appears in the filesystem of a container.',
      fields: {
        mountPath: ['string!', 'The path in the container to mount at; must not contain ":".'],
        mountPropagation: [
          'Bidirectional|HostToContainer|None',
          'How mounts propagate between node and container. Defaults to None.',
        ],
        name: ['string!', 'The name of the volume in the pod.'],
        readOnly: ['boolean', 'Mount read-only. Defaults to false.'],
        recursiveReadOnly: [
          'string',
          'Whether a read-only mount is read-only in its sub-mounts too: Disabled (the default), IfPossible or Enabled.',
        ],
        subPath: ['string', 'A path inside the volume to mount instead of its root.'],
        subPathExpr: [
          'string',
          'Like subPath, with $(VAR) references to the container environment expanded.',
        ],
      },
    },
    VolumeDevice: { description: 'A raw block volume and the device path to expose it at.' },
    Volume: {
      description: 'A named volume the containers of a pod can mount; exactly one source is set.',
      fields: {
        awsElasticBlockStore: ['AWSElasticBlockStoreVolumeSource', 'Deprecated in-tree EBS volume; use csi.'],
        configMap: ['ConfigMapVolumeSource', 'The keys of a ConfigMap as files.'],
        csi: ['CSIVolumeSource', 'An ephemeral volume from a CSI driver.'],
        downwardAPI: ['DownwardAPIVolumeSource', 'Fields of the pod as files.'],
        emptyDir: ['EmptyDirVolumeSource', 'An empty directory that lives as long as the pod.'],
        ephemeral: [
          'EphemeralVolumeSource',
          'A volume from a PersistentVolumeClaim made for the pod and deleted with it.',
        ],
        hostPath: ['HostPathVolumeSource', 'A file or directory of the node.'],
        image: ['ImageVolumeSource', 'The content of an OCI image or artifact, read-only.'],
        name: ['string!', 'The name of the volume, a DNS label unique in the pod.'],
        nfs: ['NFSVolumeSource', 'An NFS export.'],
        persistentVolumeClaim: [
          'PersistentVolumeClaimVolumeSource',
          'A PersistentVolumeClaim in the namespace.',
        ],
        projected: [
          'ProjectedVolumeSource',
          'Secrets, ConfigMaps, downward API fields and tokens in one directory.',
        ],
        secret: ['SecretVolumeSource', 'The keys of a Secret as files.'],
      },
    },
    ConfigMapVolumeSource: {
      description: 'A ConfigMap whose keys become files.',
      fields: {
        defaultMode: ['int32', 'The permission bits of the files, 0000 to 0777. Defaults to 0644.'],
        items: ['[]KeyToPath', 'Only these keys, at these paths; all keys by their names when unset.'],
        name: ['string', 'The name of the ConfigMap.'],
        optional: ['boolean', 'Whether the ConfigMap or its keys may be missing.'],
      },
    },
    SecretVolumeSource: {
      description: 'A Secret whose keys become files.',
      fields: {
        defaultMode: ['int32', 'The permission bits of the files, 0000 to 0777. Defaults to 0644.'],
        items: ['[]KeyToPath', 'Only these keys, at these paths; all keys by their names when unset.'],
        optional: ['boolean', 'Whether the Secret or its keys may be missing.'],
        secretName: ['string', 'The name of the Secret.'],
      },
    },
    KeyToPath: {
      description: 'A key and the file it becomes.',
      fields: {
        key: ['string!', 'The key.'],
        mode: ['int32', 'The permission bits of this file; defaultMode when unset.'],
        path: ['string!', 'The relative path of the file; must not contain "..".'],
      },
    },
    EmptyDirVolumeSource: {
      description: 'An empty directory created with the pod and removed with it.',
      fields: {
        medium: ['string', 'Where it is stored: "" (the node default) or Memory (a tmpfs).'],
        sizeLimit: ['Quantity', 'The most the volume may hold; the pod is evicted beyond it.'],
      },
    },
    HostPathVolumeSource: {
      description: 'A path on the node. Powerful and risky: most pods should not use it.',
      fields: {
        path: ['string!', 'The path on the node.'],
        type: [
          '|BlockDevice|CharDevice|Directory|DirectoryOrCreate|File|FileOrCreate|Socket',
          'What must be at the path; "" (the default) checks nothing.',
        ],
      },
    },
    PersistentVolumeClaimVolumeSource: {
      description: 'A PersistentVolumeClaim mounted as a volume.',
      fields: {
        claimName: ['string!', 'The name of the claim, in the namespace of the pod.'],
        readOnly: ['boolean', 'Mount it read-only. Defaults to false.'],
      },
    },
    AWSElasticBlockStoreVolumeSource: {
      description: 'An EBS volume attached through the deprecated in-tree driver.',
    },
    CSIVolumeSource: { description: 'A driver name and attributes for an inline CSI volume.' },
    DownwardAPIVolumeSource: { description: 'Files holding fields and resources of the pod.' },
    EphemeralVolumeSource: {
      description: 'A PersistentVolumeClaim template whose claim lives as long as the pod.',
    },
    ImageVolumeSource: { description: 'An OCI image reference and pull policy.' },
    NFSVolumeSource: { description: 'An NFS server, path and read-only flag.' },
    ProjectedVolumeSource: { description: 'Sources projected together into one directory.' },
  },
};
