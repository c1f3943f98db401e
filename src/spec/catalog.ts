import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, YAMLParseError } from 'yaml';
import { TekigoSpecError } from '../errors.ts';
import { createAjv, toValidationIssues } from './create-ajv.ts';
import type { Role } from './roles.ts';

export type RequirementLevel = 'MUST' | 'SHOULD' | 'MAY';

/**
 * One normative sentence of specs/requirements.yaml, with its fields as written there;
 * requirements.schema.json says what each means.
 */
export interface Requirement {
  readonly id: string;
  readonly level: RequirementLevel;
  readonly roles: readonly Role[];
  readonly interfaces: readonly string[];
  readonly statement: string;
  /** The statement in Japanese (MUST 〜しなければならない, MUST NOT 〜してはならない, SHOULD 〜すべきである, MAY 〜してもよい). */
  readonly 'statement-ja': string;
  readonly rationale: string;
  readonly incidents: readonly string[];
  readonly 'observed-by': readonly ('protocol' | 'upper-tester' | 'reconciliation' | 'evidence')[];
  readonly topics: readonly string[];
  readonly profile?: 'test' | 'production';
}

/** A real failure the catalog is drawn from; requirements cite it by `id`. */
export interface Incident {
  readonly id: string;
  readonly title: string;
  readonly 'title-ja': string;
  readonly year: number;
  /** The seed document it is taken from, e.g. `seeds/000_….txt`. */
  readonly source: string;
  readonly mechanism: string;
  readonly lesson: string;
}

export interface Catalog {
  readonly version: string;
  readonly incidents: readonly Incident[];
  readonly requirements: readonly Requirement[];
  byId(id: string): Requirement | undefined;
}

async function readSpecFile(specsDir: string, name: string): Promise<string> {
  try {
    return await readFile(join(specsDir, name), 'utf8');
  } catch (cause) {
    throw new TekigoSpecError(
      'CATALOG_UNREADABLE',
      `cannot load the requirement catalog: ${join(specsDir, name)} cannot be read (${(cause as Error).message}). Check that the spec folder is complete`,
      { specsDir, file: name },
      { cause },
    );
  }
}

/** Reads specs/requirements.yaml and checks it against specs/requirements.schema.json. */
export async function loadCatalog(specsDir: string): Promise<Catalog> {
  const [yamlText, schemaText] = await Promise.all([
    readSpecFile(specsDir, 'requirements.yaml'),
    readSpecFile(specsDir, 'requirements.schema.json'),
  ]);
  let data: unknown;
  try {
    data = parse(yamlText);
  } catch (cause) {
    const where = cause instanceof YAMLParseError ? ` at line ${cause.linePos?.[0].line ?? '?'}` : '';
    throw new TekigoSpecError(
      'CATALOG_NOT_YAML',
      `cannot load the requirement catalog: requirements.yaml is not valid YAML${where} (${(cause as Error).message.split('\n')[0]}). Fix the file`,
      { specsDir },
      { cause },
    );
  }
  const { ajv, takeWarnings } = createAjv();
  let schemaValid: ReturnType<typeof ajv.compile>;
  try {
    schemaValid = ajv.compile(JSON.parse(schemaText) as object);
  } catch (cause) {
    throw new TekigoSpecError(
      'CATALOG_SCHEMA_INVALID',
      `cannot load the requirement catalog: requirements.schema.json does not compile (${(cause as Error).message}). Fix the schema`,
      { specsDir },
      { cause },
    );
  }
  const warnings = takeWarnings();
  if (warnings.length > 0) {
    throw new TekigoSpecError(
      'SCHEMA_WARNING',
      `cannot load the requirement catalog: requirements.schema.json causes ajv warnings (${warnings.join('; ')}). Fix the schema so it compiles without warnings`,
      { specsDir, warnings },
    );
  }
  if (!schemaValid(data)) {
    const issues = toValidationIssues(schemaValid.errors);
    throw new TekigoSpecError(
      'CATALOG_INVALID',
      `cannot load the requirement catalog: requirements.yaml does not match requirements.schema.json (${issues
        .slice(0, 5)
        .map((issue) => `${issue.instancePath || '/'} ${issue.message}`)
        .join('; ')}). Fix the catalog`,
      { specsDir, errors: issues },
    );
  }
  const catalog = data as Omit<Catalog, 'byId'>;
  const byId = new Map<string, Requirement>();
  for (const requirement of catalog.requirements) {
    if (byId.has(requirement.id)) {
      throw new TekigoSpecError(
        'CATALOG_DUPLICATE_ID',
        `cannot load the requirement catalog: requirement id ${requirement.id} appears twice in requirements.yaml. Give each requirement its own id`,
        { specsDir, id: requirement.id },
      );
    }
    byId.set(requirement.id, requirement);
  }
  return {
    version: catalog.version,
    incidents: catalog.incidents,
    requirements: catalog.requirements,
    byId: (id) => byId.get(id),
  };
}
