import { describe, expect, it } from 'vitest';
import { checkBatchStatusOwner } from './check-batch-status-owner.ts';
import { applyCheck } from './define-check.ts';

const read = (what: string, status: number | null, seq: number) => ({
  what,
  outcome: status === null ? ('timeout' as const) : ('answered' as const),
  status,
  problemType: status === 404 ? 'urn:tekigo:problem:unknown-batch' : null,
  ref: { ledger: 'suite', seq },
});
const verdict = (owner: number | null, other: number | null) =>
  applyCheck(checkBatchStatusOwner, {
    owner: read('the submitting municipality', owner, 1),
    other: read('another municipality', other, 2),
  }).map((f) => f.verdict);

describe('checkBatchStatusOwner (NC-CARD-008)', () => {
  it('passes when the owner reads it and another municipality is refused 403 or 404', () => {
    expect(verdict(200, 404)).toEqual(['pass']);
    expect(verdict(200, 403)).toEqual(['pass']);
  });
  it('fails when another municipality gets the status', () => {
    expect(verdict(200, 200)).toEqual(['fail']);
  });
  it('is inconclusive when the owner could not read it either', () => {
    expect(verdict(404, 404)).toEqual(['inconclusive']);
    expect(verdict(null, 200)).toEqual(['inconclusive']);
  });
});
