import type { FormatDefinition } from 'ajv/dist/2020.js';
import { TekigoUsageError } from '../errors.ts';

/**
 * The check-digit rules of specs/README.md ("Data"), as data: each identifier is its base
 * digits followed by one check digit computed from a weighted sum modulo 11.
 */
interface CheckDigitRule {
  /** Weights for the base digits, left to right; the base has as many digits as weights. */
  readonly weights: readonly number[];
  readonly check: (remainder: number) => number;
}

/** r ≤ 1 gives 0, otherwise 11 − r: the modulus-11 rule of resident codes and individual numbers. */
const elevenMinusOrZero = (r: number): number => (r <= 1 ? 0 : 11 - r);

const RULES = {
  // 11 − r keeping only the last digit: r = 0 gives 1, r = 1 gives 0.
  'municipality-code': { weights: [6, 5, 4, 3, 2], check: (r) => (11 - r) % 10 },
  'resident-code': { weights: [6, 5, 4, 3, 2, 7, 6, 5, 4, 3], check: elevenMinusOrZero },
  // The published rule counts weights from the digit before the check digit leftwards
  // (n + 1 for n = 1..6, n − 5 for n = 7..11); read from the left they are these.
  'individual-number': { weights: [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2], check: elevenMinusOrZero },
} as const satisfies Record<string, CheckDigitRule>;

export type IdentifierFormat = keyof typeof RULES;

export const IDENTIFIER_FORMATS = Object.keys(RULES) as readonly IdentifierFormat[];

function checkDigit(format: IdentifierFormat, base: string): number {
  const { weights, check } = RULES[format];
  if (base.length !== weights.length || !/^[0-9]+$/.test(base)) {
    throw new TekigoUsageError(
      'BAD_CHECK_DIGIT_BASE',
      `cannot compute a ${format} check digit for ${JSON.stringify(base)}: the base must be exactly ${weights.length} ASCII digits. Pass the identifier without its check digit`,
      { format, base },
    );
  }
  let sum = 0;
  for (const [i, weight] of weights.entries()) sum += Number(base[i]) * weight;
  return check(sum % 11);
}

function isValid(format: IdentifierFormat, value: string): boolean {
  const length = RULES[format].weights.length + 1;
  if (value.length !== length || !/^[0-9]+$/.test(value)) return false;
  return checkDigit(format, value.slice(0, -1)) === Number(value.slice(-1));
}

/** The check digit for a 5-digit local-government code (`13101` → 6, giving `131016`). */
export const computeMunicipalityCodeCheckDigit = (base5: string): number =>
  checkDigit('municipality-code', base5);
/** The check digit for the first 10 digits of a resident code. */
export const computeResidentCodeCheckDigit = (base10: string): number => checkDigit('resident-code', base10);
/** The check digit for the first 11 digits of an individual number. */
export const computeIndividualNumberCheckDigit = (base11: string): number =>
  checkDigit('individual-number', base11);

export const isMunicipalityCode = (value: string): boolean => isValid('municipality-code', value);
export const isResidentCode = (value: string): boolean => isValid('resident-code', value);
export const isIndividualNumber = (value: string): boolean => isValid('individual-number', value);

/** The custom ajv formats the schemas use, keyed by format name. */
export const identifierFormats = {
  'municipality-code': { type: 'string', validate: isMunicipalityCode },
  'resident-code': { type: 'string', validate: isResidentCode },
  'individual-number': { type: 'string', validate: isIndividualNumber },
} as const satisfies Record<IdentifierFormat, FormatDefinition<string>>;
