import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { ja } from './ja.ts';
import { messages, roleName, verdictWord } from './messages.ts';

const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;

describe('the message catalogs', () => {
  it('have the same keys in English and Japanese', () => {
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
  });

  it('give each text the same kind (string or function of the same arity) in both languages', () => {
    const shape = (table: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(table).map(([key, text]) => [
          key,
          typeof text === 'function' ? text.length : 'string',
        ]),
      );
    expect(shape(ja)).toEqual(shape(en));
  });

  it('leave no Japanese text empty, and write the verdicts and roles in Japanese', () => {
    for (const [key, text] of Object.entries(ja)) {
      if (typeof text === 'string') expect(text.length, key).toBeGreaterThan(0);
    }
    for (const key of Object.keys(ja).filter((k) => k.startsWith('verdict.') || k.startsWith('role.'))) {
      expect(ja[key as keyof typeof ja], key).toMatch(JAPANESE);
    }
  });

  it('names verdicts and roles, and shows an unknown one as given', () => {
    expect(verdictWord(messages('ja'), 'fail')).toBe('不合格');
    expect(verdictWord(messages('en'), 'not-applicable')).toBe('not-applicable');
    expect(verdictWord(messages('ja'), 'waived')).toBe('waived');
    expect(roleName(messages('ja'), 'national-center')).toBe('全国センター');
    expect(roleName(messages('en'), 'nobody')).toBe('nobody');
  });
});
