import { expect, test } from 'vitest';
import { findJsonSyntaxError } from './json-syntax-error.ts';

test('is null for JSON', () => {
  expect(findJsonSyntaxError('{"a": [1, "x", null]}')).toBeNull();
});

test.for([
  ['{"a": }', "Unexpected token '}'", 6, 1, 7],
  ['{\n  "a": 1,\n}', 'Expected double-quoted property name', 12, 3, 1],
  ['{"a": 1', "Expected ',' or '}' after property value", 7, 1, 8],
  ['{"a": [1, 2', "Expected ',' or ']' after array element", 11, 1, 12],
  ['', 'Unexpected end of JSON input', 0, 1, 1],
  ['{"a": 1} x', 'Unexpected non-whitespace character after JSON', 9, 1, 10],
  ['[\n1,\n2,\nxyz]', "Unexpected token 'x'", 8, 4, 1],
  ['{"名前": "山田", "x": tru }', "Unexpected token ' '", 21, 1, 22],
] as const)('locates %j', ([text, reason, offset, line, column]) => {
  expect(findJsonSyntaxError(text)).toEqual({ reason, offset, line, column });
});
