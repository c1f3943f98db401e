import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { loadSpec } from '../../../spec/load-spec.ts';
import { caseArbitrary, classify } from './fuzz-cases.ts';
import { schemaIndex } from './schema-index.ts';

const TYPE = 'revocation-requests/batch-request';
const template = {
  batchId: '0b0e7a8e-7a39-4d67-9f5e-2b2b8f6c3a11',
  sentAt: '2024-01-01T00:00:00Z',
  records: [
    {
      recordId: '0b0e7a8e-7a39-4d67-9f5e-2b2b8f6c3a12',
      recordedAt: '2024-01-01T00:00:00Z',
      serialNumber: '0123456789ABCDEF',
      residentCode: '12345678900',
      reason: 'move-out',
    },
  ],
};

describe('schema-derived cases', async () => {
  const spec = await loadSpec();
  const index = schemaIndex(spec.specsDir);
  const cases = (seed: number) =>
    fc.sample(caseArbitrary(index, index.root(TYPE), template), { seed, numRuns: 200 });

  test('the template is valid, and the same seed draws the same cases', () => {
    expect(spec.validate(TYPE, template).errors).toEqual([]);
    expect(cases(7)).toEqual(cases(7));
    expect(cases(7)).not.toEqual(cases(8));
  });

  test('a seed draws valid and schema-invalid cases alike, prototype keys among them', () => {
    const drawn = cases(11);
    const kinds = drawn.map((c) => classify(c.body, spec.validate(TYPE, c.body).errors.length));
    expect(kinds.filter((k) => k === 'valid').length).toBeGreaterThan(40);
    expect(kinds.filter((k) => k === 'invalid').length).toBeGreaterThan(40);
    const sent = drawn.map((c) => JSON.stringify(c.body));
    expect(sent.some((s) => s.includes('"__proto__"') || s.includes('"constructor"'))).toBe(true);
  });

  test('text rules outside the schema make a case neither valid nor schema-invalid', () => {
    expect(classify({ name: 'a\u0000' }, 0)).toBe('text');
    expect(classify({ name: 'e\u0301' }, 0)).toBe('text');
    expect(classify({ name: '𠮷' }, 0)).toBe('valid');
    expect(classify({ name: '𠮷' }, 2)).toBe('invalid');
  });
});
