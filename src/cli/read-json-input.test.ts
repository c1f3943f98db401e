import { describe, expect, test } from 'vitest';
import { firstInvalidUtf8 } from './read-json-input.ts';

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('firstInvalidUtf8', () => {
  test('accepts ASCII, two-, three- and four-byte sequences', () => {
    expect(firstInvalidUtf8(Buffer.from('a é 漢 𠮷'))).toBe(-1);
  });

  test.each([
    ['a lone continuation byte', bytes(0x41, 0x80), 1],
    ['a byte that never occurs', bytes(0x41, 0xff), 1],
    ['an overlong two-byte form', bytes(0xc0, 0xaf), 0],
    ['an overlong three-byte form', bytes(0xe0, 0x80, 0xaf), 0],
    ['a surrogate', bytes(0xed, 0xa0, 0x80), 0],
    ['a code point above U+10FFFF', bytes(0xf4, 0x90, 0x80, 0x80), 0],
    ['a truncated sequence at the end', bytes(0x41, 0xe6, 0xbc), 1],
  ])('finds %s', (_, input, offset) => {
    expect(firstInvalidUtf8(input)).toBe(offset);
  });
});
