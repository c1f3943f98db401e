import { readdir, readFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { format, type OutputUnit, type Schema, Validator } from '@cfworker/json-schema';
import { readmeIdentifierFormats } from './readme-check-digits.ts';

// @cfworker/json-schema asserts the formats it knows; the protocol's identifier formats are
// added from the README's text, so that every format of specs/ is an assertion here too.
Object.assign(format, readmeIdentifierFormats);

/** One schema file of `specs/schemas/`, parsed. */
export interface SchemaFile {
  /** The path below `schemas/` without `.json`, e.g. `common/problem`. */
  readonly messageType: string;
  readonly schema: Schema;
}

/** Where a `pattern` keyword sits: its file and the JSON Pointer of the keyword in it. */
export interface PatternSite {
  readonly messageType: string;
  readonly pointer: string;
  readonly pattern: string;
}

export async function readSchemaFiles(specsDir: string): Promise<SchemaFile[]> {
  const schemasDir = join(specsDir, 'schemas');
  const entries = await readdir(schemasDir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
    .map((entry) => join(entry.parentPath, entry.name).slice(join(schemasDir, sep).length))
    .sort();
  return Promise.all(
    files.map(async (file) => ({
      messageType: file
        .split(sep)
        .join('/')
        .replace(/\.json$/, ''),
      schema: JSON.parse(await readFile(join(schemasDir, file), 'utf8')) as Schema,
    })),
  );
}

/** Keywords whose value is a map from names to subschemas (a member named `pattern` there is a name). */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'dependentSchemas']);

type Visit = (node: Record<string, unknown>, pointer: string) => void;

/** Calls `visit` on every subschema object of `schema`, with its JSON Pointer in the file. */
function eachSubschema(schema: unknown, visit: Visit, pointer = ''): void {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return;
  const node = schema as Record<string, unknown>;
  visit(node, pointer);
  for (const [key, value] of Object.entries(node)) {
    const at = `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
    if (SCHEMA_MAPS.has(key) && typeof value === 'object' && value !== null) {
      for (const [name, sub] of Object.entries(value)) eachSubschema(sub, visit, `${at}/${name}`);
    } else if (Array.isArray(value)) {
      value.forEach((sub, i) => {
        eachSubschema(sub, visit, `${at}/${i}`);
      });
    } else if (typeof value === 'object' && value !== null && key !== 'enum' && key !== 'const') {
      eachSubschema(value, visit, at);
    }
  }
}

export function patternSites(files: readonly SchemaFile[]): PatternSite[] {
  const sites: PatternSite[] = [];
  for (const { messageType, schema } of files) {
    eachSubschema(schema, (node, pointer) => {
      if (typeof node.pattern === 'string')
        sites.push({ messageType, pointer: `${pointer}/pattern`, pattern: node.pattern });
    });
  }
  return sites;
}

/** The message types whose schema is `messageType` or reaches it through `$ref`s. */
export function messageTypesReaching(files: readonly SchemaFile[], messageType: string): Set<string> {
  const refsOf = new Map<string, Set<string>>();
  for (const file of files) {
    const targets = new Set<string>();
    const base = new URL(`${file.messageType}.json`, 'https://x.invalid/');
    eachSubschema(file.schema, (node) => {
      if (typeof node.$ref !== 'string' || node.$ref.startsWith('#')) return;
      const target = new URL(node.$ref.split('#')[0] ?? '', base).pathname.slice(1);
      targets.add(target.replace(/\.json$/, ''));
    });
    refsOf.set(file.messageType, targets);
  }
  const reaching = new Set([messageType]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [from, targets] of refsOf) {
      if (!reaching.has(from) && [...targets].some((target) => reaching.has(target))) {
        reaching.add(from);
        grew = true;
      }
    }
  }
  return reaching;
}

/** A deep copy of the files with `change` applied to every subschema object. */
export function transformSchemas(files: readonly SchemaFile[], change: Visit): SchemaFile[] {
  return files.map(({ messageType, schema }) => {
    const copy = structuredClone(schema);
    eachSubschema(copy, change);
    return { messageType, schema: copy };
  });
}

/** The files as a validator that treats `format` as an annotation would see them. */
export const withoutFormats = (files: readonly SchemaFile[]): SchemaFile[] =>
  transformSchemas(files, (node) => {
    if (typeof node.format === 'string') delete node.format;
  });

/**
 * The files with one pattern read as Python's `re.search`, PCRE, Java and .NET read `$` by
 * default: also matching just before a final newline.
 */
export const withNewlineTolerantDollar = (files: readonly SchemaFile[], site: PatternSite): SchemaFile[] =>
  transformSchemas(files, (node, pointer) => {
    if (`${pointer}/pattern` !== site.pointer) return;
    if (typeof node.pattern === 'string' && node.pattern.endsWith('$'))
      node.pattern = `${node.pattern.slice(0, -1)}\n?$`;
  }).map((file, i) => (file.messageType === site.messageType ? file : (files[i] as SchemaFile)));

export interface IndependentVerdict {
  readonly valid: boolean;
  /** The instance locations of the errors, as JSON Pointers (`""` for the root). */
  readonly pointers: readonly string[];
}

/** Validates instances against the message types of `files` with @cfworker/json-schema, 2020-12. */
export function independentValidator(
  files: readonly SchemaFile[],
): (messageType: string, instance: unknown) => IndependentVerdict {
  const validators = new Map<string, Validator>();
  const validatorFor = (messageType: string): Validator => {
    let validator = validators.get(messageType);
    if (validator) return validator;
    const root = files.find((file) => file.messageType === messageType);
    if (!root) throw new Error(`no schema for message type ${messageType}`);
    validator = new Validator(root.schema, '2020-12', false);
    for (const file of files) if (file !== root) validator.addSchema(file.schema);
    validators.set(messageType, validator);
    return validator;
  };
  return (messageType, instance) => {
    const result = validatorFor(messageType).validate(instance);
    return {
      valid: result.valid,
      pointers: result.errors.map((error: OutputUnit) => error.instanceLocation.replace(/^#/, '')),
    };
  };
}
