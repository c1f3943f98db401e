import { readdir, readFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { TekigoSpecError, TekigoUsageError } from '../errors.ts';
import type { ValidationOutcome } from '../evidence/ledger-entry.ts';
import { createAjv, toValidationIssues } from './create-ajv.ts';
import { nearNames } from './near-names.ts';

export const SCHEMA_ID_BASE = 'https://tekigo.example/schemas/';

async function listSchemaFiles(specsDir: string, schemasDir: string): Promise<string[]> {
  const entries = await readdir(schemasDir, { recursive: true, withFileTypes: true }).catch(
    (cause: unknown) => {
      throw new TekigoSpecError(
        'SPECS_NOT_FOUND',
        `cannot load the spec: ${schemasDir} cannot be read (${(cause as Error).message}). Point to a specs/ folder that holds schemas/ and requirements.yaml`,
        { specsDir },
        { cause },
      );
    },
  );
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
    .map((entry) =>
      join(entry.parentPath, entry.name).slice(join(schemasDir, sep).length).split(sep).join('/'),
    )
    .sort();
}

/** The compiled message schemas of a spec folder. */
export interface SchemaSet {
  /** Every schema's path below `schemas/` without `.json`, sorted. */
  readonly messageTypes: readonly string[];
  hasMessageType(messageType: string): boolean;
  /** Throws `TekigoUsageError` `UNKNOWN_MESSAGE_TYPE` for a type the spec does not define. */
  validate(messageType: string, value: unknown): ValidationOutcome;
}

/**
 * Compiles every `schemas/**.json` of a spec folder, keyed by message type (the path without
 * `.json`). Each `$id` must follow the folder layout so relative `$ref`s resolve the same from
 * a file and from an `$id`. A schema that breaks strict mode or makes ajv warn is refused.
 */
export async function compileSchemas(specsDir: string): Promise<SchemaSet> {
  const schemasDir = join(specsDir, 'schemas');
  const files = await listSchemaFiles(specsDir, schemasDir);
  const { ajv, takeWarnings } = createAjv();
  const failed = (code: string, file: string, why: string, fix: string, cause?: unknown): TekigoSpecError =>
    new TekigoSpecError(
      code,
      `cannot load the spec: schemas/${file} ${why}. ${fix}`,
      { specsDir, file },
      { cause },
    );

  for (const file of files) {
    let schema: unknown;
    try {
      schema = JSON.parse(await readFile(join(schemasDir, file), 'utf8'));
    } catch (cause) {
      throw failed(
        'SCHEMA_NOT_JSON',
        file,
        `is not valid JSON (${(cause as Error).message})`,
        'Fix the file',
        cause,
      );
    }
    const expectedId = SCHEMA_ID_BASE + file;
    const id = (schema as { $id?: unknown } | null)?.$id;
    if (id !== expectedId) {
      throw failed(
        'SCHEMA_ID_MISMATCH',
        file,
        `has $id ${JSON.stringify(id)}`,
        `Set "$id" to "${expectedId}"`,
      );
    }
    try {
      ajv.addSchema(schema as object);
    } catch (cause) {
      throw failed(
        'SCHEMA_INVALID',
        file,
        `is not a valid schema (${(cause as Error).message})`,
        'Fix the schema',
        cause,
      );
    }
  }

  const validators = new Map<string, ValidateFunction>();
  for (const file of files) {
    let validator: ValidateFunction | undefined;
    try {
      validator = ajv.getSchema(SCHEMA_ID_BASE + file);
    } catch (cause) {
      throw failed(
        'SCHEMA_INVALID',
        file,
        `does not compile (${(cause as Error).message})`,
        'Fix the schema',
        cause,
      );
    }
    const warnings = takeWarnings();
    if (warnings.length > 0) {
      throw failed(
        'SCHEMA_WARNING',
        file,
        `compiles with ajv warnings (${warnings.join('; ')})`,
        'Fix the schema so it compiles without warnings',
      );
    }
    if (validator === undefined) throw failed('SCHEMA_INVALID', file, 'did not compile', 'Fix the schema');
    validators.set(file.slice(0, -'.json'.length), validator);
  }
  return schemaSet(validators);
}

/** `UNKNOWN_MESSAGE_TYPE`, naming the message types closest to the one asked for. */
export function unknownMessageType(messageType: string, messageTypes: readonly string[]): TekigoUsageError {
  const near = nearNames(messageType, messageTypes);
  return new TekigoUsageError(
    'UNKNOWN_MESSAGE_TYPE',
    `unknown message type ${JSON.stringify(messageType)}: the spec has no schemas/${messageType}.json. ${
      near.length > 0 ? `Did you mean ${near.join(', ')}?` : 'Run tekigo message-types to list them'
    }`,
    { messageType, near },
  );
}

function schemaSet(validators: ReadonlyMap<string, ValidateFunction>): SchemaSet {
  const messageTypes = [...validators.keys()].sort();
  return {
    messageTypes,
    hasMessageType: (messageType) => validators.has(messageType),
    // Plain closures, so callers may pass `validate` around unbound.
    validate(messageType, value) {
      const validator = validators.get(messageType);
      if (validator === undefined) throw unknownMessageType(messageType, messageTypes);
      const valid = validator(value) as boolean;
      return { messageType, valid, errors: toValidationIssues(validator.errors) };
    },
  };
}
