import { describe, expect, test } from 'vitest';
import { explainFormat } from './explain-format.ts';

describe('explainFormat', () => {
  test('a wrong check digit names the digit expected', () => {
    expect(explainFormat('resident-code', '12345678901')).toBe(
      'wrong check digit: "12345678901" ends in 1, but the check digit of 1234567890 is 0',
    );
    expect(explainFormat('municipality-code', '13101')).toMatch(/6 ASCII digits.*has 5 characters/);
    expect(explainFormat('individual-number', '12345678901X')).toMatch(/not all of them digits/);
  });

  test('a date-time without an offset says to add one', () => {
    expect(explainFormat('date-time', '2025-04-01T09:00:00')).toMatch(/^the time has no offset/);
    expect(explainFormat('date-time', '2025-04-01')).toMatch(/a date alone/);
  });

  test('says nothing it does not know', () => {
    expect(explainFormat('json-pointer', 'x')).toBeUndefined();
    expect(explainFormat('date-time', 42)).toBeUndefined();
  });
});
