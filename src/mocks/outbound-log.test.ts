import { describe, expect, it } from 'vitest';
import { acceptedDigest } from '../reconciliation/accepted-digest.ts';
import { OutboundLog } from './outbound-log.ts';

const at = '2026-04-01T10:00:00+09:00';
const batch = (...ids: string[]) => ({ records: ids.map((recordId) => ({ recordId, recordedAt: at })) });
const answer = (...results: [string, string][]) => ({
  results: results.map(([recordId, outcome]) => ({ recordId, outcome })),
});

describe('OutboundLog', () => {
  it('counts distinct records by their last answer, and deliveries answered duplicate', () => {
    const log = new OutboundLog();
    log.note('revocation-requests', 'ca', batch('a', 'b', 'c', 'd'), null);
    log.note('revocation-requests', 'ca', batch('a', 'b', 'c'), answer(['a', 'accepted'], ['b', 'rejected']));
    log.note('revocation-requests', 'ca', batch('a'), answer(['a', 'duplicate']));
    log.note('revocation-requests', 'other', batch('e'), answer(['e', 'accepted']));
    expect(log.reconcile('ca', '2026-04-01')).toEqual([
      {
        interface: 'revocation-requests',
        direction: 'outbound',
        counts: { total: 4, accepted: 1, duplicate: 1, rejected: 1, pending: 2, deadLettered: 0 },
        acceptedDigest: acceptedDigest(['a']),
      },
    ]);
    expect(log.reconcile('ca', '2026-04-02')).toEqual([]);
    log.clear();
    expect(log.reconcile('ca', '2026-04-01')).toEqual([]);
  });
});
