import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import type { CardProductionBatchRequest, RegistrationNotice } from '../../spec/message-types.generated.ts';
import { CardBatches } from './card-batches.ts';

const request = {
  batchId: 'B',
  sentAt: '2026-04-01T00:00:00Z',
  municipalityCode: '131016',
  records: [
    { recordId: 'r1', residentCode: '90000000019' },
    { recordId: 'r2', residentCode: '90000000026' },
  ],
} as unknown as CardProductionBatchRequest;
const at = '2026-04-01T00:00:01Z';
const status = (state: string, outcomes: string[]) => ({
  state,
  counts: { total: 2, pending: 0, registered: 0, failed: 0 },
  records: outcomes.map((outcome, i) => ({ recordId: `r${i + 1}`, outcome: outcome as 'registered' })),
});
const notice = (noticeId: string, recordIds: string[], final: boolean) =>
  ({
    noticeId,
    batchId: 'B',
    final,
    records: recordIds.map((recordId) => ({ recordId, outcome: 'registered' })),
  }) as unknown as RegistrationNotice;

describe('CardBatches', () => {
  it('follows a batch from its 202 to a terminal status, then waits for its final notice', () => {
    const cards = new CardBatches(new DatabaseSync(':memory:'));
    cards.create(request, at);
    expect(cards.get('B')).toMatchObject({ submitted: false, refused: false });
    cards.markRefused('B', at);
    cards.markSubmitted('B', '/card-batches/B', 100, at);
    expect(cards.get('B')).toMatchObject({ submitted: true, refused: false, centerState: 'received' });
    expect(cards.polled().map((b) => b.batchId)).toEqual(['B']);
    cards.applyStatus('B', status('partially-completed', ['registered', 'failed']), 200, at);
    expect(cards.polled()).toEqual([]);
    expect(cards.awaitingNotice().map((b) => b.terminalReadAt)).toEqual([at]);
    expect(cards.records('B').map((r) => r.outcome)).toEqual(['registered', 'failed']);
    cards.markMissing('B', at);
    expect(cards.awaitingNotice()).toEqual([]);
    expect(cards.get('B')?.missingSince).toBe(at);
  });

  it('applies notices in any order; the final one ends a missing report', () => {
    const cards = new CardBatches(new DatabaseSync(':memory:'));
    cards.create(request, at);
    cards.markSubmitted('B', '/card-batches/B', 100, at);
    cards.applyStatus('B', status('completed', ['registered', 'registered']), 200, at);
    cards.markMissing('B', at);
    cards.applyNotice(notice('n2', ['r2'], true), at);
    cards.applyNotice(notice('n1', ['r1'], false), at);
    expect(cards.get('B')).toMatchObject({ noticesApplied: 2, finalNoticeAt: at, missingSince: undefined });
    expect(cards.records('B').every((r) => r.notified)).toBe(true);
  });
});
