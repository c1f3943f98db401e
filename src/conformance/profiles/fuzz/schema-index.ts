import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The JSON Schemas of a spec folder as plain data, for generating cases from them: `$ref`s
 * resolved against each schema's `$id`, and the constraints that apply to one place of an
 * instance gathered from every branch (`allOf`, `then`, `else`, `oneOf`, `anyOf`) that can
 * constrain it. Which case is valid is never decided here: the spec's own validator decides.
 */

export type JsonSchema = boolean | { readonly [keyword: string]: unknown };

/** A schema and the `$id` its relative `$ref`s resolve against. */
export interface Located {
  readonly schema: JsonSchema;
  readonly base: string;
}

/** The keywords of a place that a generator reads, merged over every schema constraining it. */
export interface LeafConstraints {
  readonly type?: string;
  readonly const?: unknown;
  readonly enum?: readonly unknown[];
  readonly format?: string;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
}

export interface SchemaIndex {
  /** The schema of a message type, e.g. `revocation-requests/batch-request`. */
  root(messageType: string): Located;
  /** Every schema that constrains the value at `tokens` below `from`, refs and branches followed. */
  at(from: Located, tokens: readonly string[]): Located[];
  /** The merged constraints of those schemas. */
  leaf(schemas: readonly Located[]): LeafConstraints;
}

const BRANCHES = ['allOf', 'oneOf', 'anyOf'] as const;
const LEAF_KEYWORDS = [
  'type',
  'const',
  'enum',
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
] as const;

function schemaFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? schemaFiles(join(dir, entry.name))
      : entry.name.endsWith('.json')
        ? [join(dir, entry.name)]
        : [],
  );
}

/** Indexes `schemas/**.json` of a spec folder by `$id` (read once; the folder is the spec under test). */
export function schemaIndex(specsDir: string): SchemaIndex {
  const schemasDir = join(specsDir, 'schemas');
  const byId = new Map<string, JsonSchema>();
  let prefix = '';
  for (const file of schemaFiles(schemasDir)) {
    const schema = JSON.parse(readFileSync(file, 'utf8')) as { $id?: string };
    if (typeof schema.$id !== 'string') continue;
    byId.set(schema.$id, schema);
    const name = relative(schemasDir, file).replaceAll('\\', '/');
    if (schema.$id.endsWith(name)) prefix = schema.$id.slice(0, -name.length);
  }

  function pointerInto(schema: JsonSchema, fragment: string): JsonSchema {
    let node: unknown = schema;
    for (const raw of fragment.split('/').slice(1)) {
      const token = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
      node = (node as Record<string, unknown> | undefined)?.[token];
    }
    return (node ?? true) as JsonSchema;
  }

  /** Follows `$ref` chains; sibling keywords of a `$ref` stay, as in 2020-12. */
  function expand(located: Located, depth = 0): Located[] {
    const { schema, base } = located;
    if (typeof schema === 'boolean' || depth > 32) return [located];
    const out: Located[] = [located];
    const ref = schema.$ref;
    if (typeof ref === 'string') {
      const url = new URL(ref, base);
      const fragment = url.hash.slice(1);
      url.hash = '';
      const target = byId.get(url.href);
      if (target !== undefined)
        out.push(...expand({ schema: pointerInto(target, fragment), base: url.href }, depth + 1));
    }
    for (const key of BRANCHES) {
      const branches = schema[key];
      if (Array.isArray(branches))
        for (const b of branches) out.push(...expand({ schema: b as JsonSchema, base }, depth + 1));
    }
    for (const key of ['then', 'else'] as const) {
      if (schema[key] !== undefined)
        out.push(...expand({ schema: schema[key] as JsonSchema, base }, depth + 1));
    }
    return out;
  }

  function child(located: Located, token: string): Located[] {
    const { schema, base } = located;
    if (typeof schema === 'boolean') return [];
    const properties = schema.properties as Record<string, JsonSchema> | undefined;
    if (properties && Object.hasOwn(properties, token))
      return [{ schema: properties[token] as JsonSchema, base }];
    if (/^[0-9]+$/.test(token) && schema.items !== undefined)
      return [{ schema: schema.items as JsonSchema, base }];
    return [];
  }

  return {
    root(messageType) {
      const id = `${prefix}${messageType}.json`;
      const schema = byId.get(id);
      if (schema === undefined) throw new Error(`no schema ${messageType} in ${schemasDir}`);
      return { schema, base: id };
    },
    at(from, tokens) {
      let here = expand(from);
      for (const token of tokens) here = here.flatMap((l) => child(l, token)).flatMap((l) => expand(l));
      return here;
    },
    leaf(schemas) {
      const merged: Record<string, unknown> = {};
      for (const { schema } of schemas) {
        if (typeof schema === 'boolean') continue;
        for (const key of LEAF_KEYWORDS) if (schema[key] !== undefined) merged[key] ??= schema[key];
      }
      return merged as LeafConstraints;
    },
  };
}
