import { describe, expect, it } from 'vitest';
import { OffHeapTexts } from './off-heap-texts.ts';

describe('OffHeapTexts', () => {
  it('gives back every text in order, across buffers, then holds none', () => {
    const texts = new OffHeapTexts(64);
    const given = ['{"a":1}', '', 'x'.repeat(200), '住民票の写し 𠮷野', '{"b":[1,2,3]}'];
    for (let round = 0; round < 300; round++) for (const text of given) texts.push(`${round}:${text}`);
    expect(texts.length).toBe(1500);
    const back = texts.take();
    expect(back).toHaveLength(1500);
    expect(back[0]).toBe('0:{"a":1}');
    expect(back[3]).toBe('0:住民票の写し 𠮷野');
    expect(back[1499]).toBe('299:{"b":[1,2,3]}');
    expect(back.slice(5, 10)).toEqual(given.map((t) => `1:${t}`));
    expect(texts.length).toBe(0);
    expect(texts.take()).toEqual([]);
  });

  it('keeps pushing after a take or a clear', () => {
    const texts = new OffHeapTexts(16);
    texts.push('first');
    texts.take();
    texts.push('second');
    texts.clear();
    texts.push('third');
    texts.push('a text longer than one buffer');
    expect(texts.take()).toEqual(['third', 'a text longer than one buffer']);
  });
});
