import { describe, expect, it } from 'vitest';
import { pointerNames } from './receiver-judges.ts';

describe('pointerNames', () => {
  it('accepts the declared pointer, its parent and a child', () => {
    expect(pointerNames('/records/0/sequence', '/records/0/sequence')).toBe(true);
    expect(pointerNames('/records/0/sequence', '/records/0')).toBe(true);
    expect(pointerNames('/records', '/records/0')).toBe(true);
  });
  it('refuses other fields, grandparents, grandchildren and non-strings', () => {
    expect(pointerNames('/records/0/sequence', '/records/0/residentCode')).toBe(false);
    expect(pointerNames('/records/0/sequence', '/records')).toBe(false);
    expect(pointerNames('/records', '/records/0/sequence')).toBe(false);
    expect(pointerNames('/records', undefined)).toBe(false);
    expect(pointerNames('', '/records/0')).toBe(false);
  });
});
