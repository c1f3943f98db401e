import fc from 'fast-check';
import {
  computeIndividualNumberCheckDigit,
  computeMunicipalityCodeCheckDigit,
  computeResidentCodeCheckDigit,
} from '../../../spec/formats.ts';
import type { LeafConstraints } from './schema-index.ts';

/**
 * fast-check arbitraries from a place's schema constraints (`schema-index.ts`): values meant to
 * satisfy them, and values meant to break exactly one of them. "Meant": the spec's validator,
 * not this file, says which a case is, so a generator that misses a rule costs a case, never a
 * wrong verdict.
 */

/** Characters a name or an address is made of, outside the BMP included (lengths count code points). */
const TEXT_UNIT = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom('山', '田', '花', '子', '丁', '目', '番', '地', 'ー', '1', 'a', ' '),
  },
  { weight: 2, arbitrary: fc.constantFrom('𠮷', '𩸽', '𡈽', '𠀋') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);

/** Longest generated text: cases stay small, so 200 of them take seconds. */
const MAX_TEXT = 24;

const withCheckDigit = (digits: number, check: (base: string) => number) =>
  fc
    .string({ unit: fc.constantFrom(...'0123456789'), minLength: digits, maxLength: digits })
    .map((base) => `${base}${check(base) % 10}`);

const FORMATS: Readonly<Record<string, fc.Arbitrary<string>>> = {
  uuid: fc.uuid({ version: 4 }),
  'date-time': fc
    .date({
      min: new Date('2000-01-01T00:00:00Z'),
      max: new Date('2099-12-31T23:59:59Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString()),
  date: fc
    .date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2099-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10)),
  'municipality-code': withCheckDigit(5, computeMunicipalityCodeCheckDigit),
  'resident-code': withCheckDigit(10, computeResidentCodeCheckDigit),
  'individual-number': withCheckDigit(11, computeIndividualNumberCheckDigit),
};

const codePoints = (s: string): number => [...s].length;

/** A value meant to satisfy the constraints; `current` (the template's value) where nothing better is known. */
export function validValue(c: LeafConstraints, current: unknown): fc.Arbitrary<unknown> {
  if (c.const !== undefined) return fc.constant(c.const);
  if (c.enum) return fc.constantFrom(...c.enum);
  if (c.type === 'integer' || c.type === 'number') {
    const min = c.minimum ?? -1_000_000;
    const max = c.maximum ?? 1_000_000;
    return c.type === 'integer' ? fc.integer({ min, max }) : fc.double({ min, max, noNaN: true });
  }
  if (c.type === 'boolean') return fc.boolean();
  if (c.type !== 'string') return fc.constant(current);
  if (c.format !== undefined) return FORMATS[c.format] ?? fc.constant(current);
  const minLength = c.minLength ?? 0;
  const maxLength = c.maxLength ?? Number.POSITIVE_INFINITY;
  const fits = (s: string) => codePoints(s) >= minLength && codePoints(s) <= maxLength;
  // Patterns of the spec are anchored, and a few bound the length themselves: a draw that does
  // not fit gives way to the template's value rather than being drawn again without end.
  if (c.pattern !== undefined)
    return fc.stringMatching(new RegExp(c.pattern), { size: 'small' }).map((s) => (fits(s) ? s : current));
  const text = fc.string({
    unit: TEXT_UNIT,
    minLength,
    maxLength: Math.max(minLength, Math.min(maxLength, MAX_TEXT)),
  });
  // At the very limit in characters outside the BMP: twice as many UTF-16 units as allowed characters.
  return c.maxLength === undefined
    ? text
    : fc.oneof({ weight: 4, arbitrary: text }, fc.constant('𠮷'.repeat(c.maxLength)));
}

const WRONG_TYPES: readonly unknown[] = [null, true, 0, -1, 1.5, '', 'x', [], {}, ['x'], { x: 1 }];

/** A value meant to break one of the constraints, or the type. */
export function invalidValue(c: LeafConstraints, current: unknown): fc.Arbitrary<unknown> {
  const text = typeof current === 'string' ? current : '';
  const options: fc.Arbitrary<unknown>[] = [
    fc.constantFrom(
      ...WRONG_TYPES.filter((v) => typeof v !== c.type && !(c.type === 'integer' && typeof v === 'number')),
    ),
  ];
  if (c.maxLength !== undefined)
    options.push(fc.constantFrom('a'.repeat(c.maxLength + 1), '山'.repeat(c.maxLength + 1)));
  if ((c.minLength ?? 0) > 0) options.push(fc.constant(''));
  if (c.pattern !== undefined || c.format !== undefined)
    options.push(
      fc.constantFrom(
        `${text}\n`,
        ` ${text}`,
        text.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)),
        text.replace(/[0-9]$/, (d) => String((Number(d) + 1) % 10)),
        text.toUpperCase() === text ? text.toLowerCase() : text.toUpperCase(),
        text.slice(0, -1),
      ),
    );
  if (c.format === 'date' || c.format === 'date-time')
    options.push(fc.constantFrom('2023-02-29', '2024-13-01', '2024-01-01T00:00:00', '2024-01-01 00:00:00Z'));
  if (c.enum)
    options.push(fc.constantFrom(...c.enum.map((v) => `${String(v)}x`), String(c.enum[0]).toUpperCase()));
  if (c.minimum !== undefined) options.push(fc.constant(c.minimum - 1));
  if (c.maximum !== undefined) options.push(fc.constant(c.maximum + 1));
  if (c.type === 'integer') options.push(fc.constantFrom(1.5, Number.MAX_SAFE_INTEGER + 2, '1'));
  if (c.type === 'string')
    options.push(fc.constantFrom(`${text}\u0000`, `${text}\u0007`, `${text}\u0085`, `${text}\u001b[0m`));
  return fc.oneof(...options);
}

/** Keys no schema defines, the prototype's own names first. */
export const EXTRA_KEYS = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'),
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 12 }),
);

/** Any JSON value, small, for a key no schema defines. */
export const ANY_JSON = fc.oneof(
  fc.constantFrom<unknown>(null, true, 0, 'x'),
  fc.constant({ polluted: true }),
  fc.jsonValue({ maxDepth: 2 }),
);
