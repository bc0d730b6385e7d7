/**
 * Protobuf field numbers of the review kinds kubectl posts (`auth can-i`, `auth can-i --list`,
 * `auth whoami`), from k8s.io/api/authorization/v1/generated.proto and
 * k8s.io/api/authentication/v1/generated.proto. `status` is the server's to fill and is not read.
 */
import { msg, OBJECT_META, type Schema, skipped, str } from './protobuf.js';

const RESOURCE_ATTRIBUTES: Schema = {
  type: 'k8s.io.api.authorization.v1.ResourceAttributes',
  fields: {
    1: str('namespace'),
    2: str('verb'),
    3: str('group'),
    4: str('version'),
    5: str('resource'),
    6: str('subresource'),
    7: str('name'),
    // Field and label selectors can only narrow a request; the devcluster's policy has none.
    8: skipped('fieldSelector'),
    9: skipped('labelSelector'),
  },
};

const NON_RESOURCE_ATTRIBUTES: Schema = {
  type: 'k8s.io.api.authorization.v1.NonResourceAttributes',
  fields: { 1: str('path'), 2: str('verb') },
};

const SELF_SUBJECT_ACCESS_REVIEW: Schema = {
  type: 'k8s.io.api.authorization.v1.SelfSubjectAccessReview',
  fields: {
    1: msg('metadata', OBJECT_META),
    2: msg('spec', {
      type: 'k8s.io.api.authorization.v1.SelfSubjectAccessReviewSpec',
      fields: {
        // Go pointers: present but empty still means "these attributes were given".
        1: { ...msg('resourceAttributes', RESOURCE_ATTRIBUTES), ptr: true },
        2: { ...msg('nonResourceAttributes', NON_RESOURCE_ATTRIBUTES), ptr: true },
      },
    }),
    3: skipped('status'),
  },
};

const SELF_SUBJECT_RULES_REVIEW: Schema = {
  type: 'k8s.io.api.authorization.v1.SelfSubjectRulesReview',
  fields: {
    1: msg('metadata', OBJECT_META),
    2: msg('spec', {
      type: 'k8s.io.api.authorization.v1.SelfSubjectRulesReviewSpec',
      fields: { 1: str('namespace') },
    }),
    3: skipped('status'),
  },
};

const SELF_SUBJECT_REVIEW: Schema = {
  type: 'k8s.io.api.authentication.v1.SelfSubjectReview',
  fields: { 1: msg('metadata', OBJECT_META), 2: skipped('status') },
};

/** The review kinds by `apiVersion/kind`, for `decodeProtobufObject`. */
export const REVIEW_SCHEMAS: Record<string, Schema> = {
  'authorization.k8s.io/v1/SelfSubjectAccessReview': SELF_SUBJECT_ACCESS_REVIEW,
  'authorization.k8s.io/v1/SelfSubjectRulesReview': SELF_SUBJECT_RULES_REVIEW,
  'authentication.k8s.io/v1/SelfSubjectReview': SELF_SUBJECT_REVIEW,
};
