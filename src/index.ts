// The public entry of tekigo. Everything not exported here is internal and may change between
// minor versions.

export type { CliIo } from './cli/command-definition.ts';
export { type RunCliOptions, runCli } from './cli/main.ts';
export {
  TekigoEnvironmentError,
  TekigoError,
  TekigoHarnessError,
  TekigoSpecError,
  TekigoUsageError,
} from './errors.ts';
export type { ValidationIssue, ValidationOutcome } from './evidence/ledger-entry.ts';
export type { Catalog, Incident, Requirement, RequirementLevel } from './spec/catalog.ts';
export type { SchemaSet } from './spec/compile-schemas.ts';
export {
  computeIndividualNumberCheckDigit,
  computeMunicipalityCodeCheckDigit,
  computeResidentCodeCheckDigit,
  IDENTIFIER_FORMATS,
  type IdentifierFormat,
  identifierFormats,
  isIndividualNumber,
  isMunicipalityCode,
  isResidentCode,
} from './spec/formats.ts';
export { defaultSpecsDir, type LoadSpecOptions, loadSpec, type Spec } from './spec/load-spec.ts';
export { ROLES, type Role } from './spec/roles.ts';
export { specDigest } from './spec/spec-digest.ts';
