import { expect, test } from 'vitest';
import { controlCharacters } from './validation.ts';

test('control characters are found in any text field, named by pointer, without quoting the value', () => {
  const errors = controlCharacters({ a: 'ok', b: [{ 'c/d': 'x\u0000y' }], e: 'z\u009b', f: 1 });
  expect(errors).toEqual([
    { pointer: '/b/0/c~1d', detail: 'must not hold a control character' },
    { pointer: '/e', detail: 'must not hold a control character' },
  ]);
});

test('a value nested 10,000 levels deep is walked without exhausting the stack', () => {
  let deep: unknown = 'x\u0007';
  for (let i = 0; i < 10_000; i += 1) deep = [deep];
  expect(controlCharacters(deep)).toHaveLength(1);
});
