import { describe, expect, it } from 'vitest';
import { describeName, NON_BMP_NAME } from './hostile-input-profile.ts';

describe('a name outside the BMP read back', () => {
  it('is intact only code point for code point', () => {
    expect(describeName(NON_BMP_NAME)).toBe('is intact');
    expect(describeName(undefined)).toBe('is missing');
  });
  it('names the first code point that differs, without quoting the name', () => {
    const geta = NON_BMP_NAME.replace(/[\u{10000}-\u{10FFFF}]/gu, '〓');
    expect(describeName(geta)).toBe(
      'differs: 99 code points (99 UTF-16 units) against 99, the first difference at code point 0 (U+3013)',
    );
    expect(describeName(NON_BMP_NAME.slice(0, -2))).toMatch(/98 code points .* it ends after code point 98/);
  });
});
