import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { TekigoUsageError } from '../errors.ts';
import {
  computeIndividualNumberCheckDigit,
  computeMunicipalityCodeCheckDigit,
  computeResidentCodeCheckDigit,
  IDENTIFIER_FORMATS,
  type IdentifierFormat,
  identifierFormats,
  isIndividualNumber,
  isMunicipalityCode,
  isResidentCode,
} from './formats.ts';

interface Vectors {
  readonly valid: readonly string[];
  readonly invalid: readonly { readonly value: string; readonly why: string }[];
}

// The vectors are part of the open spec, so implementations in other languages can use them too.
const vectors = parse(
  await readFile(new URL('../../specs/test-vectors.yaml', import.meta.url), 'utf8'),
) as Record<IdentifierFormat, Vectors>;

const implementations = {
  'municipality-code': { is: isMunicipalityCode, compute: computeMunicipalityCodeCheckDigit },
  'resident-code': { is: isResidentCode, compute: computeResidentCodeCheckDigit },
  'individual-number': { is: isIndividualNumber, compute: computeIndividualNumberCheckDigit },
} as const;

describe.each(IDENTIFIER_FORMATS)('%s', (format) => {
  const { is, compute } = implementations[format];
  const { valid, invalid } = vectors[format];

  test('has at least five valid and five invalid vectors', () => {
    expect(valid.length).toBeGreaterThanOrEqual(5);
    expect(invalid.length).toBeGreaterThanOrEqual(5);
  });

  test.for(valid)('accepts %s, whose check digit is computed from its base', (value) => {
    expect(is(value)).toBe(true);
    expect(identifierFormats[format].validate(value)).toBe(true);
    expect(String(compute(value.slice(0, -1)))).toBe(value.slice(-1));
  });

  test.for(valid)('rejects %s with any other check digit', (value) => {
    const check = Number(value.slice(-1));
    for (let other = 0; other <= 9; other++) {
      if (other !== check) expect(is(value.slice(0, -1) + other)).toBe(false);
    }
  });

  test.for(invalid)('rejects $value ($why)', ({ value }) => {
    expect(is(value)).toBe(false);
    expect(identifierFormats[format].validate(value)).toBe(false);
  });

  test('refuses to compute a check digit for a base of the wrong shape', () => {
    const base = valid[0]?.slice(0, -1) ?? '';
    for (const bad of [base.slice(1), `${base}0`, `${base.slice(1)}x`]) {
      expect(() => compute(bad)).toThrow(TekigoUsageError);
    }
  });
});

test('the real municipality codes of the brief are valid', () => {
  for (const code of ['131016', '011002', '202011']) expect(isMunicipalityCode(code)).toBe(true);
});
