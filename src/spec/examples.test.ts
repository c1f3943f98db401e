import { describe, expect, test } from 'vitest';
import { compileSchemas } from './compile-schemas.ts';
import { type Example, exampleProblems, loadExamples } from './examples.ts';
import { fixtureSpecsDir } from './fixtures/fixture-specs.ts';
import { defaultSpecsDir, loadSpec } from './load-spec.ts';

describe('every example of specs/ behaves as its expectations.yaml declares', async () => {
  const spec = await compileSchemas(defaultSpecsDir());
  const examples = await loadExamples(defaultSpecsDir());

  test.for(examples.map((example) => [example.path, example] as const))('%s', ([, example]) => {
    expect(exampleProblems(spec, example)).toEqual([]);
  });

  test('every message type has at least one valid and two invalid examples', () => {
    const missing = spec.messageTypes.flatMap((messageType) => {
      const declared = examples.filter((e) => e.messageType === messageType).map((e) => e.declared);
      const valid = declared.filter((d) => (d as { valid?: unknown } | undefined)?.valid === true).length;
      const invalid = declared.filter((d) => (d as { valid?: unknown } | undefined)?.valid === false).length;
      return valid >= 1 && invalid >= 2 ? [] : [`${messageType} (${valid} valid, ${invalid} invalid)`];
    });
    expect(missing).toEqual([]);
  });
});

describe('exampleProblems', async () => {
  const spec = await loadSpec({ specsDir: fixtureSpecsDir });
  const examples = await loadExamples(fixtureSpecsDir);
  const hello = (declared: unknown, value: unknown): Example => ({
    messageType: 'greetings/hello',
    path: 'examples/greetings/hello/x.json',
    declared,
    content: { ok: true, value },
  });

  test('finds every fixture example and accepts each', () => {
    expect(examples.map((e) => e.path)).toEqual([
      'examples/common/resident-code/invalid-check-digit.json',
      'examples/common/resident-code/invalid-length.json',
      'examples/common/resident-code/valid.json',
      'examples/greetings/hello/invalid-check-digit.json',
      'examples/greetings/hello/invalid-extra-member.json',
      'examples/greetings/hello/valid-minimal.json',
      'examples/greetings/hello/valid-with-time.json',
    ]);
    for (const example of examples) expect(exampleProblems(spec, example)).toEqual([]);
  });

  test('reports an invalid example that fails at another path', () => {
    const value = { residentCode: '12345678901', greeting: 'hello' };
    expect(
      exampleProblems(spec, hello({ valid: false, instancePath: '/greeting', why: 'x' }, value)),
    ).toEqual([
      'declared to fail at /greeting but fails only at: /residentCode must match format "resident-code"',
    ]);
  });

  test('needs an error at exactly the declared path, not within it', () => {
    const value = { residentCode: '12345678901', greeting: 'hello' };
    expect(exampleProblems(spec, hello({ valid: false, instancePath: '', why: 'x' }, value))).toHaveLength(1);
  });

  test('allows other errors beside the declared one', () => {
    const value = { residentCode: '12345678901', greeting: 'hi' };
    expect(
      exampleProblems(spec, hello({ valid: false, instancePath: '/greeting', why: 'x' }, value)),
    ).toEqual([]);
  });

  test('reports a valid example that fails, an invalid one that passes, and bad bookkeeping', () => {
    const good = { residentCode: '12345678900', greeting: 'hello' };
    expect(exampleProblems(spec, hello({ valid: true }, {}))[0]).toMatch(
      /^declared valid but fails: \/ must have/,
    );
    expect(exampleProblems(spec, hello({ valid: false, instancePath: '', why: 'x' }, good))).toEqual([
      'declared invalid at / but validates',
    ]);
    expect(exampleProblems(spec, hello(undefined, good))).toEqual([
      'not listed in examples/greetings/hello/expectations.yaml',
    ]);
    expect(exampleProblems(spec, hello({ valid: false }, good))[0]).toMatch(
      /^its entry in expectations.yaml/,
    );
    expect(exampleProblems(spec, { ...hello({ valid: true }, good), messageType: 'greetings/bye' })).toEqual([
      'no schema schemas/greetings/bye.json for its folder',
    ]);
    expect(
      exampleProblems(spec, {
        ...hello({ valid: true }, good),
        content: { ok: false, error: 'Unexpected end' },
      }),
    ).toEqual(['cannot be read as JSON: Unexpected end']);
  });
});
