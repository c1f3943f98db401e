import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { ResidentOrderedOutbox } from './resident-order.ts';

const change = (recordId: string, residentCode: string, at: number) => ({
  recordId,
  interfaceName: 'resident-changes',
  peer: 'national-center',
  recordedAt: new Date(at).toISOString(),
  payload: { recordId, residentCode },
});

function outbox() {
  const box = new ResidentOrderedOutbox(new DatabaseSync(':memory:'), new Set(), 'resident-changes', (r) =>
    String(r.payload.residentCode),
  );
  box.enqueue([change('a1', 'A', 1_000), change('b1', 'B', 2_000), change('a2', 'A', 3_000)], 0);
  return box;
}

describe('ResidentOrderedOutbox', () => {
  it("holds a resident's later change while the earlier one is pending, and sends other residents' changes", () => {
    const box = outbox();
    expect(box.due('resident-changes', 10, 10).map((r) => r.recordId)).toEqual(['a1', 'b1']);
    box.resolve([
      { recordId: 'a1', kind: 'retry', nextAttemptAt: 500, error: { type: 'x', title: 'x' } as never },
    ]);
    expect(box.due('resident-changes', 10, 10).map((r) => r.recordId)).toEqual(['b1']);
    expect(box.nextDueAt('resident-changes')).toBe(0);
    box.resolve([{ recordId: 'b1', kind: 'answered', outcome: 'accepted' }]);
    expect(box.nextDueAt('resident-changes')).toBe(500);
    box.resolve([{ recordId: 'a1', kind: 'answered', outcome: 'accepted' }]);
    expect(box.due('resident-changes', 10, 10).map((r) => r.recordId)).toEqual(['a2']);
  });

  it('lets the later change go once the earlier one is a dead letter', () => {
    const box = outbox();
    box.markAttempt(['a1'], new Date(5).toISOString());
    box.resolve([
      { recordId: 'a1', kind: 'dead', reason: 'rejected', error: { type: 'x', title: 'x' } as never },
    ]);
    expect(box.due('resident-changes', 10, 10).map((r) => r.recordId)).toEqual(['b1', 'a2']);
  });
});
