/**
 * What a request asks of server-side printing: a Table at all (kubectl's `Accept:
 * application/json;as=Table;v=v1;g=meta.k8s.io,…`) and, from the query, how rows carry their object.
 */
import * as S from './status.js';

/** `includeObject`: the whole object, its PartialObjectMetadata (the default) or nothing in each row. */
export type IncludeObject = 'Object' | 'Metadata' | 'None';

/** The TableOptions of a request (meta/v1 TableOptions). */
export interface TableOptions {
  includeObject: IncludeObject;
  /**
   * Leave the column definitions out (`columnDefinitions: null`): every watch event after the
   * first one (`apiserver/pkg/endpoints/handlers/response.go` watchEmbeddedEncoder.doEncode).
   */
  noHeaders: boolean;
}

const INCLUDE_OBJECT: readonly string[] = ['Metadata', 'None', 'Object'];

/**
 * The TableOptions when `accept` asks for a Table, else undefined. An unknown `includeObject` is
 * refused with 400, as `optionsForTransform` does (`apiserver/pkg/endpoints/handlers/response.go`,
 * `apimachinery/pkg/apis/meta/v1/validation` ValidateTableOptions).
 */
export function tableOptionsOf(accept: string, query: URLSearchParams): TableOptions | undefined {
  if (!accept.includes('as=Table')) return undefined;
  const include = query.get('includeObject') ?? '';
  if (include !== '' && !INCLUDE_OBJECT.includes(include)) {
    throw new S.StatusError(
      S.badRequest(
        `Unable to convert to Table as requested: includeObject: Invalid value: ${JSON.stringify(include)}: must be 'Metadata', 'Object', 'None', or empty`,
      ),
    );
  }
  return { includeObject: (include || 'Metadata') as IncludeObject, noHeaders: false };
}
