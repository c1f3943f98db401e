import { describe, expect, test } from 'vitest';
import { portablePatternProblems } from './portable-pattern.ts';

describe('portablePatternProblems', () => {
  test.for([
    '^[0-9]{6}$',
    '^[A-Za-z0-9._-]{1,64}$',
    '^[ァ-ヾ]+([ 　][ァ-ヾ]+)*$',
    '^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$',
    '^(?!x)[a-z]+?$',
  ])('accepts %s', (pattern) => {
    expect(portablePatternProblems(pattern)).toEqual([]);
  });

  test.for([
    ['^[\\u30A1-\\u30FE]+$', 'escape in a character class'],
    ['^\\d{6}$', 'escape \\d'],
    ['^(?:ab)+$', '(?: at 1'],
    ['^a$|^b$', '^ at 4'],
    ['^a{x}$', '{ at 2'],
    ['^(a$', 'unbalanced ('],
  ])('refuses %s', ([pattern, problem]) => {
    expect(portablePatternProblems(pattern as string).join('; ')).toContain(problem);
  });
});
