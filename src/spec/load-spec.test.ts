import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TekigoSpecError, TekigoUsageError } from '../errors.ts';
import { compileSchemas } from './compile-schemas.ts';
import { createAjv } from './create-ajv.ts';
import { fixtureSpecsDir } from './fixtures/fixture-specs.ts';
import { defaultSpecsDir, loadSpec } from './load-spec.ts';
import { ROLES } from './roles.ts';
import { specDigest } from './spec-digest.ts';

describe('loadSpec on a fixture spec', () => {
  test('compiles every schema and names message types by path', async () => {
    const spec = await loadSpec({ specsDir: fixtureSpecsDir });
    expect(spec.messageTypes).toEqual(['common/resident-code', 'greetings/hello']);
    expect(spec.hasMessageType('greetings/hello')).toBe(true);
    expect(spec.hasMessageType('greetings')).toBe(false);
    expect(spec.digest).toBe(await specDigest(fixtureSpecsDir));
  });

  test('is loaded once per folder', async () => {
    expect(await loadSpec({ specsDir: fixtureSpecsDir })).toBe(
      await loadSpec({ specsDir: `${fixtureSpecsDir}/.` }),
    );
  });

  test('validates across $refs with the identifier formats', async () => {
    const { validate } = await loadSpec({ specsDir: fixtureSpecsDir });
    expect(validate('greetings/hello', { residentCode: '12345678900', greeting: 'hello' })).toEqual({
      messageType: 'greetings/hello',
      valid: true,
      errors: [],
    });
    const outcome = validate('greetings/hello', { residentCode: '12345678901', greeting: 'hi', extra: true });
    expect(outcome.valid).toBe(false);
    expect(outcome.errors).toEqual([
      {
        instancePath: '',
        schemaPath: '#/additionalProperties',
        keyword: 'additionalProperties',
        message: 'must NOT have additional properties: "extra"',
      },
      {
        instancePath: '/residentCode',
        schemaPath: '../common/resident-code.json/format',
        keyword: 'format',
        message: 'must match format "resident-code"',
      },
      {
        instancePath: '/greeting',
        schemaPath: '#/properties/greeting/enum',
        keyword: 'enum',
        message: 'must be equal to one of the allowed values: "hello", "goodbye"',
      },
    ]);
  });

  test('refuses an unknown message type, naming the near ones', async () => {
    const spec = await loadSpec({ specsDir: fixtureSpecsDir });
    const attempt = () => spec.validate('greeting/hello', {});
    expect(attempt).toThrow(TekigoUsageError);
    expect(attempt).toThrow(/unknown message type "greeting\/hello".*Did you mean greetings\/hello\?/);
    try {
      attempt();
    } catch (error) {
      expect((error as TekigoUsageError).code).toBe('UNKNOWN_MESSAGE_TYPE');
    }
  });

  test('parses the catalog', async () => {
    const { catalog } = await loadSpec({ specsDir: fixtureSpecsDir });
    expect(catalog.requirements.map((r) => r.id)).toEqual(['GEN-VAL-001', 'CA-REV-001', 'ISS-DOC-001']);
    expect(catalog.byId('CA-REV-001')?.incidents).toEqual(['INC-2004-JPKI']);
    expect(catalog.byId('NOPE-001')).toBeUndefined();
    expect(catalog.incidents.map((i) => i.id)).toEqual(['INC-2004-JPKI', 'INC-2023-KIOSK']);
  });
});

describe('loadSpec refuses a broken spec', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tekigo-spec-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function brokenCopy(name: string, file: string, content: string): Promise<string> {
    const copy = join(dir, name);
    await cp(fixtureSpecsDir, copy, { recursive: true });
    await writeFile(join(copy, file), content);
    return copy;
  }

  const schema = (extra: object) =>
    JSON.stringify({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'https://tekigo.example/schemas/greetings/hello.json',
      type: 'object',
      ...extra,
    });

  test.for([
    [
      'unknown keyword (strict mode)',
      'schemas/greetings/hello.json',
      schema({ colour: 'red' }),
      'SCHEMA_INVALID',
    ],
    [
      'unknown format',
      'schemas/greetings/hello.json',
      schema({ properties: { a: { format: 'nope' } } }),
      'SCHEMA_INVALID',
    ],
    [
      '$id not matching the path',
      'schemas/greetings/hello.json',
      schema({ $id: 'https://x.example/a.json' }),
      'SCHEMA_ID_MISMATCH',
    ],
    ['schema not JSON', 'schemas/greetings/hello.json', '{', 'SCHEMA_NOT_JSON'],
    [
      'catalog not matching its schema',
      'requirements.yaml',
      'version: "1"\nincidents: []\nrequirements: [{id: X}]\n',
      'CATALOG_INVALID',
    ],
    ['catalog not YAML', 'requirements.yaml', 'version: [\n', 'CATALOG_NOT_YAML'],
  ] as const)('%s', async ([name, file, content, code]) => {
    const copy = await brokenCopy(name.replaceAll(/\W+/g, '-'), file, content);
    const error = await loadSpec({ specsDir: copy }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TekigoSpecError);
    expect((error as TekigoSpecError).code).toBe(code);
    expect((error as TekigoSpecError).message).not.toContain('\n');
  });

  test('a missing folder', async () => {
    const error = await loadSpec({ specsDir: join(dir, 'absent') }).catch((e: unknown) => e);
    expect((error as TekigoSpecError).code).toBe('SPECS_NOT_FOUND');
  });

  test('a failed load is retried once the spec is fixed', async () => {
    const copy = await brokenCopy('fixed-later', 'schemas/greetings/hello.json', '{');
    await expect(loadSpec({ specsDir: copy })).rejects.toThrow(TekigoSpecError);
    await cp(
      join(fixtureSpecsDir, 'schemas/greetings/hello.json'),
      join(copy, 'schemas/greetings/hello.json'),
    );
    await expect(loadSpec({ specsDir: copy })).resolves.toHaveProperty('messageTypes');
  });
});

test('ajv warnings are collected, never printed', () => {
  const { ajv, takeWarnings } = createAjv();
  ajv.logger.warn('something odd');
  expect(takeWarnings()).toEqual(['something odd']);
  expect(takeWarnings()).toEqual([]);
});

describe('the specs/ folder of this package', () => {
  test('every schema compiles in strict mode with no warnings', async () => {
    // compileSchemas refuses any schema that fails strict compilation or makes ajv warn.
    const schemas = await compileSchemas(defaultSpecsDir());
    const files = (await readdir(join(defaultSpecsDir(), 'schemas'), { recursive: true })).filter((f) =>
      f.endsWith('.json'),
    );
    expect(schemas.messageTypes).toHaveLength(files.length);
  });

  test('loads with its catalog', async () => {
    const spec = await loadSpec();
    expect(spec.catalog.requirements.length).toBeGreaterThan(0);
    expect(spec.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  test('ROLES matches the role names of schemas/common/role.json', async () => {
    const role = JSON.parse(await readFile(join(defaultSpecsDir(), 'schemas/common/role.json'), 'utf8'));
    expect([...ROLES].sort()).toEqual([...role.enum].sort());
  });
});
