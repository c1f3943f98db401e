import { describe, expect, it } from 'vitest';
import { RecordInbox } from './record-inbox.ts';

const record = (recordId: string, version = 1) => ({ recordId, recordedAt: '2026-04-01T00:00:00Z', version });
const refusal = { type: 'urn:tekigo:problem:validation', title: 'Refused', status: 422 };

describe('RecordInbox', () => {
  it('accepts new records, answers the same content duplicate and other content a conflict', () => {
    const inbox = new RecordInbox<ReturnType<typeof record>>('resident-sync', 'municipality');
    const now = new Date();
    expect(
      inbox.receive([record('a'), record('b')], new Map([[1, refusal]]), now).map((r) => r.outcome),
    ).toEqual(['accepted', 'rejected']);
    expect(inbox.receive([record('a'), record('a', 2)], new Map(), now).map((r) => r.outcome)).toEqual([
      'duplicate',
      'rejected',
    ]);
    expect(inbox.reconciliation('2026-04-01', 'municipality')[0]?.counts).toEqual({
      total: 2,
      accepted: 1,
      duplicate: 1,
      rejected: 1,
      pending: 0,
      deadLettered: 0,
    });
    expect(inbox.reconciliation('2026-04-01', 'national-center')).toEqual([]);
  });
});
