import {
  computeIndividualNumberCheckDigit,
  computeMunicipalityCodeCheckDigit,
  computeResidentCodeCheckDigit,
} from '../spec/formats.ts';

/** What each identifier format is, and how to compute its check digit from the base digits. */
const IDENTIFIERS: Readonly<
  Record<string, { what: string; digits: number; check: (base: string) => number }>
> = {
  'municipality-code': {
    what: 'a municipality code is 6 ASCII digits: the 5-digit local government code and a check digit',
    digits: 6,
    check: computeMunicipalityCodeCheckDigit,
  },
  'resident-code': {
    what: 'a resident code is 11 ASCII digits: 10 digits and a check digit',
    digits: 11,
    check: computeResidentCodeCheckDigit,
  },
  'individual-number': {
    what: 'an individual number is 12 ASCII digits: 11 digits and a check digit',
    digits: 12,
    check: computeIndividualNumberCheckDigit,
  },
};

const DATE_TIME_WITHOUT_OFFSET = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Why `value` fails `format`, in words a sender can act on (ajv only says `must match format
 * "municipality-code"`), or `undefined` when there is nothing to add.
 */
export function explainFormat(format: string, value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const identifier = IDENTIFIERS[format];
  if (identifier !== undefined) {
    if (!new RegExp(`^[0-9]{${identifier.digits}}$`).test(value)) {
      return `${identifier.what}; ${JSON.stringify(value)} has ${value.length} characters${/^[0-9]*$/.test(value) ? '' : ', not all of them digits'}`;
    }
    const expected = identifier.check(value.slice(0, -1));
    return `wrong check digit: ${JSON.stringify(value)} ends in ${value.slice(-1)}, but the check digit of ${value.slice(0, -1)} is ${expected}`;
  }
  switch (format) {
    case 'date-time':
      if (DATE_TIME_WITHOUT_OFFSET.test(value)) {
        return 'the time has no offset: add Z or +09:00 (RFC 3339), e.g. 2025-04-01T09:00:00+09:00';
      }
      if (DATE_ONLY.test(value)) return 'a date alone is not a date-time: add the time and its offset';
      return 'an RFC 3339 date-time with an offset is expected, e.g. 2025-04-01T09:00:00+09:00';
    case 'date':
      return 'an RFC 3339 full date is expected (YYYY-MM-DD, a real calendar date), e.g. 2025-04-01';
    case 'uuid':
      return 'a UUID is expected (8-4-4-4-12 hexadecimal digits), e.g. 3f1c8a52-6b0d-4e47-9a2e-000000000201';
    case 'uri':
      return 'an absolute URI with a scheme is expected, e.g. urn:tekigo:problem:conflict';
    default:
      return undefined;
  }
}
