/** Server-side printing options: when a Table is asked for, and `includeObject` as the API server validates it. */
import { describe, expect, it } from 'vitest';
import * as S from '../../src/devcluster/status.js';
import { toTable } from '../../src/devcluster/table.js';
import { tableOptionsOf } from '../../src/devcluster/table-options.js';
import type { KObject } from '../../src/devcluster/types.js';

const KUBECTL_ACCEPT =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

describe('tableOptionsOf', () => {
  it.each([
    ['application/json', '', undefined],
    [KUBECTL_ACCEPT, '', { includeObject: 'Metadata', noHeaders: false }],
    [KUBECTL_ACCEPT, 'includeObject=Object', { includeObject: 'Object', noHeaders: false }],
    [KUBECTL_ACCEPT, 'includeObject=None', { includeObject: 'None', noHeaders: false }],
    [KUBECTL_ACCEPT, 'includeObject=', { includeObject: 'Metadata', noHeaders: false }],
  ])('Accept %s, ?%s → %j', (accept, search, expected) => {
    expect(tableOptionsOf(accept, new URLSearchParams(search))).toEqual(expected);
  });

  it('refuses an unknown includeObject with 400, as optionsForTransform does', () => {
    let thrown: unknown;
    try {
      tableOptionsOf(KUBECTL_ACCEPT, new URLSearchParams('includeObject=object'));
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(S.StatusError);
    expect((thrown as S.StatusError).status).toMatchObject({
      code: 400,
      reason: 'BadRequest',
      message: `Unable to convert to Table as requested: includeObject: Invalid value: "object": must be 'Metadata', 'Object', 'None', or empty`,
    });
  });
});

describe('toTable', () => {
  const ns: KObject = {
    metadata: {
      name: 'team-a',
      uid: 'u1',
      resourceVersion: '7',
      creationTimestamp: new Date().toISOString(),
    },
  };
  const render = (includeObject: 'Object' | 'Metadata' | 'None', noHeaders = false) =>
    toTable('namespaces', [ns], { resourceVersion: '7' }, { includeObject, noHeaders }) as {
      columnDefinitions: unknown[] | null;
      rows: { cells: unknown[]; object: unknown }[];
    };

  it('carries each row object as includeObject asks', () => {
    expect(render('Metadata').rows[0]?.object).toEqual({
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: ns.metadata,
    });
    expect(render('Object').rows[0]?.object).toEqual({ apiVersion: 'v1', kind: 'Namespace', ...ns });
    expect(render('None').rows[0]?.object).toBeNull();
  });

  it('leaves the column definitions out with noHeaders (watch events after the first)', () => {
    expect(render('Metadata').columnDefinitions).toHaveLength(3);
    const later = render('Metadata', true);
    expect(later.columnDefinitions).toBeNull();
    expect(later.rows[0]?.cells).toEqual(['team-a', 'Active', '0s']);
  });
});
