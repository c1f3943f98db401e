import type { Lang } from '../i18n/lang.ts';
import { messages } from '../i18n/messages.ts';
import {
  computeIndividualNumberCheckDigit,
  computeMunicipalityCodeCheckDigit,
  computeResidentCodeCheckDigit,
} from '../spec/formats.ts';

/** Each identifier format: what it is (a message key), its length and the check digit of its base digits. */
const IDENTIFIERS: Readonly<
  Record<
    string,
    {
      what: 'explain.municipality-code' | 'explain.resident-code' | 'explain.individual-number';
      digits: number;
      check: (base: string) => number;
    }
  >
> = {
  'municipality-code': {
    what: 'explain.municipality-code',
    digits: 6,
    check: computeMunicipalityCodeCheckDigit,
  },
  'resident-code': { what: 'explain.resident-code', digits: 11, check: computeResidentCodeCheckDigit },
  'individual-number': {
    what: 'explain.individual-number',
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
export function explainFormat(format: string, value: unknown, lang: Lang = 'en'): string | undefined {
  if (typeof value !== 'string') return undefined;
  const t = messages(lang);
  const identifier = IDENTIFIERS[format];
  if (identifier !== undefined) {
    if (!new RegExp(`^[0-9]{${identifier.digits}}$`).test(value)) {
      return t['explain.length'](
        t[identifier.what],
        JSON.stringify(value),
        value.length,
        /^[0-9]*$/.test(value),
      );
    }
    const base = value.slice(0, -1);
    return t['explain.checkDigit'](JSON.stringify(value), value.slice(-1), base, identifier.check(base));
  }
  switch (format) {
    case 'date-time':
      if (DATE_TIME_WITHOUT_OFFSET.test(value)) return t['explain.dateTimeNoOffset'];
      if (DATE_ONLY.test(value)) return t['explain.dateOnly'];
      return t['explain.dateTime'];
    case 'date':
      return t['explain.date'];
    case 'uuid':
      return t['explain.uuid'];
    case 'uri':
      return t['explain.uri'];
    default:
      return undefined;
  }
}
