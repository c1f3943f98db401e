import type { FieldError } from '../../spec/problem-types.ts';
import { pointerToken } from '../../spec/problem-types.ts';

/**
 * Defects of input handling the national center's replicas plug into its `batchFieldErrors`
 * seam: what a legacy or careless validator reports of a batch's fields.
 */

const OUTSIDE_BMP = /[\u{10000}-\u{10FFFF}]/u;

function astralFields(value: unknown, pointer = ''): FieldError[] {
  if (typeof value === 'string')
    return OUTSIDE_BMP.test(value) ? [{ pointer, detail: 'must hold only JIS X 0208 characters' }] : [];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => astralFields(v, `${pointer}/${pointerToken(k)}`));
}

/** nc-bmp-only: text is checked against a legacy character set, so names outside the BMP are refused. */
export const refuseOutsideBmp = (errors: readonly FieldError[], body: unknown): FieldError[] => [
  ...errors,
  ...astralFields(body),
];

/** nc-formats-unasserted: `format` taken as an annotation, so check digits, dates and uuids go unchecked. */
export const overlookFormats = (errors: readonly FieldError[]): FieldError[] =>
  errors.filter((e) => !e.detail.startsWith('must match format'));
