import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OffHeapTexts } from './off-heap-texts.ts';

// Writes to the spill file fail while this is set, as on a full disk.
const disk = vi.hoisted(() => ({ full: false }));
vi.mock('node:fs', async (original) => {
  const fs = await original<typeof import('node:fs')>();
  const writeSync = ((...args: Parameters<typeof fs.writeSync>) => {
    if (disk.full) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    return (fs.writeSync as (...a: unknown[]) => number)(...args);
  }) as typeof fs.writeSync;
  return { ...fs, default: { ...fs, writeSync }, writeSync };
});

const given = ['{"a":1}', '', 'x'.repeat(200), '住民票の写し 𠮷野', '{"b":[1,2,3]}'];
const spillFolders = () => readdirSync(tmpdir()).filter((name) => name.startsWith('tekigo-ledger-'));

describe('OffHeapTexts', () => {
  const made: OffHeapTexts[] = [];
  const store = (bufferBytes: number) => {
    const texts = new OffHeapTexts(bufferBytes);
    made.push(texts);
    return texts;
  };
  afterEach(() => {
    for (const texts of made.splice(0)) texts.dispose();
  });

  it('gives back every text in order, through the spill file, then holds none', () => {
    const before = spillFolders();
    const texts = store(64);
    for (let round = 0; round < 300; round++) for (const text of given) texts.push(`${round}:${text}`);
    expect(texts.length).toBe(1500);
    // The file is unlinked as soon as it is open: nothing is left in the temporary folder.
    expect(spillFolders()).toEqual(before);
    const back = texts.take();
    expect(back).toHaveLength(1500);
    expect(back[0]).toBe('0:{"a":1}');
    expect(back[3]).toBe('0:住民票の写し 𠮷野');
    expect(back[1499]).toBe('299:{"b":[1,2,3]}');
    expect(back.slice(5, 10)).toEqual(given.map((t) => `1:${t}`));
    expect(texts.length).toBe(0);
    expect(texts.take()).toEqual([]);
  });

  it('keeps pushing after a take or a clear, texts longer than the buffer included', () => {
    const texts = store(16);
    texts.push('first');
    texts.take();
    texts.push('second');
    texts.clear();
    texts.push('third');
    texts.push('a text longer than one buffer');
    texts.push('fourth');
    expect(texts.take()).toEqual(['third', 'a text longer than one buffer', 'fourth']);
    for (const text of given) texts.push(text);
    expect(texts.take()).toEqual(given);
  });

  it('keeps the texts in memory where no temporary file can be made', () => {
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = '/nonexistent/tekigo-no-such-folder';
    try {
      const texts = store(32);
      for (const text of given) texts.push(text);
      for (const text of given) texts.push(text);
      expect(texts.take()).toEqual([...given, ...given]);
    } finally {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
    }
  });

  it('loses nothing when the disk fills: what follows stays in memory', () => {
    const texts = store(16);
    for (const text of given) texts.push(`before ${text}`);
    disk.full = true;
    try {
      for (const text of given) texts.push(`after ${text}`);
    } finally {
      disk.full = false;
    }
    texts.push('later');
    expect(texts.take()).toEqual([
      ...given.map((t) => `before ${t}`),
      ...given.map((t) => `after ${t}`),
      'later',
    ]);
  });
});
