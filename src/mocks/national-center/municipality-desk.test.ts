import { describe, expect, it } from 'vitest';
import type { CardProductionBatchRequest } from '../../spec/message-types.generated.ts';
import { CardBatchDesk, DECIDED_AFTER_MS } from './municipality-desk.ts';

const batch = (batchId: string, sentAt = '2026-04-01T00:00:00Z') =>
  ({
    batchId,
    sentAt,
    municipalityCode: '131016',
    records: ['r1', 'r2'].map((recordId) => ({
      recordId,
      recordedAt: '2026-04-01T00:00:00Z',
      residentCode: '90000000019',
    })),
  }) as unknown as CardProductionBatchRequest;
const failure = { type: 'urn:tekigo:problem:unknown-resident', title: 'Unknown resident', status: 422 };

describe('CardBatchDesk', () => {
  it('shows a batch received on the first read and while young, then terminal with the outcomes fixed at submission', () => {
    const desk = new CardBatchDesk();
    const at = new Date('2026-04-01T00:00:00Z');
    const later = new Date(at.getTime() + DECIDED_AFTER_MS);
    desk.submit(batch('B'), new Map([[1, failure]]), at);
    expect(desk.status('B', later)).toMatchObject({ state: 'received', counts: { pending: 2 } });
    expect(desk.status('B', at)).toMatchObject({ state: 'received' });
    expect(desk.status('B', later)).toMatchObject({
      state: 'partially-completed',
      counts: { total: 2, pending: 0, registered: 1, failed: 1 },
    });
    expect(desk.status('nope', new Date())).toBeUndefined();
  });

  it('takes a re-sent batch again whatever its sentAt, refuses other content under its batchId, reconciles by card record', () => {
    const desk = new CardBatchDesk();
    desk.submit(batch('B'), new Map(), new Date());
    expect(desk.submit(batch('B', '2026-04-01T00:00:09Z'), new Map(), new Date())).not.toBe('conflict');
    expect(desk.submit({ ...batch('B'), municipalityCode: '011002' }, new Map(), new Date())).toBe(
      'conflict',
    );
    expect(desk.reconciliation('2026-04-01', 'municipality')[0]?.counts).toMatchObject({
      total: 2,
      accepted: 2,
    });
    expect(desk.reconciliation('2026-04-01', 'certification-authority')).toEqual([]);
  });

  it('on command shows a decided batch completed, counting every record registered and leaving the failed ones out; reset ends it', () => {
    const desk = new CardBatchDesk();
    const at = new Date('2026-04-01T00:00:00Z');
    const later = new Date(at.getTime() + DECIDED_AFTER_MS);
    desk.misreport = 'completed-omitting-failures';
    desk.submit(batch('B'), new Map([[1, failure]]), at);
    expect(desk.status('B', later)).toMatchObject({ state: 'received' });
    const misreported = desk.status('B', later);
    expect(misreported).toMatchObject({
      state: 'completed',
      counts: { total: 2, pending: 0, registered: 2, failed: 0 },
      records: [{ recordId: 'r1', outcome: 'registered' }],
    });
    expect((misreported as { records: unknown[] }).records).toHaveLength(1);
    desk.reset();
    desk.submit(batch('B'), new Map([[1, failure]]), at);
    desk.status('B', later);
    expect(desk.status('B', later)).toMatchObject({ state: 'partially-completed' });
  });
});
