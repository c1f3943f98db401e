import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { ValidationIssue } from '../evidence/ledger-entry.ts';
import { identifierFormats } from './formats.ts';

export interface SpecAjv {
  readonly ajv: Ajv2020;
  /** The warnings ajv logged since the last call; the spec requires there are none. */
  takeWarnings(): string[];
}

/**
 * The one ajv configuration for the spec: JSON Schema 2020-12, strict (open tuples allowed),
 * every error reported, the standard formats plus the identifier formats. Warnings are
 * collected rather than printed so the loader can refuse a spec that causes any.
 */
export function createAjv(): SpecAjv {
  let warnings: string[] = [];
  const record = (...args: unknown[]) => {
    warnings.push(args.map(String).join(' '));
  };
  const ajv = new Ajv2020({
    strict: true,
    strictTuples: false,
    allErrors: true,
    formats: identifierFormats,
    logger: { log: () => {}, warn: record, error: record },
  });
  // ajv-formats is CommonJS: under NodeNext its default import is the module object.
  addFormats.default(ajv);
  return {
    ajv,
    takeWarnings() {
      const taken = warnings;
      warnings = [];
      return taken;
    },
  };
}

/** Names the offending member or the allowed values, which ajv's own messages leave out. */
function describe(error: ErrorObject): string {
  const message = error.message ?? error.keyword;
  const params = error.params as Record<string, unknown>;
  const member = params.additionalProperty ?? params.unevaluatedProperty;
  if (typeof member === 'string') return `${message}: ${JSON.stringify(member)}`;
  if (Array.isArray(params.allowedValues))
    return `${message}: ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  return message;
}

export function toValidationIssues(errors: readonly ErrorObject[] | null | undefined): ValidationIssue[] {
  return (errors ?? []).map((error) => ({
    instancePath: error.instancePath,
    schemaPath: error.schemaPath,
    keyword: error.keyword,
    message: describe(error),
  }));
}
