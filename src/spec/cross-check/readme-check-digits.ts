/**
 * The three identifier formats written once more from the text of specs/README.md
 * ("Validation rules" and "Data"), on purpose without importing `src/spec/formats.ts`: the
 * cross-check compares two readings of the same text, as an outside implementer would make.
 */

const digitsOnly = (value: string, length: number): boolean =>
  value.length === length && [...value].every((c) => c >= '0' && c <= '9');

const digitAt = (value: string, index: number): number => value.charCodeAt(index) - 48;

/** "weights 6,5,4,3,2 over the five digits; check = 11 − (sum mod 11), last digit kept". */
export function readmeMunicipalityCode(value: string): boolean {
  if (!digitsOnly(value, 6)) return false;
  const weights = [6, 5, 4, 3, 2];
  const sum = weights.reduce((total, weight, i) => total + weight * digitAt(value, i), 0);
  const check = String(11 - (sum % 11)).slice(-1);
  return value[5] === check;
}

/** "weights 6,5,4,3,2,7,6,5,4,3 over the ten digits from the left; r = sum mod 11; check = 0 when r ≤ 1, else 11 − r". */
export function readmeResidentCode(value: string): boolean {
  if (!digitsOnly(value, 11)) return false;
  const weights = [6, 5, 4, 3, 2, 7, 6, 5, 4, 3];
  const sum = weights.reduce((total, weight, i) => total + weight * digitAt(value, i), 0);
  const r = sum % 11;
  return digitAt(value, 10) === (r <= 1 ? 0 : 11 - r);
}

/**
 * "weights, from the digit before the check digit leftwards, n+1 for n = 1..6 and n−5 for
 * n = 7..11; r = sum mod 11; check = 0 when r ≤ 1, else 11 − r".
 */
export function readmeIndividualNumber(value: string): boolean {
  if (!digitsOnly(value, 12)) return false;
  let sum = 0;
  for (let n = 1; n <= 11; n++) {
    const digit = digitAt(value, 11 - n);
    sum += digit * (n <= 6 ? n + 1 : n - 5);
  }
  const r = sum % 11;
  return digitAt(value, 11) === (r <= 1 ? 0 : 11 - r);
}

export const readmeIdentifierFormats = {
  'municipality-code': readmeMunicipalityCode,
  'resident-code': readmeResidentCode,
  'individual-number': readmeIndividualNumber,
} as const;
