import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { acceptedDigest, jstDate, reconciliationDay } from './accepted-digest.ts';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('acceptedDigest', () => {
  it('gives the digest of the empty string for no records', () => {
    expect(acceptedDigest([])).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('hashes the ids sorted ascending, each followed by a newline', () => {
    const a = '0b5f6a2e-4c1d-4f7e-9a3b-1c2d3e4f5a6b';
    const b = 'f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b';
    expect(acceptedDigest([b, a])).toBe(sha256(`${a}\n${b}\n`));
  });

  it('ignores repeated ids', () => {
    expect(acceptedDigest(['x', 'x', 'y'])).toBe(acceptedDigest(['y', 'x']));
  });
});

describe('jstDate', () => {
  it('moves a UTC evening into the next Japanese day', () => {
    expect(jstDate('2026-03-31T15:00:00Z')).toBe('2026-04-01');
    expect(jstDate('2026-03-31T14:59:59.999Z')).toBe('2026-03-31');
  });

  it('honours the offset written in the timestamp', () => {
    expect(jstDate('2026-04-01T00:00:00+09:00')).toBe('2026-04-01');
    expect(jstDate('2026-03-31T23:59:59+09:00')).toBe('2026-03-31');
    expect(jstDate('2026-03-31T10:00:00-05:00')).toBe('2026-04-01');
  });

  it('refuses a value that is not a timestamp', () => {
    expect(() => jstDate('yesterday')).toThrow(RangeError);
  });
});

describe('reconciliationDay', () => {
  it('is the Japan-time day of the stamp, not of the moment asked', () => {
    const afterMidnight = new Date('2026-12-02T15:00:01Z');
    expect(reconciliationDay('2026-12-02T14:59:59Z', afterMidnight)).toBe('2026-12-02');
    expect(reconciliationDay('2026-12-02T15:00:00Z', afterMidnight)).toBe('2026-12-03');
  });
  it('an absent or unreadable stamp gives the day of now', () => {
    const now = new Date('2026-12-02T15:00:01Z');
    expect(reconciliationDay(undefined, now)).toBe('2026-12-03');
    expect(reconciliationDay('yesterday', now)).toBe('2026-12-03');
  });
});
