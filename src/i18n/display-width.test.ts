import { describe, expect, it } from 'vitest';
import { displayWidth, padDisplay, truncateDisplay } from './display-width.ts';

describe('displayWidth', () => {
  it('counts kana, kanji and fullwidth forms as two columns', () => {
    expect(displayWidth('pass')).toBe(4);
    expect(displayWidth('合格')).toBe(4);
    expect(displayWidth('スキップ')).toBe(8);
    expect(displayWidth('（ＡＢ）')).toBe(8);
    expect(displayWidth('𠮷野家')).toBe(6);
  });

  it('pads to terminal columns', () => {
    expect(padDisplay('合格', 6)).toBe('合格  ');
    expect(padDisplay('fail', 6)).toBe('fail  ');
    expect(padDisplay('判定不能です', 4)).toBe('判定不能です');
  });
});

describe('truncateDisplay', () => {
  it('cuts at a number of terminal columns, the ellipsis included', () => {
    expect(truncateDisplay('abcdef', 4)).toBe('abc…');
    expect(truncateDisplay('受信側は拒否', 7)).toBe('受信側…');
    expect(truncateDisplay('受信側', 6)).toBe('受信側');
  });
});
