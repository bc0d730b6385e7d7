/**
 * Decoding of `application/vnd.kubernetes.protobuf` request bodies for the objects kubectl's
 * typed clients post (`kubectl create namespace`, `kubectl create job`): the 4-byte `k8s\0`
 * magic, a runtime.Unknown envelope, then the object in the field numbers of the generated
 * .proto files (k8s.io/apimachinery/pkg/runtime/serializer/protobuf/protobuf.go;
 * k8s.io/api/{core,batch}/v1/generated.proto; k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto).
 *
 * Go's generated marshallers write every non-pointer field, zero or not, so zero values of
 * plain fields are dropped here (as JSON's omitempty would), while pointer fields (`ptr`) keep
 * an explicit 0/false/"". A field this table does not know, when non-empty, is refused rather
 * than silently lost.
 */

/** The Unknown envelope's magic prefix. */
export const PROTOBUF_MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

export class ProtobufDecodeError extends Error {
  /** True when the body is valid but uses what the devcluster does not decode (answer 415, not 400). */
  constructor(
    message: string,
    readonly unsupported = false,
  ) {
    super(message);
  }
}

type Kind = 'string' | 'int' | 'bool' | 'time' | 'quantity' | Schema;

/** How one field of a message is decoded. */
export interface Field {
  name: string;
  kind: Kind;
  repeated?: boolean;
  /** map<string, V>: a repeated entry message {1: key, 2: value}. */
  map?: boolean;
  /** A Go pointer field: its zero value is meaningful. */
  ptr?: boolean;
  /** Accepted on the wire but not part of the decoded object (read-only or unmodelled). */
  skip?: boolean;
}

/** A message's fields by number; `type` names it in errors. */
export interface Schema {
  type: string;
  fields: Record<number, Field>;
}

export const str = (name: string, ptr = false): Field => ({ name, kind: 'string', ptr });
const int = (name: string, ptr = false): Field => ({ name, kind: 'int', ptr });
const bool = (name: string, ptr = false): Field => ({ name, kind: 'bool', ptr });
const strings = (name: string): Field => ({ name, kind: 'string', repeated: true });
const stringMap = (name: string): Field => ({ name, kind: 'string', map: true });
export const msg = (name: string, schema: Schema, repeated = false): Field => ({
  name,
  kind: schema,
  repeated,
});
export const skipped = (name: string): Field => ({ name, kind: 'string', skip: true });

const OWNER_REFERENCE: Schema = {
  type: 'k8s.io.apimachinery.pkg.apis.meta.v1.OwnerReference',
  fields: {
    1: str('kind'),
    3: str('name'),
    4: str('uid'),
    5: str('apiVersion'),
    6: bool('controller', true),
    7: bool('blockOwnerDeletion', true),
  },
};

export const OBJECT_META: Schema = {
  type: 'k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta',
  fields: {
    1: str('name'),
    2: str('generateName'),
    3: str('namespace'),
    4: str('selfLink'),
    5: str('uid'),
    6: str('resourceVersion'),
    7: int('generation'),
    8: { name: 'creationTimestamp', kind: 'time' },
    9: { name: 'deletionTimestamp', kind: 'time' },
    10: int('deletionGracePeriodSeconds', true),
    11: stringMap('labels'),
    12: stringMap('annotations'),
    13: msg('ownerReferences', OWNER_REFERENCE, true),
    14: strings('finalizers'),
    // managedFields: the server keeps its own.
    17: skipped('managedFields'),
  },
};

const LABEL_SELECTOR: Schema = {
  type: 'k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector',
  fields: {
    1: stringMap('matchLabels'),
    2: msg(
      'matchExpressions',
      {
        type: 'k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement',
        fields: { 1: str('key'), 2: str('operator'), 3: strings('values') },
      },
      true,
    ),
  },
};

const CONTAINER: Schema = {
  type: 'k8s.io.api.core.v1.Container',
  fields: {
    1: str('name'),
    2: str('image'),
    3: strings('command'),
    4: strings('args'),
    5: str('workingDir'),
    6: msg(
      'ports',
      {
        type: 'k8s.io.api.core.v1.ContainerPort',
        fields: {
          1: str('name'),
          2: int('hostPort'),
          3: int('containerPort'),
          4: str('protocol'),
          5: str('hostIP'),
        },
      },
      true,
    ),
    7: msg('env', { type: 'k8s.io.api.core.v1.EnvVar', fields: { 1: str('name'), 2: str('value') } }, true),
    8: msg('resources', {
      type: 'k8s.io.api.core.v1.ResourceRequirements',
      fields: {
        1: { name: 'limits', kind: 'quantity', map: true },
        2: { name: 'requests', kind: 'quantity', map: true },
      },
    }),
    13: str('terminationMessagePath'),
    14: str('imagePullPolicy'),
    16: bool('stdin'),
    17: bool('stdinOnce'),
    18: bool('tty'),
    20: str('terminationMessagePolicy'),
  },
};

const POD_SPEC: Schema = {
  type: 'k8s.io.api.core.v1.PodSpec',
  fields: {
    2: msg('containers', CONTAINER, true),
    3: str('restartPolicy'),
    4: int('terminationGracePeriodSeconds', true),
    5: int('activeDeadlineSeconds', true),
    6: str('dnsPolicy'),
    7: stringMap('nodeSelector'),
    8: str('serviceAccountName'),
    9: str('serviceAccount'),
    10: str('nodeName'),
    11: bool('hostNetwork'),
    12: bool('hostPID'),
    13: bool('hostIPC'),
    15: msg(
      'imagePullSecrets',
      { type: 'k8s.io.api.core.v1.LocalObjectReference', fields: { 1: str('name') } },
      true,
    ),
    16: str('hostname'),
    17: str('subdomain'),
    19: str('schedulerName'),
    20: msg('initContainers', CONTAINER, true),
    21: bool('automountServiceAccountToken', true),
    24: str('priorityClassName'),
  },
};

const POD_TEMPLATE_SPEC: Schema = {
  type: 'k8s.io.api.core.v1.PodTemplateSpec',
  fields: { 1: msg('metadata', OBJECT_META), 2: msg('spec', POD_SPEC) },
};

const JOB: Schema = {
  type: 'k8s.io.api.batch.v1.Job',
  fields: {
    1: msg('metadata', OBJECT_META),
    2: msg('spec', {
      type: 'k8s.io.api.batch.v1.JobSpec',
      fields: {
        1: int('parallelism', true),
        2: int('completions', true),
        3: int('activeDeadlineSeconds', true),
        4: msg('selector', LABEL_SELECTOR),
        5: bool('manualSelector', true),
        6: msg('template', POD_TEMPLATE_SPEC),
        7: int('backoffLimit', true),
        8: int('ttlSecondsAfterFinished', true),
        9: str('completionMode', true),
        10: bool('suspend', true),
        12: int('backoffLimitPerIndex', true),
        13: int('maxFailedIndexes', true),
        14: str('podReplacementPolicy', true),
        15: str('managedBy', true),
      },
    }),
    // status is ignored on create, as the real registry resets it (PrepareForCreate).
    3: skipped('status'),
  },
};

const NAMESPACE: Schema = {
  type: 'k8s.io.api.core.v1.Namespace',
  fields: {
    1: msg('metadata', OBJECT_META),
    2: msg('spec', { type: 'k8s.io.api.core.v1.NamespaceSpec', fields: { 1: strings('finalizers') } }),
    3: skipped('status'),
  },
};

const SCHEMAS: Record<string, Schema> = { 'v1/Namespace': NAMESPACE, 'batch/v1/Job': JOB };

interface WireField {
  num: number;
  wire: number;
  varint?: bigint;
  bytes?: Buffer;
}

function readVarint(buf: Buffer, pos: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (let i = pos; i < buf.length && i < pos + 10; i++) {
    const b = buf[i] as number;
    result |= BigInt(b & 0x7f) << shift;
    if ((b & 0x80) === 0) return [result, i + 1];
    shift += 7n;
  }
  throw new ProtobufDecodeError('truncated varint');
}

function* fieldsOf(buf: Buffer): Generator<WireField> {
  let pos = 0;
  while (pos < buf.length) {
    const [key, p] = readVarint(buf, pos);
    pos = p;
    const num = Number(key >> 3n);
    const wire = Number(key & 7n);
    if (wire === 0) {
      const [v, q] = readVarint(buf, pos);
      pos = q;
      yield { num, wire, varint: v };
    } else if (wire === 2) {
      const [len, q] = readVarint(buf, pos);
      const end = q + Number(len);
      if (end > buf.length) throw new ProtobufDecodeError('truncated length-delimited field');
      yield { num, wire, bytes: buf.subarray(q, end) };
      pos = end;
    } else if (wire === 1) {
      yield { num, wire, bytes: buf.subarray(pos, pos + 8) };
      pos += 8;
    } else if (wire === 5) {
      yield { num, wire, bytes: buf.subarray(pos, pos + 4) };
      pos += 4;
    } else throw new ProtobufDecodeError(`unsupported wire type ${wire}`);
  }
}

/** int32/int64 as Go writes them: negative values are 10-byte two's complement. */
const toInt = (v: bigint): number => Number(BigInt.asIntN(64, v));

function isEmptyWire(f: WireField): boolean {
  return f.varint === 0n || (f.bytes !== undefined && f.bytes.length === 0);
}

function decodeTime(buf: Buffer): string | undefined {
  let seconds = 0;
  let nanos = 0;
  for (const f of fieldsOf(buf)) {
    if (f.num === 1 && f.varint !== undefined) seconds = toInt(f.varint);
    if (f.num === 2 && f.varint !== undefined) nanos = toInt(f.varint);
  }
  if (seconds === 0 && nanos === 0) return undefined;
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function scalar(kind: Kind, f: WireField): unknown {
  if (kind === 'string') {
    if (!f.bytes) throw new ProtobufDecodeError('expected a string');
    return f.bytes.toString('utf8');
  }
  if (kind === 'int' || kind === 'bool') {
    if (f.varint === undefined) throw new ProtobufDecodeError('expected a varint');
    return kind === 'bool' ? f.varint !== 0n : toInt(f.varint);
  }
  if (!f.bytes) throw new ProtobufDecodeError('expected a message');
  if (kind === 'time') return decodeTime(f.bytes);
  if (kind === 'quantity') {
    for (const q of fieldsOf(f.bytes)) if (q.num === 1 && q.bytes) return q.bytes.toString('utf8');
    return undefined;
  }
  const obj = decodeMessage(kind, f.bytes);
  return obj;
}

function isZero(v: unknown): boolean {
  return (
    v === undefined ||
    v === '' ||
    v === 0 ||
    v === false ||
    (typeof v === 'object' && v !== null && Object.keys(v).length === 0)
  );
}

function decodeMessage(schema: Schema, buf: Buffer): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fieldsOf(buf)) {
    const field = schema.fields[f.num];
    if (!field) {
      if (isEmptyWire(f)) continue;
      throw new ProtobufDecodeError(
        `field ${f.num} of ${schema.type} is not decoded by the devcluster; post this object as JSON`,
        true,
      );
    }
    if (field.skip) continue;
    if (field.map) {
      if (!f.bytes) throw new ProtobufDecodeError(`${schema.type}.${field.name}: expected a map entry`);
      let key = '';
      let value: unknown = field.kind === 'string' ? '' : undefined;
      for (const e of fieldsOf(f.bytes)) {
        if (e.num === 1 && e.bytes) key = e.bytes.toString('utf8');
        if (e.num === 2) value = scalar(field.kind, e);
      }
      const m = (out[field.name] ?? {}) as Record<string, unknown>;
      m[key] = value;
      out[field.name] = m;
      continue;
    }
    const value = scalar(field.kind, f);
    if (field.repeated) {
      const list = (out[field.name] ?? []) as unknown[];
      list.push(value);
      out[field.name] = list;
    } else if (field.ptr || !isZero(value)) out[field.name] = value;
  }
  return out;
}

/**
 * Decodes a protobuf request body into the JSON shape of the object, for the kinds kubectl's
 * typed clients create (`schemas`, by `apiVersion/kind`: Namespace and Job unless given).
 * Throws ProtobufDecodeError for anything else.
 */
export function decodeProtobufObject(
  body: Buffer,
  schemas: Record<string, Schema> = SCHEMAS,
): Record<string, unknown> {
  if (body.length < 4 || !body.subarray(0, 4).equals(PROTOBUF_MAGIC))
    throw new ProtobufDecodeError('provided object is not a protobuf message (no k8s magic prefix)');
  let apiVersion = '';
  let kind = '';
  let raw: Buffer | undefined;
  for (const f of fieldsOf(body.subarray(4))) {
    if (f.num === 1 && f.bytes) {
      for (const t of fieldsOf(f.bytes)) {
        if (t.num === 1 && t.bytes) apiVersion = t.bytes.toString('utf8');
        if (t.num === 2 && t.bytes) kind = t.bytes.toString('utf8');
      }
    } else if (f.num === 2 && f.bytes) raw = f.bytes;
  }
  const schema = schemas[`${apiVersion}/${kind}`];
  if (!schema) {
    const known = Object.keys(schemas).map((k) => k.replace(/\/(?=[^/]*$)/, ' '));
    throw new ProtobufDecodeError(
      `the devcluster decodes protobuf here only for ${known.join(' and ')}, not ${apiVersion} ${kind}`,
      true,
    );
  }
  return { apiVersion, kind, ...decodeMessage(schema, raw ?? Buffer.alloc(0)) };
}
