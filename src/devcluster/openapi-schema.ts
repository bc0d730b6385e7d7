/**
 * A compact notation for the OpenAPI v3 schemas the devcluster serves, and the builder that
 * expands it into a document's `components.schemas` in the shape kube-apiserver publishes (and
 * kubectl explain's template walks, `kubectl/pkg/explain/v2/templates/plaintext.tmpl`): objects
 * with sorted `properties` and a `required` list, a reference wrapped as
 * `allOf: [{$ref: "#/components/schemas/<id>"}]` beside the field's description, arrays with
 * `items`, maps with `additionalProperties`, and `x-kubernetes-group-version-kind` on each kind.
 *
 * A field is `[type, description]`. Types:
 * - `string`, `boolean`, `int32`, `int64`, `double`: a JSON scalar (numbers keep their format);
 * - `A|B|C`: a string with those values (Kubernetes' `+enum` string types);
 * - `[]T`: an array of T; `map[string]T`: an object whose values are T;
 * - any other name: a reference to the schema of that name.
 * A trailing `!` marks the field required (no `omitempty` and no `+optional` upstream).
 */

/** One property of an object schema: its type (see the module comment) and what it means. */
export type Field = readonly [type: string, description: string];

/** One schema, named in its {@link Package}. */
export interface SchemaDef {
  description: string;
  /** The object's properties; a schema without fields is an object described by its name alone. */
  fields?: Record<string, Field>;
  /** On a kind's schema: its group and version (the kind is the schema's name). */
  groupVersion?: readonly [group: string, version: string];
  /** A type that is not an object of fields (Time, Quantity): its JSON schema as is. */
  json?: Record<string, unknown>;
}

/** Schemas of one Go package, by type name; the package is the OpenAPI id prefix. */
export interface Package {
  prefix: string;
  schemas: Record<string, SchemaDef>;
}

type Json = Record<string, unknown>;

const SCALARS: Record<string, Json> = {
  string: { type: 'string' },
  boolean: { type: 'boolean' },
  int32: { type: 'integer', format: 'int32' },
  int64: { type: 'integer', format: 'int64' },
  double: { type: 'number', format: 'double' },
};

/** Builds the `components.schemas` of OpenAPI v3 documents from packages of definitions. */
export class SchemaCatalog {
  private readonly byName = new Map<string, { id: string; def: SchemaDef }>();

  constructor(packages: readonly Package[]) {
    for (const pkg of packages) {
      for (const [name, def] of Object.entries(pkg.schemas)) {
        if (this.byName.has(name)) throw new Error(`OpenAPI schema ${name} is defined twice`);
        this.byName.set(name, { id: `${pkg.prefix}.${name}`, def });
      }
    }
  }

  /** The `#/components/schemas/…` id of the schema named `name`. */
  id(name: string): string {
    const entry = this.byName.get(name);
    if (!entry) throw new Error(`OpenAPI schema ${name} is not defined`);
    return entry.id;
  }

  /** The schemas `roots` name and every schema they reach, by id, in id order. */
  components(roots: readonly string[]): Record<string, Json> {
    const out = new Map<string, Json>();
    const visit = (name: string): void => {
      const id = this.id(name);
      if (out.has(id)) return;
      const def = this.byName.get(name)?.def as SchemaDef;
      const refs: string[] = [];
      out.set(id, this.schema(name, def, refs));
      for (const ref of refs) visit(ref);
    };
    for (const root of roots) visit(root);
    return Object.fromEntries([...out].sort(([a], [b]) => a.localeCompare(b)));
  }

  private schema(name: string, def: SchemaDef, refs: string[]): Json {
    if (def.json) return { description: def.description, ...def.json };
    const properties: Record<string, Json> = {};
    const required: string[] = [];
    for (const [field, [type, description]] of Object.entries(def.fields ?? {}).sort(([a], [b]) =>
      a.localeCompare(b),
    )) {
      const bare = type.endsWith('!') ? type.slice(0, -1) : type;
      if (bare !== type) required.push(field);
      properties[field] = this.property(bare, description, refs);
    }
    return {
      description: def.description,
      type: 'object',
      ...(required.length > 0 ? { required } : {}),
      ...(def.fields ? { properties } : {}),
      ...(def.groupVersion
        ? {
            'x-kubernetes-group-version-kind': [
              { group: def.groupVersion[0], kind: name, version: def.groupVersion[1] },
            ],
          }
        : {}),
    };
  }

  /** A field's schema: its type's schema with the description beside it. */
  private property(type: string, description: string, refs: string[]): Json {
    return { description, ...this.type(type, refs) };
  }

  private type(type: string, refs: string[]): Json {
    const scalar = SCALARS[type];
    if (scalar) return scalar;
    if (type.includes('|')) return { type: 'string', enum: type.split('|') };
    if (type.startsWith('[]')) return { type: 'array', items: this.type(type.slice(2), refs) };
    if (type.startsWith('map[string]')) {
      return { type: 'object', additionalProperties: this.type(type.slice('map[string]'.length), refs) };
    }
    refs.push(type);
    return { allOf: [{ $ref: `#/components/schemas/${this.id(type)}` }] };
  }
}
