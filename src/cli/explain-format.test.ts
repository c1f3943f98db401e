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

describe('explainFormat in Japanese', () => {
  test('explains identifiers, check digits and dates in the terms Japanese municipal IT uses', () => {
    expect(explainFormat('municipality-code', '13101', 'ja')).toMatch(/^地方公共団体コードは ASCII 数字6桁/);
    expect(explainFormat('resident-code', '12345678901', 'ja')).toMatch(
      /^検査数字の誤り: "12345678901" の末尾は 1 ですが/,
    );
    expect(explainFormat('date-time', '2025-04-01T09:00:00', 'ja')).toMatch(/^時刻に時差がありません/);
    expect(explainFormat('uuid', 'x', 'ja')).toMatch(/^UUID/);
  });

  test('says the same in English by default', () => {
    expect(explainFormat('date', '2023-02-30')).toBe(explainFormat('date', '2023-02-30', 'en'));
  });
});
