import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { compileSchemas } from './compile-schemas.ts';
import {
  independentValidator,
  messageTypesReaching,
  patternSites,
  readSchemaFiles,
  withNewlineTolerantDollar,
  withoutFormats,
} from './cross-check/independent-validator.ts';
import { portablePatternProblems } from './cross-check/portable-pattern.ts';
import { readmeIdentifierFormats } from './cross-check/readme-check-digits.ts';
import { type ExampleExpectation, loadExamples } from './examples.ts';
import { defaultSpecsDir } from './load-spec.ts';

// A Bowtie-style cross-check of specs/: every example is judged by ajv (tekigo's validator) and
// by @cfworker/json-schema, an independent JSON Schema 2020-12 implementation, with every format
// asserted and the check digits written once more from specs/README.md. Any verdict that
// differs, from each other or from expectations.yaml, fails. Failure pointers may differ between
// validators: the declared one, its parent or a child is accepted (the convention stated in
// specs/README.md, "Validation rules").

const specsDir = defaultSpecsDir();
const ajv = await compileSchemas(specsDir);
const files = await readSchemaFiles(specsDir);
const independent = independentValidator(files);
const examples = (await loadExamples(specsDir)).flatMap((example) =>
  example.content.ok && typeof example.declared === 'object' && example.declared !== null
    ? [{ ...example, value: example.content.value, expected: example.declared as ExampleExpectation }]
    : [],
);
const invalidExamples = examples.filter((e) => !e.expected.valid);

const isNeighbour = (declared: string, actual: string): boolean =>
  actual === declared ||
  actual === declared.slice(0, declared.lastIndexOf('/')) ||
  (actual.startsWith(`${declared}/`) && !actual.slice(declared.length + 1).includes('/'));

describe('ajv and an independent 2020-12 validator reach the same verdict on every example', () => {
  test('there are examples to compare', () => {
    expect(examples.length).toBeGreaterThan(250);
  });

  test.for(examples.map((example) => [example.path, example] as const))('%s', ([, example]) => {
    const byAjv = ajv.validate(example.messageType, example.value).valid;
    const byOther = independent(example.messageType, example.value);
    expect({ ajv: byAjv, independent: byOther.valid }).toEqual({
      ajv: example.expected.valid,
      independent: example.expected.valid,
    });
    if (!example.expected.valid) {
      const declared = example.expected.instancePath;
      expect(
        byOther.pointers.some((pointer) => isNeighbour(declared, pointer)),
        `an error at ${declared || '/'} or a neighbour; got ${byOther.pointers.join(', ')}`,
      ).toBe(true);
    }
  });
});

describe('what a validator that skips formats or reads $ loosely would get wrong is covered', () => {
  const annotationOnly = independentValidator(withoutFormats(files));

  test('every invalid example that only a format catches names the rule to code', () => {
    const formatOnly = invalidExamples.filter((e) => annotationOnly(e.messageType, e.value).valid);
    expect(formatOnly.length).toBeGreaterThan(0);
    const unexplained = formatOnly
      .filter((e) => !e.expected.valid && !/rule to code: \S/.test(e.expected.why))
      .map((e) => e.path);
    expect(unexplained).toEqual([]);
  });

  test.for(
    patternSites(files).map((site) => [`schemas/${site.messageType}.json#${site.pointer}`, site] as const),
  )('%s is portable and has a trailing-newline invalid example', ([, site]) => {
    expect(portablePatternProblems(site.pattern)).toEqual([]);
    expect(site.pattern.startsWith('^') && site.pattern.endsWith('$')).toBe(true);
    // Formats are left out on both sides, so that only the pattern tells the two apart.
    const loose = independentValidator(withoutFormats(withNewlineTolerantDollar(files, site)));
    const reaching = messageTypesReaching(files, site.messageType);
    const caught = invalidExamples.filter(
      (e) =>
        reaching.has(e.messageType) &&
        loose(e.messageType, e.value).valid &&
        !annotationOnly(e.messageType, e.value).valid,
    );
    expect(caught.map((e) => e.path)).not.toEqual([]);
  });
});

describe('the check digits written from specs/README.md agree with specs/test-vectors.yaml', async () => {
  const vectors = parse(await readFile(join(specsDir, 'test-vectors.yaml'), 'utf8')) as Record<
    string,
    { valid: string[]; invalid: { value: string }[] }
  >;
  test.for(Object.entries(readmeIdentifierFormats))('%s', ([name, isValid]) => {
    const set = vectors[name];
    expect(set).toBeDefined();
    expect(set?.valid.filter((value) => !isValid(value))).toEqual([]);
    expect(set?.invalid.filter(({ value }) => isValid(value))).toEqual([]);
  });
});
