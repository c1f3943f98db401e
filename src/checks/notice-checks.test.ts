import { describe, expect, it } from 'vitest';
import { checkNoticeRedelivery } from './check-notice-redelivery.ts';
import { applyCheck } from './define-check.ts';
import { batchExchange } from './ledger-fixtures.ts';

const records = [{ recordId: 'r1', outcome: 'registered' }];
const delivery = (noticeId: string, answered: boolean, startMs: number) => ({
  ...batchExchange({ startMs, records: [] }, 'registration-notices'),
  requestBody: { noticeId, batchId: 'B', sentAt: '2026-04-01T00:00:00Z', final: true, records },
  outcome: answered ? ('answered' as const) : ('timeout' as const),
  status: answered ? 200 : null,
  responseBody: answered ? { noticeId, outcome: 'duplicate' } : null,
});
const judge = (entries: ReturnType<typeof delivery>[], accepted: number) =>
  Object.fromEntries(
    applyCheck(checkNoticeRedelivery, {
      ledger: 'municipality',
      entries,
      batchId: 'B',
      dropped: 1,
      outcomes: records,
      applied: [{ noticeId: 'N', batchId: 'B' }],
      reconciled: { accepted, pending: 0, ref: { ledger: 'suite', seq: 1 } },
    }).map((f) => [f.requirement, f.verdict]),
  );

describe('notice-redelivery', () => {
  it('passes a notice re-sent unchanged until acknowledged and counted once', () => {
    expect(judge([delivery('N', false, 0), delivery('N', true, 100)], 1)).toEqual({
      'NC-NOT-002': 'pass',
      'NC-NOT-003': 'pass',
      'NC-NOT-004': 'pass',
      'NC-NOT-005': 'pass',
    });
  });

  it('fails a notice never re-sent but counted delivered, and one re-sent under a new id', () => {
    expect(judge([delivery('N', false, 0)], 1)).toMatchObject({ 'NC-NOT-002': 'fail', 'NC-NOT-004': 'fail' });
    expect(judge([delivery('N', false, 0), delivery('M', true, 100)], 1)).toMatchObject({
      'NC-NOT-002': 'fail',
      'NC-NOT-005': 'fail',
    });
  });
});
