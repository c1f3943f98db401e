import { describe, expect, it } from 'vitest';
import { simulateNationalDay } from './national-day.ts';

describe('simulateNationalDay at scale 0.01 against the reference', () => {
  it('loses nothing and applies nothing twice through faults, duplicates, reordering and a crash', async () => {
    const result = await simulateNationalDay({ scale: 0.01 });
    expect(result).toMatchObject({ lost: 0, doubled: 0, reconciliationAgrees: true, restarts: 1 });
    expect(result.accepted).toBe(result.sent);
    expect(result.revocations).toBe(result.revocationsExpected);
  }, 180_000);
});
